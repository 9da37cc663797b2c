/**
 * Per-IP rate limits: the published numbers, request weights, refusals, bans and recovery,
 * with windows shrunk so the tests take milliseconds instead of minutes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ExchangeSimulator, type RateLimitOption, REALISTIC_RATE_LIMITS, startExchangeSimulator } from './index.ts';
import { resolveRateLimits } from './rate-limits.ts';
import { get } from './test-support.ts';

const open: ExchangeSimulator[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((sim) => sim.close()));
});

async function simulator(rateLimits: RateLimitOption): Promise<ExchangeSimulator> {
  const sim = await startExchangeSimulator({ rateLimits, clock: () => Date.UTC(2024, 2, 1, 12) });
  open.push(sim);
  return sim;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for a fresh fixed window, so a burst does not straddle two. */
async function windowStart(windowMs: number): Promise<void> {
  await sleep(windowMs - (Date.now() % windowMs) + 5);
}

describe('limit settings', () => {
  it('uses the published numbers by default', () => {
    expect(resolveRateLimits(undefined)).toEqual(REALISTIC_RATE_LIMITS);
    expect(REALISTIC_RATE_LIMITS).toMatchObject({
      bybitRequestsPerWindow: 600,
      bybitWindowMs: 5000,
      binanceSpotWeightPerWindow: 6000,
      binanceFuturesWeightPerWindow: 2400,
      binanceWindowMs: 60_000,
      binanceFundingRequestsPerWindow: 500,
      binanceFundingWindowMs: 300_000,
    });
  });

  it('scales every duration and keeps custom numbers', () => {
    const scaled = resolveRateLimits({ windowScale: 0.01, bybitRequestsPerWindow: 7 });
    expect(scaled).toMatchObject({ bybitRequestsPerWindow: 7, bybitWindowMs: 50, bybitBanMs: 6000, binanceWindowMs: 600, binanceFundingWindowMs: 3000, binanceBanMs: 1200 });
    expect(resolveRateLimits('off').binanceSpotWeightPerWindow).toBe(Infinity);
  });
});

describe('Bybit', () => {
  it('allows 600 requests per IP in 5 seconds, then answers 403', async () => {
    const sim = await simulator('realistic');
    for (let i = 0; i < 600; i++) expect((await get(`${sim.endpoints.bybitRest}/v5/market/time`)).status).toBe(200);
    const refused = await get(`${sim.endpoints.bybitRest}/v5/market/time`);
    expect(refused.status).toBe(403);
    expect(refused.text).toBe('access too frequent');
    expect(sim.stats().rateLimited).toBe(1);
  });

  it('keeps refusing during the ban, then recovers', async () => {
    const sim = await simulator({ bybitRequestsPerWindow: 5, bybitWindowMs: 1000, bybitBanMs: 300 });
    const kline = () => get(`${sim.endpoints.bybitRest}/v5/market/kline?category=spot&symbol=BTCUSDT&interval=1&limit=5`);
    for (let i = 0; i < 5; i++) expect((await kline()).status).toBe(200);
    expect((await kline()).status).toBe(403);
    expect((await kline()).status).toBe(403);
    await sleep(320);
    expect((await kline()).json.retCode).toBe(0);
    expect(sim.stats().rateLimited).toBe(2);
  });
});

describe('Binance', () => {
  it('weighs spot klines 2 and exchangeInfo 20, futures klines by limit', async () => {
    // A day-long window: the counts below cannot be split by a window boundary mid-test.
    const sim = await simulator({ binanceWindowMs: 86_400_000 });
    const used = async (url: string) => Number((await get(url)).headers.get('x-mbx-used-weight-1m'));
    const spot = sim.endpoints.binanceSpotRest;
    expect(await used(`${spot}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000`)).toBe(2);
    expect(await used(`${spot}/api/v3/exchangeInfo`)).toBe(22);
    expect(await used(`${spot}/api/v3/time`)).toBe(23);
    expect(await used(`${spot}/api/v3/ping`)).toBe(24);

    const futures = sim.endpoints.binanceFuturesRest;
    let total = 0;
    for (const [limit, weight] of [[99, 1], [100, 2], [499, 2], [500, 5], [1000, 5], [1001, 10], [1500, 10]]) {
      total += weight;
      expect(await used(`${futures}/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=${limit}`), `limit ${limit}`).toBe(total);
    }
    expect(await used(`${futures}/fapi/v1/klines?symbol=BTCUSDT&interval=1m`)).toBe(total + 5);
    expect(await used(`${futures}/fapi/v1/exchangeInfo`)).toBe(total + 6);
  });

  it('answers 429 with Retry-After when the weight runs out, and recovers in the next window', async () => {
    const windowMs = 1000;
    const sim = await simulator({ binanceSpotWeightPerWindow: 10, binanceWindowMs: windowMs });
    const kline = () => get(`${sim.endpoints.binanceSpotRest}/api/v3/klines?symbol=ETHUSDT&interval=1m&limit=3`);
    await windowStart(windowMs);
    for (let i = 1; i <= 5; i++) expect((await kline()).headers.get('x-mbx-used-weight-1m')).toBe(String(2 * i));
    const refused = await kline();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('x-mbx-used-weight-1m')).toBe('10');
    expect(refused.json).toEqual({
      code: -1003,
      msg: 'Too much request weight used; current limit is 10 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
    });
    await windowStart(windowMs);
    const recovered = await kline();
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get('x-mbx-used-weight-1m')).toBe('2');
    expect(sim.stats().rateLimited).toBe(1);
  });

  it('bans an IP that keeps going after 429 with 418, until the ban ends', async () => {
    const windowMs = 1000;
    const sim = await simulator({ binanceFuturesWeightPerWindow: 1, binanceWindowMs: windowMs, binanceBanAfterRefusals: 2, binanceBanMs: 400 });
    const time = () => get(`${sim.endpoints.binanceFuturesRest}/fapi/v1/time`);
    await windowStart(windowMs);
    expect((await time()).status).toBe(200);
    expect((await time()).status).toBe(429);
    expect((await time()).status).toBe(429);
    const banned = await time();
    expect(banned.status).toBe(418);
    expect(banned.json.code).toBe(-1003);
    expect(Number(banned.headers.get('retry-after'))).toBe(1);
    await sleep(100);
    expect((await time()).status).toBe(418);
    await sleep(350);
    await windowStart(windowMs);
    expect((await time()).status).toBe(200);
  });

  it('limits fundingRate separately: 500 requests per 5 minutes', async () => {
    const sim = await simulator({ binanceFundingRequestsPerWindow: 2, binanceFundingWindowMs: 86_400_000 });
    const funding = () => get(`${sim.endpoints.binanceFuturesRest}/fapi/v1/fundingRate?symbol=BTCUSDT&limit=1`);
    expect((await funding()).status).toBe(200);
    expect((await funding()).status).toBe(200);
    const refused = await funding();
    expect(refused.status).toBe(429);
    expect(refused.json.msg).toContain('2 requests per 5 MINUTE');
    expect((await get(`${sim.endpoints.binanceFuturesRest}/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=1`)).status).toBe(200);
  });

  it('scales the minute with windowScale', async () => {
    const sim = await simulator({ windowScale: 0.01, binanceSpotWeightPerWindow: 4 });
    const info = () => get(`${sim.endpoints.binanceSpotRest}/api/v3/exchangeInfo?symbol=BTCUSDT`);
    await windowStart(600);
    expect((await info()).status).toBe(429);
    await windowStart(600);
    expect((await get(`${sim.endpoints.binanceSpotRest}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1`)).status).toBe(200);
    expect((await get(`${sim.endpoints.binanceSpotRest}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1`)).status).toBe(200);
    expect((await get(`${sim.endpoints.binanceSpotRest}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1`)).status).toBe(429);
  });

  it("never refuses with rate limits 'off' but still reports the weight", async () => {
    const sim = await simulator('off');
    for (let i = 0; i < 400; i++) {
      const response = await get(`${sim.endpoints.binanceSpotRest}/api/v3/exchangeInfo?symbol=BTCUSDT`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-mbx-used-weight-1m')).toMatch(/^\d+$/);
    }
    expect(sim.stats().rateLimited).toBe(0);
    expect((await get(`${sim.endpoints.binanceSpotRest}/api/v3/exchangeInfo`)).json.rateLimits[0].limit).toBe(6000);
  });
});
