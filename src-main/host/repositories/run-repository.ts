/**
 * Finished backtests in the `runs` table (manifest and metrics as JSON) with their closed trades
 * in `run_trades`, one row per trade. SQLite stores NaN as NULL, so the fields the engine leaves
 * NaN (an R multiple without a stop, no stop or target) read back as NaN: a stored trade equals
 * the simulator's.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { BacktestMetrics } from '../../../src-engine/backtest/metrics.ts';
import type { Trade } from '../../../src-engine/backtest/types.ts';
import type { RunManifest } from '../backtest/manifest.ts';
import type { RunReplay } from '../backtest/replay.ts';

export interface RunSummary {
  readonly id: string;
  readonly strategyName: string;
  readonly parameters: RunManifest['parameters'];
  readonly dataSource: string;
  readonly createdAt: number;
  readonly metrics: BacktestMetrics;
}

export interface StoredRun extends RunSummary {
  readonly manifest: RunManifest;
  readonly trades: Trade[];
  /** What the simulator warned about (e.g. orders refused by the instrument rules). */
  readonly warnings: string[];
}

export interface NewRun {
  readonly manifest: RunManifest;
  readonly metrics: BacktestMetrics;
  readonly trades: readonly Trade[];
  readonly createdAt: number;
  readonly warnings: readonly string[];
  readonly replay: RunReplay;
}

/** Trade fields in run_trades column order (after run_id and seq). */
const TRADE_FIELDS = [
  'side', 'qty', 'entryBar', 'entryTime', 'entryPrice', 'exitBar', 'exitTime', 'exitPrice', 'entryFee', 'exitFee',
  'funding', 'pnl', 'returnPct', 'rMultiple', 'maePct', 'mfePct', 'barsHeld', 'exitReason', 'initialStop', 'initialTarget',
] as const satisfies readonly (keyof Trade)[];
const NULLABLE = new Set<keyof Trade>(['rMultiple', 'initialStop', 'initialTarget']);
const TRADE_COLUMNS = TRADE_FIELDS.map((field) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(', ');

type SummaryRow = [id: string, strategyName: string, parameters: string, dataSource: string, createdAt: number, metrics: string];

export class RunRepository {
  readonly #db: Database.Database;
  readonly #list: Database.Statement<[], SummaryRow>;
  readonly #get: Database.Statement<[string], [...SummaryRow, string, string]>;
  readonly #trades: Database.Statement<[string], (string | number | null)[]>;
  readonly #insertRun: Database.Statement<unknown[]>;
  readonly #insertTrade: Database.Statement<unknown[]>;
  readonly #delete: Database.Statement<[string]>;
  readonly #replay: Database.Statement<[string], [string | null]>;
  readonly #manifest: Database.Statement<[string], [string]>;

  constructor(db: Database.Database) {
    this.#db = db;
    const summary = 'id, strategy_name, parameters, data_source, created_at, metrics';
    // rowid breaks ties between runs saved in the same millisecond, in saving order.
    this.#list = db.prepare<[], SummaryRow>(`SELECT ${summary} FROM runs ORDER BY created_at DESC, rowid DESC`).raw();
    this.#get = db.prepare<[string], [...SummaryRow, string, string]>(`SELECT ${summary}, manifest, warnings FROM runs WHERE id = ?`).raw();
    this.#trades = db.prepare<[string], (string | number | null)[]>(`SELECT ${TRADE_COLUMNS} FROM run_trades WHERE run_id = ? ORDER BY seq`).raw();
    this.#insertRun = db.prepare(
      'INSERT INTO runs (id, strategy_name, spec_hash, parameters, data_source, created_at, manifest, metrics, replay, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#replay = db.prepare<[string], [string | null]>('SELECT replay FROM runs WHERE id = ?').raw();
    this.#manifest = db.prepare<[string], [string]>('SELECT manifest FROM runs WHERE id = ?').raw();
    this.#insertTrade = db.prepare(`INSERT INTO run_trades (run_id, seq, ${TRADE_COLUMNS}) VALUES (${Array(TRADE_FIELDS.length + 2).fill('?').join(', ')})`);
    this.#delete = db.prepare('DELETE FROM runs WHERE id = ?');
  }

  /** Stores a run with its trades in one transaction; returns its new id. */
  insert(run: NewRun): string {
    const id = randomUUID();
    const { manifest } = run;
    this.#db.transaction(() => {
      this.#insertRun.run(id, manifest.strategyName, manifest.specHash, JSON.stringify(manifest.parameters), manifest.dataSource, run.createdAt, JSON.stringify(manifest), JSON.stringify(run.metrics), JSON.stringify(run.replay), JSON.stringify(run.warnings));
      run.trades.forEach((trade, seq) => this.#insertTrade.run(id, seq, ...TRADE_FIELDS.map((field) => trade[field])));
    }).immediate();
    return id;
  }

  /** Newest first. */
  list(): RunSummary[] {
    return this.#list.all().map(toSummary);
  }

  get(id: string): StoredRun | null {
    const row = this.#get.get(id);
    if (row === undefined) return null;
    const trades = this.#trades.all(id).map(toTrade);
    return { ...toSummary(row), manifest: JSON.parse(row[6]) as RunManifest, trades, warnings: JSON.parse(row[7]) as string[] };
  }

  /** The manifest alone, without reading the run's trades; null when there is no such run. */
  manifest(id: string): RunManifest | null {
    const row = this.#manifest.get(id);
    return row === undefined ? null : (JSON.parse(row[0]) as RunManifest);
  }

  /** Undefined when there is no such run; null for a run saved before replays were kept. */
  replay(id: string): RunReplay | null | undefined {
    const row = this.#replay.get(id);
    if (row === undefined) return undefined;
    return row[0] === null ? null : (JSON.parse(row[0]) as RunReplay);
  }

  /** Deletes the run and (by cascade) its trades; false when there was none. */
  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }
}

function toSummary([id, strategyName, parameters, dataSource, createdAt, metrics]: SummaryRow | [...SummaryRow, string, string]): RunSummary {
  return { id, strategyName, parameters: JSON.parse(parameters) as RunManifest['parameters'], dataSource, createdAt, metrics: JSON.parse(metrics) as BacktestMetrics };
}

function toTrade(row: (string | number | null)[]): Trade {
  const trade: Record<string, unknown> = {};
  TRADE_FIELDS.forEach((field, i) => {
    trade[field] = row[i] === null && NULLABLE.has(field) ? Number.NaN : row[i];
  });
  return trade as unknown as Trade;
}
