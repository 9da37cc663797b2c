/**
 * What a backtest reads from the cache for one series: the candles (built from a lower cached
 * interval when the series itself is not stored), the instrument's order rules, the funding
 * settlements over the candles' span, and the default fees the settings give its market. `bst backtest` and the core services both load through
 * here, so a cached backtest gets the same inputs whichever front end starts it.
 */
import type { FundingSeries, InstrumentRules } from '../../../src-engine/backtest/types.ts';
import type { Candles } from '../../../src-engine/candles.ts';
import { nextBarOpenTime } from '../../../src-engine/intervals.ts';
import { describeSeries, type SeriesKey } from '../../../src-shared/market.ts';
import { SettingsRepository } from '../repositories/settings-repository.ts';
import type { CandleStore } from '../store/candle-store.ts';
import { feesFor } from './settings.ts';

/** What the data source knows about the market: instrument rules and funding, when cached; the fees the settings give it. */
export interface MarketDefaults {
  readonly instrument?: InstrumentRules;
  readonly funding?: FundingSeries;
  readonly fees?: { readonly maker: number; readonly taker: number };
}

export interface CachedMarketData {
  /** Empty when the cache holds nothing that makes these bars; callers word that failure. */
  readonly candles: Candles;
  /** The series' name, for the run manifest. */
  readonly source: string;
  readonly defaults: MarketDefaults;
}

export function loadCachedMarketData(store: CandleStore, key: SeriesKey, from?: number, to?: number): CachedMarketData {
  const candles = store.readResampled(key, key.interval, from, to);
  const source = describeSeries(key);
  const n = candles.time.length;
  if (n === 0) return { candles, source, defaults: {} };
  const instrument = store.findInstrument(key.exchange, key.market, key.symbol);
  const rates = key.market === 'spot' ? [] : store.readFunding(key.exchange, key.market, key.symbol, candles.time[0], nextBarOpenTime(candles.time[n - 1], key.interval));
  return {
    candles,
    source,
    defaults: {
      instrument: instrument ?? undefined,
      funding: rates.length === 0 ? undefined : { time: Float64Array.from(rates, (r) => r.time), rate: Float64Array.from(rates, (r) => r.rate) },
      fees: feesFor(new SettingsRepository(store.connection).read().defaultFees, key.exchange, key.market),
    },
  };
}
