/**
 * Download planning: which pages to request for a series over [from, to), given what the
 * cache already covers. Only missing ranges are fetched; each page spans exactly one request's
 * worth of bars, so a page written is a range covered, and an interrupted download resumes at
 * the first page not yet written.
 */
import type { Interval } from '../../../src-shared/market.ts';
import { barOpenTime, isBarOpenTime, nextBarOpenTime } from '../../../src-engine/intervals.ts';

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export interface PagePlan {
  readonly from: number;
  readonly to: number;
  /** Bars a complete page holds (the exchange may have fewer: outages are real). */
  readonly bars: number;
}

/**
 * The download window: `from` rounded up to a bar open (and not before listing), `to` cut at
 * the bar still forming at `now`, which is never requested, so never stored as closed.
 */
export function downloadWindow(from: number, to: number, interval: Interval, now: number, listedAt: number | null): TimeRange {
  let start = Math.max(from, listedAt ?? from);
  if (!isBarOpenTime(start, interval)) start = nextBarOpenTime(barOpenTime(start, interval), interval);
  const forming = barOpenTime(now, interval);
  const end = Math.min(barOpenTime(to, interval) === to ? to : nextBarOpenTime(barOpenTime(to, interval), interval), forming);
  return { from: start, to: Math.max(start, end) };
}

/** Splits missing ranges (bar-aligned) into pages of at most `pageLimit` bars. */
export function planPages(missing: readonly TimeRange[], interval: Interval, pageLimit: number): PagePlan[] {
  const pages: PagePlan[] = [];
  for (const range of missing) {
    let start = range.from;
    while (start < range.to) {
      let end = start;
      let bars = 0;
      while (bars < pageLimit && end < range.to) {
        end = nextBarOpenTime(end, interval);
        bars++;
      }
      pages.push({ from: start, to: Math.min(end, range.to), bars });
      start = end;
    }
  }
  return pages;
}
