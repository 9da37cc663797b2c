/**
 * The search loop: ask the sampler for a batch, have the caller evaluate it (the worker pool),
 * tell the sampler the results, report progress, until the sampler is done or the caller stops
 * it. Batches are strictly one after another, so a sampler always sees every earlier result
 * before proposing more, and a search resumed from its stored results (told first) continues
 * with the very trials an uninterrupted search would have run.
 */
import { gain } from './objectives.ts';
import { gridSampler, randomSampler } from './samplers.ts';
import { tpeSampler } from './tpe.ts';
import type { Objective, Sampler, SearchMethod, SearchSpace, Trial, TrialResult } from './types.ts';

/** What runSearch reads of an AbortSignal (the engine has no DOM or Node types). */
export interface StopSignal {
  readonly aborted: boolean;
}

export interface SearchProgress {
  /** Trials finished, stored ones of a resumed search included. */
  readonly done: number;
  readonly total: number;
  /** Best unfiltered trial so far by the first objective; null before any. */
  readonly best: TrialResult | null;
  /** Milliseconds since this run (not the stored part) started. */
  readonly elapsedMs: number;
  /** Estimated milliseconds left, from this run's throughput; null before the first batch. */
  readonly etaMs: number | null;
}

export interface SearchOptions {
  readonly sampler: Sampler;
  /** Evaluates a batch (backtest, metrics, scoreTrial): one result per trial, fewer only once stopped. */
  readonly evaluate: (trials: readonly Trial[], signal?: StopSignal) => Promise<readonly TrialResult[]>;
  /** Trials per batch: the pool's worker count times a few keeps every worker busy. */
  readonly batchSize: number;
  /** Used for "best so far": the first one decides. */
  readonly objectives: readonly Objective[];
  readonly signal?: StopSignal;
  /** Called after each batch, awaited before the next (persist results here). */
  readonly onResults?: (results: readonly TrialResult[], progress: SearchProgress) => void | Promise<void>;
  /** Clock in milliseconds; Date.now by default (tests pass their own). */
  readonly now?: () => number;
}

export interface SearchOutcome {
  readonly status: 'done' | 'stopped';
  readonly progress: SearchProgress;
}

export interface SamplerOptions {
  readonly objectives: readonly Objective[];
  /** Budget for random and bayes; grid runs the whole space. */
  readonly trials?: number;
  readonly seed?: number;
  /** Bayes only: random trials before the model and trials per model fit. */
  readonly startupTrials?: number;
  readonly generation?: number;
}

/** The sampler for a method; the same arguments always give the same sequence of proposals. */
export function createSampler(method: SearchMethod, space: SearchSpace, options: SamplerOptions): Sampler {
  const seed = options.seed ?? 1;
  const trials = options.trials ?? 100;
  if (method === 'grid') return gridSampler(space);
  if (method === 'random') return randomSampler(space, { trials, seed });
  return tpeSampler(space, {
    trials,
    seed,
    objectives: options.objectives,
    startupTrials: options.startupTrials,
    generation: options.generation,
  });
}

function isBetter(candidate: TrialResult, best: TrialResult | null, objective: Objective | undefined): boolean {
  if (!objective || candidate.filteredBy !== null) return false;
  const g = gain(candidate.scores[0] ?? null, objective.direction);
  if (g === null) return false;
  if (best === null) return true;
  const b = gain(best.scores[0] ?? null, objective.direction)!;
  return g > b || (g === b && candidate.index < best.index);
}

/** Runs a search from scratch; see resumeSearch to continue a stored one. */
export function runSearch(options: SearchOptions): Promise<SearchOutcome> {
  return resumeSearch({ ...options, stored: [] });
}

/**
 * Tells the sampler the stored results first, then runs the rest. The sampler must be created
 * with the same method, space and options as the interrupted search.
 */
export async function resumeSearch(options: SearchOptions & { readonly stored: readonly TrialResult[] }): Promise<SearchOutcome> {
  const { sampler, evaluate, objectives, signal, onResults } = options;
  const now = options.now ?? Date.now;
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  const objective = objectives[0];
  const started = now();
  let best: TrialResult | null = null;
  let done = 0;
  let doneHere = 0;
  const progress = (): SearchProgress => {
    const elapsedMs = now() - started;
    const left = Math.max(0, sampler.total - done);
    const etaMs = doneHere > 0 ? (elapsedMs / doneHere) * left : null;
    return { done, total: sampler.total, best, elapsedMs, etaMs };
  };
  const record = (results: readonly TrialResult[]): void => {
    sampler.tell(results);
    done += results.length;
    for (const r of results) if (isBetter(r, best, objective)) best = r;
  };

  record(options.stored);
  while (!signal?.aborted) {
    const trials = sampler.ask(batchSize);
    if (trials.length === 0) return { status: 'done', progress: progress() };
    const results = await evaluate(trials, signal);
    if (results.length !== trials.length && !signal?.aborted) {
      throw new Error(`evaluate returned ${results.length} results for ${trials.length} trials without being stopped`);
    }
    record(results);
    doneHere += results.length;
    await onResults?.(results, progress());
  }
  return { status: 'stopped', progress: progress() };
}
