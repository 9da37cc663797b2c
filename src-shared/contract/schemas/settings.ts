/**
 * The workstation's settings: where the exchanges are reached, the fees a backtest charges
 * when it names none, the UI theme and the live monitor's layout. Stored in the database;
 * `settings.update` takes any part of them and answers the whole.
 */
import { z } from 'zod';
import { seriesKeySchema } from '../../market.ts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
const wsUrl = z.url({ protocol: /^wss?$/, error: 'expected a ws:// or wss:// URL' });

/** Base URLs; an absent entry means the exchange's public endpoint. */
export const exchangeEndpointsSchema = z.strictObject({
  bybitRest: httpUrl.optional(),
  binanceSpotRest: httpUrl.optional(),
  binanceFuturesRest: httpUrl.optional(),
  bybitWs: wsUrl.optional(),
  binanceSpotWs: wsUrl.optional(),
  binanceFuturesWs: wsUrl.optional(),
});

/** A fee as a fraction of notional (0.001 = 0.1 %); 10 % is far above any real tier, so larger is a typo. */
const feeRate = z.number().finite().min(0, { error: 'a fee cannot be negative' }).max(0.1, { error: 'a fee is a fraction: at most 0.1 (10 %)' });
export const feePairSchema = z.strictObject({ maker: feeRate, taker: feeRate });

export const defaultFeesSchema = z.strictObject({
  bybit: z.strictObject({ spot: feePairSchema, linear: feePairSchema, inverse: feePairSchema }),
  binance: z.strictObject({ spot: feePairSchema, linear: feePairSchema }),
});

export const THEMES = ['dark', 'light'] as const;

export const MAX_MONITOR_CHARTS = 40;
export const MAX_CHART_INDICATORS = 8;

/** An indicator drawn over a monitor chart: its kind and parameter values in the definition's order. */
export const monitorIndicatorSchema = z.strictObject({
  kind: z.string().min(1).max(40),
  params: z.array(z.number().finite()).max(10),
});

/** One chart of the live monitor: the series, its overlays, and the saved strategy whose signals it marks. */
export const monitorChartSchema = z.strictObject({
  /** Stable across restarts, so a chart keeps its place and settings. */
  id: z.string().min(1).max(64),
  key: seriesKeySchema,
  indicators: z.array(monitorIndicatorSchema).max(MAX_CHART_INDICATORS),
  /** A saved strategy's id, or null for none. */
  strategyId: z.string().min(1).nullable(),
  /** A desktop notification for each new signal of the strategy. */
  notify: z.boolean(),
});

/** The monitor's charts in grid order (left to right, top to bottom). */
export const monitorLayoutSchema = z.strictObject({ charts: z.array(monitorChartSchema).max(MAX_MONITOR_CHARTS) });

export const workstationSettingsSchema = z.strictObject({
  exchangeEndpoints: exchangeEndpointsSchema,
  defaultFees: defaultFeesSchema,
  theme: z.enum(THEMES, { error: `theme must be one of ${THEMES.join(', ')}` }),
  monitorLayout: monitorLayoutSchema,
});
export type WorkstationSettings = z.infer<typeof workstationSettingsSchema>;
export type MonitorLayout = z.infer<typeof monitorLayoutSchema>;
export type MonitorChart = z.infer<typeof monitorChartSchema>;
export type MonitorIndicator = z.infer<typeof monitorIndicatorSchema>;
export type ExchangeEndpoints = z.infer<typeof exchangeEndpointsSchema>;
export type DefaultFees = z.infer<typeof defaultFeesSchema>;

/**
 * The exchanges' published base-tier (non-VIP) rates:
 * - Bybit: spot 0.1 % / 0.1 %; perpetuals and futures (USDT linear and inverse) maker 0.02 %,
 *   taker 0.055 % (https://www.bybit.com/en/help-center/article/Trading-Fee-Structure).
 * - Binance: spot 0.1 % / 0.1 % (https://www.binance.com/en/fee/schedule); USD-M futures maker
 *   0.02 %, taker 0.05 % (https://www.binance.com/en/fee/futureFee).
 * Checked against the loweef crypto futures fee index (2026-10) and nautilus-binance's
 * BINANCE_SPOT_FEE_DEFAULT (0.001).
 */
export const DEFAULT_SETTINGS: WorkstationSettings = {
  exchangeEndpoints: {},
  defaultFees: {
    bybit: {
      spot: { maker: 0.001, taker: 0.001 },
      linear: { maker: 0.0002, taker: 0.00055 },
      inverse: { maker: 0.0002, taker: 0.00055 },
    },
    binance: {
      spot: { maker: 0.001, taker: 0.001 },
      linear: { maker: 0.0002, taker: 0.0005 },
    },
  },
  theme: 'dark',
  monitorLayout: { charts: [] },
};

const feePairPatch = feePairSchema.partial();

/**
 * What `settings.update` takes: any part of the settings, merged into the stored ones field by
 * field. An endpoint set to null goes back to the public endpoint.
 */
export const settingsPatchSchema = z.strictObject({
  exchangeEndpoints: z
    .strictObject({
      bybitRest: httpUrl.nullable(),
      binanceSpotRest: httpUrl.nullable(),
      binanceFuturesRest: httpUrl.nullable(),
      bybitWs: wsUrl.nullable(),
      binanceSpotWs: wsUrl.nullable(),
      binanceFuturesWs: wsUrl.nullable(),
    })
    .partial()
    .optional(),
  defaultFees: z
    .strictObject({
      bybit: z.strictObject({ spot: feePairPatch, linear: feePairPatch, inverse: feePairPatch }).partial(),
      binance: z.strictObject({ spot: feePairPatch, linear: feePairPatch }).partial(),
    })
    .partial()
    .optional(),
  theme: workstationSettingsSchema.shape.theme.optional(),
  /** Replaces the whole layout (the monitor always sends all of it). */
  monitorLayout: monitorLayoutSchema.optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
