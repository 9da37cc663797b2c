/**
 * Optimisations as core jobs, kept in SQLite: a request is checked at once (strategy, data,
 * settings, search space, objectives), stored, then run as an 'optimise' job on the trial pool,
 * each finished batch of trials stored before the next starts. Pause ends the job with the
 * optimisation 'paused'; jobs.cancel leaves it 'cancelled'; an app that stopped while one ran
 * finds it 'paused' on the next start. Any of those resumes as a new job that runs no stored
 * trial again.
 */
import path from 'node:path';
import type { SideMetrics } from '../../../src-engine/backtest/metrics.ts';
import type { TrialResult } from '../../../src-engine/optimise/types.ts';
import type { WalkForwardResult } from '../../../src-engine/optimise/walk-forward.ts';
import { requireStrategy } from '../../../src-engine/strategy/validate.ts';
import { describeSeries } from '../../../src-shared/market.ts';
import type { StrategySpec } from '../../../src-shared/strategy/spec.ts';
import { readCandleCsvFile } from '../csv/read-candle-csv.ts';
import type { SearchAnalysis } from '../optimise/analysis.ts';
import { type OptimiseSearch, OptimiseRequestError, prepareSearch, type PreparedSearch, type WalkForwardRequest } from '../optimise/optimise-request.ts';
import { type OptimiseProgress, runOptimisation } from '../optimise/run-optimisation.ts';
import { TrialPool } from '../optimise/trial-pool.ts';
import { type OptimisationRepository, type OptimisationState, type StoredOptimisation } from '../repositories/optimisation-repository.ts';
import type { CandleStore } from '../store/candle-store.ts';
import { type BacktestDataSource, prepareBacktest } from './backtest-job.ts';
import { type BacktestSettingsOverrides, resolveBacktestSettings } from './backtest-settings.ts';
import { type CachedMarketData, loadCachedMarketData } from './cached-market-data.ts';
import { CoreError } from './errors.ts';
import type { JobContext, JobInfo, JobSpec } from './job-manager.ts';

export interface OptimiseJobRequest {
  /** A template name, a spec file path, or a strategy document. */
  readonly strategy: unknown;
  readonly data: BacktestDataSource;
  readonly settings?: BacktestSettingsOverrides;
  readonly search: OptimiseSearch;
  readonly walkForward?: WalkForwardRequest;
}

/** What is stored and resumed from: the strategy as a document, and the batch size fixed at creation. */
export interface StoredOptimiseRequest {
  readonly strategy: unknown;
  readonly data: BacktestDataSource;
  readonly settings: BacktestSettingsOverrides;
  readonly search: OptimiseSearch;
  readonly walkForward?: WalkForwardRequest;
  readonly batchSize: number;
}

export interface OptimiseBest {
  readonly trialIndex: number;
  readonly params: TrialResult['params'];
  readonly scores: readonly (number | null)[];
  readonly metrics: SideMetrics;
}

export interface OptimisationSummary {
  readonly strategyName: string;
  readonly dataSource: string;
  readonly parameterNames: readonly string[];
  readonly done: number;
  readonly total: number;
  readonly best: OptimiseBest | null;
  readonly error: string | null;
  readonly analysis: Omit<SearchAnalysis, 'best'> | null;
  readonly walkForward: { readonly efficiency: number | null; readonly parameterPath: WalkForwardResult['parameterPath'] } | null;
}

/** One walk-forward window as stored; its out-of-sample equity (rescaled into the stitched curve) is stored beside it. */
export interface StoredWindowResult {
  readonly index: number;
  readonly inSample: { readonly from: number; readonly to: number; readonly fromTime: number; readonly toTime: number };
  readonly outOfSample: { readonly from: number; readonly to: number; readonly fromTime: number; readonly toTime: number };
  readonly params: TrialResult['params'];
  readonly inSampleScore: number | null;
  readonly outOfSampleScore: number | null;
}

export type OptimisationStore = OptimisationRepository<StoredOptimiseRequest, OptimisationSummary, StoredWindowResult>;

/** What the job-finished event carries. */
export interface OptimiseJobSummary {
  readonly kind: 'optimise';
  readonly optimisationId: string;
  readonly state: 'finished' | 'paused';
  readonly done: number;
  readonly total: number;
  readonly best: OptimiseBest | null;
}

interface Prepared {
  readonly request: StoredOptimiseRequest;
  readonly spec: StrategySpec;
  readonly search: PreparedSearch;
  readonly label: string;
  readonly dataSource: string;
}

/** The part of the job manager optimisations use. */
export interface OptimiseJobHost {
  start(spec: JobSpec<OptimiseJobSummary>): JobInfo;
  cancel(jobId: string): boolean;
  whenFinished(jobId: string): Promise<unknown>;
}

export interface OptimisationJobsOptions {
  readonly repository: OptimisationStore;
  readonly jobs: OptimiseJobHost;
  readonly store: CandleStore;
  readonly now: () => number;
}

/** Checks a request without touching the candles; CoreError 'invalid-input', 'strategy' or 'not-found' when it cannot run. */
function prepare(request: OptimiseJobRequest, batchSize?: number): Prepared {
  const backtest = prepareBacktest({ strategy: request.strategy, data: request.data, settings: request.settings });
  const { spec } = requireStrategy(backtest.document);
  let search: PreparedSearch;
  try {
    search = prepareSearch(spec, request.search, request.walkForward, batchSize);
  } catch (error) {
    if (error instanceof OptimiseRequestError) throw new CoreError('invalid-input', error.message);
    throw error;
  }
  const dataSource = 'csvPath' in backtest.data ? path.basename(backtest.data.csvPath) : describeSeries(backtest.data.key);
  return {
    request: { strategy: backtest.document, data: backtest.data, settings: backtest.settings, search: request.search, walkForward: request.walkForward, batchSize: search.batchSize },
    spec,
    search,
    label: `optimisation of ${spec.name} on ${dataSource}`,
    dataSource,
  };
}

function loadData(data: BacktestDataSource, store: CandleStore): CachedMarketData {
  if ('csvPath' in data) return { candles: readCandleCsvFile(data.csvPath).candles, source: path.basename(data.csvPath), defaults: {} };
  const loaded = loadCachedMarketData(store, data.key, data.from, data.to);
  if (loaded.candles.time.length === 0) throw new CoreError('not-found', `the cache has no ${describeSeries(data.key)} candles in that range; download them first`);
  return loaded;
}

function toBest(trial: TrialResult | null): OptimiseBest | null {
  return trial === null ? null : { trialIndex: trial.index, params: trial.params, scores: trial.scores, metrics: trial.metrics };
}

export class OptimisationJobs {
  readonly #repository: OptimisationStore;
  readonly #jobs: OptimiseJobHost;
  readonly #store: CandleStore;
  readonly #now: () => number;
  /** Running optimisations: their job and the switch that pauses them. */
  readonly #running = new Map<string, { readonly jobId: string; readonly pause: AbortController }>();

  constructor(options: OptimisationJobsOptions) {
    this.#repository = options.repository;
    this.#jobs = options.jobs;
    this.#store = options.store;
    this.#now = options.now;
    // Whatever was running when the app stopped waits to be resumed.
    for (const stored of this.#repository.list()) {
      if (stored.state === 'running') this.#repository.update(stored.id, 'paused', stored.summary, this.#now());
    }
  }

  start(request: OptimiseJobRequest): { job: JobInfo; optimisationId: string } {
    const prepared = prepare(request);
    const summary: OptimisationSummary = {
      strategyName: prepared.spec.name,
      dataSource: prepared.dataSource,
      parameterNames: prepared.search.parameterNames,
      done: 0,
      total: 0,
      best: null,
      error: null,
      analysis: null,
      walkForward: null,
    };
    const id = this.#repository.create(prepared.request, summary, this.#now());
    return { job: this.#startJob(id, prepared, summary), optimisationId: id };
  }

  resume(id: string): JobInfo {
    const stored = this.#get(id);
    if (this.#running.has(id)) throw new CoreError('busy', `optimisation ${id} is already running as ${this.#running.get(id)?.jobId}`);
    if (stored.state === 'finished') throw new CoreError('invalid-input', `optimisation ${id} has finished; there is nothing to resume`);
    const { request } = stored;
    const prepared = prepare(request, request.batchSize);
    return this.#startJob(id, prepared, { ...stored.summary, error: null });
  }

  /** False when it was not running. */
  pause(id: string): boolean {
    this.#get(id);
    const running = this.#running.get(id);
    if (running === undefined) return false;
    running.pause.abort(new CoreError('cancelled', 'paused'));
    return true;
  }

  list(): Array<StoredOptimisation<StoredOptimiseRequest, OptimisationSummary> & { readonly jobId: string | null }> {
    return this.#repository.list().map((stored) => ({ ...stored, jobId: this.#running.get(stored.id)?.jobId ?? null }));
  }

  get(id: string): StoredOptimisation<StoredOptimiseRequest, OptimisationSummary> & { readonly jobId: string | null } {
    return { ...this.#get(id), jobId: this.#running.get(id)?.jobId ?? null };
  }

  jobOf(id: string): string | null {
    return this.#running.get(id)?.jobId ?? null;
  }

  windows(id: string) {
    return this.#repository.windows(id);
  }

  trials(id: string, offset: number, limit: number): { total: number; trials: Array<TrialResult & { readonly window: number }> } {
    this.#get(id);
    return { total: this.#repository.countTrials(id), trials: this.#repository.trialPage(id, offset, limit) };
  }

  /** A trial of a plain search (window 0), or of a walk-forward window. */
  trial(id: string, trialIndex: number, window = 0): TrialResult {
    this.#get(id);
    const trial = this.#repository.trial(id, window, trialIndex);
    if (trial === null) throw new CoreError('not-found', `optimisation ${id} has no trial ${trialIndex}${window === 0 ? '' : ` in window ${window + 1}`}`);
    return trial;
  }

  /** Cancels a running one first and waits for its job to end. */
  async delete(id: string): Promise<boolean> {
    const running = this.#running.get(id);
    if (running !== undefined) {
      this.#jobs.cancel(running.jobId);
      await this.#jobs.whenFinished(running.jobId);
    }
    return this.#repository.delete(id);
  }

  #get(id: string): StoredOptimisation<StoredOptimiseRequest, OptimisationSummary> {
    const stored = this.#repository.get(id);
    if (stored === null) throw new CoreError('not-found', `there is no optimisation ${id}`);
    return stored;
  }

  #startJob(id: string, prepared: Prepared, summary: OptimisationSummary): JobInfo {
    const spec: JobSpec<OptimiseJobSummary> = {
      kind: 'optimise',
      label: prepared.label,
      locks: [`optimisation:${id}`],
      run: (context) => this.#run(id, prepared, summary, context),
    };
    const job = this.#jobs.start(spec);
    this.#running.set(id, { jobId: job.jobId, pause: new AbortController() });
    this.#repository.update(id, 'running', summary, this.#now());
    return job;
  }

  async #run(id: string, prepared: Prepared, initial: OptimisationSummary, context: JobContext): Promise<OptimiseJobSummary> {
    const pause = this.#running.get(id)?.pause ?? new AbortController();
    const stop = AbortSignal.any([pause.signal, context.signal]);
    let summary = initial;
    const save = (state: OptimisationState, change: Partial<OptimisationSummary>) => {
      summary = { ...summary, ...change };
      this.#repository.update(id, state, summary, this.#now());
    };
    let pool: TrialPool | null = null;
    try {
      const { candles, defaults } = loadData(prepared.request.data, this.#store);
      const settings = resolveBacktestSettings(prepared.request.settings, defaults);
      pool = new TrialPool({ candles, strategy: prepared.request.strategy, settings, workers: prepared.search.workers });
      const objective = prepared.search.objectives[0];
      const progress = (p: OptimiseProgress) => {
        const best = p.best === null ? '' : `; best ${objective.metric} ${p.best.scores[0]} at ${Object.entries(p.best.params).map(([k, v]) => `${k}=${v}`).join(' ')}`;
        context.progress({ done: p.done, total: p.total, etaMs: p.etaMs, message: `${p.done} of ${p.total} trials${best}` });
        save('running', { done: p.done, total: p.total, best: p.best === null ? summary.best : toBest(p.best) });
      };
      const outcome = await runOptimisation(candles, prepared.search, pool, {
        stored: (window) => this.#repository.trials(id, window),
        onTrials: (window, results) => this.#repository.insertTrials(id, window, results),
        onProgress: progress,
        signal: stop,
      });
      if (outcome.status === 'stopped') {
        if (context.signal.aborted) {
          save('cancelled', {});
          throw new CoreError('cancelled', `${prepared.label} cancelled after ${summary.done} of ${summary.total} trials; resume it to continue`);
        }
        save('paused', {});
        return { kind: 'optimise', optimisationId: id, state: 'paused', done: summary.done, total: summary.total, best: summary.best };
      }
      const { analysis, walkForward } = outcome;
      if (walkForward !== null) this.#storeWalkForward(id, walkForward, candles.time);
      const best = analysis === null ? summary.best : toBest(analysis.best);
      save('finished', {
        done: outcome.progress.total,
        total: outcome.progress.total,
        best,
        analysis: analysis === null ? null : { paretoFront: analysis.paretoFront, deflatedSharpe: analysis.deflatedSharpe, plateau: analysis.plateau },
        walkForward: walkForward === null ? null : { efficiency: walkForward.efficiency, parameterPath: walkForward.parameterPath },
      });
      return { kind: 'optimise', optimisationId: id, state: 'finished', done: summary.done, total: summary.total, best };
    } catch (error) {
      if (!(error instanceof CoreError && error.code === 'cancelled')) {
        if (context.signal.aborted) save('cancelled', {});
        else save('failed', { error: error instanceof Error ? error.message : String(error) });
      }
      throw error;
    } finally {
      this.#running.delete(id);
      await pool?.close();
    }
  }

  #storeWalkForward(id: string, result: WalkForwardResult, time: Float64Array): void {
    const range = ({ from, to }: { from: number; to: number }) => ({ from, to, fromTime: time[from], toTime: time[to - 1] });
    result.windows.forEach((w, i) => {
      const start = result.equityStarts[i];
      const bars = w.window.outOfSample.to - w.window.outOfSample.from;
      const record: StoredWindowResult = {
        index: w.window.index,
        inSample: range(w.window.inSample),
        outOfSample: range(w.window.outOfSample),
        params: w.params,
        inSampleScore: w.inSampleScore,
        outOfSampleScore: w.outOfSampleScore,
      };
      this.#repository.insertWindow(id, w.window.index, record, time.slice(w.window.outOfSample.from, w.window.outOfSample.to), result.equity.slice(start, start + bars));
    });
  }
}
