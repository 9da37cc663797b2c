/**
 * Per-IP request limits as the exchanges publish them, with every duration scalable so a test
 * can cross a "minute" in milliseconds.
 *
 * - Bybit: 600 requests per IP in any 5-second window, all HTTP traffic shared; breaking it
 *   answers HTTP 403 "access too frequent" and the IP must wait at least 10 minutes
 *   (bybit-exchange.github.io/docs/v5/rate-limit).
 * - Binance spot: REQUEST_WEIGHT 6000 per minute per IP (exchangeInfo rateLimits); klines
 *   weigh 2, exchangeInfo 20, time and ping 1. Over the limit: HTTP 429 with Retry-After;
 *   clients that keep going get HTTP 418 bans of 2 minutes up to 3 days
 *   (developers.binance.com, spot REST "LIMITS").
 * - Binance USD-M futures: REQUEST_WEIGHT 2400 per minute per IP; klines weigh 1, 2, 5 or 10 by
 *   limit ([1,100), [100,500), [500,1000], >1000); exchangeInfo, time and ping 1; fundingRate
 *   has its own 500 requests per 5 minutes per IP shared with fundingInfo.
 *
 * Binance windows are fixed (the weight resets on the minute, as X-MBX-USED-WEIGHT-1M shows);
 * Bybit's window rolls. How many refused requests earn a 418 is not published: 10 here.
 */

export interface RateLimitConfig {
  readonly bybitRequestsPerWindow: number;
  readonly bybitWindowMs: number;
  /** How long Bybit keeps refusing an IP that broke the limit. */
  readonly bybitBanMs: number;
  readonly binanceSpotWeightPerWindow: number;
  readonly binanceFuturesWeightPerWindow: number;
  readonly binanceWindowMs: number;
  readonly binanceFundingRequestsPerWindow: number;
  readonly binanceFundingWindowMs: number;
  /** Requests refused with 429 inside one window before the IP is banned with 418. */
  readonly binanceBanAfterRefusals: number;
  readonly binanceBanMs: number;
}

/**
 * 'realistic' (default): the published limits. 'off': no limits. Or any subset of the numbers,
 * the rest realistic; `windowScale` multiplies every duration (0.01: a Binance minute lasts 600 ms).
 */
export type RateLimitOption = 'realistic' | 'off' | (Partial<RateLimitConfig> & { readonly windowScale?: number });

export const REALISTIC_RATE_LIMITS: RateLimitConfig = {
  bybitRequestsPerWindow: 600,
  bybitWindowMs: 5_000,
  bybitBanMs: 600_000,
  binanceSpotWeightPerWindow: 6_000,
  binanceFuturesWeightPerWindow: 2_400,
  binanceWindowMs: 60_000,
  binanceFundingRequestsPerWindow: 500,
  binanceFundingWindowMs: 300_000,
  binanceBanAfterRefusals: 10,
  binanceBanMs: 120_000,
};

/** 'off' keeps the bookkeeping (Binance still reports used weight) with limits that are never reached. */
export function resolveRateLimits(option: RateLimitOption | undefined): RateLimitConfig {
  if (option === 'off') {
    return { ...REALISTIC_RATE_LIMITS, bybitRequestsPerWindow: Infinity, binanceSpotWeightPerWindow: Infinity, binanceFuturesWeightPerWindow: Infinity, binanceFundingRequestsPerWindow: Infinity };
  }
  if (option === undefined || option === 'realistic') return REALISTIC_RATE_LIMITS;
  const { windowScale = 1, ...numbers } = option;
  const merged = { ...REALISTIC_RATE_LIMITS, ...numbers };
  return {
    ...merged,
    bybitWindowMs: merged.bybitWindowMs * windowScale,
    bybitBanMs: merged.bybitBanMs * windowScale,
    binanceWindowMs: merged.binanceWindowMs * windowScale,
    binanceFundingWindowMs: merged.binanceFundingWindowMs * windowScale,
    binanceBanMs: merged.binanceBanMs * windowScale,
  };
}

/** What the limiter decided for one request. */
export type LimitVerdict =
  | { readonly kind: 'ok'; readonly usedWeight: number }
  | { readonly kind: 'limited'; readonly usedWeight: number; readonly retryAfterMs: number }
  | { readonly kind: 'banned'; readonly usedWeight: number; readonly retryAfterMs: number; readonly until: number };

/** Bybit: a rolling window of request times per IP, then a ban. */
export class RollingLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly banMs: number;
  private readonly history = new Map<string, number[]>();
  private readonly bans = new Map<string, number>();

  constructor(limit: number, windowMs: number, banMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.banMs = banMs;
  }

  check(ip: string, now: number): LimitVerdict {
    const bannedUntil = this.bans.get(ip);
    if (bannedUntil !== undefined && now < bannedUntil) return { kind: 'banned', usedWeight: this.limit, retryAfterMs: bannedUntil - now, until: bannedUntil };
    const times = (this.history.get(ip) ?? []).filter((time) => time > now - this.windowMs);
    if (times.length >= this.limit) {
      const until = now + this.banMs;
      this.bans.set(ip, until);
      this.history.set(ip, []);
      return { kind: 'banned', usedWeight: times.length, retryAfterMs: this.banMs, until };
    }
    times.push(now);
    this.history.set(ip, times);
    return { kind: 'ok', usedWeight: times.length };
  }
}

/** Binance: request weight per IP in fixed windows; refusals pile up into a ban. */
export class WeightLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly banAfterRefusals: number;
  private readonly banMs: number;
  private readonly windows = new Map<string, { start: number; weight: number; refusals: number }>();
  private readonly bans = new Map<string, number>();

  constructor(limit: number, windowMs: number, banAfterRefusals: number, banMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.banAfterRefusals = banAfterRefusals;
    this.banMs = banMs;
  }

  /** The weight used so far in the current window (what X-MBX-USED-WEIGHT-1M reports). */
  used(ip: string, now: number): number {
    return this.window(ip, now).weight;
  }

  check(ip: string, weight: number, now: number): LimitVerdict {
    const window = this.window(ip, now);
    const bannedUntil = this.bans.get(ip);
    if (bannedUntil !== undefined && now < bannedUntil) {
      return { kind: 'banned', usedWeight: window.weight, retryAfterMs: bannedUntil - now, until: bannedUntil };
    }
    if (window.weight + weight > this.limit) {
      window.refusals++;
      if (window.refusals > this.banAfterRefusals) {
        const until = now + this.banMs;
        this.bans.set(ip, until);
        return { kind: 'banned', usedWeight: window.weight, retryAfterMs: this.banMs, until };
      }
      return { kind: 'limited', usedWeight: window.weight, retryAfterMs: window.start + this.windowMs - now };
    }
    window.weight += weight;
    return { kind: 'ok', usedWeight: window.weight };
  }

  private window(ip: string, now: number): { start: number; weight: number; refusals: number } {
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    let window = this.windows.get(ip);
    if (window === undefined || window.start !== start) {
      window = { start, weight: 0, refusals: 0 };
      this.windows.set(ip, window);
    }
    return window;
  }
}
