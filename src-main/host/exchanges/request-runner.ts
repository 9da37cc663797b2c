/**
 * The loop every exchange request goes through: wait for the rate limiter, send, classify the
 * outcome, and retry transient failures with exponential backoff and full jitter. Cancellation
 * is honoured at every wait and during the request itself.
 */
import type { Exchange } from '../../../src-shared/market.ts';
import type { RequestEvents } from './adapter.ts';
import { cancelledError, failureOf, toExchangeError, type BodyInterpreter, type RequestSubject } from './failures.ts';
import type { RetryPolicy, Sleep } from './options.ts';
import type { ExchangePause, Settle, SlidingWindowLimiter } from './rate-limiter.ts';

/**
 * A Retry-After longer than this is a ban (Binance 418 escalates up to 3 days), not a pause:
 * we fail at once with the time it ends instead of sleeping through it.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export interface RunnerSettings {
  readonly exchange: Exchange;
  readonly clock: () => number;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly retry: RetryPolicy;
  readonly pause: ExchangePause;
  readonly interpretBody: BodyInterpreter;
}

export interface Charge {
  readonly limiter: SlidingWindowLimiter;
  readonly weight: number;
}

export interface Call<T> {
  readonly subject: RequestSubject;
  /** The URL sent, for RequestEvents.onRequest. */
  readonly url: string;
  readonly charges: readonly Charge[];
  /** Sends the request once; throws the SDK's error or a FailureError for a rejected response. */
  send(signal: AbortSignal | undefined): Promise<T>;
}

/** Full jitter: a uniform wait in [0, min(max, base * 2^(attempt-1))). */
export function backoffDelay(attempt: number, retry: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export async function runCall<T>(
  settings: RunnerSettings,
  call: Call<T>,
  signal?: AbortSignal,
  events?: RequestEvents,
): Promise<T> {
  const { exchange, clock, retry } = settings;
  for (let attempt = 1; ; attempt++) {
    failIfBanned(settings);
    const bookings: Settle[] = [];
    const settle = () => bookings.forEach((done) => done());
    try {
      for (const charge of call.charges) bookings.push(await charge.limiter.acquire(charge.weight, signal));
      signal?.throwIfAborted();
      events?.onRequest?.({ url: call.url });
      try {
        return await call.send(signal);
      } finally {
        settle();
      }
    } catch (error) {
      settle();
      if (signal?.aborted) throw cancelledError(exchange, error);
      const failure = failureOf(error, call.subject, settings.interpretBody, clock());
      const delayMs = failure.retryAfterMs ?? backoffDelay(attempt, retry, settings.random);
      // A rate-limit answer stops every request of this exchange, not only this one.
      if (failure.kind === 'rate-limited') settings.pause.pauseUntil(clock() + delayMs);
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > MAX_RETRY_AFTER_MS) {
        const until = new Date(clock() + failure.retryAfterMs).toISOString();
        throw toExchangeError(exchange, { ...failure, message: `${failure.message}; retry after ${until}`, retryable: false }, attempt, error);
      }
      if (!failure.retryable || attempt >= retry.maxAttempts) throw toExchangeError(exchange, failure, attempt, error);
      events?.onRetry?.({ attempt, delayMs, reason: failure.message });
      try {
        await settings.sleep(delayMs, signal);
      } catch (sleepError) {
        if (signal?.aborted) throw cancelledError(exchange, sleepError);
        throw sleepError;
      }
    }
  }
}

function failIfBanned(settings: RunnerSettings): void {
  const remaining = settings.pause.until - settings.clock();
  if (remaining > MAX_RETRY_AFTER_MS) {
    throw toExchangeError(
      settings.exchange,
      {
        kind: 'rate-limited',
        message: `${settings.exchange} asked us to stop sending until ${new Date(settings.pause.until).toISOString()} (rate limit ban)`,
        code: null,
        retryable: false,
      },
      1,
      undefined,
    );
  }
}

/** The URL an SDK call sends, for RequestEvents.onRequest (undefined parameters are left out, as the SDKs do). */
export function urlOf(baseUrl: string, path: string, params: Readonly<Record<string, string | number | undefined>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
  const search = query.toString();
  return `${baseUrl}${path}${search === '' ? '' : `?${search}`}`;
}
