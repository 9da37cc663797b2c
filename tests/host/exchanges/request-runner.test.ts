/** The retry loop on a fake clock: backoff with jitter, what is retried, Retry-After and bans, cancellation. */
import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../src-main/host/exchanges/adapter.ts';
import { interpretBinanceBody } from '../../../src-main/host/exchanges/binance.ts';
import { FailureError, invalidResponseFailure } from '../../../src-main/host/exchanges/failures.ts';
import { ExchangePause, SlidingWindowLimiter } from '../../../src-main/host/exchanges/rate-limiter.ts';
import { backoffDelay, runCall, type Call, type RunnerSettings } from '../../../src-main/host/exchanges/request-runner.ts';
import { fakeTime, type FakeTime } from './fake-time.ts';

const subject = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1h' } as const;

function httpError(status: number, data: unknown = {}, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`Request failed with status code ${status}`), { isAxiosError: true, response: { status, data, headers } });
}

function networkError(code = 'ECONNRESET') {
  return Object.assign(new Error('socket hang up'), { isAxiosError: true, code });
}

interface Harness {
  readonly time: FakeTime;
  readonly settings: RunnerSettings;
  readonly pause: ExchangePause;
  readonly limiter: SlidingWindowLimiter;
}

function harness(random = () => 0.5, maxAttempts = 4): Harness {
  const time = fakeTime();
  const pause = new ExchangePause();
  const limiter = new SlidingWindowLimiter({ limit: { limit: 1_000, windowMs: 60_000 }, clock: time.clock, sleep: time.sleep, pause });
  const settings: RunnerSettings = {
    exchange: 'binance',
    clock: time.clock,
    sleep: time.sleep,
    random,
    retry: { maxAttempts, baseDelayMs: 100, maxDelayMs: 1_000 },
    pause,
    interpretBody: interpretBinanceBody,
  };
  return { time, settings, pause, limiter };
}

/** A call whose attempts play the given outcomes in turn: an Error is thrown, anything else returned. */
function scripted(h: Harness, outcomes: unknown[]): Call<unknown> & { attempts: number } {
  const call = {
    subject,
    url: 'http://sim/api/v3/klines',
    charges: [{ limiter: h.limiter, weight: 2 }],
    attempts: 0,
    async send() {
      const outcome = outcomes[Math.min(call.attempts++, outcomes.length - 1)];
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
  return call;
}

async function rejection(promise: Promise<unknown>): Promise<ExchangeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    return error as ExchangeError;
  }
  throw new Error('expected the call to fail');
}

describe('backoffDelay', () => {
  it('draws uniformly below an exponentially growing, capped ceiling (full jitter)', () => {
    const retry = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, retry, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(3, retry, () => 0)).toBe(0);
    expect(backoffDelay(3, retry, () => 0.5)).toBe(200);
  });
});

describe('runCall', () => {
  it('returns the first success and reports every request and retry', async () => {
    const h = harness();
    const call = scripted(h, [httpError(503), networkError(), 'ok']);
    const requests: string[] = [];
    const retries: { attempt: number; delayMs: number; reason: string }[] = [];
    const result = await runCall(h.settings, call, undefined, {
      onRequest: ({ url }) => requests.push(url),
      onRetry: (info) => retries.push(info),
    });
    expect(result).toBe('ok');
    expect(requests).toHaveLength(3);
    expect(retries).toEqual([
      { attempt: 1, delayMs: 50, reason: 'binance server error (HTTP 503)' },
      { attempt: 2, delayMs: 100, reason: 'could not reach binance (ECONNRESET: socket hang up)' },
    ]);
    expect(h.limiter.used()).toBe(6);
  });

  it('never retries a client error such as an unknown symbol', async () => {
    const h = harness();
    const call = scripted(h, [httpError(400, { code: -1121, msg: 'Invalid symbol.' })]);
    const error = await rejection(runCall(h.settings, call));
    expect(call.attempts).toBe(1);
    expect(error.kind).toBe('unknown-symbol');
    expect(error.code).toBe(-1121);
    expect(error.message).toBe('binance spot has no symbol BTCUSDT (code -1121: Invalid symbol.)');
  });

  it('honours Retry-After on 429 and pauses every request of the exchange meanwhile', async () => {
    const h = harness();
    const call = scripted(h, [httpError(429, { code: -1003, msg: 'Too many requests' }, { 'retry-after': '7' }), 'ok']);
    const start = h.time.clock();
    await runCall(h.settings, call);
    expect(h.pause.until).toBe(start + 7_000);
    expect(h.time.clock() - start).toBe(7_000);
    expect(call.attempts).toBe(2);
  });

  it('treats a 418 ban with a short Retry-After like a 429', async () => {
    const h = harness();
    const call = scripted(h, [httpError(418, {}, { 'retry-after': '2' }), 'ok']);
    await expect(runCall(h.settings, call)).resolves.toBe('ok');
    expect(h.time.sleeps).toEqual([2_000]);
  });

  it('fails at once on a ban longer than it is sensible to wait, saying until when', async () => {
    const h = harness();
    const call = scripted(h, [httpError(418, {}, { 'retry-after': '7200' }), 'ok']);
    const error = await rejection(runCall(h.settings, call));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toMatch(/^binance has banned this IP for exceeding its rate limit \(HTTP 418\); retry after \d{4}-/);
    expect(call.attempts).toBe(1);
    const next = await rejection(runCall(h.settings, scripted(h, ['ok'])));
    expect(next.message).toMatch(/asked us to stop sending until/);
  });

  it('backs off with jitter on 429 without Retry-After, and reports exhaustion as rate-limited', async () => {
    const h = harness(() => 0.999, 3);
    const call = scripted(h, [httpError(429, { code: -1003, msg: 'Too many requests' })]);
    const error = await rejection(runCall(h.settings, call));
    expect(call.attempts).toBe(3);
    expect(error.kind).toBe('rate-limited');
    expect(error.code).toBe(-1003);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('binance rate limit exceeded (HTTP 429, code -1003); gave up after 3 attempts');
  });

  it('retries an invalid page and then reports it with the bar and rule', async () => {
    const h = harness(() => 0, 3);
    const bad = new FailureError(invalidResponseFailure(subject, 'bar 2024-01-01T04:00:00.000Z: high 9 is below max(open 10, close 10.5) (rule high-below-open-close)'));
    const call = scripted(h, [bad]);
    const error = await rejection(runCall(h.settings, call));
    expect(call.attempts).toBe(3);
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe(
      'binance spot BTCUSDT 1h: invalid response: bar 2024-01-01T04:00:00.000Z: high 9 is below max(open 10, close 10.5) (rule high-below-open-close); gave up after 3 attempts',
    );
  });

  it('gives up on 5xx after maxAttempts with kind server and the HTTP status', async () => {
    const h = harness(() => 0, 2);
    const error = await rejection(runCall(h.settings, scripted(h, [httpError(502)])));
    expect(error.kind).toBe('server');
    expect(error.code).toBe(502);
  });

  it('rejects with cancelled when the signal aborts during a backoff sleep', async () => {
    const h = harness();
    const controller = new AbortController();
    const settings = {
      ...h.settings,
      sleep: (ms: number, signal?: AbortSignal) =>
        new Promise<void>((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          controller.abort();
        }),
    };
    const call = scripted(h, [httpError(503), 'ok']);
    const error = await rejection(runCall(settings, call, controller.signal));
    expect(error.kind).toBe('cancelled');
    expect(call.attempts).toBe(1);
  });

  it('rejects with cancelled when the signal aborts during the request', async () => {
    const h = harness();
    const controller = new AbortController();
    const call: Call<string> = {
      subject,
      url: 'http://sim',
      charges: [],
      send: (signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(Object.assign(new Error('canceled'), { isAxiosError: true, code: 'ERR_CANCELED' })));
          controller.abort();
        }),
    };
    expect((await rejection(runCall(h.settings, call, controller.signal))).kind).toBe('cancelled');
  });

  it('does not send at all when already cancelled', async () => {
    const h = harness();
    const call = scripted(h, ['ok']);
    const error = await rejection(runCall(h.settings, call, AbortSignal.abort()));
    expect(error.kind).toBe('cancelled');
    expect(call.attempts).toBe(0);
  });

  it('does not retry its own programming errors', async () => {
    const h = harness();
    const call = scripted(h, [new TypeError('x is undefined')]);
    const error = await rejection(runCall(h.settings, call));
    expect(error.kind).toBe('other');
    expect(call.attempts).toBe(1);
  });
});
