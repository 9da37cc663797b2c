/**
 * The preload, as source under a mocked 'electron' and as the bundle Electron loads: the page
 * gets `window.bst` with invoke and on only, names outside the contract are refused
 * before IPC, and the bundle needs nothing but 'electron' (a sandboxed preload has no other
 * require).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildPreload } from '../../src-main/electron/build.ts';
import { IPC_CALL_CHANNEL } from '../../src-main/transports/electron-channels.ts';

/** What the preload hands contextBridge and sends through ipcRenderer. */
function fakeRenderer() {
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: unknown[][] = [];
  const listening: string[] = [];
  return {
    exposed,
    invoked,
    listening,
    electron: {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: null };
        },
        on: (channel: string) => listening.push(channel),
        removeListener: () => {},
      },
    },
  };
}

type Surface = { invoke: (method: string, payload: unknown) => Promise<{ ok: boolean; error?: { code: string } }>; on: (event: string, callback: () => void) => () => void };

/** The checks every form of the preload must pass. */
async function expectNarrowSurface(renderer: ReturnType<typeof fakeRenderer>) {
  expect([...renderer.exposed.keys()]).toEqual(['bst']);
  const surface = renderer.exposed.get('bst') as unknown as Surface;
  expect(Object.keys(surface).sort()).toEqual(['invoke', 'on']);
  expect(Object.values(surface).includes(renderer.electron.ipcRenderer as never)).toBe(false);

  for (const name of ['ipc.send', 'shell.openExternal', '__proto__', 'constructor']) {
    const refused = await surface.invoke(name, {});
    expect(refused.ok, name).toBe(false);
    expect(refused.error?.code).toBe('unknown-method');
  }
  expect(() => surface.on('ipc.anything', () => {})).toThrow(TypeError);
  expect(renderer.invoked).toEqual([]);

  expect((await surface.invoke('jobs.list', {})).ok).toBe(true);
  expect(renderer.invoked).toEqual([[IPC_CALL_CHANNEL, 'jobs.list', {}]]);
  const off = surface.on('job.progress', () => {});
  expect(typeof off).toBe('function');
  expect(renderer.listening).toHaveLength(1);
}

describe('preload source', () => {
  const renderer = fakeRenderer();
  beforeEach(() => {
    vi.resetModules();
    vi.doMock('electron', () => renderer.electron);
  });

  it('exposes only invoke and on, for contract names only', async () => {
    await import('../../src-main/electron/preload.ts');
    await expectNarrowSurface(renderer);
  });
});

describe('preload bundle', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bst-preload-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is one script that requires only electron and behaves like the source', async () => {
    const bundle = await buildPreload(path.resolve(import.meta.dirname, '../..'), path.join(out, 'preload.cjs'));
    const code = readFileSync(bundle, 'utf8');
    expect([...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1])).toEqual(['electron']);
    // The contract's names, not its schemas: zod stays out of the page's privileged world.
    expect(code).not.toMatch(/zod/i);
    expect(code.length).toBeLessThan(20_000);

    const renderer = fakeRenderer();
    const requested: string[] = [];
    const sandboxRequire = (name: string) => {
      requested.push(name);
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return renderer.electron;
    };
    const module = { exports: {} };
    // This realm's TypeError, so toThrow(TypeError) recognises what the bundle throws.
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, TypeError });
    expect(requested).toEqual(['electron']);
    await expectNarrowSurface(renderer);
  });
});
