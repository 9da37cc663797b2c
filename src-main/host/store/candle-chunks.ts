/**
 * How candles sit on disk: columnar chunks. A row of `candle_chunks` holds the candles of one
 * series whose open times fall in one fixed span of the bar grid, [chunk_start_ms,
 * chunk_start_ms + span), as one BLOB of six little-endian float64 columns (time, open, high,
 * low, close, volume) of `bars` values each, only the bars present: an outage simply leaves
 * its bars out. Reading a million candles is a thousand BLOB copies into preallocated columns
 * instead of a JS value per row and column; a write rewrites each chunk it touches.
 *
 * Every chunk holds at most CHUNK_BARS bars: the span is CHUNK_BARS bars of a fixed interval,
 * or, for the calendar month, CHUNK_BARS x 28 days (about 78 years), as no month is shorter.
 */
import os from 'node:os';
import type Database from 'better-sqlite3';
import { allocateCandles, CANDLE_FIELDS, type Candles } from '../../../src-engine/candles.ts';
import { fixedIntervalMs } from '../../../src-engine/intervals.ts';
import type { Interval } from '../../../src-shared/market.ts';
import type { CandleRows } from '../exchanges/adapter.ts';

/**
 * Bars per chunk: 48 KiB of BLOB. A download writes 1,000 bars per transaction and rewrites
 * the chunk it extends, so larger chunks cost writes; smaller ones cost reads. Measured on
 * 10^6 one-minute candles written page by page (paged write / read): 256 bars 440 / up to
 * 190 ms, 1,024 bars 480-610 / 52-57 ms, 4,096 bars 790 / 68 ms, 16,384 bars 2,400 / 46 ms.
 */
export const CHUNK_BARS = 1024;
const FIELDS = CANDLE_FIELDS.length;
const DAY = 86_400_000;

export function chunkSpanMs(interval: Interval): number {
  return CHUNK_BARS * (fixedIntervalMs(interval) ?? 28 * DAY);
}

function chunkStart(time: number, span: number): number {
  return Math.floor(time / span) * span;
}

/** The chunk row without its BLOB: enough for the inventory to skip chunks without holes. */
export interface ChunkSummary {
  readonly start: number;
  readonly bars: number;
  /** Open time of the chunk's first and last candle. */
  readonly first: number;
  readonly last: number;
}

/** The bars [begin, begin + take) of one stored chunk, still in its BLOB. */
interface ChunkPart {
  readonly data: Buffer;
  readonly bars: number;
  readonly begin: number;
  readonly take: number;
}

export class CandleChunks {
  readonly #selectData: Database.Statement;
  readonly #selectRange: Database.Statement;
  readonly #selectSummaries: Database.Statement;
  readonly #upsert: Database.Statement;

  constructor(db: Database.Database) {
    // Float64Array has the machine's byte order; the BLOBs are little-endian, as is every
    // platform Node ships for, so a big-endian machine refuses rather than misreads.
    if (os.endianness() !== 'LE') throw new Error('the candle cache needs a little-endian machine');
    this.#selectData = db.prepare('SELECT data FROM candle_chunks WHERE series_id = ? AND chunk_start_ms = ?').pluck();
    this.#selectRange = db
      .prepare(
        `SELECT bars, first_ms, last_ms, data FROM candle_chunks
         WHERE series_id = ? AND chunk_start_ms >= ? AND chunk_start_ms < ? ORDER BY chunk_start_ms`,
      )
      .raw();
    this.#selectSummaries = db
      .prepare('SELECT chunk_start_ms, bars, first_ms, last_ms FROM candle_chunks WHERE series_id = ? ORDER BY chunk_start_ms')
      .raw();
    this.#upsert = db.prepare(
      'INSERT OR REPLACE INTO candle_chunks (series_id, chunk_start_ms, bars, first_ms, last_ms, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /**
   * Merges rows (ascending, unique open times, on the interval's grid) into the series'
   * chunks; a row replaces a stored candle with the same open time. Call inside a transaction.
   */
  write(id: number, interval: Interval, rows: CandleRows): void {
    const span = chunkSpanMs(interval);
    const { time } = rows;
    for (let i = 0; i < time.length; ) {
      const start = chunkStart(time[i], span);
      let end = i + 1;
      while (end < time.length && time[end] < start + span) end++;
      const stored = this.#selectData.get(id, start) as Buffer | undefined;
      const chunk = stored === undefined ? pack(rows, i, end) : merge(toFloat64(stored), rows, i, end);
      const bars = chunk.length / FIELDS;
      const data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.#upsert.run(id, start, bars, chunk[0], chunk[bars - 1], data);
      i = end;
    }
  }

  /** The first `limit` candles with open time in [from, to), ascending. */
  read(id: number, interval: Interval, from: number, to: number, limit: number): Candles {
    if (to <= from || limit <= 0) return allocateCandles(0);
    const parts: ChunkPart[] = [];
    let total = 0;
    const rows = this.#selectRange.iterate(id, chunkStart(from, chunkSpanMs(interval)), to) as Iterable<[number, number, number, Buffer]>;
    for (const [bars, first, last, data] of rows) {
      if (first >= to) break;
      const begin = first >= from ? 0 : lowerBound(data, bars, from);
      const take = Math.min((last < to ? bars : lowerBound(data, bars, to)) - begin, limit - total);
      if (take > 0) parts.push({ data, bars, begin, take });
      total += take;
      if (total === limit) break;
    }
    return copyParts(parts, total);
  }

  summaries(id: number): ChunkSummary[] {
    return (this.#selectSummaries.all(id) as [number, number, number, number][]).map(([start, bars, first, last]) => ({
      start,
      bars,
      first,
      last,
    }));
  }

  /** Open times of the chunk starting at `start`. */
  times(id: number, start: number): Float64Array {
    const data = this.#selectData.get(id, start) as Buffer;
    return toFloat64(data.subarray(0, data.byteLength / FIELDS));
  }
}

/**
 * Copies chunk parts into fresh columns byte for byte: a byte view of the destination needs
 * no alignment, whereas a Float64Array view of a Buffer would (its byteOffset may not be a
 * multiple of 8), and bytes keep every bit, -0 included.
 */
function copyParts(parts: readonly ChunkPart[], total: number): Candles {
  const out = allocateCandles(total);
  const targets = CANDLE_FIELDS.map((field) => new Uint8Array(out[field].buffer));
  let at = 0;
  for (const { data, bars, begin, take } of parts) {
    for (let f = 0; f < FIELDS; f++) {
      const offset = (f * bars + begin) * 8;
      targets[f].set(data.subarray(offset, offset + take * 8), at * 8);
    }
    at += take;
  }
  return out;
}

/** Index of the chunk's first bar opening at or after `time` (`bars` when none does). */
function lowerBound(data: Buffer, bars: number, time: number): number {
  let lo = 0;
  let hi = bars;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (data.readDoubleLE(mid * 8) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An aligned copy of a BLOB as float64 values. */
function toFloat64(blob: Buffer): Float64Array {
  const values = new Float64Array(blob.byteLength / 8);
  new Uint8Array(values.buffer).set(blob);
  return values;
}

function columnsOf(rows: CandleRows): Float64Array[] {
  return CANDLE_FIELDS.map((field) => rows[field]);
}

/** Rows [from, to) as a chunk: the six columns one after another. */
function pack(rows: CandleRows, from: number, to: number): Float64Array {
  const n = to - from;
  const chunk = new Float64Array(FIELDS * n);
  columnsOf(rows).forEach((column, f) => chunk.set(column.subarray(from, to), f * n));
  return chunk;
}

/** A stored chunk with rows [from, to) merged in by open time; rows win ties. */
function merge(stored: Float64Array, rows: CandleRows, from: number, to: number): Float64Array {
  const n = stored.length / FIELDS;
  const { time } = rows;
  let size = 0;
  for (let a = 0, b = from; a < n || b < to; size++) {
    if (b === to || (a < n && stored[a] < time[b])) a++;
    else {
      if (a < n && stored[a] === time[b]) a++;
      b++;
    }
  }
  const chunk = new Float64Array(FIELDS * size);
  const columns = columnsOf(rows);
  for (let k = 0, a = 0, b = from; k < size; k++) {
    if (b === to || (a < n && stored[a] < time[b])) {
      for (let f = 0; f < FIELDS; f++) chunk[f * size + k] = stored[f * n + a];
      a++;
    } else {
      if (a < n && stored[a] === time[b]) a++;
      for (let f = 0; f < FIELDS; f++) chunk[f * size + k] = columns[f][b];
      b++;
    }
  }
  return chunk;
}
