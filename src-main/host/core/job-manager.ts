/**
 * Long jobs (downloads, backtests, imports) behind ids: each job runs with an AbortSignal that
 * cancel(jobId) fires, reports throttled progress and exactly one finished event, and is listed
 * while it runs and for a while after. Jobs of one kind beyond its limit wait in a queue;
 * jobs naming a lock (a series) that a queued or running job holds are refused as 'busy'.
 */
import { CoreError, type CoreErrorInfo, toCoreError } from './errors.ts';
import { Throttle } from './throttle.ts';

export const JOB_KINDS = ['download', 'backtest', 'import', 'optimise'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobProgress {
  readonly jobId: string;
  readonly kind: JobKind;
  readonly done: number;
  readonly total: number;
  /** Estimated time left; null while unknown. */
  readonly etaMs: number | null;
  readonly message: string;
}

export type ProgressUpdate = Omit<JobProgress, 'jobId' | 'kind' | 'etaMs' | 'message'> & { readonly etaMs?: number | null; readonly message?: string };

export type JobFinished<S> =
  | { readonly jobId: string; readonly kind: JobKind; readonly ok: true; readonly result: S }
  | { readonly jobId: string; readonly kind: JobKind; readonly ok: false; readonly error: CoreErrorInfo };

export interface JobInfo {
  readonly jobId: string;
  readonly kind: JobKind;
  /** What the job does, in words: "download bybit linear BTCUSDT 1m". */
  readonly label: string;
  readonly state: JobState;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  readonly progress: JobProgress | null;
  readonly error: CoreErrorInfo | null;
}

export type JobEvent<S> = { readonly type: 'job-progress'; readonly payload: JobProgress } | { readonly type: 'job-finished'; readonly payload: JobFinished<S> };

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  progress(update: ProgressUpdate): void;
}

export interface JobSpec<S> {
  readonly kind: JobKind;
  readonly label: string;
  /** Resources the job holds while queued or running (e.g. "series:bybit linear BTCUSDT 1m"). */
  readonly locks?: readonly string[];
  readonly run: (context: JobContext) => Promise<S>;
}

export interface JobManagerOptions<S> {
  readonly onEvent?: (event: JobEvent<S>) => void;
  /** Jobs of each kind that run at once; more wait in a queue. */
  readonly limits?: Partial<Record<JobKind, number>>;
  /** Finished jobs still listed. */
  readonly keepFinished?: number;
  readonly progressIntervalMs?: number;
  /** Wall clock for createdAt and finishedAt. */
  readonly now?: () => number;
}

/**
 * Downloads wait on the network, so several overlap well; backtests and imports are CPU work on
 * the core thread and would only take turns anyway; an optimisation already fills every core.
 */
const DEFAULT_LIMITS: Readonly<Record<JobKind, number>> = { download: 4, backtest: 1, import: 1, optimise: 1 };

interface Job<S> {
  info: JobInfo;
  readonly spec: JobSpec<S>;
  readonly controller: AbortController;
  readonly throttle: Throttle<JobProgress>;
  readonly finished: Promise<JobFinished<S>>;
  readonly resolve: (finished: JobFinished<S>) => void;
}

export class JobManager<S> {
  readonly #onEvent: (event: JobEvent<S>) => void;
  readonly #limits: Readonly<Record<JobKind, number>>;
  readonly #keepFinished: number;
  readonly #progressIntervalMs: number;
  readonly #now: () => number;
  readonly #active = new Map<string, Job<S>>();
  /** Newest first. */
  #finished: Array<{ info: JobInfo; outcome: JobFinished<S> }> = [];
  #sequence = 0;

  constructor(options: JobManagerOptions<S> = {}) {
    this.#onEvent = options.onEvent ?? (() => {});
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#keepFinished = options.keepFinished ?? 20;
    this.#progressIntervalMs = options.progressIntervalMs ?? 100;
    this.#now = options.now ?? Date.now;
  }

  /** Queues the job and starts it as soon as its kind has room; throws 'busy' when a lock is held. */
  start(spec: JobSpec<S>): JobInfo {
    for (const lock of spec.locks ?? []) {
      const holder = this.holderOf(lock);
      if (holder !== undefined) {
        throw new CoreError('busy', `${holder.label} is already ${holder.state} as ${holder.jobId}; wait for it to finish or cancel it`, {
          details: { jobId: holder.jobId },
        });
      }
    }
    const jobId = `job-${++this.#sequence}`;
    let resolve!: (finished: JobFinished<S>) => void;
    const finished = new Promise<JobFinished<S>>((r) => {
      resolve = r;
    });
    const job: Job<S> = {
      info: { jobId, kind: spec.kind, label: spec.label, state: 'queued', createdAt: this.#now(), finishedAt: null, progress: null, error: null },
      spec,
      controller: new AbortController(),
      throttle: new Throttle(this.#progressIntervalMs, (payload) => this.#emit({ type: 'job-progress', payload })),
      finished,
      resolve,
    };
    this.#active.set(jobId, job);
    this.#pump();
    return job.info;
  }

  /** True when the job was queued or running and is now being cancelled; false when it had finished. */
  cancel(jobId: string): boolean {
    const job = this.#active.get(jobId);
    if (job === undefined) {
      if (this.get(jobId) === undefined) throw unknownJob(jobId);
      return false;
    }
    const reason = new CoreError('cancelled', `${job.info.label} cancelled`);
    if (job.info.state === 'queued') this.#finish(job, { ok: false, error: reason });
    else job.controller.abort(reason);
    return true;
  }

  /** Queued and running jobs in start order, then finished ones, newest first. */
  list(): JobInfo[] {
    return [...[...this.#active.values()].map((job) => job.info), ...this.#finished.map((entry) => entry.info)];
  }

  get(jobId: string): JobInfo | undefined {
    return this.#active.get(jobId)?.info ?? this.#finished.find((entry) => entry.info.jobId === jobId)?.info;
  }

  /** The queued or running job holding `lock`. */
  holderOf(lock: string): JobInfo | undefined {
    for (const job of this.#active.values()) if (job.spec.locks?.includes(lock)) return job.info;
    return undefined;
  }

  whenFinished(jobId: string): Promise<JobFinished<S>> {
    const job = this.#active.get(jobId);
    if (job !== undefined) return job.finished;
    const entry = this.#finished.find((candidate) => candidate.info.jobId === jobId);
    if (entry === undefined) throw unknownJob(jobId);
    return Promise.resolve(entry.outcome);
  }

  /** Cancels every queued and running job and waits until each has finished. */
  async cancelAll(): Promise<void> {
    const jobs = [...this.#active.values()];
    for (const job of jobs) this.cancel(job.info.jobId);
    await Promise.all(jobs.map((job) => job.finished));
  }

  #pump(): void {
    const running = (kind: JobKind) => [...this.#active.values()].filter((job) => job.info.kind === kind && job.info.state === 'running').length;
    for (const job of this.#active.values()) {
      if (job.info.state === 'queued' && running(job.info.kind) < this.#limits[job.info.kind]) this.#run(job);
    }
  }

  #run(job: Job<S>): void {
    job.info = { ...job.info, state: 'running' };
    const context: JobContext = {
      jobId: job.info.jobId,
      signal: job.controller.signal,
      progress: (update) => {
        if (!this.#active.has(job.info.jobId)) return;
        const progress: JobProgress = { jobId: job.info.jobId, kind: job.info.kind, etaMs: null, message: '', ...update };
        job.info = { ...job.info, progress };
        job.throttle.push(progress);
      },
    };
    // Started on a later turn, so whoever started the job has its id before any event.
    setImmediate(() => {
      job.spec.run(context).then(
        (result) => this.#finish(job, { ok: true, result }),
        (error: unknown) => this.#finish(job, { ok: false, error }),
      );
    });
  }

  #finish(job: Job<S>, outcome: { ok: true; result: S } | { ok: false; error: unknown }): void {
    job.throttle.drain();
    this.#active.delete(job.info.jobId);
    const { jobId, kind } = job.info;
    let finished: JobFinished<S>;
    let state: JobState;
    let error: CoreErrorInfo | null = null;
    if (outcome.ok) {
      finished = { jobId, kind, ok: true, result: outcome.result };
      state = 'succeeded';
    } else {
      error = this.#failure(job, outcome.error).info();
      finished = { jobId, kind, ok: false, error };
      state = error.code === 'cancelled' ? 'cancelled' : 'failed';
    }
    job.info = { ...job.info, state, finishedAt: this.#now(), error };
    this.#finished = [{ info: job.info, outcome: finished }, ...this.#finished].slice(0, this.#keepFinished);
    this.#emit({ type: 'job-finished', payload: finished });
    job.resolve(finished);
    this.#pump();
  }

  /**
   * A cancelled job that says how far it got (a CoreError 'cancelled') keeps its words; whatever
   * else it threw on the way out (a request torn down, a socket closed) is reported as the cancel.
   */
  #failure(job: Job<S>, error: unknown): CoreError {
    if (!job.controller.signal.aborted || (error instanceof CoreError && error.code === 'cancelled')) return toCoreError(error);
    return toCoreError(job.controller.signal.reason);
  }

  /**
   * A listener that throws must not wedge the job that happened to call it: its error is
   * rethrown on a later turn, where it surfaces as an uncaught exception.
   */
  #emit(event: JobEvent<S>): void {
    try {
      this.#onEvent(event);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

function unknownJob(jobId: string): CoreError {
  return new CoreError('not-found', `no job ${jobId} (finished jobs are listed for a while only)`);
}
