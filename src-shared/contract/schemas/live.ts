/**
 * Live candles for the monitor window: a window subscribes to a series and gets the recent
 * closed candles from the cache at once, then `live.candles` events with newly closed candles
 * and the candle still forming, and `live.status` events with the connection state. Events go
 * to every window; each carries its subscriptionId, so a window keeps only its own. A
 * subscription is held by a lease: the window renews it (`live.renew`) well within `leaseMs`,
 * or it is released as if the window had unsubscribed (a closed or crashed window stops
 * renewing).
 */
import { z } from 'zod';
import { seriesKeySchema } from '../../market.ts';
import { candleColumnsSchema, durationMsSchema, epochMsSchema } from './common.ts';

export const LIVE_STATES = ['live', 'reconnecting', 'down'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

export const subscriptionIdSchema = z.string().min(1, { error: 'a subscription id is required' });

/** One candle; time is its open time in epoch ms. */
export const liveCandleSchema = z.strictObject({
  time: epochMsSchema,
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
});
export type LiveCandle = z.infer<typeof liveCandleSchema>;

/** live: streaming and complete; reconnecting: the connection is being restored or missed candles fetched; down: not streaming (the reason says why). */
export const liveStatusSchema = z.strictObject({ state: z.enum(LIVE_STATES), reason: z.string() });
export type LiveStatus = z.infer<typeof liveStatusSchema>;

export const MAX_HISTORY_BARS = 5000;

export const liveSubscribeInputSchema = z.strictObject({
  key: seriesKeySchema,
  /** Closed candles wanted in `history`, newest last (default 500). */
  historyBars: z.number().int().min(0).max(MAX_HISTORY_BARS).optional(),
});

export const liveSubscribeOutputSchema = z.strictObject({
  subscriptionId: subscriptionIdSchema,
  key: seriesKeySchema,
  /** The most recent closed candles, from the cache (missing ones fetched first); events continue after the last. */
  history: candleColumnsSchema,
  /** The candle forming now, when one has arrived yet. */
  forming: liveCandleSchema.nullable(),
  status: liveStatusSchema,
  /** Renew within this time or the subscription is released. */
  leaseMs: durationMsSchema,
});

export const liveUnsubscribeInputSchema = z.strictObject({ subscriptionId: subscriptionIdSchema });
/** False when the subscription was not held (already released or expired). */
export const liveUnsubscribeOutputSchema = z.strictObject({ released: z.boolean() });

export const liveRenewInputSchema = z.strictObject({ subscriptionIds: z.array(subscriptionIdSchema).max(1000) });
/** The ids not held any more (expired or released): subscribe again for those. */
export const liveRenewOutputSchema = z.strictObject({ unknown: z.array(subscriptionIdSchema) });

export const liveCandlesEventSchema = z.strictObject({
  subscriptionId: subscriptionIdSchema,
  /** Newly closed candles, ascending, each newer than every candle sent before; absent when none closed. */
  candles: candleColumnsSchema.optional(),
  /** The candle forming now, when it changed: it replaces the previous forming candle. */
  forming: liveCandleSchema.optional(),
});

export const liveStatusEventSchema = z.strictObject({
  subscriptionId: subscriptionIdSchema,
  key: seriesKeySchema,
  state: z.enum(LIVE_STATES),
  reason: z.string(),
});
export type LiveCandlesPayload = z.infer<typeof liveCandlesEventSchema>;
export type LiveStatusPayload = z.infer<typeof liveStatusEventSchema>;
