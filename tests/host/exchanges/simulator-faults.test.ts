/**
 * Both adapters against the exchange simulator's injected faults and rate limits: transient
 * failures are retried until the page equals the truth, broken pages are cleaned or refused,
 * rate-limit answers are waited out (and stop the whole exchange), cancellation works at any
 * point, and a burst of parallel pages queues under the limits instead of drawing refusals.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeError, type RequestEvents } from '../../../src-main/host/exchanges/adapter.ts';
import type { AdapterOptions } from '../../../src-main/host/exchanges/options.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { startExchangeSimulator, type ExchangeSimulator, type FaultRule } from '../../exchange-sim/index.ts';
import { plain, requestsOn, simAdapter, VENUES, type Venue } from './sim-support.ts';

const HOUR = 3_600_000;
const FROM = Date.UTC(2024, 2, 4);
const TO = FROM + 200 * HOUR;

let sim: ExchangeSimulator;
beforeAll(async () => {
  sim = await startExchangeSimulator({ seed: 11 });
});
afterEach(() => sim.setFaults([]));
afterAll(async () => {
  await sim.close();
});

function keyOf(venue: Venue): SeriesKey {
  return { exchange: venue.exchange, market: venue.market, symbol: venue.symbol, interval: '1h' };
}

function recorder(): { events: RequestEvents; retries: { delayMs: number; reason: string; at: number }[]; requests: number[] } {
  const retries: { delayMs: number; reason: string; at: number }[] = [];
  const requests: number[] = [];
  return {
    retries,
    requests,
    events: {
      onRequest: () => requests.push(Date.now()),
      onRetry: ({ delayMs, reason }) => retries.push({ delayMs, reason, at: Date.now() }),
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<ExchangeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    return error as ExchangeError;
  }
  throw new Error('expected a failure');
}

/** Fetches the test page with `faults` in force and checks it equals the truth. */
async function fetchThrough(venue: Venue, faults: readonly FaultRule[], options: Partial<AdapterOptions> = {}) {
  sim.setFaults(faults);
  const log = recorder();
  const rows = await simAdapter(sim, venue.exchange, options).fetchCandlePage(keyOf(venue), FROM, TO, undefined, log.events);
  expect(plain(rows)).toEqual(plain(sim.truth(keyOf(venue), FROM, TO)));
  return log;
}

const faultVenues = VENUES.filter((venue) => venue.market === 'linear');

describe.each(faultVenues)('$exchange $market under faults', (venue) => {
  const path = venue.klinePath;

  it('retries every kind of server error', async () => {
    const statuses = [500, 502, 503, 504] as const;
    const log = await fetchThrough(venue, statuses.map((status) => ({ kind: 'server-error', status, path })));
    expect(log.retries.map((r) => r.reason)).toEqual([
      expect.stringMatching(new RegExp(`^${venue.exchange} server error \\(`)),
      `${venue.exchange} server error (HTTP 502)`,
      expect.stringMatching(new RegExp(`^${venue.exchange} server error \\(`)),
      `${venue.exchange} server error (HTTP 504)`,
    ]);
  });

  it('retries connections dropped before the response and halfway through the body', async () => {
    const log = await fetchThrough(venue, [
      { kind: 'drop', stage: 'before-response', path },
      { kind: 'drop', stage: 'mid-body', path },
    ]);
    expect(log.retries.map((r) => r.reason)).toEqual([
      expect.stringMatching(new RegExp(`^could not reach ${venue.exchange} \\(`)),
      expect.stringMatching(new RegExp(`^could not reach ${venue.exchange} \\(`)),
    ]);
  });

  it('retries a request that outlives its timeout', async () => {
    const log = await fetchThrough(venue, [{ kind: 'slow', delayMs: 400, path }], { requestTimeoutMs: 100 });
    expect(log.retries.map((r) => r.reason)).toEqual([expect.stringMatching(/timeout/i)]);
  });

  it('cleans duplicated and out-of-order rows without asking again', async () => {
    const before = requestsOn(sim, path);
    const log = await fetchThrough(venue, [
      { kind: 'duplicate-klines', path },
      { kind: 'out-of-order-klines', path },
    ]);
    expect(log.retries).toEqual([]);
    expect(requestsOn(sim, path) - before).toBe(1);
  });

  it.each(['high-below-low', 'non-numeric', 'short-row'] as const)('asks again after a page with a %s row', async (defect) => {
    const log = await fetchThrough(venue, [{ kind: 'malformed-klines', defect, path }]);
    expect(log.retries).toHaveLength(1);
    expect(log.retries[0].reason).toMatch(new RegExp(`^${venue.exchange} linear ${venue.symbol} 1h: invalid response: .*\\(rule [a-z-]+\\)$`));
  });

  it('reports a page that stays malformed, naming the bar and rule, and never returns it', async () => {
    sim.setFaults([{ kind: 'malformed-klines', defect: 'high-below-low', path, count: Number.POSITIVE_INFINITY }]);
    const before = requestsOn(sim, path);
    const error = await failure(simAdapter(sim, venue.exchange).fetchCandlePage(keyOf(venue), FROM, TO));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(
      new RegExp(
        `^${venue.exchange} linear ${venue.symbol} 1h: invalid response: bar \\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00\\.000Z: .* \\(rule (high-below-open-close|low-above-open-close)\\); gave up after 6 attempts$`,
      ),
    );
    expect(requestsOn(sim, path) - before).toBe(6);
  });

  it('returns a maintenance gap as absent candles', async () => {
    const gap: FaultRule = { kind: 'gap', from: FROM + 50 * HOUR, to: FROM + 60 * HOUR, exchange: venue.exchange, market: venue.market, symbol: venue.symbol };
    sim.setFaults([gap]);
    const rows = await simAdapter(sim, venue.exchange).fetchCandlePage(keyOf(venue), FROM, TO);
    expect(rows.time.length).toBe(190);
    expect([...rows.time].some((time) => time >= gap.from && time < gap.to)).toBe(false);
    expect(plain(rows)).toEqual(plain(sim.truth(keyOf(venue), FROM, TO)));
  });

  it('cancels during a backoff sleep', async () => {
    sim.setFaults([{ kind: 'server-error', path, count: Number.POSITIVE_INFINITY }]);
    const controller = new AbortController();
    const adapter = simAdapter(sim, venue.exchange, { retry: { maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: 60_000 }, random: () => 0.99 });
    // The backoff is a minute long: only a working cancel ends this test within its timeout.
    const pending = adapter.fetchCandlePage(keyOf(venue), FROM, TO, controller.signal, {
      onRetry: () => setTimeout(() => controller.abort(), 20),
    });
    const error = await failure(pending);
    expect(error.kind).toBe('cancelled');
  });

  it('cancels a request in flight', async () => {
    sim.setFaults([{ kind: 'slow', delayMs: 5_000, path }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    // Without a working cancel the slow answer would arrive and the page would be returned.
    const error = await failure(simAdapter(sim, venue.exchange).fetchCandlePage(keyOf(venue), FROM, TO, controller.signal));
    expect(error.kind).toBe('cancelled');
  });
});

describe('binance rate-limit answers', () => {
  const linear = VENUES.find((venue) => venue.exchange === 'binance' && venue.market === 'linear') as Venue;
  const spot = VENUES.find((venue) => venue.exchange === 'binance' && venue.market === 'spot') as Venue;

  it('waits the Retry-After of a 429 and holds every Binance request meanwhile', async () => {
    sim.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 1, path: linear.klinePath }]);
    const adapter = simAdapter(sim, 'binance');
    const spotLog = recorder();
    let spotPage: Promise<unknown> = Promise.resolve();
    const linearLog = recorder();
    const linearPage = adapter.fetchCandlePage(keyOf(linear), FROM, TO, undefined, {
      ...linearLog.events,
      onRetry: (info) => {
        linearLog.events.onRetry?.(info);
        spotPage = adapter.fetchCandlePage(keyOf(spot), FROM, TO, undefined, spotLog.events);
      },
    });
    const rows = await linearPage;
    await spotPage;
    expect(plain(rows)).toEqual(plain(sim.truth(keyOf(linear), FROM, TO)));
    expect(linearLog.retries.map((r) => [r.delayMs, r.reason])).toEqual([[1_000, 'binance rate limit exceeded (HTTP 429, code -1003)']]);
    // The spot page was asked for during the pause and went out only after it.
    expect(spotLog.requests[0] - linearLog.retries[0].at).toBeGreaterThanOrEqual(950);
  });

  it('waits out a short 418 ban', async () => {
    const log = await fetchThrough(spot, [{ kind: 'ban', retryAfterSeconds: 1, path: spot.klinePath }]);
    expect(log.retries.map((r) => [r.delayMs, r.reason])).toEqual([[1_000, 'binance has banned this IP for exceeding its rate limit (HTTP 418, code -1003)']]);
  });

  it('fails fast on a long ban, saying when it ends, and sends nothing more meanwhile', async () => {
    sim.setFaults([{ kind: 'ban', retryAfterSeconds: 3_600, path: spot.klinePath }]);
    const adapter = simAdapter(sim, 'binance');
    const before = sim.stats().totalRequests;
    const error = await failure(adapter.fetchCandlePage(keyOf(spot), FROM, TO));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toMatch(/^binance has banned this IP for exceeding its rate limit \(HTTP 418, code -1003\); retry after \d{4}-\d\d-\d\dT/);
    const next = await failure(adapter.fetchCandlePage(keyOf(linear), FROM, TO));
    expect(next.message).toMatch(/^binance asked us to stop sending until /);
    expect(sim.stats().totalRequests - before).toBe(1);
  });
});

describe('bybit rate-limit answers', () => {
  const linear = VENUES.find((venue) => venue.exchange === 'bybit' && venue.market === 'linear') as Venue;
  const spot = VENUES.find((venue) => venue.exchange === 'bybit' && venue.market === 'spot') as Venue;

  it('waits for the limit reset of a retCode 10006', async () => {
    const log = await fetchThrough(linear, [{ kind: 'rate-limit', bybitStyle: 'api', retryAfterSeconds: 1, path: linear.klinePath }]);
    expect(log.retries.map((r) => [r.delayMs, r.reason])).toEqual([[1_000, 'bybit rate limit exceeded (retCode 10006: Too many visits!)']]);
  });

  it('stops all Bybit requests after a 403 "access too frequent" instead of hammering', async () => {
    sim.setFaults([{ kind: 'rate-limit', path: linear.klinePath }]);
    const adapter = simAdapter(sim, 'bybit');
    const before = sim.stats().totalRequests;
    const error = await failure(adapter.fetchCandlePage(keyOf(linear), FROM, TO));
    expect(error).toMatchObject({ kind: 'rate-limited', code: 403 });
    expect(error.message).toMatch(/^bybit refused this IP for sending too often \(HTTP 403 access too frequent\); retry after /);
    await failure(adapter.fetchCandlePage(keyOf(spot), FROM, TO));
    expect(sim.stats().totalRequests - before).toBe(1);
  });
});

describe('a burst of parallel pages', () => {
  /** Small limits (per second) so a burst crosses them quickly; the adapters are told the same numbers. */
  const simLimits = { bybitRequestsPerWindow: 20, bybitWindowMs: 1_000, binanceSpotWeightPerWindow: 40, binanceFuturesWeightPerWindow: 100, binanceWindowMs: 1_000 };
  const adapterLimits = {
    bybit: { limit: 20, windowMs: 1_000 },
    binanceSpot: { limit: 40, windowMs: 1_000 },
    binanceFutures: { limit: 100, windowMs: 1_000 },
  };
  let limited: ExchangeSimulator;
  beforeAll(async () => {
    limited = await startExchangeSimulator({ seed: 3, rateLimits: simLimits });
  });
  afterAll(async () => {
    await limited.close();
  });

  // Requests per venue: about 1.7 windows' worth of our budget (Bybit 18/s, spot 18/s, futures 9/s).
  it.each([
    [VENUES[1], 30],
    [VENUES[3], 30],
    [VENUES[4], 15],
  ] as const)('$0.exchange $0.market queues under the limit and draws no refusal', async (venue, count) => {
    const adapter = simAdapter(limited, venue.exchange, { rateLimits: adapterLimits });
    const pages = await Promise.all(
      Array.from({ length: count }, (_, i) => adapter.fetchCandlePage(keyOf(venue), FROM + i * 24 * HOUR, FROM + (i + 1) * 24 * HOUR)),
    );
    expect(pages.every((rows) => rows.time.length === 24)).toBe(true);
    expect(plain(pages[count - 1])).toEqual(plain(limited.truth(keyOf(venue), FROM + (count - 1) * 24 * HOUR, FROM + count * 24 * HOUR)));
    expect(limited.stats().rateLimited).toBe(0);
  });

  it('would draw refusals without the limiter (the check above is not vacuous)', async () => {
    const unlimited = await startExchangeSimulator({ seed: 3, rateLimits: simLimits });
    try {
      const adapter = simAdapter(unlimited, 'binance', { rateLimits: { binanceSpot: { limit: 1_000_000, windowMs: 1_000 } }, retry: { maxAttempts: 1 } });
      const spot = VENUES[3];
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => adapter.fetchCandlePage(keyOf(spot), FROM + i * 24 * HOUR, FROM + (i + 1) * 24 * HOUR)),
      );
      expect(results.some((result) => result.status === 'rejected' && (result.reason as ExchangeError).kind === 'rate-limited')).toBe(true);
      expect(unlimited.stats().rateLimited).toBeGreaterThan(0);
    } finally {
      await unlimited.close();
    }
  });
});
