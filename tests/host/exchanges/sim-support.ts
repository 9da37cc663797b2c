/**
 * Helpers for running the adapters against the exchange simulator: one adapter factory with
 * short retry delays, the markets every adapter serves, and plain-array views of candle
 * columns so mismatches print readably.
 */
import type { AdapterOptions } from '../../../src-main/host/exchanges/options.ts';
import type { CandleRows, ExchangeAdapter } from '../../../src-main/host/exchanges/adapter.ts';
import { createBinanceAdapter } from '../../../src-main/host/exchanges/binance.ts';
import { createBybitAdapter } from '../../../src-main/host/exchanges/bybit.ts';
import type { Exchange, Market } from '../../../src-shared/market.ts';
import type { ExchangeSimulator } from '../../exchange-sim/index.ts';

export interface Venue {
  readonly exchange: Exchange;
  readonly market: Market;
  readonly symbol: string;
  /** The simulator path of this market's kline endpoint, for fault rules and request counts. */
  readonly klinePath: string;
}

export const VENUES: readonly Venue[] = [
  { exchange: 'bybit', market: 'spot', symbol: 'BTCUSDT', klinePath: '/bybit/v5/market/kline' },
  { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', klinePath: '/bybit/v5/market/kline' },
  { exchange: 'bybit', market: 'inverse', symbol: 'BTCUSD', klinePath: '/bybit/v5/market/kline' },
  { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', klinePath: '/binance-spot/api/v3/klines' },
  { exchange: 'binance', market: 'linear', symbol: 'BTCUSDT', klinePath: '/binance-futures/fapi/v1/klines' },
];

export function simAdapter(sim: ExchangeSimulator, exchange: Exchange, extra: Partial<AdapterOptions> = {}): ExchangeAdapter {
  const options: AdapterOptions = {
    endpoints: sim.endpoints,
    now: () => sim.now(),
    retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40 },
    ...extra,
  };
  return exchange === 'bybit' ? createBybitAdapter(options) : createBinanceAdapter(options);
}

/** Columns as plain arrays, for readable equality failures. */
export function plain(rows: CandleRows): Record<keyof CandleRows, number[]> {
  return {
    time: [...rows.time],
    open: [...rows.open],
    high: [...rows.high],
    low: [...rows.low],
    close: [...rows.close],
    volume: [...rows.volume],
  };
}

/** How many requests the simulator has seen on `path` so far. */
export function requestsOn(sim: ExchangeSimulator, path: string): number {
  return sim.stats().requests[path] ?? 0;
}
