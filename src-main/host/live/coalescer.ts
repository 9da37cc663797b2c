/**
 * Holds each subscription's updates until the next flush tick, so a window gets at most one
 * live.candles event per subscription per tick however fast the exchange pushes: every closed
 * candle is kept (in order), of the forming candle only the latest. The tick is armed by the
 * first pending update, so an idle hub keeps no timer.
 */
import type { LiveCandle, LiveCandlesPayload } from '../../../src-shared/contract/schemas/live.ts';

interface Pending {
  closed: LiveCandle[];
  forming: LiveCandle | null;
}

export class Coalescer {
  readonly #flushMs: number;
  readonly #emit: (payload: LiveCandlesPayload) => void;
  readonly #pending = new Map<string, Pending>();
  #timer: NodeJS.Timeout | null = null;

  constructor(flushMs: number, emit: (payload: LiveCandlesPayload) => void) {
    this.#flushMs = flushMs;
    this.#emit = emit;
  }

  closed(subscriptionId: string, candles: readonly LiveCandle[]): void {
    const pending = this.#entry(subscriptionId);
    pending.closed.push(...candles);
    const last = candles[candles.length - 1];
    if (pending.forming !== null && last !== undefined && pending.forming.time <= last.time) pending.forming = null;
  }

  forming(subscriptionId: string, candle: LiveCandle): void {
    this.#entry(subscriptionId).forming = candle;
  }

  /** Sends what one subscription has pending now (before a status event, so the order holds). */
  flushOne(subscriptionId: string): void {
    const pending = this.#pending.get(subscriptionId);
    if (pending === undefined) return;
    this.#pending.delete(subscriptionId);
    this.#send(subscriptionId, pending);
  }

  drop(subscriptionId: string): void {
    this.#pending.delete(subscriptionId);
  }

  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const all = [...this.#pending];
    this.#pending.clear();
    for (const [subscriptionId, pending] of all) this.#send(subscriptionId, pending);
  }

  close(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending.clear();
  }

  #entry(subscriptionId: string): Pending {
    let pending = this.#pending.get(subscriptionId);
    if (pending === undefined) {
      pending = { closed: [], forming: null };
      this.#pending.set(subscriptionId, pending);
    }
    if (this.#timer === null) {
      this.#timer = setTimeout(() => this.flush(), this.#flushMs);
      this.#timer.unref();
    }
    return pending;
  }

  #send(subscriptionId: string, pending: Pending): void {
    const payload: LiveCandlesPayload = { subscriptionId };
    if (pending.closed.length > 0) payload.candles = toColumns(pending.closed);
    if (pending.forming !== null) payload.forming = pending.forming;
    if (payload.candles !== undefined || payload.forming !== undefined) this.#emit(payload);
  }
}

function toColumns(candles: readonly LiveCandle[]): NonNullable<LiveCandlesPayload['candles']> {
  const column = (name: keyof LiveCandle) => Float64Array.from(candles, (candle) => candle[name]);
  return { time: column('time'), open: column('open'), high: column('high'), low: column('low'), close: column('close'), volume: column('volume') };
}
