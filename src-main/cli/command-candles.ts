/**
 * The candles a command runs on, read the same way by `bst backtest` and `bst optimise`: a CSV
 * file (--data file.csv), or a cached series (--exchange --market --symbol --interval, with
 * --data <dir> naming the data folder) with its instrument rules, funding and default fees.
 */
import path from 'node:path';
import { describeSeries } from '../../src-shared/market.ts';
import { type CachedMarketData, loadCachedMarketData } from '../host/core/cached-market-data.ts';
import { readCandleCsvFile } from '../host/csv/read-candle-csv.ts';
import { CandleStore } from '../host/store/candle-store.ts';
import { dataDirOption, type SeriesOptionValues, seriesKeyOption, timeRangeOption } from './series-options.ts';
import { UsageError } from './usage-error.ts';

export function loadCommandCandles(command: string, options: SeriesOptionValues & { readonly data?: string }): CachedMarketData {
  if (options.exchange === undefined) {
    if (options.data === undefined) throw new UsageError(`bst ${command} needs --data <candles.csv>, or --exchange --market --symbol --interval to read the cache`);
    return { candles: readCandleCsvFile(options.data).candles, source: path.basename(options.data), defaults: {} };
  }
  const key = seriesKeyOption(options);
  const { from, to } = timeRangeOption(options);
  const store = CandleStore.open(dataDirOption(options.data));
  try {
    const data = loadCachedMarketData(store, key, from, to);
    if (data.candles.time.length === 0) throw new UsageError(`the cache has no ${describeSeries(key)} candles in that range (nor a lower interval to build them from); run bst download first`);
    return data;
  } finally {
    store.close();
  }
}
