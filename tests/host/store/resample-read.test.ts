import { afterEach, describe, expect, it } from 'vitest';
import { sliceCandles } from '../../../src-engine/candles.ts';
import { resampleCandles } from '../../../src-engine/resample.ts';
import { syntheticCandles } from '../../support/synthetic-candles.ts';
import { BTC_1M, T0, TempDirs, candleBits } from './store-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const BTC_1H = { ...BTC_1M, interval: '1h' as const };

const temp = new TempDirs();
afterEach(() => temp.cleanup());

/** Three days of 1m bars from T0 + 17 minutes, so the first hour and day are partial. */
const threeDays = syntheticCandles({ bars: 3 * 1440 - 17, seed: 11, startTime: T0 + 17 * 60_000 });

describe('readResampled', () => {
  it('equals resampleCandles of the stored 1m, and stores nothing', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, threeDays, { from: T0, to: T0 + 3 * DAY });
    const expected = resampleCandles(store.readCandles(BTC_1M), '1m', '1h');
    expect(expected.time.length).toBe(72);
    expect(candleBits(store.readResampled(BTC_1M, '1h'))).toEqual(candleBits(expected));
    expect(store.inventory().map((s) => s.key.interval)).toEqual(['1m']);
  });

  it('builds only whole bars of a requested range', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, threeDays, { from: T0, to: T0 + 3 * DAY });
    const read = store.readResampled(BTC_1M, '1h', T0 + 5 * HOUR + 1, T0 + 9 * HOUR + 1);
    const expected = resampleCandles(store.readCandles(BTC_1M, T0 + 6 * HOUR, T0 + 10 * HOUR), '1m', '1h');
    expect(Array.from(read.time)).toEqual([6, 7, 8, 9].map((h) => T0 + h * HOUR));
    expect(candleBits(read)).toEqual(candleBits(expected));
  });

  it('drops a leading bar whose sub-bars were never downloaded', () => {
    const store = temp.store();
    const fromMinute17 = { from: T0 + 17 * 60_000, to: T0 + 3 * DAY };
    store.writeCandles(BTC_1M, threeDays, fromMinute17);
    const read = store.readResampled(BTC_1M, '1h');
    expect(read.time[0]).toBe(T0 + HOUR);
    expect(read.time.length).toBe(71);
  });

  it('prefers the stored target series, and otherwise the source that covers the request', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, sliceCandles(threeDays, 0, 1440 - 17), { from: T0, to: T0 + DAY });
    const hourly = syntheticCandles({ bars: 72, seed: 99, startTime: T0, intervalMs: HOUR });
    expect(store.readResampled(BTC_1M, '1d').time.length).toBe(1);

    store.writeCandles(BTC_1H, hourly, { from: T0, to: T0 + 3 * DAY });
    // 1d over three days: the 1m series covers one day only, the 1h series all three.
    const daily = store.readResampled(BTC_1M, '1d', T0, T0 + 3 * DAY);
    expect(candleBits(daily)).toEqual(candleBits(resampleCandles(hourly, '1h', '1d')));
    // 4h over the first day: both cover it, the finest (1m) wins.
    const fourHours = store.readResampled(BTC_1M, '4h', T0, T0 + DAY);
    expect(candleBits(fourHours)).toEqual(candleBits(resampleCandles(store.readCandles(BTC_1M, T0, T0 + DAY), '1m', '4h')));
    expect(candleBits(store.readResampled(BTC_1M, '1h', T0, T0 + DAY))).toEqual(candleBits(store.readCandles(BTC_1H, T0, T0 + DAY)));
  });

  it('returns no candles when nothing can build the target', () => {
    const store = temp.store();
    store.writeCandles(BTC_1H, syntheticCandles({ bars: 5, seed: 1, startTime: T0, intervalMs: HOUR }), { from: T0, to: T0 + 5 * HOUR });
    expect(store.readResampled(BTC_1H, '1m').time.length).toBe(0);
  });
});
