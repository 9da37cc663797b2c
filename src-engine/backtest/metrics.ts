/**
 * Performance metrics of a backtest, for the whole account and for the long and short sides
 * apart, as one JSON-safe object: every value is a finite number, or null where it is not
 * defined (no trades, a zero denominator), never NaN or Infinity. The convention-light ones
 * (return, max drawdown, win rate, exposure, buy & hold, SQN) equal backtesting.py's on the
 * same equity and trades; every formula and the reason for it is in docs/metrics.md.
 */
import type { Candles } from '../candles.ts';
import { equityCurveStats, MS_PER_DAY, periodsPerYear, ratio } from './metrics-returns.ts';
import type { EquityCurveStats } from './metrics-returns.ts';
import { tradeStats } from './metrics-trades.ts';
import type { TradeStats } from './metrics-trades.ts';
import type { BacktestResult, Side } from './types.ts';

export interface SideMetrics extends EquityCurveStats, TradeStats {
  readonly initialCapital: number;
  /** finalEquity - initialCapital: realised and open (marked at the last close) together. */
  readonly netProfit: number;
  readonly buyHoldReturnPct: number | null;
  readonly tradesPerDay: number | null;
  readonly rejectedOrders: number;
  /** Positions still open at the end; not part of any trade statistic. */
  readonly openTrades: number;
}

export interface BacktestMetrics {
  readonly all: SideMetrics;
  readonly long: SideMetrics;
  readonly short: SideMetrics;
}

export interface MetricsInput {
  readonly candles: Candles;
  readonly result: BacktestResult;
  readonly initialCapital: number;
}

export function computeMetrics(input: MetricsInput): BacktestMetrics {
  return { all: computeSideMetrics(input, 'all'), long: computeSideMetrics(input, 'long'), short: computeSideMetrics(input, 'short') };
}

/**
 * The metrics of one side alone: an optimiser scoring trials by the metrics of all trades
 * needs a third of the work, with values identical to computeMetrics'.
 */
export function computeSideMetrics(input: MetricsInput, sideName: keyof BacktestMetrics): SideMetrics {
  const { candles, result, initialCapital } = input;
  if (!(initialCapital > 0) || !Number.isFinite(initialCapital)) {
    throw new RangeError(`initial capital must be a positive number, got ${initialCapital}`);
  }
  const bars = candles.time.length;
  for (const [name, curve] of [
    ['equity', result.equity],
    ['equityLong', result.equityLong],
    ['equityShort', result.equityShort],
  ] as const) {
    if (curve.length !== bars) {
      throw new RangeError(`${name} has ${curve.length} values but the candles have ${bars} bars`);
    }
  }

  const periods = periodsPerYear(candles.time);
  const spanDays = bars > 0 ? (candles.time[bars - 1] - candles.time[0]) / MS_PER_DAY : 0;
  const buyHoldReturnPct = buyAndHoldReturnPct(candles.close, result.warmupBars);

  const side = (which: Side | null, equity: Float64Array): SideMetrics => {
    const curve = equityCurveStats(candles.time, equity, initialCapital, periods);
    const ledger = tradeStats(result.trades, which, bars);
    // Spelled out so that the JSON lists the fields in reading order.
    return {
      initialCapital,
      finalEquity: curve.finalEquity,
      netProfit: curve.finalEquity - initialCapital,
      grossProfit: ledger.grossProfit,
      grossLoss: ledger.grossLoss,
      totalReturnPct: curve.totalReturnPct,
      cagrPct: curve.cagrPct,
      buyHoldReturnPct,
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
      liquidations: which === null ? result.liquidations : ledger.liquidations,
      rejectedOrders: countSide(result.rejectedOrders, which),
      openTrades: countSide(result.openTrades, which),
    };
  };

  switch (sideName) {
    case 'all':
      return side(null, result.equity);
    case 'long':
      return side('long', result.equityLong);
    case 'short':
      return side('short', result.equityShort);
  }
}

/** From the close of the first bar the strategy could act on, to the last close. */
function buyAndHoldReturnPct(close: Float64Array, firstBar: number): number | null {
  const start = Math.max(0, firstBar);
  if (start >= close.length || !(close[start] > 0)) return null;
  return (close[close.length - 1] / close[start] - 1) * 100;
}

function countSide(items: readonly { readonly side: Side }[], side: Side | null): number {
  if (side === null) return items.length;
  let count = 0;
  for (const item of items) if (item.side === side) count++;
  return count;
}
