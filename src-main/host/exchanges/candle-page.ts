/**
 * Turning one page of exchange klines into CandleRows we can trust: numbers parsed strictly,
 * rows sorted ascending with repeated open times removed (Bybit sends newest first; both
 * exchanges occasionally repeat or reorder rows), the candle still forming dropped, and every
 * bar checked against the interval grid, the requested range and the OHLC rules. A page that
 * fails a check is reported as a problem string, never returned.
 */
import type { Interval } from '../../../src-shared/market.ts';
import { findCandleIssues, isoTime } from '../../../src-engine/candles.ts';
import { barOpenTime, isBarOpenTime, nextBarOpenTime } from '../../../src-engine/intervals.ts';
import type { CandleRows } from './adapter.ts';

export interface PageRange {
  /** First bar open time asked for (on the grid). */
  readonly start: number;
  /** Exclusive end: no bar opening at or after it belongs to the page. */
  readonly end: number;
}

/**
 * The bars one request covers: from the first bar opening at or after `from`, at most `limit`
 * bars, ending before `to`. Cutting the range to one page makes both exchanges return the
 * same bars (Bybit would otherwise return the newest `limit`, Binance the oldest).
 */
export function pageRange(interval: Interval, from: number, to: number, limit: number): PageRange {
  const start = isBarOpenTime(from, interval) ? from : nextBarOpenTime(barOpenTime(from, interval), interval);
  let end = start;
  for (let bars = 0; bars < limit && end < to; bars++) end = nextBarOpenTime(end, interval);
  return { start, end: Math.min(end, Math.max(to, start)) };
}

export interface PageCheck {
  /** Fields every row has (Bybit 7, Binance 12); a shorter row was cut short and cannot be trusted. */
  readonly rowFields: number;
  readonly interval: Interval;
  readonly range: PageRange;
  /** The exchange's clock: a bar whose close is after it is still forming. */
  readonly now: number;
}

export type PageResult = { readonly ok: true; readonly rows: CandleRows } | { readonly ok: false; readonly problem: string };

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** A number, or a string holding one; anything else (including '') is NaN. */
export function strictNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** Rows as the exchanges send them: [openTime, open, high, low, close, volume, ...more]. */
export function buildCandlePage(rawRows: unknown, check: PageCheck): PageResult {
  if (!Array.isArray(rawRows)) return { ok: false, problem: `expected a list of klines, got ${describe(rawRows)}` };
  const parsed: number[][] = [];
  for (const [index, raw] of rawRows.entries()) {
    if (!Array.isArray(raw) || raw.length < check.rowFields) {
      return { ok: false, problem: `row ${index}: expected ${check.rowFields} fields [time, open, high, low, close, volume, ...], got ${describe(raw)} (rule short-row)` };
    }
    const values = FIELDS.map((_, i) => strictNumber(raw[i]));
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) {
      const where = Number.isFinite(values[0]) ? `bar ${isoTime(values[0])}` : `row ${index}`;
      return { ok: false, problem: `${where}: ${FIELDS[bad]} is ${JSON.stringify(raw[bad])}, expected a finite number (rule non-finite)` };
    }
    parsed.push(values);
  }
  parsed.sort((a, b) => a[0] - b[0]);
  const unique = parsed.filter((row, i) => i === 0 || row[0] !== parsed[i - 1][0]);
  const { interval, range, now } = check;
  for (const [time] of unique) {
    if (!isBarOpenTime(time, interval)) {
      return { ok: false, problem: `bar ${isoTime(time)}: not a ${interval} open time (rule off-grid)` };
    }
    if (time < range.start || time >= range.end) {
      return {
        ok: false,
        problem: `bar ${isoTime(time)}: outside the requested [${isoTime(range.start)}, ${isoTime(range.end)}) (rule out-of-range)`,
      };
    }
  }
  const closed = unique.filter(([time]) => nextBarOpenTime(time, interval) <= now);
  const rows = toColumns(closed);
  const issues = findCandleIssues(rows, 1);
  if (issues.length > 0) {
    const [issue] = issues;
    return { ok: false, problem: `bar ${isoTime(rows.time[issue.bar])}: ${issue.message} (rule ${issue.rule})` };
  }
  return { ok: true, rows };
}

export function emptyRows(): CandleRows {
  return toColumns([]);
}

function toColumns(rows: readonly number[][]): CandleRows {
  const columns = FIELDS.map((_, field) => Float64Array.from(rows, (row) => row[field]));
  const [time, open, high, low, close, volume] = columns;
  return { time, open, high, low, close, volume };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
