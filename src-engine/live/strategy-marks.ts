/**
 * A saved strategy's signals over a live chart's closed candles: the entries and exits a
 * backtest over those candles produces, each on the bar whose close decided it (the backtest
 * fills on the signal bar's close, so a mark appears the moment its bar closes). Recomputed
 * over all the chart's closed candles after every close; the engine has no look-ahead, so the
 * marks of earlier bars never change and the ones on the newest bar are the new signals.
 * A backtest takes no entry on its very last bar (nothing follows to hold the position), so the
 * newest bar is followed by a flat placeholder bar: its entry is then taken as it will be once
 * the next bar exists, and nothing the placeholder itself causes is marked.
 */
import { allocateCandles, type Candles } from '../candles.ts';
import { runBacktest } from '../backtest/simulator.ts';
import type { BacktestSettings, ExitReason, Side } from '../backtest/types.ts';
import { compileStrategy } from '../strategy/compile.ts';

export interface StrategyMark {
  /** Open time of the bar, epoch ms. */
  readonly time: number;
  readonly bar: number;
  readonly side: Side;
  readonly action: 'entry' | 'exit';
  readonly price: number;
  /** Why an exit happened (signal, stop_loss, ...); absent for entries. */
  readonly reason?: ExitReason;
}

/** What the marks are the backtest of: its defaults, with the fill on the signal bar's close and no costs. */
export const MARK_SETTINGS: BacktestSettings = {
  initialCapital: 10_000,
  takerFee: 0,
  makerFee: 0,
  fixedFeePerOrder: 0,
  slippageBps: 0,
  slippageTicks: 0,
  maintenanceMarginRate: 0.005,
  liquidationFeeRate: 0,
  fill: 'close',
  exitsLiveFrom: 'entry-bar',
  intrabar: 'pessimistic',
  atEnd: 'leave-open',
  instrument: { tickSize: 0, qtyStep: 0, minQty: 0, minNotional: 0 },
};

/**
 * The marks of `document` (a strategy spec, checked here: a StrategyError names its problems)
 * with its default parameters over `candles`, ordered by bar, exits before entries on a bar.
 */
export function strategyMarks(document: unknown, candles: Candles): StrategyMark[] {
  const n = candles.time.length;
  if (n === 0) return [];
  const extended = withPlaceholder(candles);
  const result = runBacktest(compileStrategy(document, extended), extended, MARK_SETTINGS);
  const marks: StrategyMark[] = [];
  for (const trade of result.trades) {
    marks.push({ time: trade.entryTime, bar: trade.entryBar, side: trade.side, action: 'entry', price: trade.entryPrice });
    marks.push({ time: trade.exitTime, bar: trade.exitBar, side: trade.side, action: 'exit', price: trade.exitPrice, reason: trade.exitReason });
  }
  for (const open of result.openTrades) {
    marks.push({ time: open.entryTime, bar: open.entryBar, side: open.side, action: 'entry', price: open.entryPrice });
  }
  return marks.filter((mark) => mark.bar < n).sort(byBar);
}

/** By bar; on one bar an exit before the entry that reverses it. */
export function byBar(a: StrategyMark, b: StrategyMark): number {
  return a.bar - b.bar || (a.action === b.action ? 0 : a.action === 'exit' ? -1 : 1);
}

/** The candles and one more bar after them, flat at the last close with no volume. */
function withPlaceholder(candles: Candles): Candles {
  const n = candles.time.length;
  const out = allocateCandles(n + 1);
  for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) out[field].set(candles[field]);
  const step = n > 1 ? candles.time[n - 1] - candles.time[n - 2] : 60_000;
  const close = candles.close[n - 1];
  out.time[n] = candles.time[n - 1] + step;
  out.open[n] = close;
  out.high[n] = close;
  out.low[n] = close;
  out.close[n] = close;
  return out;
}
