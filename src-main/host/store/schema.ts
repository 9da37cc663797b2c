/**
 * The cache database's schema and connection settings. The schema evolves by an append-only
 * list of migrations; `PRAGMA user_version` records how many have run, so each runs exactly
 * once, inside its own transaction, however often the database is opened.
 *
 * Sized for 10^8 candles: stored in columnar chunks of up to 1,024 (see candle-chunks.ts), a
 * candle takes 48 bytes on disk. Chunk rows are large (48 KiB), so `candle_chunks` is a rowid
 * table with a unique index on its key: in a WITHOUT ROWID table every step of a range scan
 * compares the whole record, BLOB included, which made reading only the chunk headers of a
 * million candles take 5-13 ms instead of 0.2 ms.
 */
import type Database from 'better-sqlite3';
import { allocateCandles } from '../../../src-engine/candles.ts';
import type { Interval } from '../../../src-shared/market.ts';
import { CandleChunks } from './candle-chunks.ts';

export interface Migration {
  readonly description: string;
  readonly up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    description: 'series, candles, coverage, instruments, funding',
    up(db) {
      db.exec(`
        CREATE TABLE series (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          exchange TEXT NOT NULL,
          market TEXT NOT NULL,
          symbol TEXT NOT NULL,
          interval TEXT NOT NULL,
          UNIQUE (exchange, market, symbol, interval)
        );
        CREATE TABLE candles (
          series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
          open_time_ms INTEGER NOT NULL,
          open REAL NOT NULL,
          high REAL NOT NULL,
          low REAL NOT NULL,
          close REAL NOT NULL,
          volume REAL NOT NULL,
          PRIMARY KEY (series_id, open_time_ms)
        ) WITHOUT ROWID;
        CREATE TABLE coverage (
          series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
          from_ms INTEGER NOT NULL,
          to_ms INTEGER NOT NULL,
          PRIMARY KEY (series_id, from_ms)
        ) WITHOUT ROWID;
        CREATE TABLE instruments (
          exchange TEXT NOT NULL,
          market TEXT NOT NULL,
          symbol TEXT NOT NULL,
          base_asset TEXT NOT NULL,
          quote_asset TEXT NOT NULL,
          status TEXT NOT NULL,
          contract_type TEXT NOT NULL,
          tick_size REAL NOT NULL,
          qty_step REAL NOT NULL,
          min_qty REAL NOT NULL,
          min_notional REAL NOT NULL,
          launch_time_ms INTEGER,
          PRIMARY KEY (exchange, market, symbol)
        ) WITHOUT ROWID;
        CREATE TABLE funding (
          exchange TEXT NOT NULL,
          market TEXT NOT NULL,
          symbol TEXT NOT NULL,
          time_ms INTEGER NOT NULL,
          rate REAL NOT NULL,
          PRIMARY KEY (exchange, market, symbol, time_ms)
        ) WITHOUT ROWID;
        CREATE TABLE funding_coverage (
          exchange TEXT NOT NULL,
          market TEXT NOT NULL,
          symbol TEXT NOT NULL,
          from_ms INTEGER NOT NULL,
          to_ms INTEGER NOT NULL,
          PRIMARY KEY (exchange, market, symbol, from_ms)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    description: 'candles as columnar chunks (candle_chunks) instead of one row per candle',
    up(db) {
      db.exec(`
        CREATE TABLE candle_chunks (
          series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
          chunk_start_ms INTEGER NOT NULL,
          bars INTEGER NOT NULL,
          first_ms INTEGER NOT NULL,
          last_ms INTEGER NOT NULL,
          data BLOB NOT NULL
        );
        CREATE UNIQUE INDEX candle_chunks_key ON candle_chunks (series_id, chunk_start_ms);
      `);
      convertCandleRows(db);
      db.exec('DROP TABLE candles');
    },
  },
  {
    description: 'settings, saved strategies, backtest runs and their trades',
    up(db) {
      // Trades are rows, one column per field: a run's ledger is read whole, but rows let a
      // later query filter or aggregate trades across runs without parsing every run's JSON.
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE strategies (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          spec TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE runs (
          id TEXT PRIMARY KEY,
          strategy_name TEXT NOT NULL,
          spec_hash TEXT NOT NULL,
          parameters TEXT NOT NULL,
          data_source TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          metrics TEXT NOT NULL
        );
        CREATE INDEX runs_created ON runs (created_at);
        CREATE TABLE run_trades (
          run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          side TEXT NOT NULL,
          qty REAL NOT NULL,
          entry_bar INTEGER NOT NULL,
          entry_time INTEGER NOT NULL,
          entry_price REAL NOT NULL,
          exit_bar INTEGER NOT NULL,
          exit_time INTEGER NOT NULL,
          exit_price REAL NOT NULL,
          entry_fee REAL NOT NULL,
          exit_fee REAL NOT NULL,
          funding REAL NOT NULL,
          pnl REAL NOT NULL,
          return_pct REAL NOT NULL,
          r_multiple REAL,
          mae_pct REAL NOT NULL,
          mfe_pct REAL NOT NULL,
          bars_held INTEGER NOT NULL,
          exit_reason TEXT NOT NULL,
          initial_stop REAL,
          initial_target REAL,
          PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    description: "a run's warnings, and what it was computed from so its charts can be rebuilt after a restart",
    up(db) {
      // replay is NULL for runs saved before: their charts cannot be rebuilt (the list and trades still show).
      db.exec(`
        ALTER TABLE runs ADD COLUMN replay TEXT;
        ALTER TABLE runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
      `);
    },
  },
  {
    description: 'optimisations, their trials as they finish, and their walk-forward windows',
    up(db) {
      // Trials are stored as each batch finishes, so a search survives a restart and resumes
      // without running them again. window_index is 0 for a plain search, the window's number in a
      // walk-forward; a window's out-of-sample run keeps its bar times and equity as raw float64 bytes.
      db.exec(`
        CREATE TABLE optimisations (
          id TEXT PRIMARY KEY,
          request TEXT NOT NULL,
          state TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          summary TEXT NOT NULL
        );
        CREATE INDEX optimisations_created ON optimisations (created_at);
        CREATE TABLE optimisation_trials (
          optimisation_id TEXT NOT NULL REFERENCES optimisations (id) ON DELETE CASCADE,
          window_index INTEGER NOT NULL,
          trial_index INTEGER NOT NULL,
          params TEXT NOT NULL,
          metrics TEXT NOT NULL,
          scores TEXT NOT NULL,
          filtered_by TEXT,
          PRIMARY KEY (optimisation_id, window_index, trial_index)
        ) WITHOUT ROWID;
        CREATE TABLE optimisation_windows (
          optimisation_id TEXT NOT NULL REFERENCES optimisations (id) ON DELETE CASCADE,
          window_index INTEGER NOT NULL,
          result TEXT NOT NULL,
          time BLOB NOT NULL,
          equity BLOB NOT NULL,
          PRIMARY KEY (optimisation_id, window_index)
        ) WITHOUT ROWID;
      `);
    },
  },
];

/** Old candle rows read per query while converting them to chunks. */
const CONVERT_PAGE = 65_536;

/**
 * Writes every series' rows of the row-per-candle table into chunks, a page at a time (about
 * 0.9 s per million rows). The dropped table's pages stay in the file as free pages, which
 * later writes reuse.
 */
function convertCandleRows(db: Database.Database): void {
  const chunks = new CandleChunks(db);
  const page = db
    .prepare(
      `SELECT open_time_ms, open, high, low, close, volume FROM candles
       WHERE series_id = ? AND open_time_ms >= ? ORDER BY open_time_ms LIMIT ${CONVERT_PAGE}`,
    )
    .raw();
  for (const [id, interval] of db.prepare('SELECT id, interval FROM series').raw().all() as [number, Interval][]) {
    for (let cursor = Number.MIN_SAFE_INTEGER; ; ) {
      const rows = page.all(id, cursor) as number[][];
      const batch = allocateCandles(rows.length);
      rows.forEach((row, i) => {
        batch.time[i] = row[0];
        batch.open[i] = row[1];
        batch.high[i] = row[2];
        batch.low[i] = row[3];
        batch.close[i] = row[4];
        batch.volume[i] = row[5];
      });
      chunks.write(id, interval, batch);
      if (rows.length < CONVERT_PAGE) break;
      cursor = batch.time[rows.length - 1] + 1;
    }
  }
}

/**
 * WAL lets the desktop app read while the CLI downloads; synchronous=NORMAL is durable
 * across application crashes (a power cut may lose the last transactions, never corrupt);
 * the busy timeout makes a second process wait for the writer instead of failing at once.
 */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  // After a large import the WAL is truncated back to 64 MiB instead of keeping its peak size.
  db.pragma('journal_size_limit = 67108864');
  // 64 MiB of page cache keeps a few million recently read candles hot between reads.
  db.pragma('cache_size = -65536');
}

/**
 * Runs the migrations the database has not seen yet, each with its user_version bump in one
 * transaction. Returns how many ran. The version is read inside the write transaction, so
 * two processes opening a fresh cache at once cannot both run the same step. A database
 * newer than this program is refused rather than written with an older idea of the schema.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) {
      throw new Error(
        `the candle cache ${db.name} has schema version ${version}, newer than this program's ` +
          `${migrations.length}; update the program`,
      );
    }
    if (version === migrations.length) return false;
    migrations[version].up(db);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  let applied = 0;
  while (step.immediate()) applied++;
  return applied;
}
