/**
 * Hand-made scenarios for simulator tests: a few bars written as rows, and a strategy whose
 * signals are read off each bar's volume, so a test says exactly which signal fires on which
 * bar's close and every number that follows can be computed by hand.
 */
import { runBacktest } from '../../src-engine/backtest/simulator.ts';
import type { BacktestResult, BacktestSettings } from '../../src-engine/backtest/types.ts';
import { allocateCandles, type Candles } from '../../src-engine/candles.ts';
import { compileStrategy } from '../../src-engine/strategy/compile.ts';
import { testSettings } from './backtest-settings.ts';

export const HOUR = 3_600_000;
export const T0 = Date.UTC(2024, 0, 1);

/** The signal code a bar carries in its volume column (0: none). */
export const SIG = {
  none: 0,
  longEntry: 1,
  longExit: 2,
  shortEntry: 3,
  shortExit: 4,
  bothEntries: 5,
  longExitShortEntry: 6,
  shortExitLongEntry: 7,
} as const;

const LONG_ENTRY = [SIG.longEntry, SIG.bothEntries, SIG.shortExitLongEntry];
const LONG_EXIT = [SIG.longExit, SIG.longExitShortEntry];
const SHORT_ENTRY = [SIG.shortEntry, SIG.bothEntries, SIG.longExitShortEntry];
const SHORT_EXIT = [SIG.shortExit, SIG.shortExitLongEntry];

/** [open, high, low, close, signal code]; the code defaults to none. */
export type Row = readonly [number, number, number, number, number?];

/** Hourly candles from rows; the volume column carries the signal code. */
export function bars(rows: readonly Row[], start = T0, interval = HOUR): Candles {
  const candles = allocateCandles(rows.length);
  rows.forEach(([open, high, low, close, code], i) => {
    candles.time[i] = start + i * interval;
    candles.open[i] = open;
    candles.high[i] = high;
    candles.low[i] = low;
    candles.close[i] = close;
    candles.volume[i] = code ?? SIG.none;
  });
  return candles;
}

/** A flat bar at `price` carrying `code`. */
export function flat(price: number, code: number = SIG.none): Row {
  return [price, price, price, price, code];
}

function volumeIn(codes: readonly number[]): unknown {
  return { any: codes.map((code) => ({ left: { price: 'volume' }, op: '==', right: code })) };
}

/**
 * A strategy trading both sides on the volume codes, without reversal, all-equity sizing, no
 * risk exits; `extra` overrides or adds top-level fields (risk, sizing, reverse, entryOrder...).
 */
export function signalStrategy(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'volume-coded',
    direction: 'both',
    entry: { long: volumeIn(LONG_ENTRY), short: volumeIn(SHORT_ENTRY) },
    exit: { long: volumeIn(LONG_EXIT), short: volumeIn(SHORT_EXIT) },
    sizing: { mode: 'all-equity' },
    ...extra,
  };
}

/** Compiles the volume-coded strategy (with `extra`) on the rows and runs it. */
export function simulate(
  rows: readonly Row[],
  extra: Record<string, unknown> = {},
  settings: Partial<BacktestSettings> = {},
): BacktestResult {
  const candles = bars(rows);
  return runBacktest(compileStrategy(signalStrategy(extra), candles), candles, testSettings(settings));
}

/** Instrument rules with only the given fields set. */
export function instrument(rules: Partial<BacktestSettings['instrument']>): BacktestSettings['instrument'] {
  return { tickSize: 0, qtyStep: 0, minQty: 0, minNotional: 0, ...rules };
}
