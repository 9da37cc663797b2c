import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cci,
  macd,
  momentum,
  moneyFlowIndex,
  rateOfChange,
  rsi,
  stochastic,
  stochasticRsi,
  williamsR,
} from '../../src-engine/indicators/oscillators.ts';
import { rangePosition, rollingSum } from '../../src-engine/indicators/rolling-windows.ts';
import { firstFinite } from '../../src-engine/indicators/types.ts';
import { loadFixtureCandles, loadTalibReference } from '../support/fixtures.ts';
import { expectSeriesClose } from '../support/series-assertions.ts';
import { syntheticCandles } from '../support/synthetic-candles.ts';

const goog = loadFixtureCandles('GOOG-1d.csv');
const talib = loadTalibReference();
const series = (...values: number[]) => Float64Array.from(values);
const NaN_ = Number.NaN;
const seeds = fc.integer({ min: 0, max: 2 ** 31 });

function expectValues(actual: Float64Array, expected: number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => {
    if (Number.isNaN(value)) expect(actual[i], `bar ${i}`).toBeNaN();
    else expect(actual[i], `bar ${i}`).toBeCloseTo(value, digits);
  });
}

/** The first value is at `firstValue`, and every value from there on is finite. */
function expectNaNOnlyInWarmUp(label: string, values: Float64Array, firstValue: number): void {
  expect(firstFinite(values), `${label}: first value`).toBe(firstValue);
  for (let i = firstValue; i < values.length; i++) {
    expect(Number.isFinite(values[i]), `${label}: bar ${i}`).toBe(true);
  }
}

function expectWithin(label: string, values: Float64Array, low: number, high: number): void {
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    expect(values[i] >= low && values[i] <= high, `${label}: bar ${i} = ${values[i]}`).toBe(true);
  }
}

describe('golden: TA-Lib on GOOG-1d', () => {
  it('RSI(14) to 1e-9 at every defined value, first value at bar 14', () => {
    expectSeriesClose('RSI14', rsi(goog.close, 14), talib.get('TA_RSI14')!, { relTol: 1e-9 });
  });

  it('fast stochastic (14, 1, 3) to 1e-9', () => {
    const [k, d] = stochastic(goog.high, goog.low, goog.close, 14, 1, 3);
    // TA-Lib starts %K together with %D (bar 15); ours has raw %K from bar 13.
    expect(firstFinite(k)).toBe(13);
    expectSeriesClose('STOCHF_K', k, talib.get('TA_STOCHF_K')!, { relTol: 1e-9, allowExtraValues: true });
    expectSeriesClose('STOCHF_D', d, talib.get('TA_STOCHF_D')!, { relTol: 1e-9 });
  });

  it('slow stochastic (14, 3, 3) to 1e-9', () => {
    const [k, d] = stochastic(goog.high, goog.low, goog.close, 14, 3, 3);
    expect(firstFinite(k)).toBe(15);
    const options = { relTol: 1e-9, allowExtraValues: true };
    expectSeriesClose('STOCH_slowK', k, talib.get('TA_STOCH_slowK')!, options);
    expectSeriesClose('STOCH_slowD', d, talib.get('TA_STOCH_slowD')!, { relTol: 1e-9 });
  });

  it('MACD (12, 26, 9) to 1e-9 once TA-Lib’s different seeding has decayed (bar 200 on)', () => {
    const [line, signal, histogram] = macd(goog.close, 12, 26, 9);
    const options = { relTol: 1e-9, fromBar: 200 };
    expectSeriesClose('MACD', line, talib.get('TA_MACD')!, options);
    expectSeriesClose('MACD signal', signal, talib.get('TA_MACD_signal')!, options);
    expectSeriesClose('MACD histogram', histogram, talib.get('TA_MACD_hist')!, options);
  });
});

describe('RSI', () => {
  it("reproduces Wilder's worked example (StockCharts' 14-period table)", () => {
    // StockCharts' table uses 4-decimal closes. The 14 changes up to the 15th close have gains
    // 0.0595 + 0.7154 + 0.4986 + 0.2691 + 0.3290 + 0.4188 + 0.2393 + 0.1397 + 0.6680 = 3.3374
    // and losses 0.2487 + 0.5373 + 0.1895 + 0.4188 = 1.3943 (the 14th change is 0), so
    // RSI = 100 * 3.3374 / (3.3374 + 1.3943) = 70.53. Then avg = (13 * avg + today) / 14:
    // -0.2792 -> gain 0.2214, loss 0.1124 -> 66.32; +0.0300 -> 0.2077, 0.1044 -> 66.55;
    // +0.3788 -> 0.2199, 0.0969 -> 69.41; -0.1894 -> 0.2042, 0.1035 -> 66.36;
    // -0.5783 -> 0.1896, 0.1375 -> 57.97.
    const closes = series(
      44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826,
      45.8931, 46.0328, 45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439,
    );
    const values = rsi(closes, 14);
    expect(firstFinite(values)).toBe(14);
    expect(values[14]).toBeCloseTo((100 * 3.3374) / (3.3374 + 1.3943), 10);
    [70.53, 66.32, 66.55, 69.41, 66.36, 57.97].forEach((expected, i) => {
      expect(values[14 + i]).toBeCloseTo(expected, 2);
    });
  });

  it('gives the exact values for the same closes rounded to 2 decimals', () => {
    // Rounded closes change the sums: gains 3.34, losses 1.40 -> 100 * 3.34 / 4.74 = 70.46, then
    // -0.28 -> 66.25, +0.03 -> 66.48, +0.38 -> 69.35, -0.19 -> 66.29, -0.58 -> 57.92.
    const closes = series(
      44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08,
      45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03, 46.41, 46.22, 45.64,
    );
    const values = rsi(closes, 14);
    expect(values[14]).toBeCloseTo((100 * 3.34) / 4.74, 10);
    [70.46, 66.25, 66.48, 69.35, 66.29, 57.92].forEach((expected, i) => {
      expect(values[14 + i]).toBeCloseTo(expected, 2);
    });
  });

  it('is 50 when nothing has moved, 100 after only gains and 0 after only losses', () => {
    expectValues(rsi(series(5, 5, 5, 5), 2), [NaN_, NaN_, 50, 50]);
    expectValues(rsi(series(1, 2, 3, 4), 2), [NaN_, NaN_, 100, 100]);
    expectValues(rsi(series(4, 3, 2, 1), 2), [NaN_, NaN_, 0, 0]);
  });

  it('skips leading NaN, so an RSI of an indicator starts at its first value', () => {
    const values = rsi(series(NaN_, NaN_, 1, 2, 1, 2), 2);
    // Changes +1, -1: gain 0.5, loss 0.5 -> 50; then +1: gain 0.75, loss 0.25 -> 75.
    expectValues(values, [NaN_, NaN_, NaN_, NaN_, 50, 75]);
  });
});

describe('stochastic and Williams %R', () => {
  const high = series(10, 12, 11, 13);
  const low = series(8, 9, 7, 10);
  const close = series(9, 11, 8, 12);

  it('by hand', () => {
    // Bar 2: highest 12, lowest 7, close 8 -> %K 20, %R -80. Bar 3: 13, 7, 12 -> 83.33, -16.67.
    const [k, d] = stochastic(high, low, close, 3, 1, 2);
    expectValues(k, [NaN_, NaN_, 20, 250 / 3]);
    expectValues(d, [NaN_, NaN_, NaN_, (20 + 250 / 3) / 2]);
    expectValues(williamsR(high, low, close, 3), [NaN_, NaN_, -80, -50 / 3]);
  });

  it('a window without range is the middle: %K 50, %R -50', () => {
    const flat = series(7, 7, 7, 7);
    expectValues(stochastic(flat, flat, flat, 2, 1, 1)[0], [NaN_, 50, 50, 50]);
    expectValues(williamsR(flat, flat, flat, 2), [NaN_, -50, -50, -50]);
  });

  it('stochastic RSI is the stochastic of RSI values, and 50 when RSI is stuck in a flat market', () => {
    const source = goog.close;
    const strength = rsi(source, 14);
    const [k, d] = stochasticRsi(source, 14, 14, 3, 3);
    const [expectedK, expectedD] = stochastic(strength, strength, strength, 14, 3, 3);
    expect(Array.from(k)).toEqual(Array.from(expectedK));
    expect(Array.from(d)).toEqual(Array.from(expectedD));
    // After a move, a flat market leaves RSI constant but for rounding in its last digits.
    const flatAfterMove = Float64Array.from({ length: 300 }, (_, i) => (i < 40 ? 100 + Math.sin(i) : 100));
    const [flatK] = stochasticRsi(flatAfterMove, 14, 14, 1, 1);
    for (let i = 100; i < 300; i++) expect(flatK[i]).toBe(50);
  });
});

describe('CCI, ROC, momentum, MFI by hand', () => {
  it('CCI', () => {
    // Bar 2: mean 3, mean deviation (2 + 1 + 3) / 3 = 2 -> (6 - 3) / (0.015 * 2) = 100.
    // Bar 3: mean 11/3, deviations 5/3, 7/3, 2/3 -> 14/9 -> (3 - 11/3) / (0.015 * 14/9) = -28.57.
    expectValues(cci(series(1, 2, 6, 3), 3), [NaN_, NaN_, 100, -2 / 3 / ((0.015 * 14) / 9)]);
  });

  it('CCI of a flat window is 0, even where the summed mean is off in its last bit', () => {
    expectValues(cci(series(0.1, 0.1, 0.1, 0.1), 3), [NaN_, NaN_, 0, 0]);
  });

  it('ROC and momentum', () => {
    expectValues(rateOfChange(series(10, 11, 12, 9), 2), [NaN_, NaN_, 20, (100 * -2) / 11]);
    expectValues(momentum(series(10, 11, 12, 9), 2), [NaN_, NaN_, 2, -2]);
  });

  it('ROC has no value after a past value of 0', () => {
    expectValues(rateOfChange(series(0, 5, 10), 1), [NaN_, NaN_, 100]);
  });

  it('MFI', () => {
    // Flat bars, so typical price = close. Flows: +11*200 = 2200, -10.5*100 = 1050, +12*50 = 600.
    // Bar 2: 100 * 2200 / 3250; bar 3: 100 * 600 / (600 + 1050).
    const prices = series(10, 11, 10.5, 12);
    const volume = series(100, 200, 100, 50);
    const expected = [NaN_, NaN_, (100 * 2200) / 3250, (100 * 600) / 1650];
    expectValues(moneyFlowIndex(prices, prices, prices, volume, 2), expected);
  });

  it('MFI is 50 without flow either way (unchanged prices or no volume)', () => {
    const prices = series(10, 10, 10, 11, 12);
    const volume = series(1, 1, 1, 0, 0);
    expectValues(moneyFlowIndex(prices, prices, prices, volume, 2), [NaN_, NaN_, 50, 50, 50]);
  });
});

describe('window primitives agree with a brute-force rescan', () => {
  it('rangePosition and rollingSum for any period and start', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 7 }), (seed, period, start) => {
        const candles = syntheticCandles({ bars: 120, seed, flatBarChance: 0.2 });
        const position = rangePosition(candles.high, candles.low, candles.close, start, period);
        const sums = rollingSum(candles.volume, start, period);
        for (let i = 0; i < 120; i++) {
          if (i < start + period - 1) {
            expect(position[i]).toBeNaN();
            expect(sums[i]).toBeNaN();
            continue;
          }
          const from = i - period + 1;
          const highest = Math.max(...candles.high.subarray(from, i + 1));
          const lowest = Math.min(...candles.low.subarray(from, i + 1));
          const expected = highest === lowest ? 50 : (100 * (candles.close[i] - lowest)) / (highest - lowest);
          expect(position[i]).toBeCloseTo(expected, 9);
          const sum = candles.volume.subarray(from, i + 1).reduce((a, b) => a + b, 0);
          expect(sums[i]).toBeCloseTo(sum, 9);
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('properties on random markets', () => {
  const market = fc.record({
    seed: seeds,
    flat: fc.constantFrom(0, 0.1, 0.6),
    zeroVolume: fc.constantFrom(0, 0.3, 1),
    period: fc.integer({ min: 1, max: 20 }),
    smoothing: fc.integer({ min: 1, max: 4 }),
    signal: fc.integer({ min: 1, max: 4 }),
  });

  it('RSI, stochastic, stochastic RSI and MFI stay in [0, 100]; Williams %R in [-100, 0]', () => {
    fc.assert(
      fc.property(market, ({ seed, flat, zeroVolume, period, smoothing, signal }) => {
        const c = syntheticCandles({ bars: 250, seed, flatBarChance: flat, zeroVolumeChance: zeroVolume });
        expectWithin('rsi', rsi(c.close, period), 0, 100);
        const [k, d] = stochastic(c.high, c.low, c.close, period, smoothing, signal);
        expectWithin('stoch k', k, 0, 100);
        expectWithin('stoch d', d, 0, 100);
        const [rsiK, rsiD] = stochasticRsi(c.close, period, period, smoothing, signal);
        expectWithin('stochrsi k', rsiK, 0, 100);
        expectWithin('stochrsi d', rsiD, 0, 100);
        expectWithin('mfi', moneyFlowIndex(c.high, c.low, c.close, c.volume, period), 0, 100);
        expectWithin('willr', williamsR(c.high, c.low, c.close, period), -100, 0);
      }),
      { numRuns: 120 },
    );
  });

  it('first values at the documented bars, and NaN only before them', () => {
    fc.assert(
      fc.property(market, ({ seed, flat, zeroVolume, period, smoothing, signal }) => {
        const c = syntheticCandles({ bars: 250, seed, flatBarChance: flat, zeroVolumeChance: zeroVolume });
        expectNaNOnlyInWarmUp('rsi', rsi(c.close, period), period);
        const slow = period + smoothing;
        const [line, signalLine, histogram] = macd(c.close, period, slow, signal);
        expectNaNOnlyInWarmUp('macd', line, slow - 1);
        expectNaNOnlyInWarmUp('macd signal', signalLine, slow - 1 + signal - 1);
        expectNaNOnlyInWarmUp('macd histogram', histogram, slow - 1 + signal - 1);
        const [k, d] = stochastic(c.high, c.low, c.close, period, smoothing, signal);
        expectNaNOnlyInWarmUp('stoch k', k, period - 1 + smoothing - 1);
        expectNaNOnlyInWarmUp('stoch d', d, period - 1 + smoothing - 1 + signal - 1);
        const [rsiK, rsiD] = stochasticRsi(c.close, period, period, smoothing, signal);
        expectNaNOnlyInWarmUp('stochrsi k', rsiK, period + period - 1 + smoothing - 1);
        expectNaNOnlyInWarmUp('stochrsi d', rsiD, period + period - 1 + smoothing - 1 + signal - 1);
        const hlc3 = c.close.map((close, i) => (c.high[i] + c.low[i] + close) / 3);
        expectNaNOnlyInWarmUp('cci', cci(hlc3, period), period - 1);
        expectNaNOnlyInWarmUp('willr', williamsR(c.high, c.low, c.close, period), period - 1);
        expectNaNOnlyInWarmUp('roc', rateOfChange(c.close, period), period);
        expectNaNOnlyInWarmUp('mom', momentum(c.close, period), period);
        expectNaNOnlyInWarmUp('mfi', moneyFlowIndex(c.high, c.low, c.close, c.volume, period), period);
      }),
      { numRuns: 120 },
    );
  });
});
