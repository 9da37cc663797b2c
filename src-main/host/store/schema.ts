/**
 * The cache database's schema and connection settings. The schema evolves by an append-only
 * list of migrations; `PRAGMA user_version` records how many have run, so each runs exactly
 * once, inside its own transaction, however often the database is opened.
 *
 * Sized for 10^8 candles: a candle row is the primary key (series id, open time) plus five
 * REALs, about 58 bytes on disk, in a WITHOUT ROWID table whose primary key is its only index.
 */
import type Database from 'better-sqlite3';

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
];

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
