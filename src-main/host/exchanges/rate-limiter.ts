/**
 * Client-side pacing that keeps an adapter under an exchange's request limits, so a busy
 * download queues instead of drawing 429s (and, on Binance, IP bans).
 *
 * A sliding-window log rather than a token bucket: a bucket of capacity C may let 2C through
 * inside one window (a full bucket plus its refill), which a fixed-window server counts as a
 * breach. The log never lets more than the budget into any window of the given length, so it
 * is safe against both rolling (Bybit) and calendar-minute (Binance) server windows.
 *
 * The server counts a request when it arrives, which we cannot see; we can see when its answer
 * is in, which is later. So a booking is held from the send until the response completes and
 * then kept for a full window from that moment: our window always covers the server's, however
 * unevenly the requests of a burst travel.
 */
import { rejectOnAbort } from './abort.ts';
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
  /** When the weight stops counting, less one window: the response's completion once settled. */
  time: number;
  readonly weight: number;
  /** Sent but not answered yet: counts until settled, whatever the time. */
  pending: boolean;
}

/** Marks a booked request as answered (or failed); calling it again does nothing. */
export type Settle = () => void;

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
  /** Weight still counting: pending requests and those answered within the last window. */
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
   * Resolves once `weight` may be sent without exceeding the budget, and books it; call the
   * returned Settle when the response is complete. Rejects when `signal` aborts; a cancelled
   * caller books nothing and lets the queue move on.
   */
  acquire(weight: number, signal?: AbortSignal): Promise<Settle> {
    const turn = this.#queue.then(() => this.#reserve(Math.min(weight, this.budget), signal));
    this.#queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return rejectOnAbort(turn, signal).catch((error: unknown) => {
      // Aborted just as the booking was made: nothing will be sent, so release it.
      turn.then(
        (settle) => settle(),
        () => undefined,
      );
      throw error;
    });
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
    if (missing > 0) this.#entries.push({ time: this.#clock(), weight: missing, pending: false });
  }

  async #reserve(weight: number, signal: AbortSignal | undefined): Promise<Settle> {
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
        const entry: Entry = { time: now, weight, pending: true };
        this.#entries.push(entry);
        return () => {
          if (!entry.pending) return;
          entry.pending = false;
          entry.time = this.#clock();
        };
      }
      await this.#sleep(wait, signal);
    }
  }

  #prune(now: number): void {
    const cutoff = now - this.windowMs;
    this.#entries = this.#entries.filter((entry) => entry.pending || entry.time > cutoff);
  }

  /**
   * Ms until enough settled weight leaves the window for `weight` to fit; 0 when it fits now.
   * Pending weight leaves a full window after it settles at the earliest, so when only it could
   * make room we wait a window and look again.
   */
  #waitFor(weight: number, now: number): number {
    const used = this.#entries.reduce((sum, entry) => sum + entry.weight, 0);
    let excess = used + weight - this.budget;
    if (excess <= 0) return 0;
    const settled = this.#entries.filter((entry) => !entry.pending).sort((a, b) => a.time - b.time);
    for (const entry of settled) {
      excess -= entry.weight;
      if (excess <= 0) return entry.time + this.windowMs - now;
    }
    return this.windowMs;
  }
}
