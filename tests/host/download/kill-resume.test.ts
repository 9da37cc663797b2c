/**
 * A download process killed outright (SIGKILL: no cleanup, no finally) leaves the cache
 * consistent, and resuming it gives exactly what a clean, uninterrupted download gives.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { CandleStore } from '../../../src-main/host/store/candle-store.ts';
import { type ExchangeSimulator, startExchangeSimulator } from '../../exchange-sim/index.ts';
import { runBst } from '../../support/cli.ts';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');
const key: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'ETHUSDT', interval: '1m' };
const FROM = Date.UTC(2024, 1, 1);
const TO = Date.UTC(2024, 1, 8);

let simulator: ExchangeSimulator;
const folders: string[] = [];

beforeAll(async () => {
  simulator = await startExchangeSimulator({ seed: 3, rateLimits: 'off' });
});
afterAll(async () => {
  await simulator.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bst-kill-'));
  folders.push(dir);
  return dir;
}

function downloadArgs(dataDir: string): string[] {
  return ['download', '--exchange', key.exchange, '--market', key.market, '--symbol', key.symbol, '--interval', key.interval,
    '--from', '2024-02-01', '--to', '2024-02-08', '--data', dataDir, '--base-url', simulator.endpoints.binanceSpotRest, '--concurrency', '2'];
}

/** Starts `bst download` and kills it with SIGKILL once it has reported 30% progress. */
function downloadAndKill(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'bst.js'), ...downloadArgs(dataDir)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let progress = '';
    child.stderr.on('data', (chunk: Buffer) => {
      progress += chunk.toString();
      if (/\b[3-9]\d% /.test(progress) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(progress) : reject(new Error(`download ended by itself (${code}) before it could be killed:\n${progress}`))));
  });
}

function snapshot(dataDir: string): { candles: Record<string, number[]>; coverage: unknown } {
  const store = CandleStore.open(dataDir);
  try {
    const candles = store.readCandles(key, FROM, TO);
    return {
      candles: Object.fromEntries(Object.entries(candles).map(([field, column]) => [field, Array.from(column as Float64Array)])),
      coverage: store.coverage(key),
    };
  } finally {
    store.close();
  }
}

it('a download killed with SIGKILL resumes to exactly the cache a clean download builds', async () => {
  const clean = folder();
  expect((await runBst(...downloadArgs(clean))).code).toBe(0);

  const interrupted = folder();
  simulator.setFaults([{ kind: 'slow', delayMs: 60, count: Number.POSITIVE_INFINITY, path: 'klines' }]);
  await downloadAndKill(interrupted);
  simulator.setFaults([]);

  const partial = snapshot(interrupted);
  expect(partial.candles.time.length).toBeGreaterThan(0);
  expect(partial.candles.time.length).toBeLessThan(7 * 1440);
  expect(partial.candles.time.length % 1000).toBe(0);

  const resumed = await runBst(...downloadArgs(interrupted));
  expect(resumed.code).toBe(0);
  expect(resumed.out).toMatch(/were cached already/);
  expect(snapshot(interrupted)).toEqual(snapshot(clean));
}, 60_000);
