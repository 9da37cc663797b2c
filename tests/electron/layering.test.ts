/**
 * The arrows TypeScript cannot enforce here. 'electron' resolves from every folder, so this
 * checks that only src-main/electron imports it: the host runs in a worker and browser mode,
 * the renderer talks only to the contract; none of them may reach for Electron. And the
 * renderer references src-engine for the live monitor's overlays (streaming indicators and a
 * strategy's signals, computed where they are drawn, tick by tick, with the very code the
 * backtester runs) and the Optimise page's grid count (the search's constraint parser), so this
 * checks it goes through src-engine/for-windows.ts and nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LAYERS = ['src-shared', 'src-engine', 'src-main', 'src-renderer', 'bin'];
const ENGINE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]*src-engine\/[^'"]*)['"]/g;
const IMPORTS_ELECTRON = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]electron(?:\/[^'"]*)?['"]/;

function sources(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((entry) => entry.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(entry.name)).map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

describe('layering', () => {
  it("only src-main/electron imports 'electron'", () => {
    const files = LAYERS.flatMap(sources);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => !file.startsWith(path.join('src-main', 'electron') + path.sep) && IMPORTS_ELECTRON.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check sees the imports that src-main/electron does have', () => {
    const electronFiles = sources(path.join('src-main', 'electron')).filter((file) => IMPORTS_ELECTRON.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(electronFiles.map((file) => path.basename(file)).sort()).toEqual(['main.ts', 'menu.ts', 'preload.ts', 'security.ts', 'single-instance.ts', 'workstation.ts']);
  });

  it('the renderer reaches src-engine only through its door, src-engine/for-windows.ts', () => {
    const files = sources('src-renderer');
    const engineImports = files.flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(ENGINE_IMPORT)].map((match) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), match[1]))),
    );
    expect(engineImports.length).toBeGreaterThan(0);
    expect(engineImports.filter((target) => target !== path.join('src-engine', 'for-windows.ts'))).toEqual([]);
  });
});
