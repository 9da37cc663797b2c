/** Small hand-made inputs for strategy tests. */
import { allocateCandles, type Candles } from '../../src-engine/candles.ts';

/** Candles whose open/high/low equal the close: rules then depend on closes alone. */
export function candlesFromCloses(closes: readonly number[], volumes?: readonly number[]): Candles {
  const candles = allocateCandles(closes.length);
  closes.forEach((close, i) => {
    candles.time[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    candles.open[i] = close;
    candles.high[i] = close;
    candles.low[i] = close;
    candles.close[i] = close;
    candles.volume[i] = volumes?.[i] ?? 100;
  });
  return candles;
}

/** Bars at which a mask holds, for readable assertions. */
export function barsWhere(mask: Uint8Array): number[] {
  const bars: number[] = [];
  mask.forEach((value, i) => {
    if (value === 1) bars.push(i);
  });
  return bars;
}
