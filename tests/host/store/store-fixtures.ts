/**
 * Shared helpers for the candle-cache tests: throwaway data directories under the OS temp
 * folder, hand-written candle rows on a minute grid, and bit-level column comparison.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allocateCandles, type Candles } from '../../../src-engine/candles.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { CandleStore, type CandleStoreOptions } from '../../../src-main/host/store/candle-store.ts';

export const T0 = Date.UTC(2024, 0, 1);
export const MINUTE = 60_000;
/** A fixed clock well after every test candle, so nothing is "forming" unless a test says so. */
export const NOW = Date.UTC(2025, 0, 1);

export const BTC_1M: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' };

/** Minute `k` after T0. */
export function minute(k: number): number {
  return T0 + k * MINUTE;
}

export function range(fromMinute: number, toMinute: number): { from: number; to: number } {
  return { from: minute(fromMinute), to: minute(toMinute) };
}

/** Temporary data directories, removed (with their stores closed) by `cleanup`. */
export class TempDirs {
  readonly #dirs: string[] = [];
  readonly #stores: CandleStore[] = [];

  dir(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bst-store-'));
    this.#dirs.push(dir);
    return dir;
  }

  store(options: CandleStoreOptions = { now: () => NOW }, dir = this.dir()): CandleStore {
    const store = CandleStore.open(dir, options);
    this.#stores.push(store);
    return store;
  }

  cleanup(): void {
    for (const store of this.#stores.splice(0)) store.close();
    for (const dir of this.#dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One-minute bars at the given minute offsets with distinct, non-round values (thirds do not
 * survive a decimal round trip unless every bit is kept).
 */
export function minuteBars(offsets: readonly number[], seed = 0): Candles {
  const candles = allocateCandles(offsets.length);
  offsets.forEach((k, i) => {
    const open = 100 + k / 3 + seed;
    candles.time[i] = minute(k);
    candles.open[i] = open;
    candles.high[i] = open + 1.5;
    candles.low[i] = open - 1.25;
    candles.close[i] = open + 0.5;
    candles.volume[i] = k * 0.7 + seed;
  });
  return candles;
}

export function minutesFrom(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** The IEEE-754 bit patterns of a column, so comparisons are exact to the bit. */
export function bits(column: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(column.slice().buffer));
}

export function candleBits(candles: Candles): Record<string, bigint[]> {
  return {
    time: bits(candles.time),
    open: bits(candles.open),
    high: bits(candles.high),
    low: bits(candles.low),
    close: bits(candles.close),
    volume: bits(candles.volume),
  };
}
