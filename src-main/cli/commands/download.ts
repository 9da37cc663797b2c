/** `bst download`: fills the candle cache from Bybit or Binance (or the exchange simulator). */
import { type Market, describeSeries, type SeriesKey } from '../../../src-shared/market.ts';
import { isoTime } from '../../../src-engine/candles.ts';
import { downloadFunding, downloadSeries } from '../../host/download/download.ts';
import type { ExchangeAdapter, ExchangeEndpoints } from '../../host/exchanges/adapter.ts';
import { createBinanceAdapter, createBybitAdapter } from '../../host/exchanges/index.ts';
import { CandleStore } from '../../host/store/candle-store.ts';
import { numberOption } from '../options.ts';
import { progressWriter } from '../progress.ts';
import { dataDirOption, SERIES_OPTIONS, type SeriesOptionValues, seriesKeyOption, timeRangeOption } from '../series-options.ts';
import { UsageError } from '../usage-error.ts';

export const DOWNLOAD_OPTIONS = {
  ...SERIES_OPTIONS,
  'base-url': { type: 'string' },
  concurrency: { type: 'string' },
} as const;

export interface DownloadCommandOptions extends SeriesOptionValues {
  data?: string;
  'base-url'?: string;
  concurrency?: string;
}

/** `--base-url` replaces the REST base URL of the exchange and market being downloaded. */
function endpointsFor(key: Pick<SeriesKey, 'exchange' | 'market'>, baseUrl: string | undefined): ExchangeEndpoints {
  if (baseUrl === undefined) return {};
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new UsageError(`--base-url ${baseUrl}: expected an http(s) URL`);
  const url = baseUrl.replace(/\/+$/, '');
  if (key.exchange === 'bybit') return { bybitRest: url };
  return key.market === 'spot' ? { binanceSpotRest: url } : { binanceFuturesRest: url };
}

export function adapterFor(key: Pick<SeriesKey, 'exchange' | 'market'>, baseUrl: string | undefined): ExchangeAdapter {
  const endpoints = endpointsFor(key, baseUrl);
  return key.exchange === 'bybit' ? createBybitAdapter({ endpoints }) : createBinanceAdapter({ endpoints });
}

export async function runDownload(
  options: DownloadCommandOptions,
  io: { write: (text: string) => void; writeProgress: (text: string) => void; interactive: boolean; signal?: AbortSignal },
): Promise<void> {
  const key = seriesKeyOption(options);
  const { from, to } = timeRangeOption(options);
  if (from === undefined) throw new UsageError('bst download needs --from (a UTC date such as 2024-01-01); --to defaults to now');
  const concurrency = numberOption('concurrency', options.concurrency, 4, { min: 1, max: 32 });
  const adapter = adapterFor(key, options['base-url']);
  const store = CandleStore.open(dataDirOption(options.data));
  const progress = progressWriter(io.writeProgress, io.interactive);
  try {
    const report = await downloadSeries({
      store,
      adapter,
      key,
      from,
      to: to ?? Date.now(),
      concurrency: Math.floor(concurrency),
      signal: io.signal,
      onProgress: (p) => progress.update(p),
    });
    progress.done();
    const funding = await downloadFunding(store, adapter, key, report.window, io.signal);
    io.write(
      `${describeSeries(key)}: ${report.candlesWritten.toLocaleString('en-US')} candles downloaded in ${report.pagesFetched} pages ` +
        `(${report.requests} requests, ${report.retries} retries, ${(report.elapsedMs / 1000).toFixed(1)} s); ` +
        `${report.alreadyCached.toLocaleString('en-US')} were cached already` +
        `${report.exchangeGaps > 0 ? `; the exchange has no candle for ${report.exchangeGaps} bars (outages)` : ''}` +
        `${fundingNote(key.market, funding)}\n`,
    );
    io.write(`window ${isoTime(report.window.from)} .. ${isoTime(report.window.to)} (the bar still forming is never stored)\n`);
  } finally {
    progress.done();
    store.close();
  }
}

function fundingNote(market: Market, settlements: number): string {
  return market === 'spot' ? '' : `; ${settlements} funding settlements`;
}
