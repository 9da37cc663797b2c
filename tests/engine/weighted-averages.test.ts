import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ema } from '../../src-engine/indicators/moving-averages.ts';
import { dema, hma, tema, vwma, wma } from '../../src-engine/indicators/weighted-averages.ts';
import { firstFinite } from '../../src-engine/indicators/types.ts';
import { loadFixtureCandles } from '../support/fixtures.ts';
import { syntheticCandles } from '../support/synthetic-candles.ts';

const series = (...values: number[]) => Float64Array.from(values);
const NaN_ = Number.NaN;
const seeds = fc.integer({ min: 0, max: 2 ** 31 });

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => {
    if (Number.isNaN(value)) expect(actual[i], `bar ${i}`).toBeNaN();
    else expect(actual[i], `bar ${i}`).toBeCloseTo(value, 12);
  });
}

/** Every value from the first one on is finite: NaN only during warm-up. */
function expectNaNOnlyInWarmUp(values: Float64Array, firstValue: number): void {
  expect(firstFinite(values)).toBe(firstValue);
  for (let i = firstValue; i < values.length; i++) expect(Number.isFinite(values[i]), `bar ${i}`).toBe(true);
}

describe('WMA', () => {
  it('weights the newest value most, by hand', () => {
    // Weights 1, 2, 3 over 6: (1 + 4 + 9) / 6, (2 + 6 + 12) / 6, (3 + 8 + 15) / 6.
    expectValues(wma(series(NaN_, 1, 2, 3, 4, 5), 3), [NaN_, NaN_, NaN_, 14 / 6, 20 / 6, 26 / 6]);
  });

  it('a 1-bar WMA is the source', () => {
    expectValues(wma(series(3, 1, 4, 1, 5), 1), [3, 1, 4, 1, 5]);
  });
});

describe('HMA', () => {
  it('is WMA(2 * WMA(n/2) - WMA(n), sqrt(n)), by hand', () => {
    // n = 4: WMA(2) = (x[i-1] + 2x[i]) / 3, WMA(4) = (x[i-3] + 2x[i-2] + 3x[i-1] + 4x[i]) / 10.
    // On 1, 2, 4, 8, 16, 32: WMA(2) = 20/3, 40/3, 80/3 and WMA(4) = 4.9, 9.8, 19.6 at bars 3..5,
    // so raw = 253/30, 506/30, 1012/30; HMA = WMA(2) of raw = 1265/90 at bar 4, 2530/90 at bar 5.
    expectValues(hma(series(1, 2, 4, 8, 16, 32), 4), [NaN_, NaN_, NaN_, NaN_, 1265 / 90, 2530 / 90]);
  });

  it('uses floor(n/2) and floor(sqrt(n)) (TradingView): HMA(9) starts at bar 8 + 3 - 1', () => {
    const close = loadFixtureCandles('GOOG-1d.csv').close;
    const hull = hma(close, 9);
    expectNaNOnlyInWarmUp(hull, 10);
    const full = wma(close, 9);
    const raw = wma(close, 4).map((half, i) => 2 * half - full[i]);
    const expected = wma(raw, 3);
    for (let i = 10; i < close.length; i++) expect(hull[i]).toBe(expected[i]);
  });
});

describe('VWMA', () => {
  it('weights by volume, by hand', () => {
    // (10*1 + 20*3) / 4 = 17.5; (20*3 + 30*0) / 3 = 20.
    expectValues(vwma(series(10, 20, 30), series(1, 3, 0), 2), [NaN_, 17.5, 20]);
  });

  it('falls back to the plain SMA when the whole window has no volume', () => {
    expectValues(vwma(series(10, 20, 30, 40), series(1, 0, 0, 2), 2), [NaN_, 10, 25, 40]);
  });

  it('leaves no rounding residue behind after a volumeless window', () => {
    const source = series(1.1, 2.2, 3.3, 4.4, 5.5, 6.6);
    const volume = series(0.1, 0.7, 0, 0, 0.3, 0.3);
    // Bars 2-3 have no volume at all: SMA (3.3 + 4.4) / 2; bar 5 sees only its own window.
    const out = vwma(source, volume, 2);
    expect(out[3]).toBeCloseTo(3.85, 14);
    expect(out[5]).toBe((5.5 * 0.3 + 6.6 * 0.3) / (0.3 + 0.3));
  });
});

describe('DEMA and TEMA', () => {
  it('remove the lag of an EMA on a straight line, by hand', () => {
    // EMA(2), alpha 2/3, seeded with the SMA: 1.5, 2.5, 3.5, 4.5 from bar 1; its EMA starts at
    // bar 1's value: 2, 3, 4 from bar 2; the EMA of that: 2.5, 3.5 from bar 3.
    // DEMA = 2*EMA - EMA(EMA) = 3, 4, 5; TEMA = 3*EMA - 3*EMA(EMA) + EMA(EMA(EMA)) = 4, 5.
    expectValues(dema(series(1, 2, 3, 4, 5), 2), [NaN_, NaN_, 3, 4, 5]);
    expectValues(tema(series(1, 2, 3, 4, 5), 2), [NaN_, NaN_, NaN_, 4, 5]);
  });

  it('chain EMAs that each start at the previous stage’s first value', () => {
    const close = loadFixtureCandles('GOOG-1d.csv').close;
    const e1 = ema(close, 20);
    const e2 = ema(e1, 20);
    const e3 = ema(e2, 20);
    const d = dema(close, 20);
    const t = tema(close, 20);
    for (let i = 0; i < close.length; i++) {
      if (i < 38) expect(d[i]).toBeNaN();
      else expect(d[i]).toBe(2 * e1[i] - e2[i]);
      if (i < 57) expect(t[i]).toBeNaN();
      else expect(t[i]).toBe(3 * e1[i] - 3 * e2[i] + e3[i]);
    }
  });
});

describe('warm-up properties', () => {
  it('first value at the documented bar, NaN only before it, leading NaN skipped', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 5 }), (seed, period, lead) => {
        const candles = syntheticCandles({ bars: 150, seed, flatBarChance: 0.1, zeroVolumeChance: 0.2 });
        const close = candles.close.slice();
        close.fill(Number.NaN, 0, lead);
        const root = Math.max(1, Math.floor(Math.sqrt(period)));
        expectNaNOnlyInWarmUp(wma(close, period), lead + period - 1);
        expectNaNOnlyInWarmUp(hma(close, period), lead + period - 1 + root - 1);
        expectNaNOnlyInWarmUp(vwma(close, candles.volume, period), lead + period - 1);
        expectNaNOnlyInWarmUp(dema(close, period), lead + 2 * (period - 1));
        expectNaNOnlyInWarmUp(tema(close, period), lead + 3 * (period - 1));
      }),
      { numRuns: 60 },
    );
  });

  it('VWMA stays within the window’s lowest and highest source value', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 30 }), (seed, period) => {
        const candles = syntheticCandles({ bars: 200, seed, zeroVolumeChance: 0.5 });
        const out = vwma(candles.close, candles.volume, period);
        for (let i = period - 1; i < out.length; i++) {
          const window = candles.close.subarray(i - period + 1, i + 1);
          expect(out[i]).toBeGreaterThanOrEqual(Math.min(...window) * (1 - 1e-12));
          expect(out[i]).toBeLessThanOrEqual(Math.max(...window) * (1 + 1e-12));
        }
      }),
      { numRuns: 40 },
    );
  });
});
