/**
 * Rate-limits a stream of updates: the first goes out at once, later ones at most once per
 * interval, and the newest of a burst is delivered at the end of its interval, so a listener
 * never floods the transport yet always sees where things stand.
 */

export class Throttle<T> {
  readonly #intervalMs: number;
  readonly #emit: (value: T) => void;
  #last = Number.NEGATIVE_INFINITY;
  #pending: { value: T } | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(intervalMs: number, emit: (value: T) => void) {
    this.#intervalMs = intervalMs;
    this.#emit = emit;
  }

  push(value: T): void {
    this.#pending = { value };
    if (this.#timer === null) this.#flush();
  }

  /**
   * Delivers an update still waiting, at once, and stops: when a job ends, its last progress is
   * where it ended (a cancelled download's pages done), and must reach the listener before the
   * finished event rather than be lost.
   */
  drain(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const pending = this.#pending;
    this.#pending = null;
    if (pending !== null) this.#emit(pending.value);
  }

  #flush(): void {
    this.#timer = null;
    const pending = this.#pending;
    if (pending === null) return;
    // Timers may fire a fraction of a millisecond early by this clock; wait out the rest.
    const wait = this.#last + this.#intervalMs - performance.now();
    if (wait > 0) {
      this.#timer = setTimeout(() => this.#flush(), Math.ceil(wait));
      return;
    }
    this.#pending = null;
    this.#last = performance.now();
    this.#emit(pending.value);
  }
}
