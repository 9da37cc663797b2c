/**
 * Ichimoku Kinko Hyo with TradingView's defaults (9, 26, 52, 26), laid out so that a rule
 * reading any output at bar i only uses data up to bar i.
 *
 * conversion (tenkan) and base (kijun) are midpoints of the highest high and lowest low over
 * their periods. A chart draws the leading spans displacement − 1 bars to the right of the bar
 * they are computed on (TradingView's offset), so spanA = (conversion + base) / 2 and spanB
 * (the 52-bar midpoint) are output at the bar where they are drawn: the value at bar i was
 * computed at bar i − (displacement − 1). The cloud a trader sees above bar i is spanA[i],
 * spanB[i]. lagging (chikou) is this bar's close, unshifted: charts draw it displacement − 1
 * bars to the left, and moving it there in the data would make bar i hold a future close.
 */
import { RollingExtremeStream, RollingRange } from './rolling-extremes.ts';
import type { Bar, StreamingIndicator } from './types.ts';

export interface IchimokuSeries {
  readonly conversion: Float64Array;
  readonly base: Float64Array;
  readonly spanA: Float64Array;
  readonly spanB: Float64Array;
  readonly lagging: Float64Array;
}

/**
 * The leading spans are written straight to the bar where they are drawn, so no column is
 * stored only to be shifted later, and span B's window, when it is at most twice the base
 * line's, is put together from the base line's blocks (see baseLinesOfChunk) rather than
 * worked out by a rolling pass of its own.
 */
export function ichimoku(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  conversionPeriod: number,
  basePeriod: number,
  spanBPeriod: number,
  displacement: number,
): IchimokuSeries {
  basePeriod |= 0;
  spanBPeriod |= 0;
  const n = high.length;
  const shift = (displacement | 0) - 1;
  const lag = spanBPeriod - basePeriod;
  const fromBaseBlocks = lag >= 0 && lag <= basePeriod;
  const lines: IchimokuSeries = {
    conversion: channelMidpoints(high, low, conversionPeriod),
    base: new Float64Array(n).fill(Number.NaN, 0, basePeriod - 1),
    spanA: new Float64Array(n),
    spanB: new Float64Array(n),
    lagging: close.slice(),
  };
  const range = new RollingRange(high, low, 0, basePeriod, fromBaseBlocks ? spanBPeriod : basePeriod);
  for (let from = 0; from < n; from += range.chunkBars) {
    baseLinesOfChunk(range, Math.max(from, basePeriod - 1), from, from + range.fill(from), shift, fromBaseBlocks ? lag : -1, lines);
  }
  if (!fromBaseBlocks) {
    const midpoints = channelMidpoints(high, low, spanBPeriod);
    for (let i = 0; i + shift < n; i++) lines.spanB[i + shift] = midpoints[i];
  }
  lines.spanA.fill(Number.NaN, 0, basePeriod - 1 + shift);
  lines.spanB.fill(Number.NaN, 0, spanBPeriod - 1 + shift);
  return lines;
}

/**
 * Base line, span A and (with a `lag` of 0 to basePeriod) span B for the bars [first, end) of a
 * RollingRange chunk (see RollingRange on why per chunk). Span B's window, `lag` bars longer
 * than the base line's, runs from the tail of the block two blocks back (or, for the last
 * `basePeriod - lag + 1` bars of a block, of the block before), over the whole block before if
 * it starts two blocks back, to this block's head. Along a block the tail falls and the head
 * rises, so these comparisons are predictable: about twice as fast as picking from two base-line
 * windows. Span B values before its first full window come from incomplete windows; ichimoku()
 * overwrites them with NaN.
 */
function baseLinesOfChunk(range: RollingRange, first: number, from: number, end: number, shift: number, lag: number, lines: IchimokuSeries): void {
  const { conversion, base, spanA, spanB } = lines;
  const v = range.values;
  const block = range.period;
  const spanEnd = base.length - shift;
  const back = 4 * (block + lag - 1);
  let offset = (first - from) % block;
  for (let i = first, r = range.index(from, first); i < end; i++, r += 4, offset++) {
    if (offset === block) offset = 0;
    const middle = (range.highest(r) + range.lowest(r)) / 2;
    base[i] = middle;
    if (i >= spanEnd) continue;
    spanA[i + shift] = (conversion[i] + middle) / 2;
    if (lag < 0) continue;
    // A block's tail from its first bar is the whole block.
    const wholeBlock = r - 4 * (offset + block);
    const twoBlocksBack = offset < lag - 1;
    const blockHigh = twoBlocksBack ? v[wholeBlock + 2] : Number.NEGATIVE_INFINITY;
    const blockLow = twoBlocksBack ? v[wholeBlock + 3] : Number.POSITIVE_INFINITY;
    const tailHigh = v[r - back + 2];
    const tailLow = v[r - back + 3];
    const highest = tailHigh > v[r] ? tailHigh : v[r];
    const lowest = tailLow < v[r + 1] ? tailLow : v[r + 1];
    spanB[i + shift] = ((blockHigh > highest ? blockHigh : highest) + (blockLow < lowest ? blockLow : lowest)) / 2;
  }
}

/** (highest high + lowest low) / 2 over `period` bars, NaN before the first full window. */
function channelMidpoints(high: Float64Array, low: Float64Array, period: number): Float64Array {
  const n = high.length;
  const range = new RollingRange(high, low, 0, period);
  const first = range.period - 1;
  const out = new Float64Array(n).fill(Number.NaN, 0, first);
  for (let from = 0; from < n; from += range.chunkBars) midpointsOfChunk(range, Math.max(from, first), from, from + range.fill(from), out);
  return out;
}

function midpointsOfChunk(range: RollingRange, first: number, from: number, end: number, out: Float64Array): void {
  for (let i = first, r = range.index(from, first); i < end; i++, r += 4) out[i] = (range.highest(r) + range.lowest(r)) / 2;
}

/** The value pushed `lag` bars ago (NaN until there is one), with a one-step undo. */
class DelayLine {
  private readonly values: Float64Array;
  private readonly lag: number;
  private count = 0;
  private undoSlotValue = 0;

  constructor(lag: number) {
    this.lag = lag;
    this.values = new Float64Array(lag + 1);
  }

  push(value: number): number {
    const slot = this.count % this.values.length;
    this.undoSlotValue = this.values[slot];
    this.values[slot] = value;
    this.count++;
    return this.count > this.lag ? this.values[(this.count - 1 - this.lag) % this.values.length] : Number.NaN;
  }

  replaceLast(value: number): number {
    this.count--;
    this.values[this.count % this.values.length] = this.undoSlotValue;
    return this.push(value);
  }
}

class LiveMidpoint {
  private readonly highs: RollingExtremeStream;
  private readonly lows: RollingExtremeStream;

  constructor(period: number) {
    this.highs = new RollingExtremeStream(period, 'max');
    this.lows = new RollingExtremeStream(period, 'min');
  }

  push(bar: Bar): number {
    return (this.highs.push(bar.high) + this.lows.push(bar.low)) / 2;
  }

  replaceLast(bar: Bar): number {
    return (this.highs.replaceLast(bar.high) + this.lows.replaceLast(bar.low)) / 2;
  }
}

/** Live Ichimoku: outputs [conversion, base, spanA, spanB, lagging]. */
export class IchimokuStream implements StreamingIndicator {
  private readonly conversion: LiveMidpoint;
  private readonly base: LiveMidpoint;
  private readonly spanBSource: LiveMidpoint;
  private readonly spanA: DelayLine;
  private readonly spanB: DelayLine;

  constructor(conversionPeriod: number, basePeriod: number, spanBPeriod: number, displacement: number) {
    this.conversion = new LiveMidpoint(conversionPeriod);
    this.base = new LiveMidpoint(basePeriod);
    this.spanBSource = new LiveMidpoint(spanBPeriod);
    this.spanA = new DelayLine(displacement - 1);
    this.spanB = new DelayLine(displacement - 1);
  }

  push(bar: Bar): readonly number[] {
    const conversion = this.conversion.push(bar);
    const base = this.base.push(bar);
    const spanA = this.spanA.push((conversion + base) / 2);
    return [conversion, base, spanA, this.spanB.push(this.spanBSource.push(bar)), bar.close];
  }

  replaceLast(bar: Bar): readonly number[] {
    const conversion = this.conversion.replaceLast(bar);
    const base = this.base.replaceLast(bar);
    const spanA = this.spanA.replaceLast((conversion + base) / 2);
    return [conversion, base, spanA, this.spanB.replaceLast(this.spanBSource.replaceLast(bar)), bar.close];
  }
}
