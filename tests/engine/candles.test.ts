import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertValidCandles, type Candles, findCandleIssues, InvalidCandlesError } from '../../src-engine/candles.ts';
import { syntheticCandles } from '../support/synthetic-candles.ts';

function candles(rows: Array<[number, number, number, number, number, number]>): Candles {
  const column = (c: number) => Float64Array.from(rows, (row) => row[c]);
  return { time: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5) };
}

describe('candle validation', () => {
  it('accepts a consistent series', () => {
    expect(findCandleIssues(candles([[0, 1, 2, 0.5, 1.5, 10], [60_000, 1.5, 1.6, 1.4, 1.45, 0]]))).toEqual([]);
  });

  it('names the bar and the rule for every kind of problem', () => {
    const issues = findCandleIssues(
      candles([
        [0, 1, 2, 0.5, 1.5, 10],
        [0, 1, 2, 0.5, 1.5, 10],
        [-60_000, 1, 2, 0.5, 1.5, 10],
        [120_000, 1, 1.2, 0.5, 1.5, 10],
        [180_000, 1, 2, 1.1, 1.5, 10],
        [240_000, 1, 2, 0.5, 1.5, -1],
        [300_000, Number.NaN, 2, 0.5, 1.5, 1],
        [360_000, 1, Number.POSITIVE_INFINITY, 0.5, 1.5, 1],
      ]),
    );
    expect(issues.map((issue) => [issue.bar, issue.rule])).toEqual([
      [1, 'duplicate-time'],
      [2, 'time-not-ascending'],
      [3, 'high-below-open-close'],
      [4, 'low-above-open-close'],
      [5, 'negative-volume'],
      [6, 'non-finite'],
      [7, 'non-finite'],
    ]);
    expect(issues[1].message).toBe('time 1969-12-31T23:59:00.000Z is before the previous bar\'s time 1970-01-01T00:00:00.000Z');
    expect(issues[2].message).toBe('high 1.2 is below max(open 1, close 1.5)');
    expect(issues[5].message).toBe('open is NaN, expected a finite number');
  });

  it('reports columns of different lengths', () => {
    const broken = { ...candles([[0, 1, 2, 0.5, 1.5, 10]]), close: new Float64Array(0) };
    expect(findCandleIssues(broken)).toEqual([{ bar: 0, rule: 'column-length', message: 'column close has 0 values but time has 1' }]);
  });

  it('throws the first problem with its bar and rule', () => {
    expect(() => assertValidCandles(candles([[0, 1, 2, 0.5, 1.5, 10], [0, 1, 2, 0.5, 1.5, 10]]))).toThrowError(InvalidCandlesError);
    expect(() => assertValidCandles(candles([[0, 1, 2, 0.5, 1.5, 10], [0, 1, 2, 0.5, 1.5, 10]]))).toThrowError(
      "invalid candles: bar 1: time 1970-01-01T00:00:00.000Z repeats the previous bar's time (rule duplicate-time)",
    );
  });

  it('property: the synthetic generator always yields valid OHLC (high >= max(open, close), low <= min)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (seed, flat) => {
        expect(findCandleIssues(syntheticCandles({ bars: 300, seed, flatBarChance: flat, zeroVolumeChance: flat }))).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
