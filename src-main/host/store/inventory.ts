/**
 * What the cache holds, per series: span, candle count against the count a complete series
 * would have, and the holes between the first and last candle split into real exchange
 * outages (inside downloaded ranges) and stretches never downloaded. The holes come from the
 * chunk rows alone (first, last and count of each chunk) except inside a chunk that misses
 * bars, the only kind whose open times are read.
 */
import type Database from 'better-sqlite3';
import { barsBetween, nextBarOpenTime } from '../../../src-engine/intervals.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import type { CandleChunks } from './candle-chunks.ts';
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
  /** Share of the candle chunks' disk size, by candle count. */
  readonly sizeBytes: number;
}

export interface StoredSeries {
  readonly id: number;
  readonly key: SeriesKey;
}

/**
 * Bytes per candle when dbstat is unavailable: six float64 values, plus a full chunk's row
 * header, keys and index entry (under 100 bytes) spread over its 1,024 candles.
 */
const ESTIMATED_CANDLE_BYTES = 48.1;

export class InventoryQueries {
  readonly #db: Database.Database;
  readonly #chunks: CandleChunks;

  constructor(db: Database.Database, chunks: CandleChunks) {
    this.#db = db;
    this.#chunks = chunks;
  }

  build(series: readonly StoredSeries[], coverageOf: (id: number) => TimeRange[]): SeriesInventory[] {
    const rows = series.map(({ id, key }) => this.#describe(id, key, coverageOf(id)));
    const total = rows.reduce((sum, row) => sum + row.count, 0);
    const perCandle = total === 0 ? ESTIMATED_CANDLE_BYTES : (this.#candleTableBytes() ?? ESTIMATED_CANDLE_BYTES * total) / total;
    return rows.map((row) => ({ ...row, sizeBytes: Math.round(row.count * perCandle) }));
  }

  #describe(id: number, key: SeriesKey, coverage: TimeRange[]): SeriesInventory {
    const { first, last, count, holes } = this.#scan(id, key);
    if (first === null || last === null) {
      return { key, first: null, last: null, count: 0, expected: 0, coverage, gaps: [], uncovered: [], sizeBytes: 0 };
    }
    const span = { from: first, to: nextBarOpenTime(last, key.interval) };
    return {
      key,
      first,
      last,
      count,
      expected: barsBetween(span.from, span.to, key.interval),
      coverage,
      gaps: intersectRanges(holes, coverage),
      uncovered: subtractRanges(span, coverage),
      sizeBytes: 0,
    };
  }

  /**
   * First and last open time, candle count and the runs of absent bars between them, in one
   * ordered walk over the chunks. A chunk holding every bar from its first to its last has no
   * hole inside, so only the times of chunks with outages are read.
   */
  #scan(id: number, key: SeriesKey): { first: number | null; last: number | null; count: number; holes: TimeRange[] } {
    const holes: TimeRange[] = [];
    let first: number | null = null;
    let last: number | null = null;
    let count = 0;
    let expectedNext = Number.NaN;
    const step = (time: number): void => {
      if (time > expectedNext) holes.push({ from: expectedNext, to: time });
      expectedNext = nextBarOpenTime(time, key.interval);
    };
    for (const chunk of this.#chunks.summaries(id)) {
      if (chunk.bars === barsBetween(chunk.first, nextBarOpenTime(chunk.last, key.interval), key.interval)) {
        step(chunk.first);
        expectedNext = nextBarOpenTime(chunk.last, key.interval);
      } else {
        for (const time of this.#chunks.times(id, chunk.start)) step(time);
      }
      first ??= chunk.first;
      last = chunk.last;
      count += chunk.bars;
    }
    return { first, last, count, holes };
  }

  /** Disk bytes of the candle chunks and their index, or null when SQLite was built without dbstat. */
  #candleTableBytes(): number | null {
    try {
      return this.#db
        .prepare(
          `SELECT SUM(pgsize) FROM dbstat WHERE aggregate = TRUE
           AND name IN (SELECT name FROM sqlite_schema WHERE tbl_name = 'candle_chunks')`,
        )
        .pluck()
        .get() as number;
    } catch {
      return null;
    }
  }
}
