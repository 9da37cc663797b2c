import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adx, heikinAshi, ichimoku, parabolicSar, supertrend } from '../../src-engine/indicators/trend.ts';
import { loadFixtureCandles, loadTalibReference } from '../support/fixtures.ts';
import { expectSeriesClose } from '../support/series-assertions.ts';
import { syntheticCandles } from '../support/synthetic-candles.ts';

const goog = loadFixtureCandles('GOOG-1d.csv');
const talib = loadTalibReference();
const series = (values: number[]): Float64Array => Float64Array.from(values);

function firstDefined(values: ArrayLike<number>): number {
  let i = 0;
  while (i < values.length && Number.isNaN(values[i])) i++;
  return i;
}

/** NaN before `firstValue`, finite from it on. */
function expectWarmUp(label: string, values: Float64Array, firstValue: number): void {
  values.forEach((value, i) => {
    if (i < firstValue) expect(value, `${label}[${i}] is warm-up`).toBeNaN();
    else expect(Number.isFinite(value), `${label}[${i}] = ${value} is finite`).toBe(true);
  });
}

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => {
    if (Number.isNaN(value)) expect(actual[i], `bar ${i}`).toBeNaN();
    else expect(actual[i], `bar ${i}`).toBeCloseTo(value, 12);
  });
}

/** Midpoint of the highest high and lowest low over `period` bars ending at i, by brute force. */
function naiveMidpoint(high: Float64Array, low: Float64Array, period: number, i: number): number {
  if (i < period - 1) return Number.NaN;
  let highest = -Infinity;
  let lowest = Infinity;
  for (let j = i - period + 1; j <= i; j++) {
    highest = Math.max(highest, high[j]);
    lowest = Math.min(lowest, low[j]);
  }
  return (highest + lowest) / 2;
}

const randomCandles = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    bars: fc.integer({ min: 1, max: 300 }),
    flatBarChance: fc.constantFrom(0, 0.1, 0.6),
  })
  .map(({ seed, bars, flatBarChance }) => syntheticCandles({ bars, seed, flatBarChance, zeroVolumeChance: 0.1 }));

const period = fc.integer({ min: 1, max: 30 });

describe('ADX against TA-Lib on GOOG-1d', () => {
  it('+DI, -DI and DX from bar 14 and ADX from bar 27, every value to 1e-9', () => {
    const dmi = adx(goog.high, goog.low, goog.close, 14);
    const checks: Array<[string, Float64Array, string]> = [
      ['+DI14', dmi.plusDi, 'TA_PLUS_DI14'],
      ['-DI14', dmi.minusDi, 'TA_MINUS_DI14'],
      ['DX14', dmi.dx, 'TA_DX14'],
      ['ADX14', dmi.adx, 'TA_ADX14'],
    ];
    for (const [label, actual, column] of checks) {
      const expected = talib.get(column)!;
      expectSeriesClose(label, actual, expected, { relTol: 1e-9 });
      expect(firstDefined(actual), `${label}: first bar with a value`).toBe(firstDefined(expected));
    }
    expect(firstDefined(dmi.plusDi)).toBe(14);
    expect(firstDefined(dmi.adx)).toBe(27);
  });
});

describe('hand-computed trend cases', () => {
  it('SuperTrend(1, 1) starts down, flips up on a close above the upper band, then back down', () => {
    const high = series([10, 11, 12, 14, 15, 13]);
    const low = series([8, 9, 10, 12, 13, 9]);
    const close = series([9, 10, 11, 13.5, 14, 9.5]);
    const result = supertrend(high, low, close, 1, 1);
    // ATR(1) is the true range: 2, 2, 3, 2, 5 from bar 1. Bar 1: bands 10 ± 2, downtrend, line 12.
    // Bar 2: lower ratchets up to 9, upper stays 12 (basic 13 is higher); close 11 stays below.
    // Bar 3: close 13.5 > upper 12 -> uptrend; the lower band (basic 10 > 9) is the line.
    // Bar 4: lower rises to 12; the upper band resets to basic 16 since close[1] was above it.
    // Bar 5: close 9.5 < lower 12 -> downtrend; the upper band (16) is the line.
    expectValues(result.value, [Number.NaN, 12, 12, 10, 12, 16]);
    expectValues(result.direction, [Number.NaN, -1, -1, 1, 1, -1]);
  });

  it('Parabolic SAR(0.1, 0.1, 0.3): long start, acceleration, cap by prior lows, reversal to the extreme point', () => {
    const high = series([10, 11, 12, 13, 12.5, 11, 10]);
    const low = series([9, 10, 11, 12, 9.5, 9, 8]);
    const close = series([9.5, 10.5, 11.5, 12.5, 10, 9.2, 8.5]);
    const result = parabolicSar(high, low, close, 0.1, 0.1, 0.3);
    // Bar 1: close rose -> long, SAR = low[0] = 9, EP = 11: 9 + 0.1*(11-9) = 9.2, capped by low[0] -> 9.
    // Bar 2: 9 + 0.1*2 = 9.2 -> capped at 9; new high 12 -> EP 12, AF 0.2.
    // Bar 3: 9 + 0.2*(12-9) = 9.6 (below lows 10, 11); new high 13 -> EP 13, AF 0.3 (the cap).
    // Bar 4: 9.6 + 0.3*(13-9.6) = 10.62 > low 9.5 -> short at the old EP 13, EP = 9.5, AF 0.1.
    // Bar 5: 13 + 0.1*(9.5-13) = 12.65, floored by high[3] = 13; new low 9 -> EP 9, AF 0.2.
    // Bar 6: 13 + 0.2*(9-13) = 12.2, floored by high[4] = 12.5.
    expectValues(result.value, [Number.NaN, 9, 9, 9.6, 13, 13, 12.5]);
    expectValues(result.direction, [Number.NaN, 1, 1, 1, -1, -1, -1]);
  });

  it('Ichimoku(2, 3, 4, 3): leading spans appear displacement - 1 bars after the bar they use; lagging is unshifted', () => {
    const high = series([1, 2, 3, 4, 5, 6, 7, 8]);
    const low = series([0, 1, 2, 3, 4, 5, 6, 7]);
    const lines = ichimoku(high, low, high, 2, 3, 4, 3);
    // conversion(2) at bar i = (i+1 + i-1)/2 = i; base(3) = i - 0.5; raw spanA = i - 0.25, raw spanB(4) = i - 1.
    expectValues(lines.conversion, [Number.NaN, 1, 2, 3, 4, 5, 6, 7]);
    expectValues(lines.base, [Number.NaN, Number.NaN, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5]);
    // Shifted by 2: spanA[i] = raw spanA[i-2] = i - 2.25 from bar 4; spanB[i] = i - 3 from bar 5.
    expectValues(lines.spanA, [Number.NaN, Number.NaN, Number.NaN, Number.NaN, 1.75, 2.75, 3.75, 4.75]);
    expectValues(lines.spanB, [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 2, 3, 4]);
    expect(Array.from(lines.lagging)).toEqual(Array.from(high));
  });

  it('Heikin-Ashi: seeded open, smoothed opens, and highs/lows that cover the HA body', () => {
    const ha = heikinAshi(series([10, 11, 12, 9]), series([12, 13, 12.5, 9.5]), series([9, 10, 8, 8.5]), series([11, 12, 9, 9]));
    expect(Array.from(ha.close)).toEqual([10.5, 11.5, 10.375, 9]);
    // Bar 0: (open + close)/2 = 10.5; then the midpoint of the previous HA open and close.
    expect(Array.from(ha.open)).toEqual([10.5, 10.5, 11, 10.6875]);
    // Bar 3: the HA open 10.6875 is above the real high 9.5, so it becomes the HA high.
    expect(Array.from(ha.high)).toEqual([12, 13, 12.5, 10.6875]);
    expect(Array.from(ha.low)).toEqual([9, 10, 8, 8.5]);
  });
});

describe('trend properties', () => {
  it('ADX, +DI, -DI and DX lie in [0, 100]; NaN only during warm-up', () => {
    fc.assert(
      fc.property(randomCandles, period, (bars, p) => {
        const dmi = adx(bars.high, bars.low, bars.close, p);
        expectWarmUp('plusDi', dmi.plusDi, p);
        expectWarmUp('minusDi', dmi.minusDi, p);
        expectWarmUp('dx', dmi.dx, p);
        expectWarmUp('adx', dmi.adx, 2 * p - 1);
        for (const values of Object.values(dmi)) {
          for (const value of values) if (!Number.isNaN(value)) expect(value >= 0 && value <= 100, `${value}`).toBe(true);
        }
      }),
    );
  });

  it('SuperTrend direction is 1 or -1 and, while a trend continues, the line stays on its side of the close', () => {
    fc.assert(
      fc.property(randomCandles, period, fc.double({ min: 0, max: 5, noNaN: true }), (bars, atrPeriod, multiplier) => {
        const { value, direction } = supertrend(bars.high, bars.low, bars.close, atrPeriod, multiplier);
        expectWarmUp('value', value, atrPeriod);
        expectWarmUp('direction', direction, atrPeriod);
        for (let i = atrPeriod; i < value.length; i++) {
          expect([1, -1]).toContain(direction[i]);
          if (direction[i] === direction[i - 1] && direction[i] === 1) expect(value[i]).toBeLessThanOrEqual(bars.close[i]);
          if (direction[i] === direction[i - 1] && direction[i] === -1) expect(value[i]).toBeGreaterThanOrEqual(bars.close[i]);
        }
      }),
    );
  });

  it('Parabolic SAR sits at or below the low while long and at or above the high while short', () => {
    fc.assert(
      fc.property(randomCandles, (bars) => {
        const { value, direction } = parabolicSar(bars.high, bars.low, bars.close, 0.02, 0.02, 0.2);
        expectWarmUp('psar', value, 1);
        for (let i = 1; i < value.length; i++) {
          if (direction[i] === 1) expect(value[i]).toBeLessThanOrEqual(bars.low[i]);
          else expect(value[i]).toBeGreaterThanOrEqual(bars.high[i]);
        }
      }),
    );
  });

  it('Heikin-Ashi high/low cover the HA open and close', () => {
    fc.assert(
      fc.property(randomCandles, (bars) => {
        const ha = heikinAshi(bars.open, bars.high, bars.low, bars.close);
        for (let i = 0; i < ha.open.length; i++) {
          expect(ha.high[i]).toBeGreaterThanOrEqual(Math.max(ha.open[i], ha.close[i]));
          expect(ha.low[i]).toBeLessThanOrEqual(Math.min(ha.open[i], ha.close[i]));
        }
      }),
    );
  });

  it('Ichimoku matches a brute-force version for any periods, and never reads a later bar', () => {
    const periods = fc.integer({ min: 1, max: 12 });
    fc.assert(
      fc.property(randomCandles, periods, periods, periods, periods, (bars, c, b, s, d) => {
        const lines = ichimoku(bars.high, bars.low, bars.close, c, b, s, d);
        const cut = Math.floor(bars.high.length / 2);
        const prefix = ichimoku(bars.high.subarray(0, cut), bars.low.subarray(0, cut), bars.close.subarray(0, cut), c, b, s, d);
        for (let i = 0; i < bars.high.length; i++) {
          const conversion = naiveMidpoint(bars.high, bars.low, c, i);
          const base = naiveMidpoint(bars.high, bars.low, b, i);
          expect(Object.is(lines.conversion[i], conversion)).toBe(true);
          expect(Object.is(lines.base[i], base)).toBe(true);
          const source = i - (d - 1);
          const spanA = source < 0 ? Number.NaN : (naiveMidpoint(bars.high, bars.low, c, source) + naiveMidpoint(bars.high, bars.low, b, source)) / 2;
          const spanB = source < 0 ? Number.NaN : naiveMidpoint(bars.high, bars.low, s, source);
          expect(Object.is(lines.spanA[i], spanA), `spanA[${i}]`).toBe(true);
          expect(Object.is(lines.spanB[i], spanB), `spanB[${i}]`).toBe(true);
        }
        for (const key of ['conversion', 'base', 'spanA', 'spanB', 'lagging'] as const) {
          expect(Array.from(prefix[key])).toEqual(Array.from(lines[key].subarray(0, cut)));
        }
      }),
    );
  });
});
