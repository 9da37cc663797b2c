/**
 * SuperTrend, TradingView's algorithm (ta.supertrend) on top of our Wilder ATR.
 *
 * Basic bands are hl2 ± multiplier × ATR. The final lower band only rises, unless the previous
 * close fell below it (then it resets to the basic band); the final upper band only falls,
 * unless the previous close rose above it. In a downtrend the trend turns up when the close
 * rises above the final upper band; in an uptrend it turns down when the close falls below the
 * final lower band. The line is the lower band in an uptrend and the upper band in a downtrend.
 *
 * Direction is 1 for an uptrend (line below price) and -1 for a downtrend: the opposite of
 * TradingView's sign, so `direction > 0` reads as "up". As in TradingView, the first bar with an
 * ATR starts in a downtrend.
 */
import { atrSeed, AtrStream, trueRangeOf } from './true-range.ts';
import type { Bar, StreamingIndicator } from './types.ts';

const UP = 1;
const DOWN = -1;

/** The live band ratchet and trend, one bar at a time, given that bar's ATR; supertrend() is its batch form. */
class SuperTrendState {
  readonly multiplier: number;
  upper = Number.NaN;
  lower = Number.NaN;
  direction = Number.NaN;
  value = Number.NaN;
  previousClose = Number.NaN;

  constructor(multiplier: number) {
    this.multiplier = multiplier;
  }

  copyFrom(other: SuperTrendState): void {
    Object.assign(this, other);
  }

  update(high: number, low: number, close: number, averageRange: number): void {
    if (!Number.isNaN(averageRange)) this.advance(high, low, close, averageRange);
    this.previousClose = close;
  }

  private advance(high: number, low: number, close: number, averageRange: number): void {
    const middle = (high + low) / 2;
    const basicUpper = middle + this.multiplier * averageRange;
    const basicLower = middle - this.multiplier * averageRange;
    if (Number.isNaN(this.direction)) {
      this.upper = basicUpper;
      this.lower = basicLower;
      this.direction = DOWN;
    } else {
      const previousUpper = this.upper;
      const previousLower = this.lower;
      this.lower = basicLower > previousLower || this.previousClose < previousLower ? basicLower : previousLower;
      this.upper = basicUpper < previousUpper || this.previousClose > previousUpper ? basicUpper : previousUpper;
      if (this.direction === DOWN) {
        this.direction = close > this.upper ? UP : DOWN;
      } else {
        this.direction = close < this.lower ? DOWN : UP;
      }
    }
    this.value = this.direction === UP ? this.lower : this.upper;
  }
}

export interface SuperTrendSeries {
  readonly value: Float64Array;
  readonly direction: Float64Array;
}

/**
 * Batch form of SuperTrendState.update, with the state in locals and the ATR computed in the
 * same pass (atr()'s arithmetic). The bands ratchet on coin-flip comparisons, so each final band
 * is picked from a scratch pair by its condition rather than by a branch.
 */
export function supertrend(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  atrPeriod: number,
  multiplier: number,
): SuperTrendSeries {
  atrPeriod |= 0;
  const n = high.length;
  const value = new Float64Array(n).fill(Number.NaN, 0, atrPeriod);
  const direction = new Float64Array(n).fill(Number.NaN, 0, atrPeriod);
  if (atrPeriod >= n) return { value, direction };
  let range = atrSeed(high, low, close, atrPeriod);
  // The first bar with an ATR starts the bands and a downtrend.
  let i = atrPeriod;
  const firstMiddle = (high[i] + low[i]) / 2;
  let upper = firstMiddle + multiplier * range;
  let lower = firstMiddle - multiplier * range;
  let trend = DOWN;
  value[i] = upper;
  direction[i] = trend;
  const alpha = 1 / atrPeriod;
  const pick = new Float64Array(4);
  for (i++; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const c = close[i];
    const previousClose = close[i - 1];
    range += alpha * (trueRangeOf(h, l, previousClose) - range);
    const middle = (h + l) / 2;
    pick[0] = lower;
    pick[1] = middle - multiplier * range;
    lower = pick[+(pick[1] > lower) | +(previousClose < lower)];
    pick[2] = upper;
    pick[3] = middle + multiplier * range;
    upper = pick[2 + (+(pick[3] < upper) | +(previousClose > upper))];
    trend = trend === DOWN ? (c > upper ? UP : DOWN) : c < lower ? DOWN : UP;
    value[i] = trend === UP ? lower : upper;
    direction[i] = trend;
  }
  return { value, direction };
}

/** Live SuperTrend: outputs [value, direction]. */
export class SuperTrendStream implements StreamingIndicator {
  private readonly averageRange: AtrStream;
  private readonly state: SuperTrendState;
  private readonly beforeLastBar: SuperTrendState;

  constructor(atrPeriod: number, multiplier: number) {
    this.averageRange = new AtrStream(atrPeriod);
    this.state = new SuperTrendState(multiplier);
    this.beforeLastBar = new SuperTrendState(multiplier);
  }

  push(bar: Bar): readonly number[] {
    this.beforeLastBar.copyFrom(this.state);
    return this.advance(bar, this.averageRange.push(bar));
  }

  replaceLast(bar: Bar): readonly number[] {
    this.state.copyFrom(this.beforeLastBar);
    return this.advance(bar, this.averageRange.replaceLast(bar));
  }

  private advance(bar: Bar, averageRange: number): readonly number[] {
    this.state.update(bar.high, bar.low, bar.close, averageRange);
    return [this.state.value, this.state.direction];
  }
}
