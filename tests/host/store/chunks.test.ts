/**
 * The columnar chunk layout seen through the public store API: batches and reads that cross
 * chunk edges, rewrites of earlier chunks, outages inside a chunk, and the bits a BLOB keeps.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Candles, sliceCandles } from '../../../src-engine/candles.ts';
import { CHUNK_BARS, chunkSpanMs } from '../../../src-main/host/store/candle-chunks.ts';
import { DATABASE_FILE } from '../../../src-main/host/store/candle-store.ts';
import { CandleBatchError } from '../../../src-main/host/store/validate-batch.ts';
import { BTC_1M, T0, TempDirs, candleBits, minute, minuteBars, minutesFrom, range } from './store-fixtures.ts';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

/** Minute offset from T0 of the first chunk edge after T0. */
const EDGE = (Math.ceil(T0 / chunkSpanMs('1m')) * chunkSpanMs('1m') - T0) / 60_000;

/** Stored chunk rows of the store in `dir`: [chunk start, bars]. */
function chunkRows(dir: string): [number, number][] {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT chunk_start_ms, bars FROM candle_chunks ORDER BY chunk_start_ms').raw().all() as [number, number][];
  } finally {
    db.close();
  }
}

function concat(parts: readonly Candles[]): Record<string, bigint[]> {
  const all = parts.map(candleBits);
  return Object.fromEntries(Object.keys(all[0]).map((field) => [field, all.flatMap((bits) => bits[field])]));
}

describe('chunked storage', () => {
  it('splits a batch spanning several chunks and reads any window back', () => {
    const dir = temp.dir();
    const store = temp.store(undefined, dir);
    const offsets = minutesFrom(EDGE - 100, EDGE + 2 * CHUNK_BARS + 50);
    const bars = minuteBars(offsets);
    store.writeCandles(BTC_1M, bars, range(offsets[0], offsets[offsets.length - 1] + 1));
    expect(chunkRows(dir).map(([, n]) => n)).toEqual([100, CHUNK_BARS, CHUNK_BARS, 50]);
    expect(candleBits(store.readCandles(BTC_1M))).toEqual(candleBits(bars));
    const window = store.readCandles(BTC_1M, minute(EDGE - 3), minute(EDGE + CHUNK_BARS + 7));
    expect(candleBits(window)).toEqual(candleBits(sliceCandles(bars, 97, 100 + CHUNK_BARS + 7)));
    expect(store.readCandles(BTC_1M, minute(EDGE), minute(EDGE + 1)).time[0]).toBe(minute(EDGE));
  });

  it('pages end exactly at a chunk edge and the next page starts on it', () => {
    const store = temp.store();
    const bars = minuteBars(minutesFrom(EDGE - 10, EDGE + 10));
    store.writeCandles(BTC_1M, bars, range(EDGE - 10, EDGE + 10));
    const first = store.readCandlePage(BTC_1M, minute(EDGE - 10), minute(EDGE + 10), 10);
    expect(first.time[9]).toBe(minute(EDGE - 1));
    const second = store.readCandlePage(BTC_1M, first.time[9] + 1, minute(EDGE + 10), 10);
    expect(concat([first, second])).toEqual(candleBits(bars));
    expect(candleBits(store.readCandles(BTC_1M, minute(EDGE - 10), minute(EDGE)))).toEqual(candleBits(first));
    expect(store.readCandlePage(BTC_1M, minute(EDGE), minute(EDGE + 10), 0).time.length).toBe(0);
  });

  it('merges writes into earlier chunks: last write per open time wins, the rest stays', () => {
    const store = temp.store();
    store.writeCandles(BTC_1M, minuteBars(minutesFrom(EDGE - 50, EDGE + 50)), range(EDGE - 50, EDGE + 50));
    store.writeCandles(BTC_1M, minuteBars(minutesFrom(EDGE + 40, EDGE + 60), 7), range(EDGE + 40, EDGE + 60));
    store.writeCandles(BTC_1M, minuteBars([EDGE - 60, EDGE - 30, EDGE - 1, EDGE, EDGE + 45], 3), range(EDGE - 60, EDGE + 46));
    const expected = new Map<number, number>();
    for (const k of minutesFrom(EDGE - 50, EDGE + 50)) expected.set(k, 0);
    for (const k of minutesFrom(EDGE + 40, EDGE + 60)) expected.set(k, 7);
    for (const k of [EDGE - 60, EDGE - 30, EDGE - 1, EDGE, EDGE + 45]) expected.set(k, 3);
    const minutes = [...expected.keys()].sort((a, b) => a - b);
    const model = minutes.map((k) => minuteBars([k], expected.get(k)));
    expect(candleBits(store.readCandles(BTC_1M))).toEqual(concat(model));
  });

  it('leaves outage bars out of a chunk rather than marking them', () => {
    const dir = temp.dir();
    const store = temp.store(undefined, dir);
    const present = [EDGE + 3, EDGE + 4, EDGE + 9, EDGE + 500];
    store.writeCandles(BTC_1M, minuteBars(present), range(EDGE, EDGE + 600));
    expect(chunkRows(dir)).toEqual([[minute(EDGE), 4]]);
    expect(Array.from(store.readCandles(BTC_1M, minute(EDGE + 4), minute(EDGE + 501)).time)).toEqual(present.slice(1).map(minute));
    const [series] = store.inventory();
    expect([series.count, series.expected]).toEqual([4, 498]);
    expect(series.gaps).toEqual([range(EDGE + 5, EDGE + 9), range(EDGE + 10, EDGE + 500)]);
  });

  it('keeps -0 bit for bit and never stores NaN', () => {
    const store = temp.store();
    const bars = minuteBars([0, 1]);
    bars.open[0] = -0;
    bars.close[0] = -0;
    bars.low[0] = -1;
    bars.volume[0] = -0;
    store.writeCandles(BTC_1M, bars, range(0, 2));
    const read = store.readCandles(BTC_1M);
    expect([Object.is(read.open[0], -0), Object.is(read.close[0], -0), Object.is(read.volume[0], -0)]).toEqual([true, true, true]);
    expect(candleBits(read)).toEqual(candleBits(bars));

    const nan = minuteBars([2, 3]);
    nan.close[1] = Number.NaN;
    expect(() => store.writeCandles(BTC_1M, nan, range(2, 4))).toThrow(CandleBatchError);
    expect(candleBits(store.readCandles(BTC_1M))).toEqual(candleBits(bars));
    expect(store.coverage(BTC_1M)).toEqual([range(0, 2)]);
  });
});
