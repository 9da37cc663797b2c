/**
 * Rolling highest and lowest values over windows that include the current bar: highest/lowest,
 * Donchian channels, the Ichimoku lines and the stochastics (rolling-windows.ts) are built on
 * RollingRange.
 *
 * Batch uses the van Herk / Gil-Werman scheme: the series is cut into blocks of `period` bars
 * (aligned at the first bar), and a window ending at offset `o` of a block is the tail of the
 * previous block from offset o + 1 plus the head of the current block up to o, so its extreme is
 * the better of a tail extreme and a head extreme. Running heads and tails cost O(1) per bar
 * whatever the period; on price data that measured about twice as fast as a monotonic deque,
 * whose pops are hard to predict. Live versions rescan their window; an extreme is exact however
 * it is found, so both agree bit for bit.
 */
import type { ValueStream } from './types.ts';
import { firstFinite } from './types.ts';

/** Bars RollingRange works out per fill(), rounded up to whole blocks: its results stay in cache. */
const CHUNK_BARS = 4096;
/** Scratch slots for the branch-free running extremes (see RollingRange.fill). */
const PICK_SLOTS = 8;

/**
 * The block heads and tails of `high` (for maxima) and `low` (for minima), blocks of `period`
 * bars aligned at bar `start`, worked out a chunk of bars at a time into one scratch array,
 * `values`. Everything the inner loop touches lives in that array and the two inputs: V8 keeps
 * few typed arrays in registers, and this measured markedly faster than separate pick, tail and
 * result arrays or than writing straight into output columns.
 *
 * Call fill(from) for from = start, start + chunkBars, ... in that order. Then bar i of the chunk
 * (and each of the `reach` bars before it) has four entries from r = index(from, i): the highest
 * high and lowest low from its block's first bar to it (the head), then from it to its block's
 * last bar (the tail). highest(r) and lowest(r) give the window of `period` bars ending at bar i,
 * complete from bar start + period - 1 on; a longer window (up to `reach` bars) is the window of
 * `period` bars ending `reach - period` bars or fewer before, combined with this one.
 *
 * Callers use each chunk in a function of their own, called per chunk: V8 then optimizes that
 * function as a whole, whereas a loop nest in a function called once per series was compiled
 * for its inner loop only and left that code again at the end of every chunk.
 */
export class RollingRange {
  readonly period: number;
  readonly chunkBars: number;
  readonly values: Float64Array;
  private readonly high: Float64Array;
  private readonly low: Float64Array;
  private readonly start: number;
  private readonly reach: number;
  private readonly first: number;
  private readonly back: number;

  constructor(high: Float64Array, low: Float64Array, start: number, period: number, reach: number = period) {
    period |= 0;
    reach |= 0;
    this.high = high;
    this.low = low;
    this.start = start;
    this.period = period;
    this.reach = reach;
    this.chunkBars = period * Math.ceil(Math.max(CHUNK_BARS, reach) / period);
    this.first = PICK_SLOTS + 4 * reach;
    this.back = 4 * (period - 1);
    this.values = new Float64Array(this.first + 4 * this.chunkBars);
  }

  /** Index in `values` of bar i's entries after fill(from). */
  index(from: number, i: number): number {
    return this.first + 4 * (i - from);
  }

  /** The highest high of the `period` bars ending at the bar whose entries start at r. */
  highest(r: number): number {
    const v = this.values;
    const tail = v[r - this.back + 2];
    const head = v[r];
    return tail > head ? tail : head;
  }

  /** The lowest low of the `period` bars ending at the bar whose entries start at r. */
  lowest(r: number): number {
    const v = this.values;
    const tail = v[r - this.back + 3];
    const head = v[r + 1];
    return tail < head ? tail : head;
  }

  /**
   * Works out bars [from, from + chunkBars) (fewer at the end of the series); returns how many.
   * Each block runs one loop that extends its head from the first bar and its tail from the last:
   * four independent running extremes per bar. They are taken branch-free, the comparison
   * indexing a pair of candidates stored in scratch: on market data the comparisons are coin
   * flips, and this measured about twice as fast as a branch or Math.max.
   */
  fill(from: number): number {
    const high = this.high;
    const low = this.low;
    const v = this.values;
    const period = this.period;
    const first = this.first;
    const count = Math.min(this.chunkBars, high.length - from);
    if (from > this.start) v.copyWithin(first - 4 * this.reach, first + 4 * (this.chunkBars - this.reach), first + 4 * this.chunkBars);
    for (let done = 0; done < count; done += period) {
      const blockStart = from + done;
      const last = blockStart + Math.min(period, count - done) - 1;
      let h = high[blockStart];
      let l = low[blockStart];
      let th = high[last];
      let tl = low[last];
      for (let i = blockStart, j = last, a = first + 4 * done, b = first + 4 * (last - from) + 2; i <= last; i++, j--, a += 4, b -= 4) {
        const x = high[i];
        const y = low[i];
        const z = high[j];
        const w = low[j];
        v[0] = h;
        v[1] = x;
        h = v[+(x > h)];
        v[2] = l;
        v[3] = y;
        l = v[2 + +(y < l)];
        v[4] = th;
        v[5] = z;
        th = v[4 + +(z > th)];
        v[6] = tl;
        v[7] = w;
        tl = v[6 + +(w < tl)];
        v[a] = h;
        v[a + 1] = l;
        v[b] = th;
        v[b + 1] = tl;
      }
    }
    return count;
  }
}

/** Rolling maximum (`max`) or minimum of the source, NaN before its first full window. */
function rollingExtreme(source: Float64Array, period: number, max: boolean): Float64Array {
  const n = source.length;
  const start = firstFinite(source);
  const range = new RollingRange(source, source, start, period);
  const first = start + range.period - 1;
  const out = new Float64Array(n).fill(Number.NaN, 0, first);
  for (let from = start; from < n; from += range.chunkBars) {
    extremesOfChunk(range, Math.max(from, first), from, from + range.fill(from), max, out);
  }
  return out;
}

function extremesOfChunk(range: RollingRange, first: number, from: number, end: number, max: boolean, out: Float64Array): void {
  for (let i = first, r = range.index(from, first); i < end; i++, r += 4) out[i] = max ? range.highest(r) : range.lowest(r);
}

export function rollingMax(source: Float64Array, period: number): Float64Array {
  return rollingExtreme(source, period, true);
}

export function rollingMin(source: Float64Array, period: number): Float64Array {
  return rollingExtreme(source, period, false);
}

export interface Channel {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/** Donchian channel: highest high, lowest low, and their midpoint, over `period` bars. */
export function donchian(high: Float64Array, low: Float64Array, period: number): Channel {
  const n = high.length;
  const range = new RollingRange(high, low, 0, period);
  const first = range.period - 1;
  const channel: Channel = {
    upper: new Float64Array(n).fill(Number.NaN, 0, first),
    middle: new Float64Array(n).fill(Number.NaN, 0, first),
    lower: new Float64Array(n).fill(Number.NaN, 0, first),
  };
  for (let from = 0; from < n; from += range.chunkBars) channelOfChunk(range, Math.max(from, first), from, from + range.fill(from), channel);
  return channel;
}

function channelOfChunk(range: RollingRange, first: number, from: number, end: number, channel: Channel): void {
  const { upper, middle, lower } = channel;
  for (let i = first, r = range.index(from, first); i < end; i++, r += 4) {
    const highest = range.highest(r);
    const lowest = range.lowest(r);
    upper[i] = highest;
    lower[i] = lowest;
    middle[i] = (highest + lowest) / 2;
  }
}

/** Live rolling maximum or minimum over `period` values; leading NaN is warm-up, as in batch. */
export class RollingExtremeStream implements ValueStream {
  private readonly period: number;
  private readonly highest: boolean;
  private readonly window: Float64Array;
  private count = 0;
  private undoCount = 0;
  private undoSlotValue = 0;

  constructor(period: number, extreme: 'max' | 'min') {
    this.period = period;
    this.highest = extreme === 'max';
    this.window = new Float64Array(period);
  }

  push(value: number): number {
    this.undoCount = this.count;
    if (this.count === 0 && !Number.isFinite(value)) return Number.NaN;
    const slot = this.count % this.period;
    this.undoSlotValue = this.window[slot];
    this.window[slot] = value;
    this.count++;
    if (this.count < this.period) return Number.NaN;
    let extreme = this.window[0];
    for (let k = 1; k < this.period; k++) {
      const candidate = this.window[k];
      if (this.highest ? candidate > extreme : candidate < extreme) extreme = candidate;
    }
    return extreme;
  }

  replaceLast(value: number): number {
    if (this.undoCount !== this.count) this.window[this.undoCount % this.period] = this.undoSlotValue;
    this.count = this.undoCount;
    return this.push(value);
  }
}

/** Live Donchian channel: [upper, middle, lower]. */
export class DonchianStream {
  private readonly highs: RollingExtremeStream;
  private readonly lows: RollingExtremeStream;

  constructor(period: number) {
    this.highs = new RollingExtremeStream(period, 'max');
    this.lows = new RollingExtremeStream(period, 'min');
  }

  push(high: number, low: number): [number, number, number] {
    return channelOf(this.highs.push(high), this.lows.push(low));
  }

  replaceLast(high: number, low: number): [number, number, number] {
    return channelOf(this.highs.replaceLast(high), this.lows.replaceLast(low));
  }
}

function channelOf(upper: number, lower: number): [number, number, number] {
  return [upper, (upper + lower) / 2, lower];
}
