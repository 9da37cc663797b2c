/**
 * Statistics of a closed-trade ledger (all trades or one side's): win rate, profit factor,
 * expectancy, SQN, Kelly, streaks, holding times and exposure. Trades still open when the data
 * ends are left out, as in backtesting.py, because their outcome is not known yet; their
 * marked value is in the equity curve instead. Formulas and reasons are in docs/metrics.md.
 */
import { ratio } from './metrics-returns.ts';
import type { Side, Trade } from './types.ts';

export interface TradeStats {
  readonly grossProfit: number;
  readonly grossLoss: number;
  readonly trades: number;
  readonly winningTrades: number;
  readonly losingTrades: number;
  readonly winRatePct: number | null;
  readonly profitFactor: number | null;
  readonly profitFactorReturns: number | null;
  readonly payoffRatio: number | null;
  readonly expectancy: number | null;
  readonly expectancyPct: number | null;
  readonly expectancyR: number | null;
  readonly sqn: number | null;
  readonly kelly: number | null;
  readonly bestTradePct: number | null;
  readonly worstTradePct: number | null;
  readonly avgTradePct: number | null;
  readonly bestTrade: number | null;
  readonly worstTrade: number | null;
  readonly avgBarsHeld: number | null;
  readonly avgBarsHeldWinners: number | null;
  readonly avgBarsHeldLosers: number | null;
  readonly maxConsecutiveWins: number;
  readonly maxConsecutiveLosses: number;
  readonly exposurePct: number | null;
  readonly totalFees: number;
  readonly totalFunding: number;
  readonly liquidations: number;
}

/** `side` null takes every trade. `bars` is the number of bars in the run, for exposure. */
export function tradeStats(trades: readonly Trade[], side: Side | null, bars: number): TradeStats {
  let count = 0;
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let positiveReturns = 0;
  let negativeReturns = 0;
  let pnlMean = 0;
  let pnlM2 = 0;
  let returnSum = 0;
  let logGrowthSum = 0;
  let totalLoss = false;
  let rSum = 0;
  let rCount = 0;
  let bestPct = -Infinity;
  let worstPct = Infinity;
  let best = -Infinity;
  let worst = Infinity;
  let barsSum = 0;
  let winnerBars = 0;
  let loserBars = 0;
  let winStreak = 0;
  let lossStreak = 0;
  let maxWinStreak = 0;
  let maxLossStreak = 0;
  let fees = 0;
  let funding = 0;
  let liquidations = 0;

  for (const trade of trades) {
    if (side !== null && trade.side !== side) continue;
    const { pnl, returnPct } = trade;
    count++;
    const delta = pnl - pnlMean;
    pnlMean += delta / count;
    pnlM2 += delta * (pnl - pnlMean);
    returnSum += returnPct;
    if (returnPct <= -100) totalLoss = true;
    else logGrowthSum += Math.log1p(returnPct / 100);
    if (returnPct > 0) positiveReturns += returnPct;
    else negativeReturns += returnPct;
    if (Number.isFinite(trade.rMultiple)) {
      rSum += trade.rMultiple;
      rCount++;
    }
    bestPct = Math.max(bestPct, returnPct);
    worstPct = Math.min(worstPct, returnPct);
    best = Math.max(best, pnl);
    worst = Math.min(worst, pnl);
    barsSum += trade.barsHeld;
    fees += trade.entryFee + trade.exitFee;
    funding += trade.funding;
    if (trade.exitReason === 'liquidation') liquidations++;

    if (pnl > 0) {
      wins++;
      grossProfit += pnl;
      winnerBars += trade.barsHeld;
      winStreak++;
      lossStreak = 0;
    } else if (pnl < 0) {
      losses++;
      grossLoss += pnl;
      loserBars += trade.barsHeld;
      lossStreak++;
      winStreak = 0;
    } else {
      winStreak = 0;
      lossStreak = 0;
    }
    maxWinStreak = Math.max(maxWinStreak, winStreak);
    maxLossStreak = Math.max(maxLossStreak, lossStreak);
  }

  const hasTrades = count > 0;
  const winRate = hasTrades ? wins / count : 0;
  const payoffRatio = wins > 0 && losses > 0 ? ratio(grossProfit / wins, -grossLoss / losses) : null;
  const pnlStd = count > 1 ? Math.sqrt(pnlM2 / (count - 1)) : 0;

  return {
    grossProfit,
    grossLoss,
    trades: count,
    winningTrades: wins,
    losingTrades: losses,
    winRatePct: hasTrades ? winRate * 100 : null,
    profitFactor: hasTrades ? ratio(grossProfit, -grossLoss) : null,
    profitFactorReturns: hasTrades ? ratio(positiveReturns, -negativeReturns) : null,
    payoffRatio,
    expectancy: hasTrades ? pnlMean : null,
    expectancyPct: hasTrades ? returnSum / count : null,
    expectancyR: rCount > 0 ? rSum / rCount : null,
    sqn: pnlStd > 0 ? (Math.sqrt(count) * pnlMean) / pnlStd : null,
    kelly: payoffRatio === null ? null : winRate - (1 - winRate) / payoffRatio,
    bestTradePct: hasTrades ? bestPct : null,
    worstTradePct: hasTrades ? worstPct : null,
    avgTradePct: hasTrades && !totalLoss ? Math.expm1(logGrowthSum / count) * 100 : null,
    bestTrade: hasTrades ? best : null,
    worstTrade: hasTrades ? worst : null,
    avgBarsHeld: hasTrades ? barsSum / count : null,
    avgBarsHeldWinners: wins > 0 ? winnerBars / wins : null,
    avgBarsHeldLosers: losses > 0 ? loserBars / losses : null,
    maxConsecutiveWins: maxWinStreak,
    maxConsecutiveLosses: maxLossStreak,
    exposurePct: bars > 0 ? (exposedBars(trades, side, bars) / bars) * 100 : null,
    totalFees: fees,
    totalFunding: funding,
    liquidations,
  };
}

/**
 * Bars on which one of the trades was open, entry bar through exit bar inclusive, each bar
 * counted once however many trades overlap it. The intervals are sorted and merged, so the
 * cost follows the number of trades, not the number of bars.
 */
function exposedBars(trades: readonly Trade[], side: Side | null, bars: number): number {
  const entries: number[] = [];
  const exits: number[] = [];
  for (const trade of trades) {
    if (side !== null && trade.side !== side) continue;
    const entry = Math.max(0, trade.entryBar);
    const exit = Math.min(bars - 1, trade.exitBar);
    if (exit < entry) continue;
    entries.push(entry);
    exits.push(exit);
  }
  const order = entries.map((_, i) => i).sort((a, b) => entries[a] - entries[b]);
  let covered = 0;
  let runStart = -1;
  let runEnd = -2;
  for (const i of order) {
    if (entries[i] > runEnd + 1) {
      covered += runEnd - runStart + 1;
      runStart = entries[i];
      runEnd = exits[i];
    } else if (exits[i] > runEnd) {
      runEnd = exits[i];
    }
  }
  return covered + runEnd - runStart + 1;
}
