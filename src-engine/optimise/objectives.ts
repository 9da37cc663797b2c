/**
 * Objectives and filters: scoring a trial's metrics, choosing the best trial, comparing trials
 * across several objectives (Pareto dominance and non-dominated ranks). Scores are the metric
 * values as reported (a Sharpe, a drawdown in percent); the direction says which way is better.
 */
import type { SideMetrics } from '../backtest/metrics.ts';
import type { Objective, TrialFilters, TrialResult } from './types.ts';

type MetricName = keyof SideMetrics & string;

/** Every metric usable as an objective, in the order of SideMetrics. */
export const OBJECTIVE_METRICS = [
  'initialCapital', 'finalEquity', 'netProfit', 'grossProfit', 'grossLoss', 'totalReturnPct', 'cagrPct',
  'buyHoldReturnPct', 'annualReturnPct', 'annualVolatilityPct', 'sharpe', 'sortino', 'calmar', 'omega',
  'maxDrawdownPct', 'maxDrawdown', 'maxDrawdownStart', 'maxDrawdownTrough', 'maxDrawdownRecovery',
  'avgDrawdownPct', 'longestDrawdownBars', 'longestDrawdownDays', 'maxRunUpPct', 'maxRunUp', 'trades',
  'winningTrades', 'losingTrades', 'winRatePct', 'profitFactor', 'profitFactorReturns', 'payoffRatio',
  'expectancy', 'expectancyPct', 'expectancyR', 'sqn', 'kelly', 'bestTradePct', 'worstTradePct',
  'avgTradePct', 'bestTrade', 'worstTrade', 'avgBarsHeld', 'avgBarsHeldWinners', 'avgBarsHeldLosers',
  'maxConsecutiveWins', 'maxConsecutiveLosses', 'exposurePct', 'totalFees', 'totalFunding', 'tradesPerDay',
  'liquidations', 'rejectedOrders', 'openTrades',
] as const satisfies readonly MetricName[];

// Fails to compile when SideMetrics gains a field the list above lacks.
type Missing = Exclude<MetricName, (typeof OBJECTIVE_METRICS)[number]>;
const everyMetricListed: Missing extends never ? true : Missing = true;
void everyMetricListed;

const LOWER_IS_BETTER: ReadonlySet<string> = new Set<MetricName>([
  'annualVolatilityPct', 'maxDrawdownPct', 'maxDrawdown', 'avgDrawdownPct', 'longestDrawdownBars',
  'longestDrawdownDays', 'losingTrades', 'maxConsecutiveLosses', 'totalFees', 'totalFunding', 'liquidations',
  'rejectedOrders', 'avgBarsHeldLosers',
]);

export function isObjectiveMetric(name: string): name is MetricName {
  return (OBJECTIVE_METRICS as readonly string[]).includes(name);
}

/** The natural direction of a metric: drawdowns, volatility, costs and losses are minimised. */
export function defaultDirection(metric: MetricName): Objective['direction'] {
  return LOWER_IS_BETTER.has(metric) ? 'minimize' : 'maximize';
}

/** "sharpe", "maxDrawdownPct:min" or "netProfit:max"; throws naming the known metrics. */
export function parseObjective(text: string): Objective {
  const [name, direction, ...rest] = text.trim().split(':');
  if (!isObjectiveMetric(name)) {
    throw new Error(`unknown objective "${name}"; use one of: ${OBJECTIVE_METRICS.join(', ')}`);
  }
  if (rest.length > 0 || (direction !== undefined && !['min', 'max'].includes(direction))) {
    throw new Error(`objective "${text}": write metric, metric:max or metric:min`);
  }
  if (direction === undefined) return { metric: name, direction: defaultDirection(name) };
  return { metric: name, direction: direction === 'min' ? 'minimize' : 'maximize' };
}

export function scoreTrial(
  metrics: SideMetrics,
  objectives: readonly Objective[],
  filters: TrialFilters = {},
): Pick<TrialResult, 'scores' | 'filteredBy'> {
  const scores = objectives.map((o) => {
    const value = metrics[o.metric];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  });
  let filteredBy: TrialResult['filteredBy'] = null;
  if (filters.minTrades !== undefined && metrics.trades < filters.minTrades) filteredBy = 'min-trades';
  else if (filters.maxDrawdownPct !== undefined && metrics.maxDrawdownPct > filters.maxDrawdownPct) {
    filteredBy = 'max-drawdown';
  }
  return { scores, filteredBy };
}

/** A score oriented so that larger is better; null stays null. */
export function gain(score: number | null, direction: Objective['direction']): number | null {
  if (score === null) return null;
  return direction === 'maximize' ? score : -score;
}

function metricValue(result: TrialResult, objective: Objective): number | null {
  const value = result.metrics[objective.metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The best unfiltered trial by one objective (read from its metrics); ties go to the earlier trial. */
export function bestTrial(results: readonly TrialResult[], objective: Objective): TrialResult | null {
  let best: TrialResult | null = null;
  let bestGain = -Infinity;
  for (const r of results) {
    if (r.filteredBy !== null) continue;
    const g = gain(metricValue(r, objective), objective.direction);
    if (g === null) continue;
    if (best === null || g > bestGain || (g === bestGain && r.index < best.index)) {
      best = r;
      bestGain = g;
    }
  }
  return best;
}

/** Gains per objective, or null when the trial is filtered or any objective is undefined. */
function gains(result: TrialResult, objectives: readonly Objective[]): number[] | null {
  if (result.filteredBy !== null) return null;
  const out: number[] = [];
  for (const o of objectives) {
    const g = gain(metricValue(result, o), o.direction);
    if (g === null) return null;
    out.push(g);
  }
  return out;
}

function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return false;
    if (a[i] > b[i]) better = true;
  }
  return better;
}

/**
 * Positions (in `candidates`) of the points no other candidate dominates. Sorted by the gains
 * in lexicographic order, a point can only be dominated by one before it, and if by any such
 * point then by one already on the front, so each point is checked against the front only.
 */
function nonDominated(points: readonly (readonly number[])[], candidates: readonly number[]): number[] {
  const order = [...candidates].sort((i, j) => {
    for (let k = 0; k < points[i].length; k++) if (points[i][k] !== points[j][k]) return points[j][k] - points[i][k];
    return i - j;
  });
  const front: number[] = [];
  for (const i of order) if (!front.some((j) => dominates(points[j], points[i]))) front.push(i);
  return front;
}

/**
 * Non-dominated ranks of gain vectors (larger is better in each): 0 = the Pareto front, 1 = the
 * front once rank 0 is removed, ...; null points (filtered, undefined) get null.
 */
export function nonDominatedRanks(points: readonly (readonly number[] | null)[]): (number | null)[] {
  const ranks: (number | null)[] = points.map(() => null);
  const valid = points.map((p) => p ?? []);
  let remaining = points.flatMap((p, i) => (p === null ? [] : [i]));
  for (let rank = 0; remaining.length > 0; rank++) {
    for (const i of nonDominated(valid, remaining)) ranks[i] = rank;
    remaining = remaining.filter((i) => ranks[i] === null);
  }
  return ranks;
}

/** Non-dominated ranks of the results by their metrics, in input order (see nonDominatedRanks). */
export function paretoRanks(results: readonly TrialResult[], objectives: readonly Objective[]): (number | null)[] {
  return nonDominatedRanks(results.map((r) => gains(r, objectives)));
}

/** Trial indices (Trial.index) of the non-dominated unfiltered trials, ascending. */
export function paretoFront(results: readonly TrialResult[], objectives: readonly Objective[]): number[] {
  const points = results.map((r) => gains(r, objectives));
  const valid = points.map((p) => p ?? []);
  const candidates = points.flatMap((p, i) => (p === null ? [] : [i]));
  return nonDominated(valid, candidates).map((i) => results[i].index).sort((a, b) => a - b);
}
