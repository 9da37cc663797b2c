/** Page conversion: range cutting, strict numbers, ordering and dedupe, forming-candle drop, validation messages. */
import { describe, expect, it } from 'vitest';
import { buildCandlePage, pageRange, strictNumber, type PageCheck } from '../../../src-main/host/exchanges/candle-page.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** A valid hourly kline row at hour k, Bybit style (strings). */
function row(k: number, close = 10.5): string[] {
  return [String(T0 + k * HOUR), '10', '11', '9', String(close), '100', '1000'];
}

const check: PageCheck = { rowFields: 7, interval: '1h', range: { start: T0, end: T0 + 10 * HOUR }, now: T0 + 100 * HOUR };

function rowsOf(result: ReturnType<typeof buildCandlePage>) {
  if (!result.ok) throw new Error(`expected a valid page, got: ${result.problem}`);
  return result.rows;
}

function problemOf(result: ReturnType<typeof buildCandlePage>): string {
  if (result.ok) throw new Error('expected an invalid page');
  return result.problem;
}

describe('pageRange', () => {
  it('starts at the first bar opening at or after from and spans at most limit bars', () => {
    expect(pageRange('1h', T0 + 1, T0 + 5000 * HOUR, 1000)).toEqual({ start: T0 + HOUR, end: T0 + 1001 * HOUR });
    expect(pageRange('1h', T0, T0 + 3 * HOUR, 1000)).toEqual({ start: T0, end: T0 + 3 * HOUR });
  });

  it('is empty when no bar opens inside [from, to)', () => {
    const range = pageRange('1d', T0 + 1, T0 + 2, 1000);
    expect(range.start).toBeGreaterThanOrEqual(range.end);
  });

  it('steps calendar months for 1M', () => {
    expect(pageRange('1M', T0, Date.UTC(2030, 0, 1), 3)).toEqual({ start: T0, end: Date.UTC(2024, 3, 1) });
  });
});

describe('strictNumber', () => {
  it('parses numbers and numeric strings only', () => {
    expect(strictNumber('42.5')).toBe(42.5);
    expect(strictNumber(7)).toBe(7);
    expect(strictNumber('')).toBeNaN();
    expect(strictNumber(' ')).toBeNaN();
    expect(strictNumber(null)).toBeNaN();
    expect(strictNumber('abc')).toBeNaN();
  });
});

describe('buildCandlePage', () => {
  it('turns newest-first rows into ascending columns', () => {
    const rows = rowsOf(buildCandlePage([row(2), row(1), row(0)], check));
    expect([...rows.time]).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR]);
    expect([...rows.close]).toEqual([10.5, 10.5, 10.5]);
    expect([...rows.volume]).toEqual([100, 100, 100]);
  });

  it('sorts out-of-order rows and keeps one row per open time', () => {
    const rows = rowsOf(buildCandlePage([row(1), row(0, 10.25), row(3), row(1), row(2), row(0, 10.75)], check));
    expect([...rows.time]).toEqual([0, 1, 2, 3].map((k) => T0 + k * HOUR));
    expect(rows.close[0]).toBe(10.25);
  });

  it('drops the candle still forming at now', () => {
    const rows = rowsOf(buildCandlePage([row(0), row(1), row(2)], { ...check, now: T0 + 2 * HOUR + 1 }));
    expect([...rows.time]).toEqual([T0, T0 + HOUR]);
  });

  it('keeps a candle that closed exactly at now', () => {
    expect(rowsOf(buildCandlePage([row(0)], { ...check, now: T0 + HOUR })).time.length).toBe(1);
  });

  it('accepts Binance rows with numeric open times', () => {
    const binance = [[T0, '10', '11', '9', '10.5', '100', T0 + HOUR - 1, '0', 5, '0', '0', '0']];
    expect([...rowsOf(buildCandlePage(binance, { ...check, rowFields: 12 })).time]).toEqual([T0]);
  });

  it('returns no rows for an empty page', () => {
    expect(rowsOf(buildCandlePage([], check)).time.length).toBe(0);
  });

  it('rejects a body that is not a list of rows', () => {
    expect(problemOf(buildCandlePage({ list: [] }, check))).toMatch(/expected a list of klines/);
    expect(problemOf(buildCandlePage([['1', '2']], check))).toMatch(/^row 0: expected 7 fields \[time, open/);
    expect(problemOf(buildCandlePage([row(0), row(1).slice(0, 6)], check))).toMatch(/^row 1: .* \(rule short-row\)$/);
  });

  it('names the bar and the rule for non-numbers', () => {
    const bad = row(3);
    bad[2] = '';
    expect(problemOf(buildCandlePage([row(0), bad], check))).toBe(
      'bar 2024-01-01T03:00:00.000Z: high is "", expected a finite number (rule non-finite)',
    );
  });

  it('rejects open times off the interval grid', () => {
    const off = row(1);
    off[0] = String(T0 + HOUR + 60_000);
    expect(problemOf(buildCandlePage([off], check))).toBe('bar 2024-01-01T01:01:00.000Z: not a 1h open time (rule off-grid)');
  });

  it('rejects bars outside the requested range', () => {
    expect(problemOf(buildCandlePage([row(10)], check))).toMatch(/^bar 2024-01-01T10:00:00.000Z: outside the requested .* \(rule out-of-range\)$/);
  });

  it('applies the OHLC rules', () => {
    const broken = [String(T0 + 4 * HOUR), '10', '9', '8', '10.5', '1', '10'];
    expect(problemOf(buildCandlePage([row(0), broken], check))).toBe(
      'bar 2024-01-01T04:00:00.000Z: high 9 is below max(open 10, close 10.5) (rule high-below-open-close)',
    );
    const negative = [String(T0), '10', '11', '9', '10', '-1', '-10'];
    expect(problemOf(buildCandlePage([negative], check))).toMatch(/rule negative-volume/);
  });

  it('does not validate the forming candle it drops', () => {
    const forming = [String(T0 + 5 * HOUR), '10', '1', '1', '10', '1', '10'];
    expect([...rowsOf(buildCandlePage([row(4), forming], { ...check, now: T0 + 5 * HOUR + 1 })).time]).toEqual([T0 + 4 * HOUR]);
  });
});
