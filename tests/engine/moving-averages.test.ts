import { describe, expect, it } from 'vitest';
import { ema, rma, sma } from '../../src-engine/indicators/moving-averages.ts';
import { loadFixtureCandles, loadTalibReference } from '../support/fixtures.ts';
import { expectSeriesClose } from '../support/series-assertions.ts';

const goog = loadFixtureCandles('GOOG-1d.csv');
const talib = loadTalibReference();

describe('moving averages', () => {
  it('SMA(20) reproduces TA-Lib on GOOG-1d to 1e-9', () => {
    expectSeriesClose('SMA20', sma(goog.close, 20), talib.get('TA_SMA20')!, { relTol: 1e-9 });
  });

  it('EMA(20) reproduces TA-Lib on GOOG-1d, seeded with the SMA of the first 20 closes', () => {
    expectSeriesClose('EMA20', ema(goog.close, 20), talib.get('TA_EMA20')!, { relTol: 1e-9 });
  });

  it('hand-computed SMA, EMA and RMA with NaN warm-up, never 0', () => {
    const source = Float64Array.from([Number.NaN, 1, 2, 3, 4, 5]);
    expect(Array.from(sma(source, 3))).toEqual([Number.NaN, Number.NaN, Number.NaN, 2, 3, 4]);
    // EMA(3): alpha 0.5, seed = mean(1,2,3) = 2; then 2 + 0.5*(4-2) = 3; 3 + 0.5*(5-3) = 4
    expect(Array.from(ema(source, 3))).toEqual([Number.NaN, Number.NaN, Number.NaN, 2, 3, 4]);
    // RMA(3): alpha 1/3, seed 2; 2 + (4-2)/3 = 8/3; 8/3 + (5-8/3)/3 = 31/9
    const wilder = rma(source, 3);
    expect(wilder[3]).toBe(2);
    expect(wilder[4]).toBeCloseTo(8 / 3, 14);
    expect(wilder[5]).toBeCloseTo(31 / 9, 14);
  });

  it('a series shorter than the period is all warm-up', () => {
    expect(Array.from(sma(Float64Array.from([1, 2]), 3)).every(Number.isNaN)).toBe(true);
    expect(Array.from(ema(Float64Array.from([1, 2]), 3)).every(Number.isNaN)).toBe(true);
  });
});
