/** Saved strategy documents in the `strategies` table, by id; the document is stored as JSON. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { StrategySpec } from '../../../src-shared/strategy/spec.ts';

export interface SavedStrategyInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface SavedStrategy extends SavedStrategyInfo {
  readonly spec: StrategySpec;
}

type Row = [id: string, name: string, createdAt: number, updatedAt: number];

export class StrategyRepository {
  readonly #list: Database.Statement<[], Row>;
  readonly #get: Database.Statement<[string], [...Row, string]>;
  readonly #insert: Database.Statement<[string, string, string, number, number]>;
  readonly #update: Database.Statement<[string, string, number, string]>;
  readonly #delete: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    const columns = 'id, name, created_at, updated_at';
    this.#list = db.prepare<[], Row>(`SELECT ${columns} FROM strategies ORDER BY name COLLATE NOCASE, id`).raw();
    this.#get = db.prepare<[string], [...Row, string]>(`SELECT ${columns}, spec FROM strategies WHERE id = ?`).raw();
    this.#insert = db.prepare('INSERT INTO strategies (id, name, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    this.#update = db.prepare('UPDATE strategies SET name = ?, spec = ?, updated_at = ? WHERE id = ?');
    this.#delete = db.prepare('DELETE FROM strategies WHERE id = ?');
  }

  list(): SavedStrategyInfo[] {
    return this.#list.all().map(toInfo);
  }

  get(id: string): SavedStrategy | null {
    const row = this.#get.get(id);
    return row === undefined ? null : { ...toInfo(row), spec: JSON.parse(row[4]) as StrategySpec };
  }

  /** A new strategy under a fresh id. */
  insert(spec: StrategySpec, now: number): SavedStrategyInfo {
    const id = randomUUID();
    this.#insert.run(id, spec.name, JSON.stringify(spec), now, now);
    return { id, name: spec.name, createdAt: now, updatedAt: now };
  }

  /** Replaces a saved strategy's document; null when there is no such id. */
  update(id: string, spec: StrategySpec, now: number): SavedStrategyInfo | null {
    if (this.#update.run(spec.name, JSON.stringify(spec), now, id).changes === 0) return null;
    return this.#info(id);
  }

  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }

  #info(id: string): SavedStrategyInfo | null {
    const row = this.#get.get(id);
    return row === undefined ? null : toInfo(row);
  }
}

function toInfo([id, name, createdAt, updatedAt]: Row | [...Row, string]): SavedStrategyInfo {
  return { id, name, createdAt, updatedAt };
}
