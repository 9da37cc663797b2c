/**
 * What an optimisation is asked to do, checked before anything runs: the search space from the
 * strategy's declared parameters (the named ones take the given domains, the rest stay at their
 * defaults), constraints, objectives, filters and walk-forward lengths. The core and `bst
 * optimise` prepare their requests here, so both refuse the same mistakes with the same words.
 */
import { availableParallelism } from 'node:os';
import { isObjectiveMetric, OBJECTIVE_METRICS } from '../../../src-engine/optimise/objectives.ts';
import { SearchSpaceError, spaceFromStrategy } from '../../../src-engine/optimise/space.ts';
import type { Objective, ParameterDomain, SearchMethod, SearchSpace, TrialFilters } from '../../../src-engine/optimise/types.ts';
import type { WalkForwardLength, WalkForwardSpec } from '../../../src-engine/optimise/walk-forward.ts';
import type { StrategySpec } from '../../../src-shared/strategy/spec.ts';

export interface OptimiseSearch {
  readonly method: SearchMethod;
  /** Domains as text by declared parameter name: "5:50:1", "5,10,20", "12". */
  readonly parameters: Readonly<Record<string, string>>;
  readonly constraints?: readonly string[];
  readonly trials?: number;
  readonly seed?: number;
  /** Metric names are checked by prepareSearch. */
  readonly objectives: readonly { readonly metric: string; readonly direction: Objective['direction'] }[];
  readonly filters?: TrialFilters;
  readonly workers?: number;
}

export interface WalkForwardRequest {
  readonly inSampleDays?: number;
  readonly inSampleBars?: number;
  readonly outOfSampleDays?: number;
  readonly outOfSampleBars?: number;
  readonly stepDays?: number;
  readonly stepBars?: number;
  readonly anchored?: boolean;
}

export interface PreparedSearch {
  readonly space: SearchSpace;
  /** The parameters the request named, in its order: the ones a person reads results by. */
  readonly parameterNames: readonly string[];
  readonly search: OptimiseSearch;
  readonly objectives: readonly Objective[];
  readonly workers: number;
  /**
   * Trials asked of the sampler at a time. Fixed when the optimisation is created and kept
   * with it, so a resumed Bayesian search proposes exactly what an uninterrupted one would.
   */
  readonly batchSize: number;
  readonly walkForward: WalkForwardSpec | null;
}

export class OptimiseRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptimiseRequestError';
  }
}

/** Trials per worker per batch: enough to keep every worker busy between the sampler's turns. */
const TRIALS_PER_WORKER = 16;

export function prepareSearch(spec: StrategySpec, search: OptimiseSearch, walkForward?: WalkForwardRequest, batchSize?: number): PreparedSearch {
  const named = Object.keys(search.parameters);
  // Declared parameters the request does not name stay at their defaults.
  const domains: Record<string, string | ParameterDomain> = { ...search.parameters };
  for (const p of spec.parameters ?? []) {
    if (!(p.name in domains)) domains[p.name] = { name: p.name, kind: 'fixed', value: p.default };
  }
  let space: SearchSpace;
  try {
    space = spaceFromStrategy(spec, domains, search.constraints ?? []);
  } catch (error) {
    if (error instanceof SearchSpaceError) throw new OptimiseRequestError(error.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    throw error;
  }
  if (search.objectives.length === 0) throw new OptimiseRequestError('objectives: name at least one metric to optimise');
  const objectives = search.objectives.map(({ metric, direction }): Objective => {
    if (!isObjectiveMetric(metric)) throw new OptimiseRequestError(`objectives: "${metric}" is not a metric; use one of: ${OBJECTIVE_METRICS.join(', ')}`);
    return { metric, direction };
  });
  if (search.trials !== undefined && !(Number.isInteger(search.trials) && search.trials > 0)) {
    throw new OptimiseRequestError(`trials: expected a whole number above 0, got ${search.trials}`);
  }
  const workers = Math.max(1, Math.floor(search.workers ?? availableParallelism()));
  return {
    space,
    parameterNames: named,
    search,
    objectives,
    workers,
    batchSize: batchSize ?? workers * TRIALS_PER_WORKER,
    walkForward: walkForward === undefined ? null : walkForwardSpec(walkForward),
  };
}

function walkForwardSpec(request: WalkForwardRequest): WalkForwardSpec {
  const length = (days: number | undefined, bars: number | undefined, name: string, required: boolean): WalkForwardLength | undefined => {
    if (days !== undefined && bars !== undefined) throw new OptimiseRequestError(`walkForward: give ${name}Days or ${name}Bars, not both`);
    if (days !== undefined) {
      if (!(days > 0)) throw new OptimiseRequestError(`walkForward.${name}Days: expected more than 0 days`);
      return { days };
    }
    if (bars !== undefined) {
      if (!(Number.isInteger(bars) && bars > 0)) throw new OptimiseRequestError(`walkForward.${name}Bars: expected a whole number above 0`);
      return { bars };
    }
    if (required) throw new OptimiseRequestError(`walkForward: ${name}Days or ${name}Bars is required`);
    return undefined;
  };
  return {
    inSample: length(request.inSampleDays, request.inSampleBars, 'inSample', true) as WalkForwardLength,
    outOfSample: length(request.outOfSampleDays, request.outOfSampleBars, 'outOfSample', true) as WalkForwardLength,
    step: length(request.stepDays, request.stepBars, 'step', false),
    anchored: request.anchored === true,
  };
}
