/**
 * Candle intervals as the exchanges name them, on top of the engine's UTC bar clock. Binance
 * also serves 8h and 3d bars, which the workstation never asks for but a client may: they are
 * epoch-aligned like every fixed interval.
 */
import type { Interval } from '../../src-shared/market.ts';
import { barOpenTime, nextBarOpenTime } from '../../src-engine/intervals.ts';

export type SimInterval = Interval | '8h' | '3d';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const EXTRA_MS: Readonly<Record<'8h' | '3d', number>> = { '8h': 8 * HOUR, '3d': 3 * DAY };

export function barOpen(time: number, interval: SimInterval): number {
  if (interval === '8h' || interval === '3d') return Math.floor(time / EXTRA_MS[interval]) * EXTRA_MS[interval];
  return barOpenTime(time, interval);
}

export function nextBarOpen(openTime: number, interval: SimInterval): number {
  if (interval === '8h' || interval === '3d') return openTime + EXTRA_MS[interval];
  return nextBarOpenTime(openTime, interval);
}

/** The bar before the one opening at `openTime`. */
export function previousBarOpen(openTime: number, interval: SimInterval): number {
  return barOpen(openTime - 1, interval);
}

/** Bybit v5 interval codes (kline REST and the kline.{interval}.{symbol} topic). */
const BYBIT_CODES: Readonly<Record<string, Interval>> = {
  '1': '1m',
  '3': '3m',
  '5': '5m',
  '15': '15m',
  '30': '30m',
  '60': '1h',
  '120': '2h',
  '240': '4h',
  '360': '6h',
  '720': '12h',
  D: '1d',
  W: '1w',
  M: '1M',
};

export function bybitInterval(code: string): Interval | null {
  return Object.hasOwn(BYBIT_CODES, code) ? BYBIT_CODES[code] : null;
}

export function bybitCode(interval: SimInterval): string {
  const code = Object.keys(BYBIT_CODES).find((key) => BYBIT_CODES[key] === interval);
  if (code === undefined) throw new Error(`Bybit has no ${interval} interval`);
  return code;
}

/** Binance spot and USD-M share these names; spot's 1s bars are not simulated. */
const BINANCE_INTERVALS: readonly SimInterval[] = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'];

export function binanceInterval(name: string): SimInterval | null {
  return (BINANCE_INTERVALS as readonly string[]).includes(name) ? (name as SimInterval) : null;
}
