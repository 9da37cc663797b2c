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
import { atr, AtrStream } from './true-range.ts';
import type { Bar, StreamingIndicator } from './types.ts';
import { nanArray } from './types.ts';

const UP = 1;
const DOWN = -1;

/** Band ratchet and trend, one bar at a time, given that bar's ATR; shared by batch and live. */
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

export function supertrend(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  atrPeriod: number,
  multiplier: number,
): SuperTrendSeries {
  const n = high.length;
  const averageRange = atr(high, low, close, atrPeriod);
  const value = nanArray(n);
  const direction = nanArray(n);
  const state = new SuperTrendState(multiplier);
  for (let i = 0; i < n; i++) {
    state.update(high[i], low[i], close[i], averageRange[i]);
    value[i] = state.value;
    direction[i] = state.direction;
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
