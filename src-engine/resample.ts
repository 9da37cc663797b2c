/**
 * Builds higher-timeframe candles from lower ones (1m -> 1h, 1h -> 1d, 1d -> 1M), UTC aligned,
 * so a user who has 1m never downloads 1h. Open is the first sub-bar's open, close the last
 * one's close, high/low the extremes, volume the sum. The result is compact (copied out of
 * the working buffer), so a million 1m bars do not stay alive behind a few days of 1d bars. A bucket with missing sub-bars (an
 * exchange outage) is still a candle, built from what traded; a trailing bucket whose sub-bars
 * do not reach its end is still forming and is left out, never passed off as closed.
 */
import type { Interval } from '../src-shared/market.ts';
import { allocateCandles, type Candles, sliceCandles } from './candles.ts';
import { barOpenTime, canResample, nextBarOpenTime } from './intervals.ts';

export function resampleCandles(candles: Candles, from: Interval, to: Interval): Candles {
  if (!canResample(from, to)) throw new RangeError(`cannot build ${to} candles from ${from} candles`);
  const n = candles.time.length;
  const out = allocateCandles(n);
  let count = 0;
  let i = 0;
  while (i < n) {
    const open = barOpenTime(candles.time[i], to);
    const end = nextBarOpenTime(open, to);
    let high = candles.high[i];
    let low = candles.low[i];
    let volume = 0;
    let j = i;
    for (; j < n && candles.time[j] < end; j++) {
      if (candles.high[j] > high) high = candles.high[j];
      if (candles.low[j] < low) low = candles.low[j];
      volume += candles.volume[j];
    }
    const lastSubBarEnd = nextBarOpenTime(candles.time[j - 1], from);
    if (j === n && lastSubBarEnd < end) break;
    out.time[count] = open;
    out.open[count] = candles.open[i];
    out.high[count] = high;
    out.low[count] = low;
    out.close[count] = candles.close[j - 1];
    out.volume[count] = volume;
    count++;
    i = j;
  }
  const view = sliceCandles(out, 0, count);
  return {
    time: view.time.slice(),
    open: view.open.slice(),
    high: view.high.slice(),
    low: view.low.slice(),
    close: view.close.slice(),
    volume: view.volume.slice(),
  };
}
