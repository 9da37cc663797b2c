/**
 * The market-data vocabulary shared by every layer: which exchanges, markets and candle
 * intervals exist, and how a candle series is named.
 */
import { z } from 'zod';

export const EXCHANGES = ['bybit', 'binance'] as const;
export const MARKETS = ['spot', 'linear', 'inverse'] as const;
export const INTERVALS = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w', '1M'] as const;

export const exchangeSchema = z.enum(EXCHANGES, { error: `exchange must be one of ${EXCHANGES.join(', ')}` });
export const marketSchema = z.enum(MARKETS, { error: `market must be one of ${MARKETS.join(', ')}` });
export const intervalSchema = z.enum(INTERVALS, { error: `interval must be one of ${INTERVALS.join(', ')}` });

export type Exchange = z.infer<typeof exchangeSchema>;
export type Market = z.infer<typeof marketSchema>;
export type Interval = z.infer<typeof intervalSchema>;

/** One candle series: a symbol on a market of an exchange, at one interval. */
export const seriesKeySchema = z.strictObject({
  exchange: exchangeSchema,
  market: marketSchema,
  symbol: z.string().regex(/^[A-Z0-9]{2,30}$/, { error: 'symbol must be upper-case letters and digits, e.g. BTCUSDT' }),
  interval: intervalSchema,
});
export type SeriesKey = z.infer<typeof seriesKeySchema>;

export function describeSeries(key: SeriesKey): string {
  return `${key.exchange} ${key.market} ${key.symbol} ${key.interval}`;
}

/** Trading rules and state of one instrument, as an exchange lists it. */
export const instrumentSchema = z.strictObject({
  exchange: exchangeSchema,
  market: marketSchema,
  symbol: z.string(),
  baseAsset: z.string(),
  quoteAsset: z.string(),
  /** The exchange's own status word, lower-cased: trading, prelaunch, settling, delivering, closed, break, ... */
  status: z.string(),
  contractType: z.enum(['spot', 'perpetual', 'futures']),
  tickSize: z.number().nonnegative(),
  qtyStep: z.number().nonnegative(),
  minQty: z.number().nonnegative(),
  minNotional: z.number().nonnegative(),
  /** Listing time (epoch ms) when the exchange publishes it; candles never start before it. */
  launchTime: z.number().nullable(),
});
export type Instrument = z.infer<typeof instrumentSchema>;

/** One funding settlement of a perpetual: epoch ms and the rate longs paid (negative: received). */
export interface FundingRate {
  readonly time: number;
  readonly rate: number;
}
