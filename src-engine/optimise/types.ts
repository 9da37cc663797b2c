/**
 * The vocabulary of parameter search, shared by the samplers, the walk-forward and robustness
 * analyses (src-engine/optimise), the worker pool that evaluates trials (src-main/host/optimise)
 * and the contract. A search asks a sampler for parameter sets, evaluates them as backtests and
 * tells the sampler the scores: the same loop for grid, random and Bayesian search.
 */
import type { SideMetrics } from '../backtest/metrics.ts';
import type { ParameterValues } from '../strategy/parameters.ts';

/** How one parameter varies: an inclusive numeric range with a step, a list of values, or one fixed value. */
export type ParameterDomain =
  | { readonly name: string; readonly kind: 'range'; readonly min: number; readonly max: number; readonly step: number }
  | { readonly name: string; readonly kind: 'list'; readonly values: readonly (number | string)[] }
  | { readonly name: string; readonly kind: 'fixed'; readonly value: number | string };

export interface SearchSpace {
  readonly parameters: readonly ParameterDomain[];
  /** Comparisons between parameters and numbers that every set must satisfy, e.g. "fast < slow", "slow <= 4 * fast". */
  readonly constraints: readonly string[];
}

export type ParameterSet = ParameterValues;

export interface Objective {
  /** A metric of SideMetrics (of all trades), e.g. 'sharpe', 'netProfit', 'maxDrawdownPct'. */
  readonly metric: keyof SideMetrics & string;
  readonly direction: 'maximize' | 'minimize';
}

/** Trials failing a filter are kept and shown, but never chosen as best nor fed to a sampler as good. */
export interface TrialFilters {
  readonly minTrades?: number;
  /** Percent, positive (as SideMetrics.maxDrawdownPct). */
  readonly maxDrawdownPct?: number;
}

export type SearchMethod = 'grid' | 'random' | 'bayes';

export interface Trial {
  /** Order of evaluation, from 0; stable across pause, resume and restart. */
  readonly index: number;
  readonly params: ParameterSet;
}

export interface TrialResult extends Trial {
  readonly metrics: SideMetrics;
  /** One score per objective, in objective order; null where the metric is undefined (a ratio over zero). */
  readonly scores: readonly (number | null)[];
  /** Why the trial is filtered out; null when it passes. */
  readonly filteredBy: 'min-trades' | 'max-drawdown' | null;
}

/**
 * A sampler in ask/tell form: `ask` proposes up to `count` new sets (fewer, or none, when the
 * space is exhausted or the budget spent), `tell` reports finished trials in any order. Samplers
 * are deterministic for a seed, so a search resumed from its stored trials continues exactly.
 */
export interface Sampler {
  ask(count: number): Trial[];
  tell(results: readonly TrialResult[]): void;
  /** Trials this sampler will propose in all (grid: the space size after constraints; others: the budget). */
  readonly total: number;
}

/** The bars [from, to) of the in-sample and out-of-sample parts of one walk-forward window. */
export interface WalkForwardWindow {
  readonly index: number;
  readonly inSample: { readonly from: number; readonly to: number };
  readonly outOfSample: { readonly from: number; readonly to: number };
}
