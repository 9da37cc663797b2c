/**
 * True range and Wilder's average true range, the volatility measures behind ATR, Keltner
 * channels and SuperTrend. TA-Lib's conventions: the first bar has no previous close and so no
 * true range (NaN), and ATR is seeded with the mean of the first `period` true ranges, so its
 * first value is at bar `period`.
 */
import { rmaStream, type SeededSmoothingStream } from './moving-averages.ts';
import type { Bar } from './types.ts';

/**
 * The range from the lower of low and previous close to the higher of high and previous close:
 * exactly max(high − low, |high − prevClose|, |low − prevClose|) (each case performs the same
 * subtraction), with two well-predicted comparisons instead of three data-dependent maxima.
 */
export function trueRangeOf(high: number, low: number, previousClose: number): number {
  return (high > previousClose ? high : previousClose) - (low < previousClose ? low : previousClose);
}

export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = high.length;
  const out = new Float64Array(n).fill(Number.NaN, 0, 1);
  for (let i = 1; i < n; i++) out[i] = trueRangeOf(high[i], low[i], close[i - 1]);
  return out;
}

/**
 * Wilder's ATR in one pass (no intermediate true-range column). The arithmetic is exactly that
 * of rmaStream fed with true ranges, which is what AtrStream does.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  period |= 0;
  const n = high.length;
  const out = new Float64Array(n).fill(Number.NaN, 0, period);
  if (period >= n) return out;
  let value = atrSeed(high, low, close, period);
  out[period] = value;
  const alpha = 1 / period;
  for (let i = period + 1; i < n; i++) {
    value += alpha * (trueRangeOf(high[i], low[i], close[i - 1]) - value);
    out[i] = value;
  }
  return out;
}

/**
 * The ATR's first value, at bar `period` (which must exist): the mean of the true ranges of bars
 * 1..period, summed in order as rmaStream does. Batch loops that carry the ATR start from it, so
 * that their steady loop tests nothing per bar.
 */
export function atrSeed(high: Float64Array, low: Float64Array, close: Float64Array, period: number): number {
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRangeOf(high[i], low[i], close[i - 1]);
  return sum / period;
}

export class TrueRangeStream {
  /** Close of the bar before the forming one (NaN while the forming bar is the first). */
  private previousClose = Number.NaN;
  private formingClose = Number.NaN;
  private undoPreviousClose = Number.NaN;

  push(bar: Bar): number {
    this.undoPreviousClose = this.previousClose;
    this.previousClose = this.formingClose;
    this.formingClose = bar.close;
    return trueRangeOf(bar.high, bar.low, this.previousClose);
  }

  replaceLast(bar: Bar): number {
    this.formingClose = this.previousClose;
    this.previousClose = this.undoPreviousClose;
    return this.push(bar);
  }
}

export class AtrStream {
  private readonly ranges = new TrueRangeStream();
  private readonly average: SeededSmoothingStream;

  constructor(period: number) {
    this.average = rmaStream(period);
  }

  push(bar: Bar): number {
    return this.average.push(this.ranges.push(bar));
  }

  replaceLast(bar: Bar): number {
    return this.average.replaceLast(this.ranges.replaceLast(bar));
  }
}
