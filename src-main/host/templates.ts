/** The built-in strategy templates shipped in templates/*.json, loaded and checked. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StrategySpec } from '../../src-shared/strategy/spec.ts';
import { requireStrategy } from '../../src-engine/strategy/validate.ts';

export const TEMPLATES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

export interface StrategyTemplate {
  readonly name: string;
  readonly file: string;
  readonly spec: StrategySpec;
}

const loaded = new Map<string, readonly StrategyTemplate[]>();

/**
 * Every template, sorted by name. They are files shipped with the app, so each folder is read and
 * checked once per process (a parameter sweep looks its strategy up once per backtest). A template
 * that fails validation is a bug: it throws.
 */
export function loadTemplates(directory = TEMPLATES_DIR): readonly StrategyTemplate[] {
  let templates = loaded.get(directory);
  if (templates === undefined) {
    templates = readdirSync(directory)
      .filter((file) => file.toLowerCase().endsWith('.json'))
      .map((file) => {
        const document: unknown = JSON.parse(readFileSync(path.join(directory, file), 'utf8'));
        const { spec } = requireStrategy(document);
        return { name: spec.name, file: path.join(directory, file), spec };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    loaded.set(directory, templates);
  }
  return templates;
}

export function findTemplate(name: string, directory = TEMPLATES_DIR): StrategyTemplate | undefined {
  const wanted = name.toLowerCase();
  return loadTemplates(directory).find((template) => template.name.toLowerCase() === wanted);
}
