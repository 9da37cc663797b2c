/**
 * system.setDataDirectory through the core services: the chosen folder is created and checked,
 * config.json in the config folder names it (written via a temp file, none left behind), and
 * a relative or unwritable folder is refused with the path in the message.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE } from '../../../src-main/host/data-dir.ts';
import { closeCores, startCore } from './core-support.ts';

const temps: string[] = [];
afterEach(async () => {
  await closeCores();
  for (const dir of temps.splice(0)) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bst-choose-'));
  temps.push(dir);
  return dir;
}

describe('setDataDirectory', () => {
  it('creates the folder and records it in config.json in the config folder', async () => {
    const root = tempDir();
    const configDir = path.join(root, 'default');
    const target = path.join(root, 'new', 'data');
    const { services, dataDir } = startCore(null, { configDir });
    expect((await services.info()).configuredDataDir).toBeNull();

    expect(await services.setDataDirectory(target)).toBe(target);
    expect(existsSync(target)).toBe(true);
    expect(readdirSync(target)).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(configDir, CONFIG_FILE), 'utf8'))).toEqual({ dataDir: target });
    expect(readdirSync(configDir)).toEqual([CONFIG_FILE]);
    // The folder in use stays until the next start.
    expect(await services.info()).toMatchObject({ dataDir, configuredDataDir: target });
  });

  it('refuses a relative path', async () => {
    const configDir = tempDir();
    const { services } = startCore(null, { configDir });
    const relative = path.join('some', 'data');
    await expect(services.setDataDirectory(relative)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining(relative) });
    expect(existsSync(path.join(configDir, CONFIG_FILE))).toBe(false);
  });

  it('refuses a folder it cannot create, on any platform and user', async () => {
    const root = tempDir();
    const configDir = path.join(root, 'default');
    const file = path.join(root, 'a-file');
    writeFileSync(file, '');
    const { services } = startCore(null, { configDir });
    const target = path.join(file, 'data');
    await expect(services.setDataDirectory(target)).rejects.toMatchObject({ code: 'data', message: expect.stringContaining(target) });
    expect(existsSync(path.join(configDir, CONFIG_FILE))).toBe(false);
  });

  // Windows ignores POSIX modes, and root writes through them.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('refuses a folder it cannot write to', async () => {
    const root = tempDir();
    const configDir = path.join(root, 'default');
    const locked = path.join(root, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    chmodSync(locked, 0o500);
    temps.unshift(locked);
    const { services } = startCore(null, { configDir });
    for (const target of [locked, path.join(locked, 'inside')]) {
      await expect(services.setDataDirectory(target)).rejects.toMatchObject({ code: 'data', message: expect.stringContaining(target) });
    }
    expect(existsSync(path.join(configDir, CONFIG_FILE))).toBe(false);
  });
});
