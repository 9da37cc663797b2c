import { describe, expect, it } from 'vitest';
import { allocateCandles, type Candles } from '../../src-engine/candles.ts';
import { barOpenTime, barsBetween, canResample, fixedIntervalMs, isBarOpenTime, nextBarOpenTime } from '../../src-engine/intervals.ts';
import { resampleCandles } from '../../src-engine/resample.ts';

const utc = Date.UTC;

describe('UTC intervals', () => {
  it('aligns fixed intervals to the epoch', () => {
    expect(barOpenTime(utc(2024, 0, 1, 13, 47, 12), '15m')).toBe(utc(2024, 0, 1, 13, 45));
    expect(barOpenTime(utc(2024, 0, 1, 13, 47), '4h')).toBe(utc(2024, 0, 1, 12));
    expect(barOpenTime(utc(2024, 0, 1, 13, 47), '1d')).toBe(utc(2024, 0, 1));
    expect(fixedIntervalMs('12h')).toBe(43_200_000);
  });

  it('opens weeks on Monday 00:00 UTC and months on the 1st', () => {
    // 2024-01-03 is a Wednesday; 2024-01-01 a Monday. 2023-12-31 is a Sunday.
    expect(barOpenTime(utc(2024, 0, 3, 5), '1w')).toBe(utc(2024, 0, 1));
    expect(barOpenTime(utc(2023, 11, 31, 23, 59), '1w')).toBe(utc(2023, 11, 25));
    expect(barOpenTime(utc(2024, 1, 29, 12), '1M')).toBe(utc(2024, 1, 1));
    expect(nextBarOpenTime(utc(2024, 1, 1), '1M')).toBe(utc(2024, 2, 1));
    expect(nextBarOpenTime(utc(2023, 11, 1), '1M')).toBe(utc(2024, 0, 1));
    expect(fixedIntervalMs('1M')).toBeNull();
    expect(isBarOpenTime(utc(2024, 0, 8), '1w')).toBe(true);
    expect(isBarOpenTime(utc(2024, 0, 9), '1w')).toBe(false);
  });

  it('counts the bars a complete series holds', () => {
    expect(barsBetween(utc(2024, 0, 1), utc(2024, 0, 2), '1m')).toBe(1440);
    expect(barsBetween(utc(2024, 0, 1, 0, 0, 30), utc(2024, 0, 1, 0, 3), '1m')).toBe(2);
    expect(barsBetween(utc(2024, 0, 1), utc(2025, 0, 1), '1M')).toBe(12);
    expect(barsBetween(utc(2024, 0, 1), utc(2024, 0, 1), '1h')).toBe(0);
  });

  it('knows which intervals are made of whole smaller bars', () => {
    expect(canResample('1m', '1h')).toBe(true);
    expect(canResample('1h', '1d')).toBe(true);
    expect(canResample('1d', '1M')).toBe(true);
    expect(canResample('1d', '1w')).toBe(true);
    expect(canResample('1w', '1M')).toBe(false);
    expect(canResample('3m', '5m')).toBe(false);
    expect(canResample('1h', '1m')).toBe(false);
  });
});

function minuteBars(rows: Array<[minute: number, open: number, high: number, low: number, close: number, volume: number]>): Candles {
  const candles = allocateCandles(rows.length);
  rows.forEach(([minute, open, high, low, close, volume], i) => {
    candles.time[i] = utc(2024, 0, 1) + minute * 60_000;
    candles.open[i] = open;
    candles.high[i] = high;
    candles.low[i] = low;
    candles.close[i] = close;
    candles.volume[i] = volume;
  });
  return candles;
}

describe('resampling', () => {
  it('aggregates 1m into 5m: first open, extremes, last close, summed volume', () => {
    const five = resampleCandles(
      minuteBars([
        [0, 10, 11, 9, 10.5, 1],
        [1, 10.5, 12, 10, 11, 2],
        [2, 11, 11.5, 8, 9, 3],
        [3, 9, 9.5, 8.5, 9.2, 4],
        [4, 9.2, 10, 9, 9.8, 5],
        [5, 9.8, 10.2, 9.7, 10, 6],
        [6, 10, 10.1, 9.9, 10.05, 7],
        [7, 10.05, 10.3, 10, 10.2, 8],
        [8, 10.2, 10.4, 10.1, 10.3, 9],
        [9, 10.3, 10.5, 10.2, 10.4, 10],
      ]),
      '1m',
      '5m',
    );
    expect(Array.from(five.time)).toEqual([utc(2024, 0, 1), utc(2024, 0, 1, 0, 5)]);
    expect(Array.from(five.open)).toEqual([10, 9.8]);
    expect(Array.from(five.high)).toEqual([12, 10.5]);
    expect(Array.from(five.low)).toEqual([8, 9.7]);
    expect(Array.from(five.close)).toEqual([9.8, 10.4]);
    expect(Array.from(five.volume)).toEqual([15, 40]);
  });

  it('keeps a bucket with a missing minute (an outage) but drops a trailing bucket still forming', () => {
    const five = resampleCandles(
      minuteBars([
        [0, 1, 2, 1, 2, 1],
        [1, 2, 3, 2, 3, 1],
        [3, 3, 4, 3, 4, 1],
        [4, 4, 5, 4, 5, 1],
        [5, 5, 6, 5, 6, 1],
        [6, 6, 7, 6, 7, 1],
      ]),
      '1m',
      '5m',
    );
    expect(Array.from(five.time)).toEqual([utc(2024, 0, 1)]);
    expect([five.open[0], five.high[0], five.low[0], five.close[0], five.volume[0]]).toEqual([1, 5, 1, 5, 4]);
  });

  it('refuses intervals that do not nest', () => {
    expect(() => resampleCandles(minuteBars([[0, 1, 1, 1, 1, 1]]), '1w', '1M')).toThrowError('cannot build 1M candles from 1w candles');
  });
});
