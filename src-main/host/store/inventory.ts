/**
 * What the cache holds, per series: span, candle count against the count a complete series
 * would have, and the holes between the first and last candle split into real exchange
 * outages (inside downloaded ranges) and stretches never downloaded. One ordered pass over
 * each series' open times finds the holes; the count follows from them, with no second scan.
 */
import type Database from 'better-sqlite3';
import { barsBetween, nextBarOpenTime } from '../../../src-engine/intervals.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { intersectRanges, subtractRanges, type TimeRange } from './ranges.ts';

export interface SeriesInventory {
  readonly key: SeriesKey;
  /** Open time of the first and last stored candle; null when only empty ranges were fetched. */
  readonly first: number | null;
  readonly last: number | null;
  readonly count: number;
  /** Bars a complete series holds from first to last inclusive. */
  readonly expected: number;
  /** Downloaded ranges, merged. */
  readonly coverage: readonly TimeRange[];
  /** Between first and last: downloaded, yet the exchange had no candle (outages, halts). */
  readonly gaps: readonly TimeRange[];
  /** Between first and last: never downloaded. */
  readonly uncovered: readonly TimeRange[];
  /** Share of the candles table's disk size, by candle count. */
  readonly sizeBytes: number;
}

export interface StoredSeries {
  readonly id: number;
  readonly key: SeriesKey;
}

/**
 * Bytes per candle when dbstat is unavailable: record header 8, series id 1, open time 6,
 * five REALs 40, cell pointer and size varints 3.
 */
const ESTIMATED_CANDLE_BYTES = 58;
/** Open times per query when walking a series. */
const TIMES_PAGE = 65_536;

export class InventoryQueries {
  readonly #db: Database.Database;
  readonly #timesPage: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#timesPage = db
      .prepare(`SELECT open_time_ms FROM candles WHERE series_id = ? AND open_time_ms >= ? ORDER BY open_time_ms LIMIT ${TIMES_PAGE}`)
      .pluck();
  }

  build(series: readonly StoredSeries[], coverageOf: (id: number) => TimeRange[]): SeriesInventory[] {
    const rows = series.map(({ id, key }) => this.#describe(id, key, coverageOf(id)));
    const total = rows.reduce((sum, row) => sum + row.count, 0);
    const perCandle = total === 0 ? ESTIMATED_CANDLE_BYTES : (this.#candleTableBytes() ?? ESTIMATED_CANDLE_BYTES * total) / total;
    return rows.map((row) => ({ ...row, sizeBytes: Math.round(row.count * perCandle) }));
  }

  #describe(id: number, key: SeriesKey, coverage: TimeRange[]): SeriesInventory {
    const { first, last, holes } = this.#scan(id, key);
    if (first === null || last === null) {
      return { key, first: null, last: null, count: 0, expected: 0, coverage, gaps: [], uncovered: [], sizeBytes: 0 };
    }
    const span = { from: first, to: nextBarOpenTime(last, key.interval) };
    const expected = barsBetween(span.from, span.to, key.interval);
    const missingBars = holes.reduce((sum, hole) => sum + barsBetween(hole.from, hole.to, key.interval), 0);
    return {
      key,
      first,
      last,
      count: expected - missingBars,
      expected,
      coverage,
      gaps: intersectRanges(holes, coverage),
      uncovered: subtractRanges(span, coverage),
      sizeBytes: 0,
    };
  }

  /**
   * First and last open time and the runs of absent bars between them, in one ordered walk.
   * Measured on 10^6 candles: paged plucked times walked here take about 115 ms; the same
   * holes found in SQL with LAG() OVER take about 600 ms.
   */
  #scan(id: number, key: SeriesKey): { first: number | null; last: number | null; holes: TimeRange[] } {
    const holes: TimeRange[] = [];
    let first: number | null = null;
    let last: number | null = null;
    let expectedNext = Number.NaN;
    let cursor = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const times = this.#timesPage.all(id, cursor) as number[];
      for (const time of times) {
        if (time > expectedNext) holes.push({ from: expectedNext, to: time });
        expectedNext = nextBarOpenTime(time, key.interval);
      }
      if (times.length > 0) {
        first ??= times[0];
        last = times[times.length - 1];
      }
      if (times.length < TIMES_PAGE) return { first, last, holes };
      cursor = (last as number) + 1;
    }
  }

  /** Disk bytes of the candles table, or null when SQLite was built without dbstat. */
  #candleTableBytes(): number | null {
    try {
      return this.#db.prepare("SELECT SUM(pgsize) FROM dbstat WHERE name = 'candles' AND aggregate = TRUE").pluck().get() as number;
    } catch {
      return null;
    }
  }
}
