/** Test helpers for the optimisation engine: metrics objects and synthetic evaluators. */
import type { SideMetrics } from '../../../src-engine/backtest/metrics.ts';
import { OBJECTIVE_METRICS, scoreTrial } from '../../../src-engine/optimise/objectives.ts';
import type { Objective, ParameterSet, Trial, TrialFilters, TrialResult } from '../../../src-engine/optimise/types.ts';

/** Every metric 0 except those given. */
export function metricsWith(fields: Partial<Record<keyof SideMetrics, number | null>>): SideMetrics {
  const metrics: Record<string, number | null> = {};
  for (const name of OBJECTIVE_METRICS) metrics[name] = 0;
  return { ...metrics, ...fields } as unknown as SideMetrics;
}

export const SHARPE: Objective = { metric: 'sharpe', direction: 'maximize' };

/** A TrialResult as the pool would build it, from metrics computed by `metricsOf`. */
export function resultOf(
  trial: Trial,
  metricsOf: (params: ParameterSet) => SideMetrics,
  objectives: readonly Objective[] = [SHARPE],
  filters: TrialFilters = {},
): TrialResult {
  const metrics = metricsOf(trial.params);
  return { ...trial, metrics, ...scoreTrial(metrics, objectives, filters) };
}

/** A smooth objective with its peak at fast = 12, slow = 40. */
export function bowl(params: ParameterSet): SideMetrics {
  const fast = Number(params.fast);
  const slow = Number(params.slow);
  return metricsWith({ sharpe: 2 - ((fast - 12) / 10) ** 2 - ((slow - 40) / 40) ** 2, trades: 50 });
}
