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
import { canWiden, fillMidpointChannel, RollingExtremeStream, widenMidpointChannel } from './rolling-extremes.ts';
import type { Bar, StreamingIndicator } from './types.ts';
import { nanArray } from './types.ts';

export interface IchimokuSeries {
  readonly conversion: Float64Array;
  readonly base: Float64Array;
  readonly spanA: Float64Array;
  readonly spanB: Float64Array;
  readonly lagging: Float64Array;
}

export function ichimoku(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  conversionPeriod: number,
  basePeriod: number,
  spanBPeriod: number,
  displacement: number,
): IchimokuSeries {
  const n = high.length;
  const conversion = nanArray(n);
  const base = nanArray(n);
  const spanA = nanArray(n);
  const spanB = nanArray(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const suffix = new Float64Array(n);
  fillMidpointChannel(high, low, conversionPeriod, upper, lower, conversion, suffix);
  fillMidpointChannel(high, low, basePeriod, upper, lower, base, suffix);
  if (canWiden(basePeriod, spanBPeriod)) {
    widenMidpointChannel(upper, lower, basePeriod, spanBPeriod, spanB);
  } else {
    fillMidpointChannel(high, low, spanBPeriod, upper, lower, spanB, suffix);
  }
  for (let i = 0; i < n; i++) spanA[i] = (conversion[i] + base[i]) / 2;
  shiftForward(spanA, displacement - 1);
  shiftForward(spanB, displacement - 1);
  return { conversion, base, spanA, spanB, lagging: close.slice() };
}

/** Moves every value `bars` later in place; the first `bars` become NaN. */
function shiftForward(series: Float64Array, bars: number): void {
  if (bars === 0) return;
  series.copyWithin(bars, 0, Math.max(0, series.length - bars));
  series.fill(Number.NaN, 0, Math.min(bars, series.length));
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
