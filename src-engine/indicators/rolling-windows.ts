/**
 * Sliding windows over the last `period` bars: where the close sits in the window's high-low
 * range (stochastics, Williams %R), window sums (money flow index), and the conventions around
 * them (where a window over bars starts, when a range counts as flat).
 *
 * The window extremes come from RollingRange (rolling-extremes.ts). Window sums use the same van
 * Herk / Gil-Werman blocks: the series is cut into blocks of `period` bars (aligned at the first
 * bar), and a window ending at offset `o` of a block is the tail of the previous block from
 * offset o + 1 plus the head of the current block up to o. Running heads and tails cost O(1)
 * per bar whatever the period, and nothing is ever subtracted: a window of zeros sums to
 * exactly 0 and rounding never accumulates beyond two blocks. The streaming versions rescan
 * their window on each update (live charts update a few times a second), adding in the same
 * block order so that streaming sums are bit-identical to batch sums. Integer parameters are
 * coerced with `| 0` on entry, for int32 index arithmetic (see oscillators.ts).
 */
import { RollingRange } from './rolling-extremes.ts';
import { UndoableRing } from './undoable-ring.ts';

/** First bar where high, low and close are all finite (candle-based warm-up starts there). */
export function firstCompleteBar(high: Float64Array, low: Float64Array, close: Float64Array): number {
  let i = 0;
  while (i < close.length && !isCompleteBar(high[i], low[i], close[i])) i++;
  return i;
}

export function isCompleteBar(high: number, low: number, close: number): boolean {
  return Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close);
}

/** High and low, or NaN for both when the bar is incomplete and so cannot start a window. */
export function completeHighLow(high: number, low: number, close: number): [high: number, low: number] {
  return isCompleteBar(high, low, close) ? [high, low] : [Number.NaN, Number.NaN];
}

/**
 * Relative size below which a high-low range counts as no range at all. Real prices never
 * span less than one part in 1e10 of their level, while a series that is flat in truth can
 * still wobble in its last digits: RSI in a flat market does (its two averages decay by
 * separately rounded steps), and an exact test would swing stochRSI between 0 and 100 on
 * that noise.
 */
const FLAT_RANGE = 1e-10;

/**
 * Where `value` sits in [lowest, highest], in percent: the raw stochastic %K. A flat range
 * (see FLAT_RANGE; the level is |highest| + |lowest|, which needs no branch) has no position
 * in it, and 50, the middle, is reported rather than 0/0. The ratio is taken before scaling so
 * that rounding cannot carry the result past 100.
 */
export function positionInRange(highest: number, lowest: number, value: number): number {
  const range = highest - lowest;
  // Divided before the test: V8 ran the callers' loops markedly slower with the division
  // inside a branch.
  const position = 100 * ((value - lowest) / range);
  return range <= FLAT_RANGE * (Math.abs(highest) + Math.abs(lowest)) ? 50 : position;
}

/**
 * positionInRange of `close` in the highest `high` and lowest `low` of the last `period` bars,
 * from bar start + period - 1 on (NaN before).
 */
export function rangePosition(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  start: number,
  period: number,
): Float64Array {
  const n = close.length;
  const range = new RollingRange(high, low, start, period);
  const first = start + range.period - 1;
  const out = new Float64Array(n).fill(Number.NaN, 0, first);
  for (let from = start; from < n; from += range.chunkBars) {
    positionsOfChunk(range, Math.max(from, first), from, from + range.fill(from), close, out);
  }
  return out;
}

function positionsOfChunk(range: RollingRange, first: number, from: number, end: number, close: Float64Array, out: Float64Array): void {
  for (let i = first, r = range.index(from, first); i < end; i++, r += 4) {
    out[i] = positionInRange(range.highest(r), range.lowest(r), close[i]);
  }
}

/**
 * Sum of the last `period` values of `source`, from bar `start` on (NaN before start + period - 1),
 * into `out`, which may be `source` itself: each block's tails are summed before its bars are
 * overwritten. The tail past a block's last bar is 0, so every bar adds a tail and a head without
 * a branch (x + 0 is x); the first block's bars, which have no previous tail, are warm-up.
 */
export function rollingSum(source: Float64Array, start: number, period: number, out = new Float64Array(source.length)): Float64Array {
  period |= 0;
  const n = source.length;
  // Tails of the previous block in one half, of the current block in the other (by block parity).
  const tails = new Float64Array(2 * (period + 1));
  for (let blockStart = start, previous = 0; blockStart < n; blockStart += period, previous = period + 1 - previous) {
    const current = period + 1 - previous;
    const last = Math.min(blockStart + period, n) - 1;
    let sum = 0;
    for (let k = last - blockStart; k > 0; k--) {
      sum += source[blockStart + k];
      tails[current + k] = sum;
    }
    let head = 0;
    for (let i = blockStart, k = previous + 1; i <= last; i++, k++) {
      head += source[i];
      out[i] = tails[k] + head;
    }
  }
  return out.fill(Number.NaN, 0, start + period - 1);
}

/**
 * Streaming highest high / lowest low of the last `period` bars. Leading non-finite bars (an
 * upstream indicator's warm-up) are skipped, as the batch callers start at the first complete bar.
 */
export class RangeWindowStream {
  private readonly highs: Float64Array;
  private readonly lows: Float64Array;
  private readonly period: number;
  private count = 0;
  private undoCount = 0;
  private undoHigh = 0;
  private undoLow = 0;

  constructor(period: number) {
    this.period = period;
    this.highs = new Float64Array(period);
    this.lows = new Float64Array(period);
  }

  /** Adds a bar; returns [highest, lowest], NaN until the window is full. */
  push(high: number, low: number): [highest: number, lowest: number] {
    this.undoCount = this.count;
    if (this.count === 0 && !(Number.isFinite(high) && Number.isFinite(low))) return [Number.NaN, Number.NaN];
    const slot = this.count % this.period;
    this.undoHigh = this.highs[slot];
    this.undoLow = this.lows[slot];
    this.highs[slot] = high;
    this.lows[slot] = low;
    this.count++;
    if (this.count < this.period) return [Number.NaN, Number.NaN];
    let highest = this.highs[0];
    let lowest = this.lows[0];
    for (let k = 1; k < this.period; k++) {
      if (this.highs[k] > highest) highest = this.highs[k];
      if (this.lows[k] < lowest) lowest = this.lows[k];
    }
    return [highest, lowest];
  }

  replaceLast(high: number, low: number): [highest: number, lowest: number] {
    if (this.undoCount !== this.count) {
      const slot = this.undoCount % this.period;
      this.highs[slot] = this.undoHigh;
      this.lows[slot] = this.undoLow;
    }
    this.count = this.undoCount;
    return this.push(high, low);
  }
}

/**
 * Streaming rollingSum (NaN until the window is full; leading NaN skipped). It adds the
 * window in rollingSum's block order, head forward then tail backward, for identical rounding.
 */
export class SumWindowStream {
  private readonly ring: UndoableRing;

  constructor(period: number) {
    this.ring = new UndoableRing(period);
  }

  push(value: number): number {
    const ring = this.ring;
    if (!ring.push(value) || !ring.full) return Number.NaN;
    const { period, values } = ring;
    const newest = ring.count - 1;
    const offset = newest % period;
    const blockStart = newest - offset;
    let head = 0;
    for (let index = blockStart; index <= newest; index++) head += values[index % period];
    if (offset === period - 1) return head;
    let tail = 0;
    for (let k = period - 1; k > offset; k--) tail += values[(blockStart - period + k) % period];
    return tail + head;
  }

  replaceLast(value: number): number {
    this.ring.undo();
    return this.push(value);
  }
}
