/**
 * Candle cache throughput over one million one-minute candles: writing into a fresh database
 * the way a download does (one call per 1,000-candle page) and as one bulk call (target
 * <= 2 s each), a columnar read (target <= 200 ms), and the derived reads built on it (1m -> 1h
 * resampling, the inventory scan). Databases live in temp folders removed before returning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sliceCandles } from '../src-engine/candles.ts';
import type { SeriesKey } from '../src-shared/market.ts';
import { CandleStore } from '../src-main/host/store/candle-store.ts';
import { syntheticCandles } from '../tests/support/synthetic-candles.ts';
import { type BenchResult, measure } from './harness.ts';

export const STORE_BARS = 1_000_000;
const RUNS = 5;
const MINUTE = 60_000;
/** Candles per exchange response, so the paged write commits as often as a download does. */
const PAGE_BARS = 1_000;
const START = Date.UTC(2024, 0, 1);
const KEY: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' };
const COVERED = { from: START, to: START + STORE_BARS * MINUTE };

const WRITE_PAGED = 'store write 1M paged (fresh db)';
const WRITE_BULK = 'store write 1M bulk (fresh db)';
const READ = 'store read 1M';
const READ_RESAMPLED = 'store read 1M as 1h (resampled)';
const INVENTORY = 'store inventory 1M';

export function storeBenchmarks(filter: string): BenchResult[] {
  const candles = syntheticCandles({ bars: STORE_BARS, seed: 20_261_121, startTime: START, intervalMs: MINUTE });
  const dirs: string[] = [];
  const stores: CandleStore[] = [];
  const freshStore = (): CandleStore => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bst-store-bench-'));
    dirs.push(dir);
    const store = CandleStore.open(dir);
    stores.push(store);
    return store;
  };
  const writePaged = (store: CandleStore): void => {
    for (let i = 0; i < STORE_BARS; i += PAGE_BARS) {
      const from = START + i * MINUTE;
      store.writeCandles(KEY, sliceCandles(candles, i, i + PAGE_BARS), { from, to: from + PAGE_BARS * MINUTE });
    }
  };
  const writes: Record<string, (store: CandleStore) => void> = {
    [WRITE_PAGED]: writePaged,
    [WRITE_BULK]: (store) => store.writeCandles(KEY, candles, COVERED),
  };
  const results: BenchResult[] = [];
  try {
    for (const label of [WRITE_PAGED, WRITE_BULK].filter((name) => name.includes(filter))) {
      // Opening is outside the timing: a pool of fresh databases, one per run plus the warm-up.
      const pool = Array.from({ length: RUNS + 1 }, freshStore);
      results.push(measure(label, STORE_BARS, RUNS, () => writes[label](pool.pop() as CandleStore)));
    }
    const reads = [READ, READ_RESAMPLED, INVENTORY].filter((label) => label.includes(filter));
    if (reads.length > 0) {
      const store = freshStore();
      writePaged(store);
      const tasks: Record<string, () => unknown> = {
        [READ]: () => store.readCandles(KEY),
        [READ_RESAMPLED]: () => store.readResampled(KEY, '1h'),
        [INVENTORY]: () => store.inventory(),
      };
      for (const label of reads) results.push(measure(label, STORE_BARS, RUNS, tasks[label]));
    }
  } finally {
    for (const store of stores) store.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
