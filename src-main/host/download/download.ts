/**
 * Downloads a candle series into the cache: plans the missing pages, fetches them in
 * parallel (the adapter's rate limiter paces them), and writes each page together with the
 * range it covers in one transaction. Cancel it, lose the network or kill the process at any
 * moment: the cache holds whole pages only, and the next run fetches just what is missing.
 */
import { performance } from 'node:perf_hooks';
import type { FundingRate, Instrument, Market, SeriesKey } from '../../../src-shared/market.ts';
import { barsBetween } from '../../../src-engine/intervals.ts';
import { type CandleRows, type ExchangeAdapter, ExchangeError } from '../exchanges/adapter.ts';
import { downloadWindow, type PagePlan, planPages, type TimeRange } from './plan.ts';

/** The part of the candle cache a download needs (CandleStore provides it). */
export interface DownloadTarget {
  missingRanges(key: SeriesKey, from: number, to: number): TimeRange[];
  writeCandles(key: SeriesKey, rows: CandleRows, covered: TimeRange): void;
  findInstrument(exchange: SeriesKey['exchange'], market: Market, symbol: string): Instrument | null;
  writeInstruments(list: Instrument[]): void;
  writeFunding(exchange: SeriesKey['exchange'], market: Market, symbol: string, rates: FundingRate[], covered: TimeRange): void;
}

export interface DownloadProgress {
  readonly candlesDone: number;
  readonly candlesExpected: number;
  readonly pagesDone: number;
  readonly pagesTotal: number;
  readonly requests: number;
  readonly retries: number;
  readonly elapsedMs: number;
  /** Estimated time left, from the pace so far; null until a page has arrived. */
  readonly etaMs: number | null;
}

export interface DownloadOptions {
  readonly store: DownloadTarget;
  readonly adapter: ExchangeAdapter;
  readonly key: SeriesKey;
  readonly from: number;
  readonly to: number;
  /** Pages in flight at once; the adapter's rate limiter keeps them within the exchange's limits. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** The clock that decides which bar is still forming (never downloaded). */
  readonly now?: () => number;
}

export interface DownloadReport {
  readonly key: SeriesKey;
  readonly window: TimeRange;
  /** Bars in the window that were already cached before this run. */
  readonly alreadyCached: number;
  readonly pagesFetched: number;
  readonly candlesWritten: number;
  /** Bars the exchange did not have inside the fetched ranges (outages, not holes). */
  readonly exchangeGaps: number;
  readonly requests: number;
  readonly retries: number;
  readonly elapsedMs: number;
}

export async function downloadSeries(options: DownloadOptions): Promise<DownloadReport> {
  const { store, adapter, key } = options;
  const started = performance.now();
  const instrument = await instrumentOf(store, adapter, key, options.signal);
  const window = downloadWindow(options.from, options.to, key.interval, (options.now ?? Date.now)(), instrument.launchTime);
  const missing = store.missingRanges(key, window.from, window.to);
  const pages = planPages(missing, key.interval, adapter.pageLimit(key.market));
  const expected = pages.reduce((sum, page) => sum + page.bars, 0);
  const counters = { candles: 0, pages: 0, requests: 0, retries: 0 };
  const report = (): DownloadProgress => {
    const elapsedMs = performance.now() - started;
    const rate = counters.candles > 0 ? elapsedMs / counters.candles : null;
    return {
      candlesDone: counters.candles,
      candlesExpected: expected,
      pagesDone: counters.pages,
      pagesTotal: pages.length,
      requests: counters.requests,
      retries: counters.retries,
      elapsedMs,
      etaMs: rate === null ? null : rate * Math.max(0, expected - counters.candles),
    };
  };
  let gaps = 0;
  await runPages(pages, options.concurrency ?? 4, options.signal, async (page, signal) => {
    const rows = await adapter.fetchCandlePage(key, page.from, page.to, signal, {
      onRequest: () => counters.requests++,
      onRetry: () => {
        counters.retries++;
        options.onProgress?.(report());
      },
    });
    store.writeCandles(key, rows, { from: page.from, to: page.to });
    counters.pages++;
    counters.candles += page.bars;
    gaps += page.bars - rows.time.length;
    options.onProgress?.(report());
  });
  if (options.signal?.aborted) {
    throw new ExchangeError(key.exchange, 'cancelled', `download cancelled after ${counters.pages} of ${pages.length} pages; they are kept`);
  }
  return {
    key,
    window,
    alreadyCached: barsBetween(window.from, window.to, key.interval) - expected,
    pagesFetched: counters.pages,
    candlesWritten: counters.candles - gaps,
    exchangeGaps: gaps,
    requests: counters.requests,
    retries: counters.retries,
    elapsedMs: performance.now() - started,
  };
}

/** The cached instrument, or the exchange's list fetched and cached when it is not known yet. */
async function instrumentOf(store: DownloadTarget, adapter: ExchangeAdapter, key: SeriesKey, signal?: AbortSignal): Promise<Instrument> {
  const cached = store.findInstrument(key.exchange, key.market, key.symbol);
  if (cached !== null) return cached;
  const listed = await adapter.listInstruments(key.market, signal);
  store.writeInstruments(listed);
  const found = listed.find((instrument) => instrument.symbol === key.symbol);
  if (found === undefined) {
    throw new ExchangeError(key.exchange, 'unknown-symbol', `${key.exchange} ${key.market} has no symbol ${key.symbol}`);
  }
  return found;
}

/**
 * Runs `work` over the pages with at most `concurrency` in flight, in plan order. The first
 * failure cancels the pages in flight and is rethrown once they have settled (pages already
 * written stay written); a cancelled signal stops it the same way.
 */
async function runPages(
  pages: readonly PagePlan[],
  concurrency: number,
  signal: AbortSignal | undefined,
  work: (page: PagePlan, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  const cancel = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', cancel, { once: true });
  let next = 0;
  let failure: unknown = null;
  const worker = async (): Promise<void> => {
    while (failure === null && !controller.signal.aborted && next < pages.length) {
      const page = pages[next++];
      try {
        await work(page, controller.signal);
      } catch (error) {
        if (failure === null) failure = error;
        controller.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, pages.length)) }, worker));
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  if (failure !== null) throw failure;
}

/**
 * Funding history of a perpetual over [from, to), fetched and cached with its coverage (spot
 * markets have no funding: nothing to do).
 */
export async function downloadFunding(
  store: DownloadTarget,
  adapter: ExchangeAdapter,
  key: SeriesKey,
  range: TimeRange,
  signal?: AbortSignal,
): Promise<number> {
  if (key.market === 'spot' || range.to <= range.from) return 0;
  const rates = await adapter.fetchFundingRates(key.market, key.symbol, range.from, range.to, signal);
  store.writeFunding(key.exchange, key.market, key.symbol, rates, range);
  return rates.length;
}
