/**
 * Client-side pacing that keeps an adapter under an exchange's request limits, so a busy
 * download queues instead of drawing 429s (and, on Binance, IP bans).
 *
 * A sliding-window log rather than a token bucket: a bucket of capacity C may let 2C through
 * inside one window (a full bucket plus its refill), which a fixed-window server counts as a
 * breach. The log never lets more than the budget into any window of the given length, so it
 * is safe against both rolling (Bybit) and calendar-minute (Binance) server windows.
 */
import { RATE_LIMIT_HEADROOM, type Sleep, type WindowLimit } from './options.ts';

/** A stop shared by every limiter of one exchange: after a 429/418 nothing is sent until it passes. */
export class ExchangePause {
  #until = 0;

  get until(): number {
    return this.#until;
  }

  /** Extends the pause to `time` (epoch ms of the pacing clock); never shortens it. */
  pauseUntil(time: number): void {
    this.#until = Math.max(this.#until, time);
  }
}

interface Entry {
  readonly time: number;
  readonly weight: number;
}

export interface LimiterSettings {
  readonly limit: WindowLimit;
  readonly clock: () => number;
  readonly sleep: Sleep;
  readonly pause: ExchangePause;
}

export class SlidingWindowLimiter {
  /** The weight we allow ourselves per window: the published limit less headroom. */
  readonly budget: number;
  readonly windowMs: number;
  readonly #clock: () => number;
  readonly #sleep: Sleep;
  readonly #pause: ExchangePause;
  /** Weight sent inside the current window, oldest first. */
  #entries: Entry[] = [];
  /** Callers are served one at a time in arrival order, so parallel downloads queue fairly. */
  #queue: Promise<void> = Promise.resolve();

  constructor(settings: LimiterSettings) {
    this.budget = Math.max(1, Math.floor(settings.limit.limit * RATE_LIMIT_HEADROOM));
    this.windowMs = settings.limit.windowMs;
    this.#clock = settings.clock;
    this.#sleep = settings.sleep;
    this.#pause = settings.pause;
  }

  /**
   * Resolves once `weight` may be sent without exceeding the budget, and books it. Rejects when
   * `signal` aborts; a cancelled caller books nothing and lets the queue move on.
   */
  acquire(weight: number, signal?: AbortSignal): Promise<void> {
    const turn = this.#queue.then(() => this.#reserve(Math.min(weight, this.budget), signal));
    this.#queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return signal === undefined ? turn : rejectOnAbort(turn, signal);
  }

  /** Weight booked inside the window ending now. */
  used(): number {
    this.#prune(this.#clock());
    return this.#entries.reduce((sum, entry) => sum + entry.weight, 0);
  }

  /**
   * Adopts the server's count of weight used by this IP (Binance X-MBX-USED-WEIGHT-1M) when it
   * is higher than ours: other programs on the same IP spend the same budget.
   */
  syncUsed(serverUsed: number): void {
    if (!Number.isFinite(serverUsed)) return;
    const missing = serverUsed - this.used();
    if (missing > 0) this.#entries.push({ time: this.#clock(), weight: missing });
  }

  async #reserve(weight: number, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#clock();
      if (this.#pause.until > now) {
        await this.#sleep(this.#pause.until - now, signal);
        continue;
      }
      this.#prune(now);
      const wait = this.#waitFor(weight, now);
      if (wait <= 0) {
        this.#entries.push({ time: now, weight });
        return;
      }
      await this.#sleep(wait, signal);
    }
  }

  #prune(now: number): void {
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < this.#entries.length && this.#entries[drop].time <= cutoff) drop++;
    if (drop > 0) this.#entries = this.#entries.slice(drop);
  }

  /** Ms until enough old weight leaves the window for `weight` to fit; 0 when it fits now. */
  #waitFor(weight: number, now: number): number {
    const used = this.#entries.reduce((sum, entry) => sum + entry.weight, 0);
    let excess = used + weight - this.budget;
    if (excess <= 0) return 0;
    for (const entry of this.#entries) {
      excess -= entry.weight;
      if (excess <= 0) return entry.time + this.windowMs - now;
    }
    return this.windowMs;
  }
}

function rejectOnAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
