/**
 * The workstation settings in the `settings` table, one row per top-level section (JSON), so a
 * section added later starts from its default without a migration. A stored section that no
 * longer passes the schema (written by another version) falls back to its default rather than
 * keeping the core from starting.
 */
import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS, type WorkstationSettings, workstationSettingsSchema } from '../../../src-shared/contract/schemas/settings.ts';

type Section = keyof WorkstationSettings;
const SECTIONS = Object.keys(workstationSettingsSchema.shape) as Section[];

export class SettingsRepository {
  readonly #db: Database.Database;
  readonly #select: Database.Statement<[], [string, string]>;
  readonly #upsert: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#select = db.prepare<[], [string, string]>('SELECT key, value FROM settings').raw();
    this.#upsert = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  read(): WorkstationSettings {
    const stored = new Map(this.#select.all());
    const settings: Record<string, unknown> = {};
    for (const section of SECTIONS) {
      const text = stored.get(section);
      const parsed = text === undefined ? undefined : workstationSettingsSchema.shape[section].safeParse(parseJson(text));
      settings[section] = parsed?.success === true ? parsed.data : structuredClone(DEFAULT_SETTINGS[section]);
    }
    return settings as WorkstationSettings;
  }

  /** Stores every section in one transaction. */
  write(settings: WorkstationSettings): void {
    this.#db.transaction(() => {
      for (const section of SECTIONS) this.#upsert.run(section, JSON.stringify(settings[section]));
    })();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
