/**
 * Optimisations in SQLite: the request and a small summary per optimisation (`optimisations`),
 * every evaluated trial as it arrives (`optimisation_trials`, inserted a batch per transaction),
 * and each walk-forward window's out-of-sample result with its equity (`optimisation_windows`).
 * The trials are the search's memory: a resumed search reads them back and runs none twice.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SideMetrics } from '../../../src-engine/backtest/metrics.ts';
import type { TrialResult } from '../../../src-engine/optimise/types.ts';

export type OptimisationState = 'running' | 'paused' | 'finished' | 'failed' | 'cancelled';

export interface StoredOptimisation<Request, Summary> {
  readonly id: string;
  readonly request: Request;
  readonly state: OptimisationState;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly summary: Summary;
}

export interface StoredWindow<Result> {
  readonly window: number;
  readonly result: Result;
  /** Open time of each out-of-sample bar, and the equity at its close. */
  readonly time: Float64Array;
  readonly equity: Float64Array;
}

type OptimisationRow = [id: string, request: string, state: string, createdAt: number, updatedAt: number, summary: string];
type TrialRow = [index: number, params: string, metrics: string, scores: string, filteredBy: string | null];

export class OptimisationRepository<Request, Summary, WindowResult> {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<unknown[]>;
  readonly #update: Database.Statement<unknown[]>;
  readonly #list: Database.Statement<[], OptimisationRow>;
  readonly #get: Database.Statement<[string], OptimisationRow>;
  readonly #delete: Database.Statement<[string]>;
  readonly #insertTrial: Database.Statement<unknown[]>;
  readonly #trials: Database.Statement<[string, number], TrialRow>;
  readonly #trial: Database.Statement<[string, number, number], TrialRow>;
  readonly #page: Database.Statement<[string, number, number], [number, ...TrialRow]>;
  readonly #count: Database.Statement<[string], [number]>;
  readonly #insertWindow: Database.Statement<unknown[]>;
  readonly #windows: Database.Statement<[string], [number, string, Buffer, Buffer]>;

  constructor(db: Database.Database) {
    this.#db = db;
    const columns = 'id, request, state, created_at, updated_at, summary';
    this.#insert = db.prepare(`INSERT INTO optimisations (${columns}) VALUES (?, ?, ?, ?, ?, ?)`);
    this.#update = db.prepare('UPDATE optimisations SET state = ?, summary = ?, updated_at = ? WHERE id = ?');
    this.#list = db.prepare<[], OptimisationRow>(`SELECT ${columns} FROM optimisations ORDER BY created_at DESC, rowid DESC`).raw();
    this.#get = db.prepare<[string], OptimisationRow>(`SELECT ${columns} FROM optimisations WHERE id = ?`).raw();
    this.#delete = db.prepare('DELETE FROM optimisations WHERE id = ?');
    const trialColumns = 'trial_index, params, metrics, scores, filtered_by';
    this.#insertTrial = db.prepare(`INSERT OR REPLACE INTO optimisation_trials (optimisation_id, window_index, ${trialColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.#trials = db
      .prepare<[string, number], TrialRow>(`SELECT ${trialColumns} FROM optimisation_trials WHERE optimisation_id = ? AND window_index = ? ORDER BY trial_index`)
      .raw();
    this.#trial = db
      .prepare<[string, number, number], TrialRow>(`SELECT ${trialColumns} FROM optimisation_trials WHERE optimisation_id = ? AND window_index = ? AND trial_index = ?`)
      .raw();
    this.#page = db
      .prepare<[string, number, number], [number, ...TrialRow]>(
        `SELECT window_index, ${trialColumns} FROM optimisation_trials WHERE optimisation_id = ? ORDER BY window_index, trial_index LIMIT ? OFFSET ?`,
      )
      .raw();
    this.#count = db.prepare<[string], [number]>('SELECT count(*) FROM optimisation_trials WHERE optimisation_id = ?').raw();
    this.#insertWindow = db.prepare('INSERT OR REPLACE INTO optimisation_windows (optimisation_id, window_index, result, time, equity) VALUES (?, ?, ?, ?, ?)');
    this.#windows = db
      .prepare<[string], [number, string, Buffer, Buffer]>('SELECT window_index, result, time, equity FROM optimisation_windows WHERE optimisation_id = ? ORDER BY window_index')
      .raw();
  }

  create(request: Request, summary: Summary, now: number): string {
    const id = randomUUID();
    this.#insert.run(id, JSON.stringify(request), 'running', now, now, JSON.stringify(summary));
    return id;
  }

  update(id: string, state: OptimisationState, summary: Summary, now: number): void {
    this.#update.run(state, JSON.stringify(summary), now, id);
  }

  /** Newest first. */
  list(): StoredOptimisation<Request, Summary>[] {
    return this.#list.all().map((row) => this.#toStored(row));
  }

  get(id: string): StoredOptimisation<Request, Summary> | null {
    const row = this.#get.get(id);
    return row === undefined ? null : this.#toStored(row);
  }

  /** Deletes the optimisation with its trials and windows; false when there was none. */
  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }

  /** One batch in one transaction: a crash keeps all of it or none. */
  insertTrials(id: string, window: number, results: readonly TrialResult[]): void {
    this.#db
      .transaction(() => {
        for (const r of results) {
          this.#insertTrial.run(id, window, r.index, JSON.stringify(r.params), JSON.stringify(r.metrics), JSON.stringify(r.scores), r.filteredBy);
        }
      })
      .immediate();
  }

  /** A window's (or a plain search's) trials in index order. */
  trials(id: string, window: number): TrialResult[] {
    return this.#trials.all(id, window).map(toTrial);
  }

  /** One trial of a window (window 0 for a plain search); null when there is none. */
  trial(id: string, window: number, index: number): TrialResult | null {
    const row = this.#trial.get(id, window, index);
    return row === undefined ? null : toTrial(row);
  }

  /** Trials of every window in (window, index) order, `limit` from `offset`. */
  trialPage(id: string, offset: number, limit: number): Array<TrialResult & { readonly window: number }> {
    return this.#page.all(id, limit, offset).map(([window, ...row]) => ({ ...toTrial(row), window }));
  }

  countTrials(id: string): number {
    return this.#count.get(id)?.[0] ?? 0;
  }

  insertWindow(id: string, window: number, result: WindowResult, time: Float64Array, equity: Float64Array): void {
    this.#insertWindow.run(id, window, JSON.stringify(result), bytesOf(time), bytesOf(equity));
  }

  windows(id: string): StoredWindow<WindowResult>[] {
    return this.#windows.all(id).map(([window, result, time, equity]) => ({ window, result: JSON.parse(result) as WindowResult, time: float64Of(time), equity: float64Of(equity) }));
  }

  #toStored([id, request, state, createdAt, updatedAt, summary]: OptimisationRow): StoredOptimisation<Request, Summary> {
    return { id, request: JSON.parse(request) as Request, state: state as OptimisationState, createdAt, updatedAt, summary: JSON.parse(summary) as Summary };
  }
}

function bytesOf(column: Float64Array): Buffer {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}

/** A copy: a Buffer from SQLite may sit at an offset no Float64Array can start at. */
function float64Of(bytes: Buffer): Float64Array {
  const column = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(column.buffer).set(bytes);
  return column;
}

function toTrial([index, params, metrics, scores, filteredBy]: TrialRow): TrialResult {
  return {
    index,
    params: JSON.parse(params) as TrialResult['params'],
    metrics: JSON.parse(metrics) as SideMetrics,
    scores: JSON.parse(scores) as (number | null)[],
    filteredBy: filteredBy as TrialResult['filteredBy'],
  };
}
