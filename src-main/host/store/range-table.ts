/**
 * Coverage bookkeeping over one SQL table of [from_ms, to_ms) rows per key: which time ranges
 * have been downloaded. Stored ranges stay merged (disjoint, non-touching), so a series
 * downloaded in ten thousand pages still has one coverage row per contiguous stretch.
 */
import type Database from 'better-sqlite3';
import { mergeRanges, type TimeRange } from './ranges.ts';

type KeyValues = readonly (string | number)[];

export class RangeTable {
  readonly #selectAll: Database.Statement;
  readonly #selectTouching: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #insert: Database.Statement;

  /** `table` and `keyColumns` are identifiers from this module's callers, never user input. */
  constructor(db: Database.Database, table: string, keyColumns: readonly string[]) {
    const where = keyColumns.map((column) => `${column} = ?`).join(' AND ');
    this.#selectAll = db.prepare(`SELECT from_ms, to_ms FROM ${table} WHERE ${where} ORDER BY from_ms`).raw();
    this.#selectTouching = db
      .prepare(`SELECT from_ms, to_ms FROM ${table} WHERE ${where} AND from_ms <= ? AND to_ms >= ? ORDER BY from_ms`)
      .raw();
    this.#delete = db.prepare(`DELETE FROM ${table} WHERE ${where} AND from_ms = ?`);
    const columns = [...keyColumns, 'from_ms', 'to_ms'];
    this.#insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  }

  ranges(key: KeyValues): TimeRange[] {
    return (this.#selectAll.all(...key) as [number, number][]).map(([from, to]) => ({ from, to }));
  }

  /** Merges `range` into the key's ranges. Call inside the transaction that writes the data. */
  add(key: KeyValues, range: TimeRange): void {
    if (range.to <= range.from) return;
    const touching = (this.#selectTouching.all(...key, range.to, range.from) as [number, number][]).map(
      ([from, to]) => ({ from, to }),
    );
    const [merged] = mergeRanges([...touching, range]);
    for (const old of touching) this.#delete.run(...key, old.from);
    this.#insert.run(...key, merged.from, merged.to);
  }
}
