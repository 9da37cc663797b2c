/**
 * Settings shared by the Bybit and Binance adapters: endpoints, clocks, rate limits, retry
 * policy, and the defaults that apply when a caller leaves them out. Clocks, sleep and the
 * jitter source are injectable so tests can drive timing without real waits.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ExchangeEndpoints } from './adapter.ts';

/** A request budget: at most `limit` weight in any `windowMs` window. */
export interface WindowLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** The limits the client paces itself against, one per exchange and market family. */
export interface RateLimitSettings {
  /** Every Bybit REST request from one IP, all categories together. */
  readonly bybit: WindowLimit;
  /** REQUEST_WEIGHT on Binance spot (api.binance.com). */
  readonly binanceSpot: WindowLimit;
  /** REQUEST_WEIGHT on Binance USD-M futures (fapi.binance.com). */
  readonly binanceFutures: WindowLimit;
  /** The separate budget Binance gives fundingRate (shared with fundingInfo). */
  readonly binanceFunding: WindowLimit;
}

/**
 * The limits the exchanges publish:
 * - Bybit v5 "Rate Limit Rules": 600 requests per 5-second window per IP.
 * - Binance spot "LIMITS" / exchangeInfo rateLimits: REQUEST_WEIGHT 6000 per minute per IP.
 * - Binance USD-M futures exchangeInfo rateLimits: REQUEST_WEIGHT 2400 per minute per IP.
 * - Binance USD-M "Get Funding Rate History": shares 500 per 5 minutes per IP with fundingInfo.
 */
export const PUBLISHED_RATE_LIMITS: RateLimitSettings = {
  bybit: { limit: 600, windowMs: 5_000 },
  binanceSpot: { limit: 6_000, windowMs: 60_000 },
  binanceFutures: { limit: 2_400, windowMs: 60_000 },
  binanceFunding: { limit: 500, windowMs: 300_000 },
};

/**
 * The share of each limit we allow ourselves. The exchanges count requests when they arrive,
 * not when we send them, and both advise against running at the edge. Bookings are held until
 * a response completes (after the server counted it), which already absorbs that skew, so a
 * small margin is enough: at 0.9 a limit-bound download measured 1.25x the minimum the limit
 * imposes, at 0.95 about 1.15x.
 */
export const RATE_LIMIT_HEADROOM = 0.95;

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000 };

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface AdapterOptions {
  readonly endpoints?: ExchangeEndpoints;
  /** The exchange's clock, used to drop the candle still forming. Default Date.now. */
  readonly now?: () => number;
  /** The clock that paces requests (rate limits, pauses). Default Date.now. */
  readonly clock?: () => number;
  readonly rateLimits?: 'published' | Partial<RateLimitSettings>;
  readonly retry?: Partial<RetryPolicy>;
  /** Jitter source in [0, 1). Default Math.random. */
  readonly random?: () => number;
  /** Waits `ms`, rejecting when `signal` aborts. Default a timer. */
  readonly sleep?: Sleep;
  /** How long one HTTP request may take before it counts as a network failure. Default 30 s. */
  readonly requestTimeoutMs?: number;
}

export interface ResolvedOptions {
  readonly endpoints: ExchangeEndpoints;
  readonly now: () => number;
  readonly clock: () => number;
  readonly rateLimits: RateLimitSettings;
  readonly retry: RetryPolicy;
  readonly random: () => number;
  readonly sleep: Sleep;
  readonly requestTimeoutMs: number;
}

export const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

export function resolveOptions(options: AdapterOptions): ResolvedOptions {
  const custom = options.rateLimits === undefined || options.rateLimits === 'published' ? {} : options.rateLimits;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  if (!(retry.maxAttempts >= 1)) throw new RangeError(`retry.maxAttempts must be at least 1, got ${retry.maxAttempts}`);
  return {
    endpoints: options.endpoints ?? {},
    now: options.now ?? Date.now,
    clock: options.clock ?? Date.now,
    rateLimits: { ...PUBLISHED_RATE_LIMITS, ...custom },
    retry,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
  };
}

/** Base URLs are joined with paths by the SDKs, which expect no trailing slash. */
export function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
