import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sma } from '../../src-engine/indicators/moving-averages.ts';
import { sourceSeries } from '../../src-engine/indicators/sources.ts';
import { obv, volumeIndicators, vwap } from '../../src-engine/indicators/volume.ts';
import { syntheticCandles } from '../support/synthetic-candles.ts';

const HOUR = 3_600_000;
const series = (values: number[]): Float64Array => Float64Array.from(values);
const definition = (kind: string) => volumeIndicators.find((candidate) => candidate.kind === kind)!;

const randomCandles = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    bars: fc.integer({ min: 1, max: 300 }),
    flatBarChance: fc.constantFrom(0, 0.1, 0.6),
    zeroVolumeChance: fc.constantFrom(0, 0.1, 0.5),
    intervalMs: fc.constantFrom(60_000, HOUR, 4 * HOUR),
  })
  .map((options) => syntheticCandles({ ...options, startTime: Date.UTC(2024, 0, 1, 21) }));

describe('hand-computed volume cases', () => {
  it('OBV starts at 0 and adds, subtracts or ignores each volume by the close change', () => {
    expect(Array.from(obv(series([10, 11, 11, 10, 12]), series([5, 3, 4, 2, 1])))).toEqual([0, 3, 3, 1, 2]);
  });

  it('VWAP resets at 00:00 UTC and is NaN while the new day has no volume', () => {
    const time = series([22, 23, 24, 25].map((hour) => Date.UTC(2024, 2, 1) + hour * HOUR));
    const result = vwap(time, series([10, 20, 30, 40]), series([1, 3, 0, 2]));
    // Day 1: 10, then (10*1 + 20*3) / 4 = 17.5. Day 2 opens with zero volume (0/0), then 40*2 / 2.
    expect(Array.from(result)).toEqual([10, 17.5, Number.NaN, 40]);
  });

  it('the vwap definition reads hlc3 by default; volsma is the SMA of volume', () => {
    const candles = syntheticCandles({ bars: 100, seed: 3, intervalMs: HOUR });
    const vwapDefinition = definition('vwap');
    expect(vwapDefinition.defaultSource).toBe('hlc3');
    expect(vwapDefinition.usesSource).toBe(true);
    const hlc3 = sourceSeries(candles, 'hlc3');
    expect(Array.from(vwapDefinition.batch({ candles, source: hlc3 }, [])[0])).toEqual(Array.from(vwap(candles.time, hlc3, candles.volume)));
    const volsma = definition('volsma');
    expect(volsma.usesSource).toBe(false);
    expect(Array.from(volsma.batch({ candles, source: candles.close }, [20])[0])).toEqual(Array.from(sma(candles.volume, 20)));
  });
});

describe('volume properties', () => {
  it('OBV moves by exactly plus, minus or zero volume each bar', () => {
    fc.assert(
      fc.property(randomCandles, (bars) => {
        const total = obv(bars.close, bars.volume);
        expect(total[0]).toBe(0);
        for (let i = 1; i < total.length; i++) {
          const step = total[i] - total[i - 1];
          const expected = Math.sign(bars.close[i] - bars.close[i - 1]) * bars.volume[i];
          expect(Math.abs(step - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total[i])));
        }
      }),
    );
  });

  it('VWAP lies within the range of the day\'s traded prices, and is NaN only before the day trades', () => {
    fc.assert(
      fc.property(randomCandles, (bars) => {
        const source = sourceSeries(bars, 'hlc3');
        const result = vwap(bars.time, source, bars.volume);
        let day = Number.NaN;
        let low = Infinity;
        let high = -Infinity;
        for (let i = 0; i < result.length; i++) {
          const barDay = Math.floor(bars.time[i] / 86_400_000);
          if (barDay !== day) [day, low, high] = [barDay, Infinity, -Infinity];
          if (bars.volume[i] > 0) [low, high] = [Math.min(low, source[i]), Math.max(high, source[i])];
          if (low === Infinity) {
            expect(result[i]).toBeNaN();
          } else {
            expect(result[i]).toBeGreaterThanOrEqual(low * (1 - 1e-12));
            expect(result[i]).toBeLessThanOrEqual(high * (1 + 1e-12));
          }
        }
      }),
    );
  });
});
