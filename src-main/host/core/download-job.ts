/**
 * A download as a core job: the candles of [from, to) that the cache lacks, then, for a
 * perpetual, the funding settlements over the same window that it lacks. Progress counts
 * candles; cancelling keeps every page already written (see downloadSeries).
 */
import { type DownloadReport, downloadFunding, downloadSeries } from '../download/download.ts';
import type { ExchangeAdapter } from '../exchanges/adapter.ts';
import type { CandleStore } from '../store/candle-store.ts';
import { describeSeries, type SeriesKey } from '../../../src-shared/market.ts';
import { CoreError } from './errors.ts';
import type { JobContext } from './job-manager.ts';

export interface DownloadSummary extends DownloadReport {
  readonly kind: 'download';
  /** Funding settlements fetched (0 for spot, and when the window's funding was cached). */
  readonly fundingSettlements: number;
}

export interface DownloadJob {
  readonly store: CandleStore;
  readonly adapter: ExchangeAdapter;
  readonly key: SeriesKey;
  readonly from: number;
  readonly to: number;
  readonly concurrency: number;
  readonly now: () => number;
}

export async function runDownloadJob(job: DownloadJob, context: JobContext): Promise<DownloadSummary> {
  const { store, adapter, key } = job;
  const { signal } = context;
  context.progress({ done: 0, total: 0, message: 'planning' });
  let pages = { done: 0, total: 0 };
  const report = await downloadSeries({
    store,
    adapter,
    key,
    from: job.from,
    to: job.to,
    concurrency: job.concurrency,
    signal,
    now: job.now,
    onProgress: (p) => {
      pages = { done: p.pagesDone, total: p.pagesTotal };
      context.progress({
        done: p.candlesDone,
        total: p.candlesExpected,
        etaMs: p.etaMs,
        message: `${p.pagesDone} of ${p.pagesTotal} pages${p.retries > 0 ? `, ${p.retries} retries` : ''}`,
      });
    },
  }).catch((error: unknown) => {
    if (!signal.aborted) throw error;
    const kept = pages.done === 0 ? 'before any page was written' : `after ${pages.done} of ${pages.total} pages; those are kept`;
    throw new CoreError('cancelled', `download of ${describeSeries(key)} cancelled ${kept}`, { cause: error });
  });
  let fundingSettlements = 0;
  if (key.market !== 'spot') {
    const candles = report.candlesWritten + report.exchangeGaps;
    context.progress({ done: candles, total: candles, message: 'funding' });
    for (const range of store.missingFundingRanges(key.exchange, key.market, key.symbol, report.window.from, report.window.to)) {
      fundingSettlements += await downloadFunding(store, adapter, key, range, signal);
    }
  }
  return { kind: 'download', ...report, fundingSettlements };
}
