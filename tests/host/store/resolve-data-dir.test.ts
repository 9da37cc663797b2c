/**
 * The data folder's precedence: --data, then config.json in the default folder, then the
 * default folder itself; a config.json that is broken or names a relative path is ignored with
 * one message, never fatal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirOption } from '../../../src-main/cli/series-options.ts';
import { CONFIG_FILE, resolveDataDir } from '../../../src-main/host/data-dir.ts';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh default folder, holding `config` as config.json when given. */
function configDir(config?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bst-config-'));
  temps.push(dir);
  if (config !== undefined) writeFileSync(path.join(dir, CONFIG_FILE), config);
  return dir;
}

const chosen = path.join(tmpdir(), 'bst-chosen-data');
const explicit = path.join(tmpdir(), 'bst-explicit-data');

describe('resolveDataDir', () => {
  it('prefers --data, then config.json, then the default folder', () => {
    const withConfig = configDir(JSON.stringify({ dataDir: chosen }));
    expect(resolveDataDir({ explicit, configDir: withConfig })).toBe(explicit);
    expect(resolveDataDir({ configDir: withConfig })).toBe(chosen);
    const empty = configDir();
    expect(resolveDataDir({ configDir: empty })).toBe(empty);
  });

  it('ignores a config.json that is not JSON, saying so once', () => {
    const dir = configDir('{ "dataDir": ');
    const messages: string[] = [];
    const warn = (message: string) => messages.push(message);
    expect(resolveDataDir({ configDir: dir, warn })).toBe(dir);
    expect(resolveDataDir({ configDir: dir, warn })).toBe(dir);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(path.join(dir, CONFIG_FILE));
    expect(messages[0]).toContain('not valid JSON');
  });

  it('ignores a relative dataDir, or none, with a message', () => {
    for (const config of [JSON.stringify({ dataDir: path.join('relative', 'data') }), JSON.stringify({ other: 1 }), '[]']) {
      const dir = configDir(config);
      const messages: string[] = [];
      expect(resolveDataDir({ configDir: dir, warn: (message) => messages.push(message) })).toBe(dir);
      expect(messages).toEqual([`${path.join(dir, CONFIG_FILE)} has no absolute "dataDir"; ignored, using the default data folder`]);
    }
  });
});

describe('the CLI --data option', () => {
  it('falls back to the folder config.json names', () => {
    const dir = configDir(JSON.stringify({ dataDir: chosen }));
    expect(dataDirOption(explicit, dir)).toBe(explicit);
    expect(dataDirOption(undefined, dir)).toBe(chosen);
    expect(dataDirOption(undefined, configDir())).not.toBe(chosen);
  });
});
