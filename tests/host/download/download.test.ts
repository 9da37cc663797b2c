/**
 * Downloads end to end: the real adapters (through the SDKs) against the exchange simulator,
 * into a real SQLite cache in a temp folder. Whatever goes wrong on the way, the cache ends up
 * equal to the exchange's truth, and a second run fetches nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { downloadSeries } from '../../../src-main/host/download/download.ts';
import type { ExchangeAdapter } from '../../../src-main/host/exchanges/adapter.ts';
import { createBinanceAdapter, createBybitAdapter } from '../../../src-main/host/exchanges/index.ts';
import { CandleStore } from '../../../src-main/host/store/candle-store.ts';
import { type ExchangeSimulator, startExchangeSimulator } from '../../exchange-sim/index.ts';

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 0, 3);
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 50 };

let simulator: ExchangeSimulator;
const folders: string[] = [];
const stores: CandleStore[] = [];

beforeAll(async () => {
  simulator = await startExchangeSimulator({ seed: 7, rateLimits: 'off' });
});
afterAll(async () => {
  await simulator.close();
});
afterEach(() => {
  simulator.setFaults([]);
  for (const store of stores.splice(0)) store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function freshStore(): CandleStore {
  const folder = mkdtempSync(path.join(tmpdir(), 'bst-download-'));
  folders.push(folder);
  const store = CandleStore.open(folder);
  stores.push(store);
  return store;
}

function adapterFor(key: SeriesKey): ExchangeAdapter {
  const options = { endpoints: simulator.endpoints, retry: FAST_RETRY };
  return key.exchange === 'bybit' ? createBybitAdapter(options) : createBinanceAdapter(options);
}

function expectCacheEqualsTruth(store: CandleStore, key: SeriesKey, from = FROM, to = TO): void {
  const cached = store.readCandles(key, from, to);
  const truth = simulator.truth(key, from, to);
  expect(cached.time.length).toBe(truth.time.length);
  for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(cached[field]), field).toEqual(Array.from(truth[field]));
  }
  expect(store.missingRanges(key, from, to)).toEqual([]);
}

const keys: SeriesKey[] = [
  { exchange: 'bybit', market: 'spot', symbol: 'ETHUSDT', interval: '1m' },
  { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' },
  { exchange: 'bybit', market: 'inverse', symbol: 'BTCUSD', interval: '5m' },
  { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' },
  { exchange: 'binance', market: 'linear', symbol: 'SOLUSDT', interval: '1m' },
];

describe('download into the cache', () => {
  for (const key of keys) {
    it(`${key.exchange} ${key.market} ${key.symbol} ${key.interval}: equals the exchange, then resumes with nothing to do`, async () => {
      const store = freshStore();
      const adapter = adapterFor(key);
      const first = await downloadSeries({ store, adapter, key, from: FROM, to: TO });
      expectCacheEqualsTruth(store, key);
      const bars = (TO - FROM) / (key.interval === '5m' ? 300_000 : 60_000);
      expect(first.pagesFetched).toBe(Math.ceil(bars / adapter.pageLimit(key.market)));
      const again = await downloadSeries({ store, adapter: adapterFor(key), key, from: FROM, to: TO });
      expect([again.pagesFetched, again.requests]).toEqual([0, 0]);
    });
  }

  it('fetches only what is missing around a cached middle', async () => {
    const key = keys[1];
    const store = freshStore();
    await downloadSeries({ store, adapter: adapterFor(key), key, from: Date.UTC(2024, 0, 1, 12), to: Date.UTC(2024, 0, 2) });
    const report = await downloadSeries({ store, adapter: adapterFor(key), key, from: FROM, to: TO });
    expect(report.alreadyCached).toBe(720);
    expect(report.candlesWritten).toBe(2880 - 720);
    expectCacheEqualsTruth(store, key);
  });

  it('survives 429s, 5xx, dropped connections, duplicates and out-of-order pages', async () => {
    for (const key of [keys[1], keys[3]]) {
      const store = freshStore();
      simulator.setFaults([
        { kind: 'rate-limit', retryAfterSeconds: 1, bybitStyle: 'api', count: 1, path: 'kline' },
        { kind: 'server-error', status: 502, count: 2, path: 'kline' },
        { kind: 'drop', count: 1, path: 'kline' },
        { kind: 'duplicate-klines', count: 2 },
        { kind: 'out-of-order-klines', count: 2 },
      ]);
      const report = await downloadSeries({ store, adapter: adapterFor(key), key, from: FROM, to: TO, concurrency: 2 });
      expect(report.retries).toBeGreaterThanOrEqual(4);
      expectCacheEqualsTruth(store, key);
    }
  });

  it('records an exchange outage as a gap in a covered range, not as a hole to download again', async () => {
    const key = keys[1];
    const outage = { from: Date.UTC(2024, 0, 1, 6), to: Date.UTC(2024, 0, 1, 6, 30) };
    simulator.setFaults([{ kind: 'gap', ...outage, exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT' }]);
    const store = freshStore();
    const report = await downloadSeries({ store, adapter: adapterFor(key), key, from: FROM, to: TO });
    expect(report.exchangeGaps).toBe(30);
    expectCacheEqualsTruth(store, key);
    const series = store.inventory().find((s) => s.key.symbol === 'BTCUSDT');
    expect(series?.gaps).toEqual([outage]);
    expect(series?.uncovered).toEqual([]);
  });

  it('never stores a bad page: the download fails, keeps its good pages, and a rerun completes it exactly', async () => {
    const key = keys[3];
    const store = freshStore();
    simulator.setFaults([{ kind: 'malformed-klines', count: Number.POSITIVE_INFINITY, path: 'klines' }]);
    await expect(downloadSeries({ store, adapter: adapterFor(key), key, from: FROM, to: TO, concurrency: 1 })).rejects.toMatchObject({
      kind: 'invalid-response',
    });
    expect(store.readCandles(key, FROM, TO).time.length).toBe(0);
    simulator.setFaults([]);
    await downloadSeries({ store, adapter: adapterFor(key), key, from: FROM, to: TO });
    expectCacheEqualsTruth(store, key);
  });

  it('cancels cleanly: whole pages only, and the resumed cache equals a clean download', async () => {
    const key = keys[1];
    const store = freshStore();
    simulator.setFaults([{ kind: 'slow', delayMs: 40, count: Number.POSITIVE_INFINITY }]);
    const controller = new AbortController();
    let pages = 0;
    const cancelled = downloadSeries({
      store,
      adapter: adapterFor(key),
      key,
      from: FROM,
      to: TO,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pagesDone > pages) pages = p.pagesDone;
        if (p.pagesDone === 1) controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ kind: 'cancelled' });
    const kept = store.readCandles(key, FROM, TO).time.length;
    expect(kept % 1000).toBe(0);
    expect(kept).toBeGreaterThan(0);
    simulator.setFaults([]);
    await downloadSeries({ store, adapter: adapterFor(key), key, from: FROM, to: TO });
    expectCacheEqualsTruth(store, key);
  });

  it('names an unknown symbol', async () => {
    const key: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'NOPEUSDT', interval: '1m' };
    await expect(downloadSeries({ store: freshStore(), adapter: adapterFor(key), key, from: FROM, to: TO })).rejects.toThrowError(
      'bybit linear has no symbol NOPEUSDT',
    );
  });
});

describe('IP bans', () => {
  it('stops at a Bybit IP ban (HTTP 403) with the time it lifts, instead of hammering on', async () => {
    const key = keys[1];
    simulator.setFaults([{ kind: 'rate-limit', bybitStyle: 'ip', count: 1 }]);
    await expect(downloadSeries({ store: freshStore(), adapter: adapterFor(key), key, from: FROM, to: TO })).rejects.toThrowError(
      /^bybit refused this IP for sending too often \(HTTP 403 access too frequent\); retry after \d{4}-/,
    );
  });
});
