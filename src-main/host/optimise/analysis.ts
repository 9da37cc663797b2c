/**
 * What a finished search says beyond its trials: the best set, the Pareto front with several
 * objectives, the deflated Sharpe ratio of the best accounting for how many sets were tried,
 * and how the first objective holds up in each parameter's neighbourhood of the best (the
 * neighbours a random or Bayesian search skipped are evaluated here).
 */
import { bestTrial, paretoFront, scoreTrial } from '../../../src-engine/optimise/objectives.ts';
import { plateauNeighbours, plateauScore } from '../../../src-engine/optimise/plateau.ts';
import { deflatedSharpe, probabilisticSharpe, returnMoments, sharpeVariance } from '../../../src-engine/optimise/sharpe.ts';
import { indexSpace, setKey } from '../../../src-engine/optimise/space.ts';
import type { TrialResult } from '../../../src-engine/optimise/types.ts';
import { MS_PER_DAY } from '../../../src-engine/backtest/metrics-returns.ts';
import type { PreparedSearch } from './optimise-request.ts';
import type { TrialPool } from './trial-pool.ts';

export interface SearchAnalysis {
  readonly best: TrialResult | null;
  readonly paretoFront: readonly number[];
  /** Per day: the Sharpe ratio of the best's daily returns, its PSR against 0 and its DSR. */
  readonly deflatedSharpe: { readonly sharpe: number | null; readonly psr: number | null; readonly dsr: number | null; readonly trials: number } | null;
  /** Retention of the first objective around the best, per numeric searched parameter. */
  readonly plateau: Readonly<Record<string, number | null>> | null;
}

export interface AnalysisInput {
  readonly results: readonly TrialResult[];
  readonly prepared: PreparedSearch;
  readonly pool: TrialPool;
  /** Periods per year the metrics annualise daily returns with. */
  readonly periods: number;
  readonly signal: AbortSignal;
}

export async function analyseSearch(input: AnalysisInput): Promise<SearchAnalysis> {
  const { results, prepared, pool } = input;
  const { objectives } = prepared;
  const { filters } = prepared.search;
  const best = bestTrial(results, objectives[0]);
  const front = objectives.length > 1 ? paretoFront(results, objectives) : [];
  if (best === null) return { best, paretoFront: front, deflatedSharpe: null, plateau: null };

  const [run] = await pool.evaluate([{ index: best.index, params: best.params }], { equity: true, signal: input.signal });
  const moments = returnMoments(dailyReturns(run.equity as Float64Array, best.metrics.initialCapital, pool.times));
  const perDay = Math.sqrt(input.periods);
  const variance = sharpeVariance(results.map((r) => (r.metrics.sharpe === null ? null : r.metrics.sharpe / perDay)));
  let dsr: SearchAnalysis['deflatedSharpe'] = { sharpe: moments.sharpe, psr: null, dsr: null, trials: results.length };
  if (moments.sharpe !== null && moments.skewness !== null && moments.kurtosis !== null) {
    const sample = { sharpe: moments.sharpe, observations: moments.observations, skewness: moments.skewness, kurtosis: moments.kurtosis };
    dsr = { ...dsr, psr: probabilisticSharpe(sample), dsr: deflatedSharpe(sample, results.length, variance).dsr };
  }

  const indexed = indexSpace(prepared.space);
  const scores = new Map(results.map((r) => [setKey(indexed, r.params), r.filteredBy === null ? r.scores[0] : null]));
  const missing = plateauNeighbours(prepared.space, best.params).filter((n) => !scores.has(setKey(indexed, n.params)));
  if (missing.length > 0) {
    const evaluated = await pool.evaluate(missing.map((n, i) => ({ index: i, params: n.params })), { signal: input.signal });
    evaluated.forEach((e, i) => {
      const scored = scoreTrial(e.metrics, objectives, filters);
      scores.set(setKey(indexed, missing[i].params), scored.filteredBy === null ? scored.scores[0] : null);
    });
  }
  const plateau = plateauScore(prepared.space, best.params, objectives[0], (params) => scores.get(setKey(indexed, params)) ?? null);
  const byName: Record<string, number | null> = {};
  for (const name of prepared.parameterNames) byName[name] = plateau.parameters.find((p) => p.name === name)?.score ?? null;
  return { best, paretoFront: front, deflatedSharpe: dsr, plateau: byName };
}

/** Returns from one UTC day's last equity to the next, starting from the initial capital. */
function dailyReturns(equity: Float64Array, initialCapital: number, time: Float64Array): number[] {
  const returns: number[] = [];
  let previous = initialCapital;
  for (let i = 0; i < equity.length; i++) {
    const lastOfDay = i === equity.length - 1 || Math.floor(time[i + 1] / MS_PER_DAY) !== Math.floor(time[i] / MS_PER_DAY);
    if (!lastOfDay) continue;
    returns.push(previous > 0 ? equity[i] / previous - 1 : 0);
    previous = equity[i];
  }
  return returns;
}
