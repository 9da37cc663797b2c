/**
 * Wilder's Parabolic SAR as TradingView implements it (ta.sar), so stops line up with its charts.
 *
 * Bar 0 has no value. On bar 1 the trend starts long if the close rose, short otherwise, with
 * the SAR at bar 0's low (long) or high (short) and the extreme point at bar 1's high (low).
 * Each bar: SAR += AF × (EP − SAR). If price penetrates the SAR (long: SAR > low; short:
 * SAR < high) the trend reverses: the SAR jumps to the old extreme point (or this bar's high/low
 * if further), the EP becomes this bar's low/high and AF resets to `start`. Otherwise a new
 * extreme moves the EP and raises AF by `increment`, capped at `maximum`. Finally the SAR may
 * not enter the previous two bars' range: a long SAR is capped by their lows, a short SAR is
 * floored by their highs. Direction is 1 while long (SAR below price), -1 while short.
 */
import type { Bar, StreamingIndicator } from './types.ts';

/** The live SAR state, advanced one bar at a time; numbers only, so a snapshot is a field copy. */
class ParabolicSarState {
  readonly start: number;
  readonly increment: number;
  readonly maximum: number;
  bars = 0;
  long = false;
  sar = Number.NaN;
  extreme = Number.NaN;
  acceleration = Number.NaN;
  previousHigh = Number.NaN;
  previousLow = Number.NaN;
  previousClose = Number.NaN;
  secondPreviousHigh = Number.NaN;
  secondPreviousLow = Number.NaN;
  direction = Number.NaN;

  constructor(start: number, increment: number, maximum: number) {
    this.start = start;
    this.increment = increment;
    this.maximum = maximum;
  }

  copyFrom(other: ParabolicSarState): void {
    Object.assign(this, other);
  }

  update(high: number, low: number, close: number): void {
    if (this.bars > 0) this.advance(high, low, close);
    this.bars++;
    this.secondPreviousHigh = this.previousHigh;
    this.secondPreviousLow = this.previousLow;
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = close;
  }

  private advance(high: number, low: number, close: number): void {
    let newTrend = false;
    if (this.bars === 1) {
      this.long = close > this.previousClose;
      this.extreme = this.long ? high : low;
      this.sar = this.long ? this.previousLow : this.previousHigh;
      this.acceleration = this.start;
      newTrend = true;
    }
    this.sar += this.acceleration * (this.extreme - this.sar);
    if (this.long ? this.sar > low : this.sar < high) {
      newTrend = true;
      this.sar = this.long ? Math.max(high, this.extreme) : Math.min(low, this.extreme);
      this.long = !this.long;
      this.extreme = this.long ? high : low;
      this.acceleration = this.start;
    }
    if (!newTrend && (this.long ? high > this.extreme : low < this.extreme)) {
      this.extreme = this.long ? high : low;
      this.acceleration = Math.min(this.acceleration + this.increment, this.maximum);
    }
    if (this.long) {
      this.sar = Math.min(this.sar, this.previousLow);
      if (this.bars > 1) this.sar = Math.min(this.sar, this.secondPreviousLow);
    } else {
      this.sar = Math.max(this.sar, this.previousHigh);
      if (this.bars > 1) this.sar = Math.max(this.sar, this.secondPreviousHigh);
    }
    this.direction = this.long ? 1 : -1;
  }
}

export interface ParabolicSarSeries {
  readonly value: Float64Array;
  readonly direction: Float64Array;
}

/**
 * Batch form of ParabolicSarState.update, with the state in locals. Each trend runs in a loop of
 * its own, in coordinates signed by the trend (prices times 1 while long, times -1 while short:
 * negation is exact, so the values are the same bits), where "beyond the extreme point" is always
 * "greater" and "across the SAR" always "less"; a reversal leaves the loop. Bar 1 needs no code
 * of its own: its extreme point is its own high (low), so no new extreme can be found there, and
 * its "two bars back" is bar 0 again. Whether a bar makes a new extreme is a coin flip, so the
 * extreme and the acceleration are picked from a scratch array by that comparison rather than by
 * a branch. All this measured about 2.5 times faster than one loop that branches on the trend.
 */
export function parabolicSar(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  start: number,
  increment: number,
  maximum: number,
): ParabolicSarSeries {
  const n = high.length;
  const value = new Float64Array(n).fill(Number.NaN, 0, n < 2 ? n : 1);
  const direction = new Float64Array(n).fill(Number.NaN, 0, n < 2 ? n : 1);
  if (n < 2) return { value, direction };
  let long = close[1] > close[0];
  let sar = long ? low[0] : high[0];
  let extreme = long ? high[1] : low[1];
  let acceleration = start;
  const pick = new Float64Array(4);
  let i = 1;
  for (;;) {
    const sign = long ? 1 : -1;
    const favourable = long ? high : low;
    const adverse = long ? low : high;
    let signedSar = sign * sar;
    let signedExtreme = sign * extreme;
    for (; i < n; i++) {
      signedSar += acceleration * (signedExtreme - signedSar);
      if (signedSar > sign * adverse[i]) break;
      const newExtreme = +(sign * favourable[i] > signedExtreme);
      pick[0] = signedExtreme;
      pick[1] = sign * favourable[i];
      pick[2] = acceleration;
      pick[3] = Math.min(acceleration + increment, maximum);
      signedExtreme = pick[newExtreme];
      acceleration = pick[2 + newExtreme];
      const older = i > 1 ? i - 2 : 0;
      signedSar = Math.min(signedSar, sign * adverse[i - 1], sign * adverse[older]);
      value[i] = sign * signedSar;
      direction[i] = sign;
    }
    if (i === n) return { value, direction };
    // Bar i crosses the SAR: the trend reverses there.
    const h = high[i];
    const l = low[i];
    const older = i > 1 ? i - 2 : 0;
    extreme = sign * signedExtreme;
    sar = long ? Math.max(h, extreme) : Math.min(l, extreme);
    long = !long;
    extreme = long ? h : l;
    acceleration = start;
    sar = long ? Math.min(sar, low[i - 1], low[older]) : Math.max(sar, high[i - 1], high[older]);
    value[i] = sar;
    direction[i] = long ? 1 : -1;
    i++;
  }
}

/** Live Parabolic SAR: outputs [value, direction]. */
export class ParabolicSarStream implements StreamingIndicator {
  private readonly state: ParabolicSarState;
  private readonly beforeLastBar: ParabolicSarState;

  constructor(start: number, increment: number, maximum: number) {
    this.state = new ParabolicSarState(start, increment, maximum);
    this.beforeLastBar = new ParabolicSarState(start, increment, maximum);
  }

  push(bar: Bar): readonly number[] {
    this.beforeLastBar.copyFrom(this.state);
    return this.advance(bar);
  }

  replaceLast(bar: Bar): readonly number[] {
    this.state.copyFrom(this.beforeLastBar);
    return this.advance(bar);
  }

  private advance(bar: Bar): readonly number[] {
    this.state.update(bar.high, bar.low, bar.close);
    return [this.state.sar, this.state.direction];
  }
}
