/**
 * What a person needs to read and compare runs: each metric's label, unit and whether more of
 * it is better (drawdown, fees and losing streaks are better smaller); metric-by-metric
 * differences of two runs (B − A) with a verdict; the history list's sort order; and the
 * number formats the History page and the HTML report share, so both say the same thing.
 */
import { utcMinute } from './time-text.ts';

export type MetricDirection = 'higher' | 'lower' | 'neutral';
export type MetricUnit = 'money' | 'percent' | 'ratio' | 'count' | 'bars' | 'days' | 'time';

export interface MetricInfo {
  readonly key: string;
  readonly label: string;
  readonly direction: MetricDirection;
  readonly unit: MetricUnit;
}

const metric = (key: string, label: string, direction: MetricDirection, unit: MetricUnit): MetricInfo => ({ key, label, direction, unit });

/** In the order the engine lists them (see docs/metrics.md for every formula). */
export const METRICS: readonly MetricInfo[] = [
  metric('initialCapital', 'Initial capital', 'neutral', 'money'),
  metric('finalEquity', 'Final equity', 'higher', 'money'),
  metric('netProfit', 'Net profit', 'higher', 'money'),
  metric('grossProfit', 'Gross profit', 'higher', 'money'),
  // Negative: the sum of the losing trades' PnL, so a smaller loss is a higher number.
  metric('grossLoss', 'Gross loss', 'higher', 'money'),
  metric('totalReturnPct', 'Return', 'higher', 'percent'),
  metric('cagrPct', 'CAGR', 'higher', 'percent'),
  metric('buyHoldReturnPct', 'Buy & hold return', 'neutral', 'percent'),
  metric('annualReturnPct', 'Annual return', 'higher', 'percent'),
  metric('annualVolatilityPct', 'Annual volatility', 'lower', 'percent'),
  metric('sharpe', 'Sharpe ratio', 'higher', 'ratio'),
  metric('sortino', 'Sortino ratio', 'higher', 'ratio'),
  metric('calmar', 'Calmar ratio', 'higher', 'ratio'),
  metric('omega', 'Omega ratio', 'higher', 'ratio'),
  // Positive depths: 12.5 is 12.5% under the peak.
  metric('maxDrawdownPct', 'Max drawdown', 'lower', 'percent'),
  metric('maxDrawdown', 'Max drawdown (money)', 'lower', 'money'),
  metric('maxDrawdownStart', 'Max drawdown start', 'neutral', 'time'),
  metric('maxDrawdownTrough', 'Max drawdown trough', 'neutral', 'time'),
  metric('maxDrawdownRecovery', 'Max drawdown recovery', 'neutral', 'time'),
  metric('avgDrawdownPct', 'Average drawdown', 'lower', 'percent'),
  metric('longestDrawdownBars', 'Longest drawdown (bars)', 'lower', 'count'),
  metric('longestDrawdownDays', 'Longest drawdown', 'lower', 'days'),
  metric('maxRunUpPct', 'Max run-up', 'higher', 'percent'),
  metric('maxRunUp', 'Max run-up (money)', 'higher', 'money'),
  metric('trades', 'Trades', 'neutral', 'count'),
  metric('winningTrades', 'Winning trades', 'neutral', 'count'),
  metric('losingTrades', 'Losing trades', 'neutral', 'count'),
  metric('winRatePct', 'Win rate', 'higher', 'percent'),
  metric('profitFactor', 'Profit factor', 'higher', 'ratio'),
  metric('profitFactorReturns', 'Profit factor (returns)', 'higher', 'ratio'),
  metric('payoffRatio', 'Payoff ratio', 'higher', 'ratio'),
  metric('expectancy', 'Expectancy', 'higher', 'money'),
  metric('expectancyPct', 'Expectancy %', 'higher', 'percent'),
  metric('expectancyR', 'Expectancy (R)', 'higher', 'ratio'),
  metric('sqn', 'SQN', 'higher', 'ratio'),
  metric('kelly', 'Kelly criterion', 'higher', 'ratio'),
  metric('bestTradePct', 'Best trade %', 'higher', 'percent'),
  metric('worstTradePct', 'Worst trade %', 'higher', 'percent'),
  metric('avgTradePct', 'Average trade %', 'higher', 'percent'),
  metric('bestTrade', 'Best trade', 'higher', 'money'),
  metric('worstTrade', 'Worst trade', 'higher', 'money'),
  metric('avgBarsHeld', 'Average bars held', 'neutral', 'bars'),
  metric('avgBarsHeldWinners', 'Average bars held (winners)', 'neutral', 'bars'),
  metric('avgBarsHeldLosers', 'Average bars held (losers)', 'neutral', 'bars'),
  metric('maxConsecutiveWins', 'Max consecutive wins', 'higher', 'count'),
  metric('maxConsecutiveLosses', 'Max consecutive losses', 'lower', 'count'),
  metric('exposurePct', 'Exposure', 'neutral', 'percent'),
  metric('totalFees', 'Fees', 'lower', 'money'),
  // Positive is paid, negative received.
  metric('totalFunding', 'Funding', 'lower', 'money'),
  metric('tradesPerDay', 'Trades per day', 'neutral', 'ratio'),
  metric('liquidations', 'Liquidations', 'lower', 'count'),
  metric('rejectedOrders', 'Rejected orders', 'lower', 'count'),
  metric('openTrades', 'Open at the end', 'neutral', 'count'),
];

const BY_KEY = new Map(METRICS.map((info) => [info.key, info]));

/** A metric this list does not know yet is still shown, under its own name, without a verdict. */
export function metricInfo(key: string): MetricInfo {
  return BY_KEY.get(key) ?? { key, label: key, direction: 'neutral', unit: 'ratio' };
}

export type MetricValues = Readonly<Record<string, number | null>>;

/** Every key of the given records: the known ones in METRICS order, then any others in their own order. */
export function metricKeys(...records: readonly MetricValues[]): string[] {
  const present = new Set(records.flatMap((record) => Object.keys(record)));
  const known = METRICS.map((info) => info.key).filter((key) => present.has(key));
  return [...known, ...[...present].filter((key) => !BY_KEY.has(key))];
}

export type Verdict = 'better' | 'worse' | 'same' | 'neutral' | 'missing';

export interface MetricDiff {
  readonly key: string;
  readonly a: number | null;
  readonly b: number | null;
  /** b − a; null when either is missing. */
  readonly diff: number | null;
  /** Whether B is better than A on this metric. */
  readonly verdict: Verdict;
}

export function verdictOf(direction: MetricDirection, diff: number | null): Verdict {
  if (diff === null) return 'missing';
  if (direction === 'neutral') return 'neutral';
  if (diff === 0) return 'same';
  return (diff > 0) === (direction === 'higher') ? 'better' : 'worse';
}

export function diffMetrics(a: MetricValues, b: MetricValues): MetricDiff[] {
  return metricKeys(a, b).map((key) => {
    const va = a[key] ?? null;
    const vb = b[key] ?? null;
    const diff = va === null || vb === null ? null : vb - va;
    return { key, a: va, b: vb, diff, verdict: verdictOf(metricInfo(key).direction, diff) };
  });
}

export const SIDES = ['all', 'long', 'short'] as const;
export type Side = (typeof SIDES)[number];
export type SidedMetrics = Readonly<Record<Side, MetricValues>>;

export function compareRuns(a: SidedMetrics, b: SidedMetrics): { readonly side: Side; readonly rows: MetricDiff[] }[] {
  return SIDES.map((side) => ({ side, rows: diffMetrics(a[side], b[side]) }));
}

/** The History list's columns that sort. */
export const RUN_SORT_KEYS = [
  'strategyName', 'parameters', 'dataSource', 'createdAt', 'netProfit', 'totalReturnPct', 'maxDrawdownPct', 'winRatePct', 'profitFactor', 'sharpe', 'trades',
] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export interface SortableRun {
  readonly strategyName: string;
  readonly parameters: Readonly<Record<string, number | string>>;
  readonly dataSource: string;
  readonly createdAt: number;
  readonly metrics: {
    readonly netProfit: number;
    readonly totalReturnPct: number;
    readonly maxDrawdownPct: number;
    readonly winRatePct: number | null;
    readonly profitFactor: number | null;
    readonly sharpe: number | null;
    readonly trades: number;
  };
}

function sortValue(run: SortableRun, key: RunSortKey): string | number | null {
  switch (key) {
    case 'strategyName':
    case 'dataSource':
    case 'createdAt':
      return run[key];
    case 'parameters':
      return formatParameters(run.parameters);
    default:
      return run.metrics[key];
  }
}

/** A stable sort; runs without the value (a ratio over no trades) go last in either order. */
export function sortRuns<T extends SortableRun>(runs: readonly T[], key: RunSortKey, order: SortOrder): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return runs
    .map((run, index) => ({ run, index, value: sortValue(run, key) }))
    .sort((x, y) => {
      if (x.value === null || y.value === null) return x.value === y.value ? x.index - y.index : x.value === null ? 1 : -1;
      const cmp = typeof x.value === 'string' || typeof y.value === 'string' ? String(x.value).localeCompare(String(y.value)) : x.value - y.value;
      return cmp === 0 ? x.index - y.index : sign * cmp;
    })
    .map(({ run }) => run);
}

/** "fast=10, slow=20" in the order the strategy declares them. */
export function formatParameters(parameters: Readonly<Record<string, number | string>>): string {
  return Object.entries(parameters)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

const grouped = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const MONEY = grouped(2);
const ONE = grouped(1);
const RATIO = grouped(3);
const COUNT = grouped(0);

/** A metric as people read it; "—" where it is not defined. */
export function formatMetric(value: number | null, unit: MetricUnit): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'money':
      return MONEY.format(value);
    case 'percent':
      return `${MONEY.format(value)}%`;
    case 'ratio':
      return RATIO.format(value);
    case 'count':
      return COUNT.format(value);
    case 'bars':
      return ONE.format(value);
    case 'days':
      return `${ONE.format(value)} d`;
    case 'time':
      return utcMinute(value);
  }
}

/** A difference with its sign ("+1.50%", "−3"), times as a duration in days. */
export function formatDiff(diff: number | null, unit: MetricUnit): string {
  if (diff === null || !Number.isFinite(diff)) return '—';
  const shown = unit === 'time' ? `${ONE.format(Math.abs(diff) / 86_400_000)} d` : formatMetric(Math.abs(diff), unit);
  return diff > 0 ? `+${shown}` : diff < 0 ? `−${shown}` : shown;
}
