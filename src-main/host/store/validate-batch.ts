/**
 * The gate in front of the cache: a batch of candles and the range it claims to cover are
 * checked completely before anything is written, because a cache that once accepted a bad bar
 * keeps serving it to every backtest. The error names the series, the bar and the rule.
 */
import { type CandleRule, findCandleIssues, isoTime } from '../../../src-engine/candles.ts';
import { barOpenTime, isBarOpenTime, nextBarOpenTime } from '../../../src-engine/intervals.ts';
import { describeSeries, type SeriesKey, seriesKeySchema } from '../../../src-shared/market.ts';
import type { CandleRows } from '../exchanges/adapter.ts';
import { alignRange, type TimeRange } from './ranges.ts';

export type BatchRule = CandleRule | 'invalid-key' | 'invalid-range' | 'off-grid' | 'outside-coverage' | 'forming';

export class CandleBatchError extends Error {
  /** The series as `describeSeries` writes it. */
  readonly series: string;
  /** Open time of the offending bar, or null when the whole batch is at fault. */
  readonly barTime: number | null;
  readonly rule: BatchRule;
  constructor(series: string, barTime: number | null, rule: BatchRule, reason: string) {
    const where = barTime === null ? '' : `bar ${isoTime(barTime)}: `;
    super(`cannot store ${series}: ${where}${reason} (rule ${rule}); nothing was written`);
    this.name = 'CandleBatchError';
    this.series = series;
    this.barTime = barTime;
    this.rule = rule;
  }
}

/**
 * Checks a batch and returns the coverage it may record: `covered` snapped to the bar grid and
 * cut at the bar still forming at `now`, since no download can know that bar or later ones.
 */
export function validateCandleBatch(key: SeriesKey, rows: CandleRows, covered: TimeRange, now: number): TimeRange {
  const parsedKey = seriesKeySchema.safeParse(key);
  const series = parsedKey.success ? describeSeries(key) : JSON.stringify(key);
  if (!parsedKey.success) {
    throw new CandleBatchError(series, null, 'invalid-key', parsedKey.error.issues.map((i) => i.message).join('; '));
  }
  if (!Number.isFinite(covered.from) || !Number.isFinite(covered.to) || covered.from > covered.to) {
    throw new CandleBatchError(
      series,
      null,
      'invalid-range',
      `the covered range [${covered.from}, ${covered.to}) must be finite epoch ms with from <= to`,
    );
  }
  const fail = (bar: number, rule: BatchRule, reason: string): never => {
    const time = rows.time[bar];
    throw new CandleBatchError(series, time === undefined || !Number.isFinite(time) ? null : time, rule, reason);
  };

  const issue = findCandleIssues(rows, 1)[0];
  if (issue !== undefined) fail(issue.bar, issue.rule, issue.message);
  const { time } = rows;
  const n = time.length;
  for (let i = 0; i < n; i++) {
    if (!isBarOpenTime(time[i], key.interval)) {
      fail(i, 'off-grid', `open time is not on the ${key.interval} grid (nearest open ${isoTime(barOpenTime(time[i], key.interval))})`);
    }
  }
  const outside = `open time is outside the covered range [${isoTime(covered.from)}, ${isoTime(covered.to)})`;
  if (n > 0 && time[0] < covered.from) fail(0, 'outside-coverage', outside);
  if (n > 0 && time[n - 1] >= covered.to) {
    let first = n - 1;
    while (first > 0 && time[first - 1] >= covered.to) first--;
    fail(first, 'outside-coverage', outside);
  }
  if (n > 0 && nextBarOpenTime(time[n - 1], key.interval) > now) {
    let first = n - 1;
    while (first > 0 && nextBarOpenTime(time[first - 1], key.interval) > now) first--;
    const closes = nextBarOpenTime(time[first], key.interval);
    fail(first, 'forming', `the bar closes at ${isoTime(closes)}, after now (${isoTime(now)}): it is still forming`);
  }

  const aligned = alignRange(covered, key.interval);
  const to = Math.min(aligned.to, barOpenTime(now, key.interval));
  return { from: Math.min(aligned.from, to), to };
}
