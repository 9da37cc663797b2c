/**
 * The local candle cache: one SQLite file, `candles.sqlite`, in the data directory shared by
 * the CLI and the desktop app. It stores closed candles per series together with the time
 * ranges that were downloaded (coverage), so "never fetched" and "the exchange has no candle
 * there" stay different things, plus instrument listings and funding settlements. Candles
 * are stored in columnar chunks (see candle-chunks.ts).
 *
 * A range [from, to) holds the bars whose open time lies inside it, the same convention as
 * ExchangeAdapter.fetchCandlePage. Candles and their coverage are always written in one
 * transaction, so a killed process never leaves one without the other.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { allocateCandles, type Candles } from '../../../src-engine/candles.ts';
import { barOpenTime, canResample } from '../../../src-engine/intervals.ts';
import { resampleCandles } from '../../../src-engine/resample.ts';
import {
  type Exchange,
  type FundingRate,
  type Instrument,
  type Interval,
  INTERVALS,
  type Market,
  type SeriesKey,
} from '../../../src-shared/market.ts';
import type { CandleRows } from '../exchanges/adapter.ts';
import { CandleChunks } from './candle-chunks.ts';
import { InventoryQueries, type SeriesInventory } from './inventory.ts';
import { RangeTable } from './range-table.ts';
import { alignRange, ceilBarOpenTime, subtractRanges, type TimeRange } from './ranges.ts';
import { FundingTable, InstrumentTable } from './reference-data.ts';
import { configureConnection, migrate } from './schema.ts';
import { validateCandleBatch } from './validate-batch.ts';

export const DATABASE_FILE = 'candles.sqlite';

export type InstrumentKey = Pick<SeriesKey, 'exchange' | 'market' | 'symbol'>;

export interface CandleStoreOptions {
  /** The clock that decides which bars are still forming; tests pin it. */
  readonly now?: () => number;
}

const NO_LOWER_BOUND = Number.MIN_SAFE_INTEGER;
const NO_UPPER_BOUND = Number.MAX_SAFE_INTEGER;

export class CandleStore {
  /** Absolute path of the database file. */
  readonly file: string;
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #chunks: CandleChunks;
  readonly #coverage: RangeTable;
  readonly #instruments: InstrumentTable;
  readonly #funding: FundingTable;
  readonly #inventory: InventoryQueries;
  readonly #selectSeriesId: Database.Statement;
  readonly #insertSeries: Database.Statement;
  readonly #selectSeries: Database.Statement;
  readonly #deleteSeries: Database.Statement;

  /** Opens (creating the directory and database when needed) and migrates the cache. */
  static open(dataDir: string, options: CandleStoreOptions = {}): CandleStore {
    mkdirSync(dataDir, { recursive: true });
    const file = path.resolve(dataDir, DATABASE_FILE);
    const db = new Database(file);
    try {
      configureConnection(db);
      migrate(db);
      return new CandleStore(db, file, options.now ?? Date.now);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(db: Database.Database, file: string, now: () => number) {
    this.file = file;
    this.#db = db;
    this.#now = now;
    this.#chunks = new CandleChunks(db);
    this.#coverage = new RangeTable(db, 'coverage', ['series_id']);
    this.#instruments = new InstrumentTable(db);
    this.#funding = new FundingTable(db);
    this.#inventory = new InventoryQueries(db, this.#chunks);
    const keyWhere = 'exchange = ? AND market = ? AND symbol = ? AND interval = ?';
    this.#selectSeriesId = db.prepare(`SELECT id FROM series WHERE ${keyWhere}`).pluck();
    this.#insertSeries = db.prepare('INSERT INTO series (exchange, market, symbol, interval) VALUES (?, ?, ?, ?)');
    this.#selectSeries = db.prepare('SELECT id, exchange, market, symbol, interval FROM series').raw();
    this.#deleteSeries = db.prepare(`DELETE FROM series WHERE ${keyWhere}`);
  }

  /** The one connection, shared by the repositories that keep settings, strategies and runs in the same file. */
  get connection(): Database.Database {
    return this.#db;
  }

  close(): void {
    this.#db.close();
  }

  /**
   * Runs `fn` in one transaction: every store write inside it commits or rolls back together.
   * BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that read first
   * would fail outright (SQLITE_BUSY, no retry) if another process wrote in between.
   */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn).immediate();
  }

  /**
   * Validates a batch (see validateCandleBatch), then merges the candles into the chunks they
   * fall in (a candle replaces a stored one with the same open time) and `covered` (snapped to
   * the grid, cut at the forming bar) into the series' coverage, in one transaction. A bad
   * batch throws CandleBatchError and writes nothing.
   */
  writeCandles(key: SeriesKey, rows: CandleRows, covered: TimeRange): void {
    const range = validateCandleBatch(key, rows, covered, this.#now());
    if (rows.time.length === 0 && range.to <= range.from) return;
    this.transaction(() => {
      const id = this.#seriesId(key) ?? Number(this.#insertSeries.run(key.exchange, key.market, key.symbol, key.interval).lastInsertRowid);
      this.#chunks.write(id, key.interval, rows);
      this.#coverage.add([id], range);
    });
  }

  /** Candles with open time in [from, to), ascending, as compact columns, bit for bit as written (-0 too). */
  readCandles(key: SeriesKey, from = NO_LOWER_BOUND, to = NO_UPPER_BOUND): Candles {
    return this.readCandlePage(key, from, to, Number.POSITIVE_INFINITY);
  }

  /** The first `limit` candles with open time in [from, to): lets exports stream a long series. */
  readCandlePage(key: SeriesKey, from: number, to: number, limit: number): Candles {
    return this.#snapshot(() => this.#readPage(key, from, to, limit));
  }

  #readPage(key: SeriesKey, from: number, to: number, limit: number): Candles {
    const id = this.#seriesId(key);
    return id === null ? allocateCandles(0) : this.#chunks.read(id, key.interval, from, to, limit);
  }

  /** Downloaded ranges of the series, merged and ascending. */
  coverage(key: SeriesKey): TimeRange[] {
    const id = this.#seriesId(key);
    return id === null ? [] : this.#coverage.ranges([id]);
  }

  /**
   * The parts of [from, to) not downloaded yet, on the bar grid, ending before the bar still
   * forming now (it and later bars cannot be downloaded yet).
   */
  missingRanges(key: SeriesKey, from: number, to: number): TimeRange[] {
    const request = alignRange({ from, to }, key.interval);
    const end = Math.min(request.to, barOpenTime(this.#now(), key.interval));
    if (end <= request.from) return [];
    return subtractRanges({ from: request.from, to: end }, this.coverage(key));
  }

  inventory(): SeriesInventory[] {
    return this.#snapshot(() => {
      const series = (this.#selectSeries.all() as [number, Exchange, Market, string, Interval][])
        .map(([id, exchange, market, symbol, interval]) => ({ id, key: { exchange, market, symbol, interval } }))
        .sort((a, b) => compareKeys(a.key, b.key));
      return this.#inventory.build(series, (id) => this.#coverage.ranges([id]));
    });
  }

  /**
   * Candles at `target` with open time in [from, to): the stored target series when it exists
   * and covers the request, else built from the finest stored interval that resamples to it
   * and covers the request, else from the best partial source. Built candles are never stored.
   */
  readResampled(key: InstrumentKey | SeriesKey, target: Interval, from?: number, to?: number): Candles {
    return this.#snapshot(() => this.#readResampled(key, target, from, to));
  }

  #readResampled(key: InstrumentKey, target: Interval, from: number | undefined, to: number | undefined): Candles {
    const sources = [target, ...INTERVALS.filter((interval) => canResample(interval, target))]
      .map((interval) => ({ ...pickInstrument(key), interval }))
      .filter((source) => this.#seriesId(source) !== null);
    if (sources.length === 0) return allocateCandles(0);
    const complete =
      from !== undefined && to !== undefined ? sources.find((s) => this.missingRanges(s, from, to).length === 0) : undefined;
    const source = complete ?? sources[0];
    if (source.interval === target) return this.readCandles(source, from, to);
    // Start on a target bar boundary so no leading bar is built from a fraction of its sub-bars
    // merely because the download started mid-bar.
    const start = from ?? this.coverage(source)[0]?.from;
    const fine = this.readCandles(
      source,
      start === undefined ? undefined : ceilBarOpenTime(start, target),
      to === undefined ? undefined : ceilBarOpenTime(to, target),
    );
    return resampleCandles(fine, source.interval, target);
  }

  /** Deletes a series with its candles and coverage; false when it was not stored. */
  deleteSeries(key: SeriesKey): boolean {
    return this.#deleteSeries.run(key.exchange, key.market, key.symbol, key.interval).changes > 0;
  }

  /** Bytes of the database's pages, including those still in the write-ahead log. */
  databaseSizeBytes(): number {
    const pages = this.#db.pragma('page_count', { simple: true }) as number;
    return pages * (this.#db.pragma('page_size', { simple: true }) as number);
  }

  writeInstruments(list: readonly Instrument[]): void {
    this.#instruments.write(list);
  }

  readInstruments(exchange: Exchange, market: Market): Instrument[] {
    return this.#instruments.read(exchange, market);
  }

  findInstrument(exchange: Exchange, market: Market, symbol: string): Instrument | null {
    return this.#instruments.find(exchange, market, symbol);
  }

  writeFunding(exchange: Exchange, market: Market, symbol: string, rates: readonly FundingRate[], covered: TimeRange): void {
    this.#funding.write(exchange, market, symbol, rates, covered, this.#now());
  }

  readFunding(exchange: Exchange, market: Market, symbol: string, from: number, to: number): FundingRate[] {
    return this.#funding.read(exchange, market, symbol, from, to);
  }

  fundingCoverage(exchange: Exchange, market: Market, symbol: string): TimeRange[] {
    return this.#funding.coverage(exchange, market, symbol);
  }

  /** The parts of [from, to) whose funding has not been downloaded, up to now. */
  missingFundingRanges(exchange: Exchange, market: Market, symbol: string, from: number, to: number): TimeRange[] {
    return this.#funding.missing(exchange, market, symbol, from, to, this.#now());
  }

  /**
   * Runs reads in one read transaction: in WAL mode they then see one snapshot, so a read made
   * of several queries never mixes states from before and after another process's write.
   */
  #snapshot<T>(fn: () => T): T {
    return this.#db.transaction(fn).deferred();
  }

  #seriesId(key: SeriesKey): number | null {
    const id = this.#selectSeriesId.get(key.exchange, key.market, key.symbol, key.interval) as number | undefined;
    return id ?? null;
  }
}

function pickInstrument(key: InstrumentKey): InstrumentKey {
  return { exchange: key.exchange, market: key.market, symbol: key.symbol };
}

function compareKeys(a: SeriesKey, b: SeriesKey): number {
  return (
    a.exchange.localeCompare(b.exchange) ||
    a.market.localeCompare(b.market) ||
    a.symbol.localeCompare(b.symbol) ||
    INTERVALS.indexOf(a.interval) - INTERVALS.indexOf(b.interval)
  );
}
