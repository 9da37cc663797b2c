/**
 * Candle intervals on the UTC clock: where a bar of each interval opens. Fixed intervals
 * divide the epoch evenly; weeks open on Monday 00:00 UTC (Bybit and Binance both do); months
 * open on the 1st at 00:00 UTC and vary in length.
 */
import type { Interval } from '../src-shared/market.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** 1970-01-01 was a Thursday; the first Monday 00:00 UTC is four days later. */
const FIRST_MONDAY = 4 * DAY;

const FIXED_MS: Readonly<Record<Exclude<Interval, '1w' | '1M'>, number>> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '6h': 360 * MINUTE,
  '12h': 720 * MINUTE,
  '1d': DAY,
};

/** Length of a bar in ms; a month's depends on which month, so it has none. */
export function fixedIntervalMs(interval: Interval): number | null {
  if (interval === '1M') return null;
  if (interval === '1w') return 7 * DAY;
  return FIXED_MS[interval];
}

/** Open time of the bar containing `time`. */
export function barOpenTime(time: number, interval: Interval): number {
  if (interval === '1M') {
    const date = new Date(time);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  }
  if (interval === '1w') return Math.floor((time - FIRST_MONDAY) / (7 * DAY)) * 7 * DAY + FIRST_MONDAY;
  const length = FIXED_MS[interval];
  return Math.floor(time / length) * length;
}

/** Open time of the bar after the one opening at `openTime`. */
export function nextBarOpenTime(openTime: number, interval: Interval): number {
  if (interval === '1M') {
    const date = new Date(openTime);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return openTime + (fixedIntervalMs(interval) as number);
}

export function isBarOpenTime(time: number, interval: Interval): boolean {
  return barOpenTime(time, interval) === time;
}

/** How many bars open in [from, to): the count a complete series would hold. */
export function barsBetween(from: number, to: number, interval: Interval): number {
  if (to <= from) return 0;
  const first = isBarOpenTime(from, interval) ? from : nextBarOpenTime(barOpenTime(from, interval), interval);
  if (first >= to) return 0;
  const fixed = fixedIntervalMs(interval);
  if (fixed !== null) return Math.ceil((to - first) / fixed);
  let count = 0;
  for (let t = first; t < to; t = nextBarOpenTime(t, interval)) count++;
  return count;
}

/** Whether `coarse` bars are made of whole `fine` bars on the UTC clock (1m -> 1h yes, 1w -> 1M no). */
export function canResample(fine: Interval, coarse: Interval): boolean {
  if (fine === coarse) return false;
  const fineMs = fixedIntervalMs(fine);
  if (fineMs === null) return false;
  if (coarse === '1M') return DAY % fineMs === 0;
  const coarseMs = fixedIntervalMs(coarse) as number;
  return coarseMs > fineMs && coarseMs % fineMs === 0;
}
