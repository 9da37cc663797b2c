/**
 * The pool of trial workers an optimisation runs on: one worker_threads thread per core (or as
 * asked), all reading the same candles from SharedArrayBuffer columns copied once at start. A
 * batch of trials is split into chunks handed to whichever worker is free, so a slow chunk never
 * holds the others up. Our own small pool rather than piscina: we need long-lived workers that
 * each keep an indicator cache for one strategy and one series (piscina's tasks are stateless and
 * its worker selection would scatter the cache hits), a shared-memory start, and nothing more.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BacktestSettings } from '../../../src-engine/backtest/types.ts';
import { CANDLE_FIELDS, type Candles } from '../../../src-engine/candles.ts';
import type { Trial } from '../../../src-engine/optimise/types.ts';
import type { EvaluatedTrial, SharedCandleColumns, TrialTask, TrialTaskReply, TrialWorkerData } from './trial-protocol.ts';

const WORKER_FILE = new URL('./trial-worker.ts', import.meta.url);

export interface TrialPoolOptions {
  readonly candles: Candles;
  /** A checked strategy document. */
  readonly strategy: unknown;
  readonly settings: BacktestSettings;
  /** Threads (default os.availableParallelism()). */
  readonly workers?: number;
  /** Trials per message; small enough to balance, large enough that messaging costs nothing (default 8). */
  readonly chunkSize?: number;
}

export interface EvaluateOptions {
  /** Bars [from, to) of the candles (default all). */
  readonly from?: number;
  readonly to?: number;
  /** Return each trial's equity curve. */
  readonly equity?: boolean;
  readonly signal?: AbortSignal;
}

interface PendingChunk {
  /** The evaluate() call it belongs to. */
  readonly batch: number;
  readonly task: TrialTask;
  readonly resolve: (results: readonly EvaluatedTrial[]) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly thread: Worker;
  busy: PendingChunk | null;
}

/** Copies each column once into shared memory, which every worker then reads in place. */
export function shareCandles(candles: Candles): SharedCandleColumns {
  const share = (column: Float64Array) => {
    const buffer = new SharedArrayBuffer(column.byteLength);
    new Float64Array(buffer).set(column);
    return buffer;
  };
  const [time, open, high, low, close, volume] = CANDLE_FIELDS.map((field) => share(candles[field]));
  return { time, open, high, low, close, volume };
}

export class TrialPool {
  readonly size: number;
  readonly bars: number;
  /** The candles' bar open times. */
  readonly times: Float64Array;
  readonly #workers: PoolWorker[] = [];
  readonly #queue: PendingChunk[] = [];
  readonly #chunkSize: number;
  #nextId = 0;
  #nextBatch = 0;
  #closed = false;

  constructor(options: TrialPoolOptions) {
    this.size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.bars = options.candles.time.length;
    this.times = options.candles.time;
    this.#chunkSize = Math.max(1, options.chunkSize ?? 8);
    const data: TrialWorkerData = { candles: shareCandles(options.candles), strategy: options.strategy, settings: options.settings };
    for (let i = 0; i < this.size; i++) {
      const worker: PoolWorker = { thread: new Worker(WORKER_FILE, { workerData: data }), busy: null };
      worker.thread.on('message', (reply: TrialTaskReply) => this.#settle(worker, reply));
      worker.thread.on('error', (error) => this.#fail(worker, error));
      worker.thread.on('exit', (code) => {
        if (!this.#closed) this.#fail(worker, new Error(`a trial worker exited with code ${code}`));
      });
      this.#workers.push(worker);
    }
  }

  /** Results in the order of `trials`; rejects on the first failing chunk, or with the signal's reason. */
  async evaluate(trials: readonly Trial[], options: EvaluateOptions = {}): Promise<EvaluatedTrial[]> {
    if (this.#closed) throw new Error('the trial pool is closed');
    options.signal?.throwIfAborted();
    const from = options.from ?? 0;
    const to = options.to ?? this.bars;
    const batch = this.#nextBatch++;
    const chunks: Promise<readonly EvaluatedTrial[]>[] = [];
    for (let start = 0; start < trials.length; start += this.#chunkSize) {
      const task: TrialTask = { id: this.#nextId++, from, to, trials: trials.slice(start, start + this.#chunkSize), equity: options.equity === true };
      chunks.push(new Promise((resolve, reject) => this.#queue.push({ batch, task, resolve, reject })));
    }
    this.#dispatch();
    const all = Promise.all(chunks).then((parts) => parts.flat());
    if (options.signal === undefined) return all;
    // Chunks in flight finish in their workers; the caller stops waiting for them at once.
    const signal = options.signal;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#drop(batch);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      all.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = new Error('the trial pool closed');
    for (const chunk of this.#queue.splice(0)) chunk.reject(error);
    await Promise.all(this.#workers.map((worker) => worker.thread.terminate()));
  }

  #dispatch(): void {
    for (const worker of this.#workers) {
      if (worker.busy !== null) continue;
      const chunk = this.#queue.shift();
      if (chunk === undefined) return;
      worker.busy = chunk;
      worker.thread.postMessage(chunk.task);
    }
  }

  #settle(worker: PoolWorker, reply: TrialTaskReply): void {
    const chunk = worker.busy;
    worker.busy = null;
    if (chunk !== null && chunk.task.id === reply.id) {
      if (reply.ok) chunk.resolve(reply.results);
      else chunk.reject(new Error(reply.message));
    }
    this.#dispatch();
  }

  #fail(worker: PoolWorker, error: Error): void {
    const chunk = worker.busy;
    worker.busy = null;
    chunk?.reject(error);
    for (const queued of this.#queue.splice(0)) queued.reject(error);
  }

  /** Removes an abandoned evaluation's queued chunks; nobody waits for them any more. */
  #drop(batch: number): void {
    const keep = this.#queue.filter((chunk) => chunk.batch !== batch);
    this.#queue.splice(0, this.#queue.length, ...keep);
  }
}
