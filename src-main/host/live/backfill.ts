/**
 * Fills a live series' cache from REST up to the bar forming now, with the pages the
 * downloader would fetch and the same coverage rule, except at the end: the exchange's REST
 * may not serve a bar that closed a moment ago yet, so the page that reaches the forming bar
 * covers only up to its last candle. A bar missing there is fetched again next time instead
 * of being recorded as an exchange gap.
 */
import { nextBarOpenTime } from '../../../src-engine/intervals.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import type { CandleRows, ExchangeAdapter } from '../exchanges/adapter.ts';
import { planPages, type TimeRange } from '../download/plan.ts';

/** The part of the candle cache the live hub uses (CandleStore provides it). */
export interface LiveStore {
  missingRanges(key: SeriesKey, from: number, to: number): TimeRange[];
  writeCandles(key: SeriesKey, rows: CandleRows, covered: TimeRange): void;
  readCandles(key: SeriesKey, from?: number, to?: number): CandleRows;
}

/** Fetches what the cache lacks of [from, to) (`to` the forming bar's open), page by page, oldest first. */
export async function backfill(store: LiveStore, adapter: ExchangeAdapter, key: SeriesKey, from: number, to: number, signal?: AbortSignal): Promise<void> {
  if (from >= to) return;
  const pages = planPages(store.missingRanges(key, from, to), key.interval, adapter.pageLimit(key.market));
  for (const page of pages) {
    const rows = await adapter.fetchCandlePage(key, page.from, page.to, signal);
    const count = rows.time.length;
    const end = page.to < to ? page.to : count === 0 ? page.from : Math.min(page.to, nextBarOpenTime(rows.time[count - 1], key.interval));
    store.writeCandles(key, rows, { from: page.from, to: end });
  }
}
