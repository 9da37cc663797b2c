/**
 * Download throughput from the exchange simulator into a fresh cache: 200,000 one-minute
 * candles of Bybit linear BTCUSDT. With the published limits (600 requests per 5 s) the 200
 * requests never touch the limit, so the time is our own overhead; with a tight limit on both
 * sides (20 requests per second) the limit binds, and the time is compared with the minimum it
 * imposes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SeriesKey } from '../src-shared/market.ts';
import { downloadSeries } from '../src-main/host/download/download.ts';
import { createBybitAdapter } from '../src-main/host/exchanges/index.ts';
import { CandleStore } from '../src-main/host/store/candle-store.ts';
import { type RateLimitOption, startExchangeSimulator } from '../tests/exchange-sim/index.ts';
import type { BenchResult } from './harness.ts';

const CANDLES = 200_000;
const KEY: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };
const FROM = Date.UTC(2024, 0, 1);

export interface DownloadBench extends BenchResult {
  /** The time the exchange's limit alone imposes on this many requests. */
  readonly limitMinimumMs: number;
}

async function timedDownload(label: string, simulatorLimits: RateLimitOption, requestsPerSecond: number | null): Promise<DownloadBench> {
  const simulator = await startExchangeSimulator({ seed: 11, rateLimits: simulatorLimits });
  const folder = mkdtempSync(path.join(tmpdir(), 'bst-bench-download-'));
  const store = CandleStore.open(folder);
  try {
    const adapter = createBybitAdapter({
      endpoints: simulator.endpoints,
      rateLimits: requestsPerSecond === null ? 'published' : { bybit: { limit: requestsPerSecond, windowMs: 1_000 } },
    });
    const report = await downloadSeries({ store, adapter, key: KEY, from: FROM, to: FROM + CANDLES * 60_000, concurrency: 8 });
    const requests = report.requests;
    // The first window's worth goes at once; every further full window's worth waits a window.
    const perWindow = requestsPerSecond ?? 600;
    const windowMs = requestsPerSecond === null ? 5_000 : 1_000;
    const limitMinimumMs = Math.max(0, Math.ceil(requests / perWindow) - 1) * windowMs;
    return { bench: label, medianMs: report.elapsedMs, runs: 1, bars: CANDLES, limitMinimumMs };
  } finally {
    store.close();
    rmSync(folder, { recursive: true, force: true });
    await simulator.close();
  }
}

export async function downloadBenchmarks(filter: string): Promise<DownloadBench[]> {
  const results: DownloadBench[] = [];
  if ('download 200k published limits'.includes(filter)) {
    results.push(await timedDownload('download 200k published limits', 'realistic', null));
  }
  if ('download 200k at 20 req/s'.includes(filter)) {
    results.push(await timedDownload('download 200k at 20 req/s', { bybitRequestsPerWindow: 20, bybitWindowMs: 1_000 }, 20));
  }
  return results;
}
