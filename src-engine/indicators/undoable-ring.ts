/**
 * The last `period` values of a live series, for streaming indicators that need their window.
 * A push can be taken back exactly, so a stream's replaceLast (the forming candle changed) is
 * undo + push, and the live numbers stay bit-identical to the batch computation. Leading NaN (an
 * upstream indicator's warm-up) is not stored, as the batch versions skip it too.
 */
export class UndoableRing {
  readonly values: Float64Array;
  readonly period: number;
  /** Values stored so far; the newest sits at (count - 1) % period. */
  count = 0;
  #undoCount = 0;
  #undoValue = 0;

  constructor(period: number) {
    this.period = period;
    this.values = new Float64Array(period);
  }

  /** Stores `value`; false (nothing stored) while the series has not started. */
  push(value: number): boolean {
    this.#undoCount = this.count;
    if (this.count === 0 && !Number.isFinite(value)) return false;
    const slot = this.count % this.period;
    this.#undoValue = this.values[slot];
    this.values[slot] = value;
    this.count++;
    return true;
  }

  /** The value the last push moved out of the window, or NaN while the window was filling. */
  get displaced(): number {
    return this.#undoCount >= this.period ? this.#undoValue : Number.NaN;
  }

  get full(): boolean {
    return this.count >= this.period;
  }

  /** Takes back the last push (nothing when it stored nothing). */
  undo(): void {
    if (this.#undoCount !== this.count) this.values[this.#undoCount % this.period] = this.#undoValue;
    this.count = this.#undoCount;
  }
}
