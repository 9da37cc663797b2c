/** How the trades of a run ended: per exit reason the count, the money made and the share of winners. */
import type { TradeColumns } from './trades.ts';

export interface ExitReasonRow {
  readonly reason: string;
  readonly count: number;
  readonly totalPnl: number;
  /** Winners (P&L above 0, as the metrics count them) in percent of the reason's trades. */
  readonly winRatePct: number;
}

/** One row per exit reason, the most frequent first (ties by name). */
export function exitReasonBreakdown(trades: TradeColumns): ExitReasonRow[] {
  const byReason = new Map<string, { count: number; totalPnl: number; wins: number }>();
  trades.exitReason.forEach((reason, index) => {
    const row = byReason.get(reason) ?? { count: 0, totalPnl: 0, wins: 0 };
    const pnl = trades.pnl[index];
    row.count += 1;
    row.totalPnl += pnl;
    if (pnl > 0) row.wins += 1;
    byReason.set(reason, row);
  });
  return [...byReason]
    .map(([reason, row]) => ({ reason, count: row.count, totalPnl: row.totalPnl, winRatePct: (row.wins / row.count) * 100 }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
