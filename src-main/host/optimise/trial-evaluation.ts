/**
 * The lean path of one trial: check the parameter set, compile against the shared candles with
 * the range's indicator cache, simulate, and compute the metrics of all trades only (a search
 * scores all trades; the long and short sides would double the metrics' cost). Runs inside the
 * trial workers; the pool's tests prove every number equals computeMetrics(...).all of a single
 * backtest. Imports the engine only.
 */
import type { SideMetrics } from '../../../src-engine/backtest/metrics.ts';
import { equityCurveStats, MS_PER_DAY, periodsPerYear, ratio } from '../../../src-engine/backtest/metrics-returns.ts';
import { tradeStats } from '../../../src-engine/backtest/metrics-trades.ts';
import { runBacktest } from '../../../src-engine/backtest/simulator.ts';
import type { BacktestResult, BacktestSettings } from '../../../src-engine/backtest/types.ts';
import { type Candles, sliceCandles } from '../../../src-engine/candles.ts';
import { compileChecked, type IndicatorCache } from '../../../src-engine/strategy/compile.ts';
import { requireStrategy } from '../../../src-engine/strategy/validate.ts';
import type { EvaluatedTrial, TrialTask } from './trial-protocol.ts';

/** A bar range's candle views, indicator cache and annualisation, by "from:to". */
export type RangeCaches = Map<string, { readonly candles: Candles; readonly cache: IndicatorCache; readonly periods: number }>;

/** Ranges kept at once: a walk-forward window's in-sample and out-of-sample parts. */
const KEPT_RANGES = 2;

export interface EvaluationContext {
  readonly candles: Candles;
  readonly strategy: unknown;
  readonly settings: BacktestSettings;
  readonly caches: RangeCaches;
}

export function evaluateBatch(context: EvaluationContext, task: TrialTask): EvaluatedTrial[] {
  const range = rangeOf(context, task.from, task.to);
  return task.trials.map((trial) => {
    const { spec, values } = requireStrategy(context.strategy, trial.params);
    const compiled = compileChecked(spec, values, range.candles, range.cache);
    const result = runBacktest(compiled, range.candles, context.settings);
    const metrics = allTradesMetrics(range.candles, result, context.settings.initialCapital, range.periods);
    return task.equity ? { index: trial.index, metrics, equity: result.equity } : { index: trial.index, metrics };
  });
}

function rangeOf(context: EvaluationContext, from: number, to: number) {
  const key = `${from}:${to}`;
  let range = context.caches.get(key);
  if (range === undefined) {
    const candles = from === 0 && to === context.candles.time.length ? context.candles : sliceCandles(context.candles, from, to);
    range = { candles, cache: new Map(), periods: periodsPerYear(candles.time) };
    context.caches.set(key, range);
    for (const old of context.caches.keys()) if (context.caches.size > KEPT_RANGES) context.caches.delete(old);
  }
  return range;
}

/** computeMetrics's side(null), field for field and in the same order. */
function allTradesMetrics(candles: Candles, result: BacktestResult, initialCapital: number, periods: number): SideMetrics {
  const bars = candles.time.length;
  const spanDays = bars > 0 ? (candles.time[bars - 1] - candles.time[0]) / MS_PER_DAY : 0;
  const curve = equityCurveStats(candles.time, result.equity, initialCapital, periods);
  const ledger = tradeStats(result.trades, null, bars);
  return {
    initialCapital,
    finalEquity: curve.finalEquity,
    netProfit: curve.finalEquity - initialCapital,
    grossProfit: ledger.grossProfit,
    grossLoss: ledger.grossLoss,
    totalReturnPct: curve.totalReturnPct,
    cagrPct: curve.cagrPct,
    buyHoldReturnPct: buyAndHoldReturnPct(candles.close, result.warmupBars),
    annualReturnPct: curve.annualReturnPct,
    annualVolatilityPct: curve.annualVolatilityPct,
    sharpe: curve.sharpe,
    sortino: curve.sortino,
    calmar: curve.calmar,
    omega: curve.omega,
    maxDrawdownPct: curve.maxDrawdownPct,
    maxDrawdown: curve.maxDrawdown,
    maxDrawdownStart: curve.maxDrawdownStart,
    maxDrawdownTrough: curve.maxDrawdownTrough,
    maxDrawdownRecovery: curve.maxDrawdownRecovery,
    avgDrawdownPct: curve.avgDrawdownPct,
    longestDrawdownBars: curve.longestDrawdownBars,
    longestDrawdownDays: curve.longestDrawdownDays,
    maxRunUpPct: curve.maxRunUpPct,
    maxRunUp: curve.maxRunUp,
    trades: ledger.trades,
    winningTrades: ledger.winningTrades,
    losingTrades: ledger.losingTrades,
    winRatePct: ledger.winRatePct,
    profitFactor: ledger.profitFactor,
    profitFactorReturns: ledger.profitFactorReturns,
    payoffRatio: ledger.payoffRatio,
    expectancy: ledger.expectancy,
    expectancyPct: ledger.expectancyPct,
    expectancyR: ledger.expectancyR,
    sqn: ledger.sqn,
    kelly: ledger.kelly,
    bestTradePct: ledger.bestTradePct,
    worstTradePct: ledger.worstTradePct,
    avgTradePct: ledger.avgTradePct,
    bestTrade: ledger.bestTrade,
    worstTrade: ledger.worstTrade,
    avgBarsHeld: ledger.avgBarsHeld,
    avgBarsHeldWinners: ledger.avgBarsHeldWinners,
    avgBarsHeldLosers: ledger.avgBarsHeldLosers,
    maxConsecutiveWins: ledger.maxConsecutiveWins,
    maxConsecutiveLosses: ledger.maxConsecutiveLosses,
    exposurePct: ledger.exposurePct,
    totalFees: ledger.totalFees,
    totalFunding: ledger.totalFunding,
    tradesPerDay: ratio(ledger.trades, spanDays),
    liquidations: result.liquidations,
    rejectedOrders: result.rejectedOrders.length,
    openTrades: result.openTrades.length,
  };
}

function buyAndHoldReturnPct(close: Float64Array, firstBar: number): number | null {
  const start = Math.max(0, firstBar);
  if (start >= close.length || !(close[start] > 0)) return null;
  return (close[close.length - 1] / close[start] - 1) * 100;
}
