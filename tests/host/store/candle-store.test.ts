import { afterEach, describe, expect, it } from 'vitest';
import { allocateCandles } from '../../../src-engine/candles.ts';
import { syntheticCandles } from '../../support/synthetic-candles.ts';
import { CandleBatchError } from '../../../src-main/host/store/validate-batch.ts';
import { BTC_1M, NOW, T0, TempDirs, bits, candleBits, minute, minuteBars, minutesFrom, range } from './store-fixtures.ts';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

function thrown(fn: () => unknown): CandleBatchError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CandleBatchError);
    return error as CandleBatchError;
  }
  throw new Error('expected a CandleBatchError, nothing was thrown');
}

describe('writeCandles / readCandles', () => {
  it('round-trips random doubles bit for bit', () => {
    const store = temp.store();
    const candles = syntheticCandles({ bars: 10_000, seed: 7, startTime: T0, zeroVolumeChance: 0.1, flatBarChance: 0.05 });
    store.writeCandles(BTC_1M, candles, range(0, 10_000));
    expect(candleBits(store.readCandles(BTC_1M))).toEqual(candleBits(candles));
  });

  it('reads [from, to) by open time, ascending', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, minuteBars(minutesFrom(0, 30)), range(0, 30));
    const read = store.readCandles(BTC_1M, minute(10), minute(20));
    expect(Array.from(read.time)).toEqual(minutesFrom(10, 20).map(minute));
    expect(read.open[0]).toBe(100 + 10 / 3);
    expect(store.readCandles(BTC_1M, minute(10) + 1, minute(11)).time.length).toBe(0);
    expect(store.readCandles({ ...BTC_1M, symbol: 'ETHUSDT' }).time.length).toBe(0);
  });

  it('returns compact columns when the covered range has outages', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, minuteBars([0, 1, 5]), range(0, 10));
    const read = store.readCandles(BTC_1M);
    expect(Array.from(read.time)).toEqual([minute(0), minute(1), minute(5)]);
    expect(read.close.buffer.byteLength).toBe(3 * 8);
  });

  it('replaces a candle written again at the same open time', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, minuteBars([0, 1, 2]), range(0, 3));
    store.writeCandles(BTC_1M, minuteBars([1], 50), range(1, 2));
    expect(Array.from(store.readCandles(BTC_1M).open)).toEqual([100, 100 + 1 / 3 + 50, 100 + 2 / 3]);
  });
});

describe('coverage', () => {
  it('merges adjacent, overlapping and disjoint ranges', () => {
    const store = temp.store();
    const empty = allocateCandles(0);
    store.writeCandles(BTC_1M, empty, range(0, 10));
    store.writeCandles(BTC_1M, empty, range(10, 20));
    expect(store.coverage(BTC_1M)).toEqual([range(0, 20)]);
    store.writeCandles(BTC_1M, empty, range(30, 40));
    store.writeCandles(BTC_1M, empty, range(35, 50));
    store.writeCandles(BTC_1M, empty, range(60, 70));
    expect(store.coverage(BTC_1M)).toEqual([range(0, 20), range(30, 50), range(60, 70)]);
    store.writeCandles(BTC_1M, empty, range(15, 65));
    expect(store.coverage(BTC_1M)).toEqual([range(0, 70)]);
  });

  it('snaps a covered range to the bars it holds and stops at the forming bar', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, allocateCandles(0), { from: minute(0) + 30_000, to: minute(10) + 30_000 });
    expect(store.coverage(BTC_1M)).toEqual([range(1, 11)]);
    store.writeCandles(BTC_1M, allocateCandles(0), { from: NOW - 5 * 60_000, to: NOW + 3_600_000 });
    expect(store.coverage(BTC_1M)).toEqual([range(1, 11), { from: NOW - 5 * 60_000, to: NOW }]);
  });

  it('lists the missing parts of a request on the bar grid', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, allocateCandles(0), range(0, 20));
    store.writeCandles(BTC_1M, allocateCandles(0), range(30, 50));
    expect(store.missingRanges(BTC_1M, minute(-5), minute(60))).toEqual([range(-5, 0), range(20, 30), range(50, 60)]);
    expect(store.missingRanges(BTC_1M, minute(0), minute(20))).toEqual([]);
    expect(store.missingRanges(BTC_1M, minute(18) + 1, minute(31) + 1)).toEqual([range(20, 30)]);
    expect(store.missingRanges(BTC_1M, NOW - 60_000, NOW + 3_600_000)).toEqual([{ from: NOW - 60_000, to: NOW }]);
    expect(store.missingRanges({ ...BTC_1M, interval: '1h' }, T0 + 1, T0 + 3 * 3_600_000)).toEqual([
      { from: T0 + 3_600_000, to: T0 + 3 * 3_600_000 },
    ]);
  });
});

describe('batch validation', () => {
  it('writes nothing from a batch with one bad candle and names series, bar and rule', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, minuteBars(minutesFrom(0, 10)), range(0, 10));
    const bad = minuteBars(minutesFrom(10, 20));
    bad.high[5] = bad.close[5] - 1;
    const error = thrown(() => store.writeCandles(BTC_1M, bad, range(10, 20)));
    expect(error.rule).toBe('high-below-open-close');
    expect(error.barTime).toBe(minute(15));
    expect(error.series).toBe('binance spot BTCUSDT 1m');
    expect(error.message).toContain('binance spot BTCUSDT 1m');
    expect(error.message).toContain('2024-01-01T00:15:00.000Z');
    expect(store.coverage(BTC_1M)).toEqual([range(0, 10)]);
    expect(store.readCandles(BTC_1M).time.length).toBe(10);

    const eth = { ...BTC_1M, symbol: 'ETHUSDT' };
    thrown(() => store.writeCandles(eth, bad, range(10, 20)));
    expect(store.inventory().map((s) => s.key.symbol)).toEqual(['BTCUSDT']);
  });

  it('rejects an open time off the interval grid', () => {
    const store = temp.store();
    const rows = minuteBars([0, 1, 2]);
    rows.time[2] = minute(2) + 30_000;
    const error = thrown(() => store.writeCandles(BTC_1M, rows, range(0, 5)));
    expect([error.rule, error.barTime]).toEqual(['off-grid', minute(2) + 30_000]);
    expect(store.coverage(BTC_1M)).toEqual([]);
  });

  it('rejects a bar still forming at the store clock', () => {
    const store = temp.store({ now: () => minute(10) + 30_000 });
    const error = thrown(() => store.writeCandles(BTC_1M, minuteBars(minutesFrom(0, 11)), range(0, 20)));
    expect([error.rule, error.barTime]).toEqual(['forming', minute(10)]);
    store.writeCandles(BTC_1M, minuteBars(minutesFrom(0, 10)), range(0, 20));
    expect(store.coverage(BTC_1M)).toEqual([range(0, 10)]);
  });

  it('rejects duplicates, disorder, bars outside the covered range and bad ranges', () => {
    const store = temp.store();
    expect(thrown(() => store.writeCandles(BTC_1M, minuteBars([0, 1, 1]), range(0, 5))).rule).toBe('duplicate-time');
    expect(thrown(() => store.writeCandles(BTC_1M, minuteBars([0, 2, 1]), range(0, 5))).rule).toBe('time-not-ascending');
    const outside = thrown(() => store.writeCandles(BTC_1M, minuteBars([3, 4, 5, 6]), range(0, 5)));
    expect([outside.rule, outside.barTime]).toEqual(['outside-coverage', minute(5)]);
    expect(thrown(() => store.writeCandles(BTC_1M, minuteBars([0]), range(5, 0))).rule).toBe('invalid-range');
    expect(thrown(() => store.writeCandles({ ...BTC_1M, symbol: 'btc' }, minuteBars([0]), range(0, 1))).rule).toBe('invalid-key');
    expect(store.inventory()).toEqual([]);
  });
});

describe('inventory', () => {
  it('tells exchange outages (gaps) from ranges never downloaded (uncovered)', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, minuteBars([0, 1, 2, 5, 6, 7]), range(0, 10));
    store.writeCandles(BTC_1M, minuteBars(minutesFrom(20, 30)), range(20, 30));
    store.writeCandles(BTC_1M, minuteBars(minutesFrom(30, 38)), range(30, 40));
    const onlyCoverage = { ...BTC_1M, symbol: 'ETHUSDT' };
    store.writeCandles(onlyCoverage, allocateCandles(0), range(0, 10));

    const [btc, eth] = store.inventory();
    expect({ ...btc, sizeBytes: 0 }).toEqual({
      key: BTC_1M,
      first: minute(0),
      last: minute(37),
      count: 24,
      expected: 38,
      coverage: [range(0, 10), range(20, 40)],
      gaps: [range(3, 5), range(8, 10)],
      uncovered: [range(10, 20)],
      sizeBytes: 0,
    });
    expect(btc.sizeBytes).toBeGreaterThan(24 * 40);
    expect(eth).toEqual({
      key: onlyCoverage,
      first: null,
      last: null,
      count: 0,
      expected: 0,
      coverage: [range(0, 10)],
      gaps: [],
      uncovered: [],
      sizeBytes: 0,
    });
  });

  it('finds holes in a monthly series', () => {
    const store = temp.store();
    const key = { ...BTC_1M, interval: '1M' as const };
    const months = [0, 1, 3, 4].map((m) => Date.UTC(2023, m, 1));
    const rows = minuteBars([0, 1, 2, 3]);
    rows.time.set(months);
    store.writeCandles(key, rows, { from: Date.UTC(2023, 0, 1), to: Date.UTC(2023, 5, 1) });
    const [series] = store.inventory();
    expect([series.count, series.expected, series.gaps]).toEqual([4, 5, [{ from: Date.UTC(2023, 2, 1), to: Date.UTC(2023, 3, 1) }]]);
  });
});

describe('deleteSeries / databaseSizeBytes', () => {
  it('deletes candles and coverage of one series only', () => {
    const store = temp.store();
    const eth = { ...BTC_1M, symbol: 'ETHUSDT' };
    store.writeCandles(BTC_1M, minuteBars(minutesFrom(0, 10)), range(0, 10));
    store.writeCandles(eth, minuteBars(minutesFrom(0, 10)), range(0, 10));
    const before = store.databaseSizeBytes();
    expect(before).toBeGreaterThan(0);
    expect(store.deleteSeries(BTC_1M)).toBe(true);
    expect(store.deleteSeries(BTC_1M)).toBe(false);
    expect(store.readCandles(BTC_1M).time.length).toBe(0);
    expect(store.coverage(BTC_1M)).toEqual([]);
    expect(bits(store.readCandles(eth).open)).toEqual(bits(minuteBars(minutesFrom(0, 10)).open));
  });
});
