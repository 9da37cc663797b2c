/**
 * The metric cards of a run: which of the engine's metrics (docs/metrics.md names) are shown, in
 * which order, and how each value reads. Null (not defined) reads as a dash, never as 0.
 */

export type MetricFormat = 'money' | 'percent' | 'ratio' | 'count' | 'bars';

export interface MetricCard {
  /** The metric's name in the run's metrics (and the card's test id, metric-<name>). */
  readonly name: string;
  readonly label: string;
  readonly format: MetricFormat;
}

export const METRIC_CARDS: readonly MetricCard[] = [
  { name: 'netProfit', label: 'Net profit', format: 'money' },
  { name: 'totalReturnPct', label: 'Return', format: 'percent' },
  { name: 'maxDrawdownPct', label: 'Max drawdown', format: 'percent' },
  { name: 'winRatePct', label: 'Win rate', format: 'percent' },
  { name: 'profitFactor', label: 'Profit factor', format: 'ratio' },
  { name: 'sharpe', label: 'Sharpe', format: 'ratio' },
  { name: 'sortino', label: 'Sortino', format: 'ratio' },
  { name: 'calmar', label: 'Calmar', format: 'ratio' },
  { name: 'expectancy', label: 'Expectancy', format: 'money' },
  { name: 'trades', label: 'Trades', format: 'count' },
  { name: 'totalFees', label: 'Fees', format: 'money' },
  { name: 'exposurePct', label: 'Exposure', format: 'percent' },
  { name: 'avgTradePct', label: 'Avg trade', format: 'percent' },
  { name: 'avgBarsHeld', label: 'Avg bars held', format: 'bars' },
  { name: 'bestTradePct', label: 'Best trade', format: 'percent' },
  { name: 'worstTradePct', label: 'Worst trade', format: 'percent' },
  { name: 'cagrPct', label: 'CAGR', format: 'percent' },
  { name: 'buyHoldReturnPct', label: 'Buy & hold', format: 'percent' },
  { name: 'maxConsecutiveLosses', label: 'Max losing streak', format: 'count' },
  { name: 'totalFunding', label: 'Funding paid', format: 'money' },
  { name: 'openTrades', label: 'Open at end', format: 'count' },
];

export const METRIC_SIDES = ['all', 'long', 'short'] as const;
export type MetricSide = (typeof METRIC_SIDES)[number];

function grouped(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatMetric(value: number | null | undefined, format: MetricFormat): string {
  if (value === null || value === undefined) return '—';
  switch (format) {
    case 'money':
      return grouped(value, 2);
    case 'percent':
      return `${grouped(value, 2)} %`;
    case 'ratio':
      return grouped(value, 2);
    case 'count':
      return grouped(value, 0);
    case 'bars':
      return grouped(value, 1);
  }
}
