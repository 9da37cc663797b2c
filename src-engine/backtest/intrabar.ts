/**
 * The order in which prices are assumed to have traded inside a bar. OHLC alone does not say
 * whether the high or the low came first, and that decides whether a stop or a target inside
 * the same bar fills. The path is explicit and selectable:
 *
 * - pessimistic: the extreme against the open position (or pending order) first: a stop inside
 *   the bar wins over a target inside the same bar (backtesting.py's rule).
 * - tradingview: open, then the extreme nearer to the open, then the other one, then close
 *   (TradingView's broker emulator). A tie goes low first.
 * - magnifier: the same walk through each real lower-timeframe candle inside the bar.
 */
import type { Candles } from '../candles.ts';

/** Writes open -> nearer extreme -> farther extreme -> close into `path` at `at`; returns the new length. */
export function writeNearestFirstPath(path: Float64Array, at: number, open: number, high: number, low: number, close: number): number {
  path[at] = open;
  if (high - open < open - low) {
    path[at + 1] = high;
    path[at + 2] = low;
  } else {
    path[at + 1] = low;
    path[at + 2] = high;
  }
  path[at + 3] = close;
  return at + 4;
}

/** `adverseSide` 1 means a long is at stake (low first), -1 a short (high first). */
export function writePessimisticPath(path: Float64Array, open: number, high: number, low: number, close: number, adverseSide: number): number {
  path[0] = open;
  path[1] = adverseSide > 0 ? low : high;
  path[2] = adverseSide > 0 ? high : low;
  path[3] = close;
  return 4;
}

/**
 * Lower-timeframe candles, walked in step with the main bars: for each main bar, the candles
 * whose open time falls inside it. Both series are sorted, so one cursor serves the whole run.
 */
export class Magnifier {
  private readonly candles: Candles;
  private cursor = 0;
  /** Main bars for which no lower-timeframe candle existed (they fall back to tradingview). */
  uncoveredBars = 0;

  constructor(candles: Candles) {
    this.candles = candles;
  }

  /** Writes the path through bar [barStart, barEnd) into `path`, growing it if needed. */
  writePath(scratch: { path: Float64Array }, barStart: number, barEnd: number, open: number, high: number, low: number, close: number): number {
    const c = this.candles;
    while (this.cursor < c.time.length && c.time[this.cursor] < barStart) this.cursor++;
    let end = this.cursor;
    while (end < c.time.length && c.time[end] < barEnd) end++;
    if (end === this.cursor) {
      this.uncoveredBars++;
      return writeNearestFirstPath(scratch.path, 0, open, high, low, close);
    }
    const needed = 4 * (end - this.cursor);
    if (scratch.path.length < needed) scratch.path = new Float64Array(needed * 2);
    let length = 0;
    for (let k = this.cursor; k < end; k++) {
      length = writeNearestFirstPath(scratch.path, length, c.open[k], c.high[k], c.low[k], c.close[k]);
    }
    this.cursor = end;
    return length;
  }
}
