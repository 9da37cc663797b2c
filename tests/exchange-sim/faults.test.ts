/**
 * Fault injection: each kind of fault, on each exchange, for exactly the requests it targets.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExchangeSimulator, startExchangeSimulator } from './index.ts';
import { get } from './test-support.ts';

const NOW = Date.UTC(2024, 2, 1, 12, 0, 30);
let sim: ExchangeSimulator;

beforeAll(async () => {
  sim = await startExchangeSimulator({ clock: () => NOW, rateLimits: 'off' });
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => sim.setFaults([]));

const bybitKlines = () => get(`${sim.endpoints.bybitRest}/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1&limit=10`);
const spotKlines = () => get(`${sim.endpoints.binanceSpotRest}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=10`);
const futuresTime = () => get(`${sim.endpoints.binanceFuturesRest}/fapi/v1/time`);

describe('refusals', () => {
  it('answers Binance with 429, Retry-After and code -1003 for the next N requests', async () => {
    sim.setFaults([{ kind: 'rate-limit', count: 2, exchange: 'binance', retryAfterSeconds: 7 }]);
    for (let i = 0; i < 2; i++) {
      const response = await spotKlines();
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.json.code).toBe(-1003);
      expect(response.json.msg).toMatch(/^Too much request weight used; current limit is 6000 request weight per 1 MINUTE/);
    }
    expect((await spotKlines()).status).toBe(200);
  });

  it("answers Bybit with its IP limit (403) or its API limit (retCode 10006)", async () => {
    sim.setFaults([{ kind: 'rate-limit', exchange: 'bybit' }]);
    const ip = await bybitKlines();
    expect(ip.status).toBe(403);
    expect(ip.text).toBe('access too frequent');

    sim.setFaults([{ kind: 'rate-limit', exchange: 'bybit', bybitStyle: 'api', retryAfterSeconds: 2 }]);
    const api = await bybitKlines();
    expect(api.status).toBe(200);
    expect(api.json).toMatchObject({ retCode: 10006, retMsg: 'Too many visits!' });
    expect(api.headers.get('x-bapi-limit-status')).toBe('0');
    expect(Number(api.headers.get('x-bapi-limit-reset-timestamp'))).toBe(NOW + 2000);
    expect((await bybitKlines()).json.retCode).toBe(0);
  });

  it('bans a Binance IP with 418', async () => {
    sim.setFaults([{ kind: 'ban', path: '/fapi/', retryAfterSeconds: 120 }]);
    const banned = await futuresTime();
    expect(banned.status).toBe(418);
    expect(banned.headers.get('retry-after')).toBe('120');
    expect(banned.json.code).toBe(-1003);
    expect(banned.json.msg).toMatch(/^Way too much request weight used; IP banned until \d+/);
  });

  it('answers 5xx errors with the status asked for', async () => {
    sim.setFaults([
      { kind: 'server-error', status: 500, path: '/api/v3/klines' },
      { kind: 'server-error', status: 502, exchange: 'bybit' },
      { kind: 'server-error', status: 503, path: '/fapi/v1/time' },
    ]);
    const spot500 = await spotKlines();
    expect(spot500.status).toBe(500);
    expect(spot500.json.code).toBe(-1000);
    expect((await bybitKlines()).status).toBe(502);
    expect((await futuresTime()).status).toBe(503);
    expect((await spotKlines()).status).toBe(200);
    expect((await bybitKlines()).status).toBe(200);
  });

  it('only touches requests whose path matches', async () => {
    sim.setFaults([{ kind: 'server-error', count: Infinity, path: '/v5/market/funding' }]);
    expect((await bybitKlines()).status).toBe(200);
    expect((await get(`${sim.endpoints.bybitRest}/v5/market/funding/history?category=linear&symbol=BTCUSDT`)).status).toBe(502);
    expect((await get(`${sim.endpoints.bybitRest}/v5/market/funding/history?category=linear&symbol=BTCUSDT`)).status).toBe(502);
  });

  it('counts injected faults in stats()', async () => {
    const before = sim.stats().faulted;
    sim.setFaults([{ kind: 'server-error', count: 3 }]);
    for (let i = 0; i < 4; i++) await futuresTime();
    expect(sim.stats().faulted).toBe(before + 3);
  });
});

describe('network faults', () => {
  it('delays slow responses', async () => {
    sim.setFaults([{ kind: 'slow', delayMs: 300, exchange: 'bybit' }]);
    const started = Date.now();
    expect((await bybitKlines()).status).toBe(200);
    // A lower bound only: the server waits before it answers, so a busy machine can make this
    // later, never earlier. (No upper bound anywhere: those flake under load.)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection halfway through the body', async () => {
    sim.setFaults([{ kind: 'drop', exchange: 'binance' }]);
    await expect(spotKlines()).rejects.toThrow();
    expect((await spotKlines()).status).toBe(200);
  });

  it('drops the connection before answering', async () => {
    sim.setFaults([{ kind: 'drop', stage: 'before-response', exchange: 'bybit' }]);
    await expect(bybitKlines()).rejects.toThrow();
    expect((await bybitKlines()).status).toBe(200);
  });
});

describe('bad kline pages', () => {
  const times = (rows: unknown[][]) => rows.map((row) => Number(row[0]));

  it('repeats candles inside a page', async () => {
    sim.setFaults([{ kind: 'duplicate-klines' }]);
    const rows: unknown[][] = (await spotKlines()).json;
    expect(rows).toHaveLength(12);
    expect(new Set(times(rows)).size).toBe(10);
    expect(new Set(times((await spotKlines()).json)).size).toBe(10);
  });

  it('swaps neighbouring candles', async () => {
    sim.setFaults([{ kind: 'out-of-order-klines', exchange: 'bybit' }]);
    const newestFirst = times((await bybitKlines()).json.result.list);
    expect(newestFirst).not.toEqual([...newestFirst].sort((a, b) => b - a));
    expect(new Set(newestFirst).size).toBe(10);
  });

  it('corrupts one candle: high below low, a non-numeric price, a short row', async () => {
    sim.setFaults([{ kind: 'malformed-klines', count: 1, exchange: 'binance' }]);
    const swapped: string[][] = (await spotKlines()).json;
    expect(swapped.some((row) => Number(row[2]) < Number(row[3]))).toBe(true);

    sim.setFaults([{ kind: 'malformed-klines', defect: 'non-numeric', exchange: 'bybit' }]);
    const text: string[][] = (await bybitKlines()).json.result.list;
    expect(text.some((row) => Number.isNaN(Number(row[4])))).toBe(true);

    sim.setFaults([{ kind: 'malformed-klines', defect: 'short-row', path: '/api/v3/klines' }]);
    const short: unknown[][] = (await spotKlines()).json;
    expect(short.some((row) => row.length === 11)).toBe(true);
    expect(((await spotKlines()).json as unknown[][]).every((row) => row.length === 12)).toBe(true);
  });

  it('applies to kline pages only', async () => {
    sim.setFaults([{ kind: 'duplicate-klines', count: 1 }]);
    expect((await futuresTime()).status).toBe(200);
    // The time request did not use the fault up: the next kline page still gets it.
    expect((await bybitKlines()).json.result.list).toHaveLength(12);
    expect((await bybitKlines()).json.result.list).toHaveLength(10);
  });
});
