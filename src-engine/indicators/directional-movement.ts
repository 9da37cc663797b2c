/**
 * Wilder's directional movement system: +DI, -DI, DX and ADX, computed the way TA-Lib does so
 * the numbers match it (and TradingView's DMI once the seeding has decayed).
 *
 * TA-Lib's seeding, which differs from a plain RMA: the smoothed TR, +DM and -DM start as the
 * plain sums of bars 1..period-1 (bar 0 has no previous bar), and bar `period` applies the
 * first Wilder step S = S - S/period + x. So +DI, -DI and DX start at bar `period`; ADX is the
 * mean of the first `period` DX values, at bar 2*period - 1, then ADX = (ADX*(period-1) + DX) / period.
 * Every operation is TA-Lib's, in its order, so the results are its bits exactly.
 *
 * Where TA-Lib treats |x| < 1e-8 as zero, we test for exact zero: prices of sub-cent tokens are
 * legitimately that small. A window with no range gives both DIs 0 (not 0/0), and DX is 0 when
 * there is no directional movement at all, where TA-Lib repeats the previous DX.
 */
import { trueRangeOf } from './true-range.ts';
import type { Bar, StreamingIndicator } from './types.ts';

/** Half of x + |x| is exactly max(x, 0), without a data-dependent branch. */
function positivePart(x: number): number {
  return (x + Math.abs(x)) * 0.5;
}

/**
 * +DM: the up-move, when it is positive and larger than the down-move. Which move is larger is
 * a coin flip, so the comparison multiplies (by 1 or 0, exact for the finite moves of validated
 * candles) instead of branching.
 */
function plusMoveOf(up: number, down: number): number {
  return positivePart(up) * +(up > down);
}

/** -DM: the down-move, when it is positive and larger than the up-move (see plusMoveOf). */
function minusMoveOf(up: number, down: number): number {
  return positivePart(down) * +(down > up);
}

function wilderStep(sum: number, period: number, value: number): number {
  return sum - sum / period + value;
}

function directionalIndex(moveSum: number, trueRangeSum: number): number {
  return trueRangeSum === 0 ? 0 : 100 * (moveSum / trueRangeSum);
}

function directionalSpread(plusDi: number, minusDi: number): number {
  const diSum = plusDi + minusDi;
  return diSum === 0 ? 0 : 100 * (Math.abs(minusDi - plusDi) / diSum);
}

function nextAdx(adx: number, dx: number, period: number): number {
  return (adx * (period - 1) + dx) / period;
}

export interface DirectionalMovementSeries {
  readonly adx: Float64Array;
  readonly plusDi: Float64Array;
  readonly minusDi: Float64Array;
  readonly dx: Float64Array;
}

/**
 * Batch ADX. The warm-up phases (plain sums, then DX values summed for the first ADX) have
 * loops of their own, so that the steady loop tests nothing per bar and updates every running
 * value on every bar.
 */
export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period: number): DirectionalMovementSeries {
  period |= 0;
  const n = high.length;
  const adxOut = new Float64Array(n).fill(Number.NaN, 0, 2 * period - 1);
  const plusDiOut = new Float64Array(n).fill(Number.NaN, 0, period);
  const minusDiOut = new Float64Array(n).fill(Number.NaN, 0, period);
  const dxOut = new Float64Array(n).fill(Number.NaN, 0, period);
  const series = { adx: adxOut, plusDi: plusDiOut, minusDi: minusDiOut, dx: dxOut };
  let trueRangeSum = 0;
  let plusMoveSum = 0;
  let minusMoveSum = 0;
  let i = 1;
  for (; i < period && i < n; i++) {
    const up = high[i] - high[i - 1];
    const down = low[i - 1] - low[i];
    trueRangeSum += trueRangeOf(high[i], low[i], close[i - 1]);
    plusMoveSum += plusMoveOf(up, down);
    minusMoveSum += minusMoveOf(up, down);
  }
  let dxSum = 0;
  for (; i < 2 * period && i < n; i++) {
    const up = high[i] - high[i - 1];
    const down = low[i - 1] - low[i];
    trueRangeSum = wilderStep(trueRangeSum, period, trueRangeOf(high[i], low[i], close[i - 1]));
    plusMoveSum = wilderStep(plusMoveSum, period, plusMoveOf(up, down));
    minusMoveSum = wilderStep(minusMoveSum, period, minusMoveOf(up, down));
    const plusDi = directionalIndex(plusMoveSum, trueRangeSum);
    const minusDi = directionalIndex(minusMoveSum, trueRangeSum);
    const dx = directionalSpread(plusDi, minusDi);
    plusDiOut[i] = plusDi;
    minusDiOut[i] = minusDi;
    dxOut[i] = dx;
    dxSum += dx;
  }
  if (i < 2 * period) return series;
  // Bar 2 * period - 1 added the last DX of the first average to dxSum (as TA-Lib does).
  let average = dxSum / period;
  adxOut[i - 1] = average;
  for (; i < n; i++) {
    const up = high[i] - high[i - 1];
    const down = low[i - 1] - low[i];
    trueRangeSum = wilderStep(trueRangeSum, period, trueRangeOf(high[i], low[i], close[i - 1]));
    plusMoveSum = wilderStep(plusMoveSum, period, plusMoveOf(up, down));
    minusMoveSum = wilderStep(minusMoveSum, period, minusMoveOf(up, down));
    const plusDi = directionalIndex(plusMoveSum, trueRangeSum);
    const minusDi = directionalIndex(minusMoveSum, trueRangeSum);
    const dx = directionalSpread(plusDi, minusDi);
    average = nextAdx(average, dx, period);
    plusDiOut[i] = plusDi;
    minusDiOut[i] = minusDi;
    dxOut[i] = dx;
    adxOut[i] = average;
  }
  return series;
}

/** The live state; it holds only numbers, so a snapshot is a plain field copy. */
class DirectionalMovement {
  readonly period: number;
  bars = 0;
  previousHigh = Number.NaN;
  previousLow = Number.NaN;
  previousClose = Number.NaN;
  trueRangeSum = 0;
  plusMoveSum = 0;
  minusMoveSum = 0;
  dxSum = 0;
  plusDi = Number.NaN;
  minusDi = Number.NaN;
  dx = Number.NaN;
  adx = Number.NaN;

  constructor(period: number) {
    this.period = period;
  }

  copyFrom(other: DirectionalMovement): void {
    Object.assign(this, other);
  }

  update(high: number, low: number, close: number): void {
    const bar = this.bars++;
    if (bar > 0) this.accumulate(high, low, close, bar);
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = close;
  }

  private accumulate(high: number, low: number, close: number, bar: number): void {
    const period = this.period;
    const up = high - this.previousHigh;
    const down = this.previousLow - low;
    const range = trueRangeOf(high, low, this.previousClose);
    if (bar < period) {
      this.trueRangeSum += range;
      this.plusMoveSum += plusMoveOf(up, down);
      this.minusMoveSum += minusMoveOf(up, down);
      return;
    }
    this.trueRangeSum = wilderStep(this.trueRangeSum, period, range);
    this.plusMoveSum = wilderStep(this.plusMoveSum, period, plusMoveOf(up, down));
    this.minusMoveSum = wilderStep(this.minusMoveSum, period, minusMoveOf(up, down));
    this.plusDi = directionalIndex(this.plusMoveSum, this.trueRangeSum);
    this.minusDi = directionalIndex(this.minusMoveSum, this.trueRangeSum);
    this.dx = directionalSpread(this.plusDi, this.minusDi);
    const dxCount = bar - period + 1;
    if (dxCount < period) this.dxSum += this.dx;
    else if (dxCount === period) this.adx = (this.dxSum + this.dx) / period;
    else this.adx = nextAdx(this.adx, this.dx, period);
  }
}

/** Live ADX: outputs [adx, plusDi, minusDi, dx]. */
export class AdxStream implements StreamingIndicator {
  private readonly state: DirectionalMovement;
  private readonly beforeLastBar: DirectionalMovement;

  constructor(period: number) {
    this.state = new DirectionalMovement(period);
    this.beforeLastBar = new DirectionalMovement(period);
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
    const state = this.state;
    state.update(bar.high, bar.low, bar.close);
    return [state.adx, state.plusDi, state.minusDi, state.dx];
  }
}
