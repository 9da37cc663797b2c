/**
 * Rolling population standard deviation and Bollinger Bands.
 *
 * Numerics: the textbook sum-of-squares formula cancels catastrophically when the mean dwarfs
 * the spread (BTC at 60,000 moving a few dollars a minute), and running sums drift over
 * millions of bars. So deviations are summed relative to an anchor (a recent value of the
 * series), and every `period` bars both sums are recomputed exactly from the window with a new
 * anchor. That bounds the drift to `period` updates, keeps the anchor within two periods of the
 * window, and gives exactly 0 on a flat window. The live version repeats the same operations in
 * the same order, so it yields the batch numbers bit for bit.
 *
 * The mean uses sma()'s running sum, so `bb.middle` is exactly `sma` of the same source.
 */
import type { Bar, StreamingIndicator } from './types.ts';
import { firstFinite } from './types.ts';
import { UndoableRing } from './undoable-ring.ts';

function deviationFromSums(anchoredSum: number, anchoredSquares: number, period: number): number {
  const variance = (anchoredSquares - (anchoredSum * anchoredSum) / period) / period;
  // Rounding can leave a tiny negative variance on a nearly flat window.
  return variance < 0 ? 0 : Math.sqrt(variance);
}

/**
 * The statistics of every window from the first full one on, written as the standard deviation
 * (`deviation`) or as Bollinger Bands (`bands`); earlier bars are left as they are. Loops run
 * block by block (a recompute, then `period - 1` updates) rather than testing for the recompute
 * on every bar, which is markedly faster, and the bands are computed as the statistics are, not
 * in a second pass over stored ones (about twice as fast).
 */
function fillWindowStatistics(
  source: Float64Array,
  period: number,
  deviation: Float64Array | null,
  bands: BollingerBands | null,
  multiplier: number,
): void {
  period |= 0;
  const n = source.length;
  const start = firstFinite(source);
  let sum = 0;
  for (let i = start; i < Math.min(start + period - 1, n); i++) sum += source[i];
  for (let blockEnd = start + period - 1; blockEnd < n; blockEnd += period) {
    const anchor = source[blockEnd];
    sum += anchor;
    if (blockEnd - start >= period) sum -= source[blockEnd - period];
    let anchoredSum = 0;
    let anchoredSquares = 0;
    for (let j = blockEnd - period + 1; j <= blockEnd; j++) {
      const d = source[j] - anchor;
      anchoredSum += d;
      anchoredSquares += d * d;
    }
    writeStatistics(blockEnd, anchor, sum / period, deviationFromSums(anchoredSum, anchoredSquares, period), deviation, bands, multiplier);
    const last = Math.min(blockEnd + period - 1, n - 1);
    for (let i = blockEnd + 1; i <= last; i++) {
      const value = source[i];
      const leaving = source[i - period];
      sum += value;
      sum -= leaving;
      const d = value - anchor;
      anchoredSum += d;
      anchoredSquares += d * d;
      const e = leaving - anchor;
      anchoredSum -= e;
      anchoredSquares -= e * e;
      writeStatistics(i, value, sum / period, deviationFromSums(anchoredSum, anchoredSquares, period), deviation, bands, multiplier);
    }
  }
}

function writeStatistics(
  i: number,
  value: number,
  mean: number,
  standardDeviation: number,
  deviation: Float64Array | null,
  bands: BollingerBands | null,
  multiplier: number,
): void {
  if (bands === null) {
    if (deviation !== null) deviation[i] = standardDeviation;
    return;
  }
  const upper = mean + multiplier * standardDeviation;
  const lower = mean - multiplier * standardDeviation;
  bands.middle[i] = mean;
  bands.upper[i] = upper;
  bands.lower[i] = lower;
  bands.percentB[i] = percentBOf(value, upper, lower);
  bands.bandwidth[i] = bandwidthOf(upper, lower, mean);
}

export function stdev(source: Float64Array, period: number): Float64Array {
  const out = new Float64Array(source.length).fill(Number.NaN, 0, firstFinite(source) + (period | 0) - 1);
  fillWindowStatistics(source, period, out, null, 0);
  return out;
}

export interface BollingerBands {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
  readonly percentB: Float64Array;
  readonly bandwidth: Float64Array;
}

/** Where the source sits between the bands; 0.5 (the middle) when the bands coincide. */
export function percentBOf(value: number, upper: number, lower: number): number {
  const width = upper - lower;
  return width === 0 ? 0.5 : (value - lower) / width;
}

/** TradingView's BBW: band width as a percentage of the middle band; NaN when the middle is 0. */
export function bandwidthOf(upper: number, lower: number, middle: number): number {
  return middle === 0 ? Number.NaN : ((upper - lower) / middle) * 100;
}

export function bollinger(source: Float64Array, period: number, multiplier: number): BollingerBands {
  const n = source.length;
  const first = firstFinite(source) + (period | 0) - 1;
  const bands: BollingerBands = {
    upper: new Float64Array(n).fill(Number.NaN, 0, first),
    middle: new Float64Array(n).fill(Number.NaN, 0, first),
    lower: new Float64Array(n).fill(Number.NaN, 0, first),
    percentB: new Float64Array(n).fill(Number.NaN, 0, first),
    bandwidth: new Float64Array(n).fill(Number.NaN, 0, first),
  };
  fillWindowStatistics(source, period, null, bands, multiplier);
  return bands;
}

/** Live counterpart of fillWindowStatistics: after push, `mean` and `deviation` hold the bar's values. */
export class WindowStatisticsStream {
  mean = Number.NaN;
  deviation = Number.NaN;
  private readonly ring: UndoableRing;
  private sum = 0;
  private anchor = 0;
  private anchoredSum = 0;
  private anchoredSquares = 0;
  private undoSum = 0;
  private undoAnchor = 0;
  private undoAnchoredSum = 0;
  private undoAnchoredSquares = 0;

  constructor(period: number) {
    this.ring = new UndoableRing(period);
  }

  push(value: number): number {
    this.undoSum = this.sum;
    this.undoAnchor = this.anchor;
    this.undoAnchoredSum = this.anchoredSum;
    this.undoAnchoredSquares = this.anchoredSquares;
    this.mean = Number.NaN;
    this.deviation = Number.NaN;
    const ring = this.ring;
    if (!ring.push(value)) return Number.NaN;
    const period = ring.period;
    const leaving = ring.displaced;
    const windowWasFull = ring.count > period;
    this.sum += value;
    if (windowWasFull) this.sum -= leaving;
    if (ring.count % period === 0) {
      // The ring now holds the window oldest-first, the batch recompute's order.
      this.anchor = value;
      this.anchoredSum = 0;
      this.anchoredSquares = 0;
      for (let k = 0; k < period; k++) {
        const d = ring.values[k] - this.anchor;
        this.anchoredSum += d;
        this.anchoredSquares += d * d;
      }
    } else if (windowWasFull) {
      const d = value - this.anchor;
      this.anchoredSum += d;
      this.anchoredSquares += d * d;
      const e = leaving - this.anchor;
      this.anchoredSum -= e;
      this.anchoredSquares -= e * e;
    }
    if (!ring.full) return Number.NaN;
    this.mean = this.sum / period;
    this.deviation = deviationFromSums(this.anchoredSum, this.anchoredSquares, period);
    return this.deviation;
  }

  replaceLast(value: number): number {
    this.ring.undo();
    this.sum = this.undoSum;
    this.anchor = this.undoAnchor;
    this.anchoredSum = this.undoAnchoredSum;
    this.anchoredSquares = this.undoAnchoredSquares;
    return this.push(value);
  }
}

export class BollingerStream implements StreamingIndicator {
  private readonly statistics: WindowStatisticsStream;
  private readonly multiplier: number;

  constructor(period: number, multiplier: number) {
    this.statistics = new WindowStatisticsStream(period);
    this.multiplier = multiplier;
  }

  push(_bar: Bar, source: number): readonly number[] {
    this.statistics.push(source);
    return this.bands(source);
  }

  replaceLast(_bar: Bar, source: number): readonly number[] {
    this.statistics.replaceLast(source);
    return this.bands(source);
  }

  private bands(source: number): readonly number[] {
    const { mean, deviation } = this.statistics;
    if (Number.isNaN(mean)) return [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    const upper = mean + this.multiplier * deviation;
    const lower = mean - this.multiplier * deviation;
    return [upper, mean, lower, percentBOf(source, upper, lower), bandwidthOf(upper, lower, mean)];
  }
}
