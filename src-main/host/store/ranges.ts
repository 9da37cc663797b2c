/**
 * Half-open time ranges [from, to) in epoch ms, and the set arithmetic the cache does on them:
 * merging fetched ranges into coverage, subtracting coverage from a request, intersecting
 * holes with coverage. Lists are sorted, disjoint and non-adjacent ("normalised") unless a
 * function says otherwise.
 */
import type { Interval } from '../../../src-shared/market.ts';
import { barOpenTime, isBarOpenTime, nextBarOpenTime } from '../../../src-engine/intervals.ts';

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** Sorts, drops empty ranges and joins overlapping or touching ones. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.to > r.from).sort((a, b) => a.from - b.from);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.from <= last.to) {
      if (range.to > last.to) merged[merged.length - 1] = { from: last.from, to: range.to };
    } else {
      merged.push({ from: range.from, to: range.to });
    }
  }
  return merged;
}

/** The parts of `range` that no range of the normalised list `covered` touches. */
export function subtractRanges(range: TimeRange, covered: readonly TimeRange[]): TimeRange[] {
  const missing: TimeRange[] = [];
  let cursor = range.from;
  for (const c of covered) {
    if (c.to <= cursor) continue;
    if (c.from >= range.to) break;
    if (c.from > cursor) missing.push({ from: cursor, to: c.from });
    cursor = c.to;
  }
  if (cursor < range.to) missing.push({ from: cursor, to: range.to });
  return missing;
}

/** Intersection of two normalised lists. */
export function intersectRanges(a: readonly TimeRange[], b: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i].from, b[j].from);
    const to = Math.min(a[i].to, b[j].to);
    if (from < to) out.push({ from, to });
    if (a[i].to < b[j].to) i++;
    else j++;
  }
  return out;
}

/** The first bar open time at or after `time`. */
export function ceilBarOpenTime(time: number, interval: Interval): number {
  return isBarOpenTime(time, interval) ? time : nextBarOpenTime(barOpenTime(time, interval), interval);
}

/**
 * Snaps [from, to) to the bar grid without changing which bars it holds: a bar belongs to a
 * range when its open time lies inside it, so both ends move up to the next open time.
 */
export function alignRange(range: TimeRange, interval: Interval): TimeRange {
  return { from: ceilBarOpenTime(range.from, interval), to: ceilBarOpenTime(range.to, interval) };
}
