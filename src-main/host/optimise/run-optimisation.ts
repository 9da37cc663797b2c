/**
 * Runs a prepared optimisation on the trial pool: a plain search over all the bars, or a
 * walk-forward (a search per in-sample part, its winner run out of sample). Trials already
 * stored are told to the sampler first and never run again, so a paused, cancelled or
 * interrupted optimisation continues exactly where it stopped. Storage is the caller's
 * (SQLite in the core, nothing for the command line), through the callbacks.
 */
import { periodsPerYear } from '../../../src-engine/backtest/metrics-returns.ts';
import type { Candles } from '../../../src-engine/candles.ts';
import { bestTrial, scoreTrial } from '../../../src-engine/optimise/objectives.ts';
import { createSampler, resumeSearch, type SearchProgress } from '../../../src-engine/optimise/search.ts';
import type { Trial, TrialResult } from '../../../src-engine/optimise/types.ts';
import { runWalkForward, type WalkForwardResult, windowsForSpec } from '../../../src-engine/optimise/walk-forward.ts';
import { analyseSearch, type SearchAnalysis } from './analysis.ts';
import type { PreparedSearch } from './optimise-request.ts';
import type { TrialPool } from './trial-pool.ts';

export interface OptimiseProgress {
  /** Trials done out of total, over every walk-forward window. */
  readonly done: number;
  readonly total: number;
  readonly etaMs: number | null;
  /** Best so far (of the current window, in a walk-forward). */
  readonly best: TrialResult | null;
}

export interface OptimisationHooks {
  /** Trials stored for a window (0 for a plain search), in index order. */
  readonly stored: (window: number) => readonly TrialResult[];
  /** A batch finished: store it before the next starts. */
  readonly onTrials: (window: number, results: readonly TrialResult[]) => void;
  readonly onProgress: (progress: OptimiseProgress) => void;
  /** Stops after the batch in flight (pause or cancel). */
  readonly signal: AbortSignal;
}

export type OptimisationOutcome =
  | { readonly status: 'stopped'; readonly progress: OptimiseProgress }
  | { readonly status: 'done'; readonly progress: OptimiseProgress; readonly analysis: SearchAnalysis | null; readonly walkForward: WalkForwardResult | null };

class Stopped extends Error {}

export async function runOptimisation(candles: Candles, prepared: PreparedSearch, pool: TrialPool, hooks: OptimisationHooks): Promise<OptimisationOutcome> {
  const { search, objectives } = prepared;
  const objective = objectives[0];
  const sampler = () => createSampler(search.method, prepared.space, { objectives, trials: search.trials, seed: search.seed });
  const windows = prepared.walkForward === null ? null : windowsForSpec(prepared.walkForward, candles.time);
  const perSearch = sampler().total;
  const total = perSearch * (windows?.length ?? 1);
  const started = Date.now();
  let doneBefore = 0;
  let doneHere = 0;
  let last: OptimiseProgress = { done: 0, total, etaMs: null, best: null };

  const searchRange = async (window: number, from: number, to: number): Promise<TrialResult[]> => {
    const stored = hooks.stored(window);
    const results = [...stored];
    const evaluate = async (trials: readonly Trial[]): Promise<TrialResult[]> => {
      const evaluated = await pool.evaluate(trials, { from, to, signal: hooks.signal });
      return evaluated.map((e, i) => ({ index: e.index, params: trials[i].params, metrics: e.metrics, ...scoreTrial(e.metrics, objectives, search.filters) }));
    };
    const report = (progress: SearchProgress) => {
      const done = doneBefore + progress.done;
      const rate = doneHere / Math.max(1, Date.now() - started);
      last = { done, total, etaMs: doneHere > 0 ? (total - done) / rate : null, best: progress.best };
      hooks.onProgress(last);
    };
    const outcome = await resumeSearch({
      sampler: sampler(),
      evaluate,
      batchSize: prepared.batchSize,
      objectives,
      signal: hooks.signal,
      stored,
      onResults: (batch, progress) => {
        hooks.onTrials(window, batch);
        results.push(...batch);
        doneHere += batch.length;
        report(progress);
      },
    });
    if (outcome.status === 'stopped') throw new Stopped();
    doneBefore += outcome.progress.done;
    return results;
  };

  try {
    if (windows === null) {
      const results = await searchRange(0, 0, candles.time.length);
      const analysis = await analyseSearch({ results, prepared, pool, periods: periodsPerYear(candles.time), signal: hooks.signal });
      return { status: 'done', progress: last, analysis, walkForward: null };
    }
    const walkForward = await runWalkForward({
      candles,
      windows,
      objective,
      optimise: async (window) => {
        const results = await searchRange(window.index, window.inSample.from, window.inSample.to);
        // With every trial filtered out, the window still needs a set to run out of sample: the best ignoring the filters.
        const best = bestTrial(results, objective) ?? bestTrial(results.map((r) => ({ ...r, filteredBy: null })), objective) ?? results[0];
        return { params: best.params, metrics: best.metrics };
      },
      // Out of sample, the winner runs on the window's own bars, warming up inside them: no bar before it is traded on.
      runOutOfSample: async (window, params) => {
        const [run] = await pool.evaluate([{ index: 0, params }], { from: window.outOfSample.from, to: window.outOfSample.to, equity: true, signal: hooks.signal });
        return { equity: run.equity as Float64Array, metrics: run.metrics };
      },
    });
    return { status: 'done', progress: last, analysis: null, walkForward };
  } catch (error) {
    if (error instanceof Stopped || hooks.signal.aborted) return { status: 'stopped', progress: last };
    throw error;
  }
}
