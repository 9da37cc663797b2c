import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candles } from '../../src-engine/candles.ts';
import { sma } from '../../src-engine/indicators/moving-averages.ts';
import {
  atr,
  bollinger,
  donchian,
  keltner,
  rollingMax,
  rollingMin,
  stdev,
  trueRange,
} from '../../src-engine/indicators/volatility.ts';
import { loadFixtureCandles, loadTalibReference } from '../support/fixtures.ts';
import { expectSeriesClose } from '../support/series-assertions.ts';
import { syntheticCandles } from '../support/synthetic-candles.ts';

const goog = loadFixtureCandles('GOOG-1d.csv');
const talib = loadTalibReference();

function firstDefined(series: ArrayLike<number>): number {
  let i = 0;
  while (i < series.length && Number.isNaN(series[i])) i++;
  return i;
}

function expectMatchesTalib(label: string, actual: Float64Array, column: string): void {
  const expected = talib.get(column)!;
  expectSeriesClose(label, actual, expected, { relTol: 1e-9 });
  expect(firstDefined(actual), `${label}: first bar with a value`).toBe(firstDefined(expected));
}

/** NaN before `firstValue`, finite from it on. */
function expectWarmUp(label: string, series: Float64Array, firstValue: number): void {
  series.forEach((value, i) => {
    if (i < firstValue) expect(value, `${label}[${i}] is warm-up`).toBeNaN();
    else expect(Number.isFinite(value), `${label}[${i}] = ${value} is finite`).toBe(true);
  });
}

function candles(rows: ReadonlyArray<readonly [high: number, low: number, close: number]>): Candles {
  const n = rows.length;
  return {
    time: Float64Array.from(rows, (_, i) => i * 60_000),
    open: Float64Array.from(rows, ([, , close]) => close),
    high: Float64Array.from(rows, ([high]) => high),
    low: Float64Array.from(rows, ([, low]) => low),
    close: Float64Array.from(rows, ([, , close]) => close),
    volume: new Float64Array(n).fill(1),
  };
}

/** Random walks with flat stretches (zero range, zero deviation) and zero-volume bars. */
const randomCandles = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    bars: fc.integer({ min: 1, max: 300 }),
    flatBarChance: fc.constantFrom(0, 0.1, 0.6),
  })
  .map(({ seed, bars, flatBarChance }) => syntheticCandles({ bars, seed, flatBarChance, zeroVolumeChance: 0.1 }));

const period = fc.integer({ min: 1, max: 30 });

describe('volatility indicators against TA-Lib on GOOG-1d', () => {
  it('true range: NaN on the first bar, then every value to 1e-9', () => {
    expectMatchesTalib('TRANGE', trueRange(goog.high, goog.low, goog.close), 'TA_TRANGE');
  });

  it('ATR(14): Wilder RMA seeded with the mean of the first 14 true ranges, first value at bar 14', () => {
    expectMatchesTalib('ATR14', atr(goog.high, goog.low, goog.close, 14), 'TA_ATR14');
  });

  it('Bollinger(20, 2): SMA middle and population deviation', () => {
    const bands = bollinger(goog.close, 20, 2);
    expectMatchesTalib('BB upper', bands.upper, 'TA_BB_upper');
    expectMatchesTalib('BB middle', bands.middle, 'TA_BB_mid');
    expectMatchesTalib('BB lower', bands.lower, 'TA_BB_lower');
  });
});

describe('hand-computed volatility cases', () => {
  it('Bollinger on 1..5 with period 3: population deviation, %B and bandwidth', () => {
    const bands = bollinger(Float64Array.from([1, 2, 3, 4, 5]), 3, 2);
    const deviation = Math.sqrt(2 / 3);
    expect(Array.from(bands.middle)).toEqual([Number.NaN, Number.NaN, 2, 3, 4]);
    expect(bands.upper[2]).toBeCloseTo(2 + 2 * deviation, 14);
    expect(bands.lower[4]).toBeCloseTo(4 - 2 * deviation, 14);
    // The source sits half a deviation-width above the middle: (3 - lower) / (upper - lower).
    expect(bands.percentB[2]).toBeCloseTo(0.5 + 1 / (4 * deviation), 14);
    expect(bands.bandwidth[3]).toBeCloseTo(((4 * deviation) / 3) * 100, 12);
  });

  it('a flat window has exactly zero deviation, %B 0.5 and bandwidth 0', () => {
    const bands = bollinger(new Float64Array(30).fill(61_234.5), 20, 2);
    for (let i = 19; i < 30; i++) {
      expect(bands.upper[i]).toBe(61_234.5);
      expect(bands.lower[i]).toBe(61_234.5);
      expect(bands.percentB[i]).toBe(0.5);
      expect(bands.bandwidth[i]).toBe(0);
    }
  });

  it('the middle band is exactly sma() of the same source', () => {
    expect(Array.from(bollinger(goog.close, 20, 2).middle)).toEqual(Array.from(sma(goog.close, 20)));
  });

  it('leading NaN is warm-up for stdev, Bollinger, highest and lowest', () => {
    const source = Float64Array.from([Number.NaN, Number.NaN, 1, 3, 2, 5, 4]);
    expect(Array.from(stdev(source, 2))).toEqual([Number.NaN, Number.NaN, Number.NaN, 1, 0.5, 1.5, 0.5]);
    expect(firstDefined(bollinger(source, 2, 2).percentB)).toBe(3);
    expect(Array.from(rollingMax(source, 2))).toEqual([Number.NaN, Number.NaN, Number.NaN, 3, 3, 5, 5]);
    expect(Array.from(rollingMin(source, 2))).toEqual([Number.NaN, Number.NaN, Number.NaN, 1, 2, 2, 4]);
  });

  it('Donchian(3): highest high, lowest low and their midpoint, current bar included', () => {
    const channel = donchian(Float64Array.from([3, 5, 4, 2, 6]), Float64Array.from([1, 2, 0, 1, 3]), 3);
    expect(Array.from(channel.upper)).toEqual([Number.NaN, Number.NaN, 5, 5, 6]);
    expect(Array.from(channel.lower)).toEqual([Number.NaN, Number.NaN, 0, 0, 0]);
    expect(Array.from(channel.middle)).toEqual([Number.NaN, Number.NaN, 2.5, 2.5, 3]);
  });

  it('Keltner(2, 2, 2): EMA middle, bands two Wilder ATRs away', () => {
    const bars = candles([
      [10, 8, 9],
      [11, 9, 10],
      [12, 10, 11],
      [13, 9, 12],
    ]);
    const channel = keltner(bars.close, bars.high, bars.low, bars.close, 2, 2, 2);
    // True ranges 2, 2, 4 from bar 1; ATR(2) = 2 at bar 2, then 2 + (4 - 2)/2 = 3.
    // EMA(2) of 9, 10, 11, 12: seed 9.5 at bar 1, then 10.5, 11.5.
    expect(channel.middle[1]).toBe(9.5);
    expect(channel.upper[1]).toBeNaN();
    expect(channel.middle[2]).toBeCloseTo(10.5, 14);
    expect(channel.upper[2]).toBeCloseTo(14.5, 14);
    expect(channel.lower[2]).toBeCloseTo(6.5, 14);
    expect(channel.upper[3]).toBeCloseTo(17.5, 14);
    expect(channel.lower[3]).toBeCloseTo(5.5, 14);
  });

  it('stdev stays accurate when the mean dwarfs the spread (no catastrophic cancellation)', () => {
    const n = 200_000;
    const source = Float64Array.from({ length: n }, (_, i) => 60_000 + Math.sin(i * 0.37) * 0.5 + (i % 7) * 0.01);
    const fast = stdev(source, 50);
    for (let i = 49; i < n; i += 997) {
      let mean = 0;
      for (let j = i - 49; j <= i; j++) mean += source[j] / 50;
      let squares = 0;
      for (let j = i - 49; j <= i; j++) squares += (source[j] - mean) ** 2;
      expect(Math.abs(fast[i] - Math.sqrt(squares / 50)) / Math.sqrt(squares / 50)).toBeLessThan(1e-9);
    }
  });
});

describe('volatility properties', () => {
  it('true range and ATR are never negative; NaN only during warm-up', () => {
    fc.assert(
      fc.property(randomCandles, period, (bars, p) => {
        const ranges = trueRange(bars.high, bars.low, bars.close);
        const average = atr(bars.high, bars.low, bars.close, p);
        expectWarmUp('tr', ranges, 1);
        expectWarmUp('atr', average, p);
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]).toBeGreaterThanOrEqual(0);
        for (let i = p; i < average.length; i++) expect(average[i]).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('Bollinger upper >= middle >= lower; stdev >= 0; NaN only during warm-up', () => {
    fc.assert(
      fc.property(randomCandles, period, fc.double({ min: 0, max: 5, noNaN: true }), (bars, p, multiplier) => {
        const bands = bollinger(bars.close, p, multiplier);
        for (const series of Object.values(bands)) expectWarmUp('bb', series, p - 1);
        const deviation = stdev(bars.close, p);
        expectWarmUp('stdev', deviation, p - 1);
        for (let i = p - 1; i < bars.close.length; i++) {
          expect(deviation[i]).toBeGreaterThanOrEqual(0);
          expect(bands.upper[i]).toBeGreaterThanOrEqual(bands.middle[i]);
          expect(bands.middle[i]).toBeGreaterThanOrEqual(bands.lower[i]);
        }
      }),
    );
  });

  it('Donchian upper >= middle >= lower and the channel contains the bar; Keltner warms up with its slower part', () => {
    fc.assert(
      fc.property(randomCandles, period, period, (bars, p, atrPeriod) => {
        const channel = donchian(bars.high, bars.low, p);
        for (const series of Object.values(channel)) expectWarmUp('donchian', series, p - 1);
        for (let i = p - 1; i < bars.high.length; i++) {
          expect(channel.upper[i]).toBeGreaterThanOrEqual(Math.max(channel.middle[i], bars.high[i]));
          expect(channel.lower[i]).toBeLessThanOrEqual(Math.min(channel.middle[i], bars.low[i]));
        }
        const kc = keltner(bars.close, bars.high, bars.low, bars.close, p, 2, atrPeriod);
        expectWarmUp('keltner.upper', kc.upper, Math.max(p - 1, atrPeriod));
        expectWarmUp('keltner.middle', kc.middle, p - 1);
      }),
    );
  });

  it('rolling max/min equal a brute-force scan for any period, across block boundaries and after leading NaN', () => {
    fc.assert(
      fc.property(randomCandles, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 5 }), (bars, p, leadingNaN) => {
        const source = Float64Array.from([...new Array<number>(leadingNaN).fill(Number.NaN), ...bars.close]);
        const highest = rollingMax(source, p);
        const lowest = rollingMin(source, p);
        for (let i = 0; i < source.length; i++) {
          if (i < leadingNaN + p - 1) {
            expect(highest[i]).toBeNaN();
            expect(lowest[i]).toBeNaN();
            continue;
          }
          const window = Array.from(source.subarray(i - p + 1, i + 1));
          expect(highest[i]).toBe(Math.max(...window));
          expect(lowest[i]).toBe(Math.min(...window));
        }
      }),
    );
  });
});
