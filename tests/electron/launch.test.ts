/**
 * `npm start` without Electron: the binary lookup over real package folders (it must never
 * reach the electron package's downloading index.js), the launcher's choice between Electron,
 * browser mode and a one-line refusal with spawn, build and the log passed in, and the real
 * script falling back to the real browser mode.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type ElectronLookup, findElectronBinary, launch, type LaunchOptions, WEB_ENTRY } from '../../src-main/electron/launch.ts';

const temp = mkdtempSync(path.join(os.tmpdir(), 'bst-launch-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** An electron package folder as npm leaves it: without the binary, or with one. */
function electronPackage(name: string, withBinary: boolean): string {
  const dir = path.join(temp, name);
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'index.js'), 'throw new Error("the launcher must not load index.js: it downloads")');
  if (withBinary) {
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    writeFileSync(path.join(dir, 'dist', 'electron'), '');
  }
  return dir;
}

type Spawned = { command: string; args: readonly string[]; env: NodeJS.ProcessEnv; child: EventEmitter };

/** Launch options whose children end as `outcome` says (an exit code, or a spawn error). */
function harness(lookup: ElectronLookup, overrides: Partial<LaunchOptions> & { webEntryExists?: boolean; outcomes?: Array<number | string> } = {}) {
  const spawned: Spawned[] = [];
  const lines: string[] = [];
  let builds = 0;
  const outcomes = [...(overrides.outcomes ?? [0])];
  const options: LaunchOptions = {
    appRoot: '/repo',
    args: ['--inspect-later'],
    env: { DISPLAY: ':0', PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' },
    platform: 'linux',
    execPath: '/usr/bin/node24',
    findElectron: () => lookup,
    fileExists: (file) => file === path.join('/repo', WEB_ENTRY) && overrides.webEntryExists === true,
    build: async () => {
      builds++;
    },
    spawn: (command, args, env) => {
      const child = new EventEmitter();
      spawned.push({ command, args, env, child });
      const outcome = outcomes.shift() ?? 0;
      setImmediate(() => (typeof outcome === 'number' ? child.emit('exit', outcome, null) : child.emit('error', Object.assign(new Error(outcome), { code: outcome }))));
      return child;
    },
    log: (line) => lines.push(line),
    ...overrides,
  };
  return { options, spawned, lines, builds: () => builds };
}

describe('finding the Electron binary', () => {
  it('reports a package whose binary was never downloaded, without loading it', () => {
    const lookup = findElectronBinary(electronPackage('no-binary', false), {});
    expect(lookup).toEqual({ reason: expect.stringContaining('never downloaded') });
  });

  it('names the binary path.txt points at, or the override folder', () => {
    const dir = electronPackage('with-binary', true);
    expect(findElectronBinary(dir, {})).toEqual({ binary: path.join(dir, 'dist', 'electron') });
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toEqual({ binary: path.join('/opt/electron', 'electron') });
  });

  it('reports a missing package and a binary deleted after download', () => {
    expect(findElectronBinary(null, {})).toEqual({ reason: 'the electron package is not installed' });
    const dir = electronPackage('deleted-binary', true);
    rmSync(path.join(dir, 'dist', 'electron'));
    expect(findElectronBinary(dir, {})).toEqual({ reason: expect.stringContaining('binary is missing') });
  });
});

describe('npm start', () => {
  const missing = findElectronBinary(electronPackage('missing', false), {});

  it('without the Electron binary: says why in one line and runs browser mode instead', async () => {
    const run = harness(missing, { webEntryExists: true, outcomes: [0] });
    expect(await launch(run.options)).toBe(0);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/^Electron cannot start: its binary was never downloaded .*; starting browser mode instead\.$/);
    expect(run.lines[0]).not.toContain('\n');
    expect(run.spawned.map(({ command, args }) => [command, args])).toEqual([['/usr/bin/node24', [path.join('/repo', WEB_ENTRY), '--inspect-later']]]);
    expect(run.builds()).toBe(0);
  });

  it('without Electron and without browser mode: one line and exit code 1', async () => {
    const run = harness(missing, { webEntryExists: false });
    expect(await launch(run.options)).toBe(1);
    expect(run.lines).toEqual([expect.stringMatching(/^Electron cannot start: .*; browser mode \(src-main\/web\/main\.ts\) is not available either\.$/)]);
    expect(run.spawned).toEqual([]);
  });

  it('without a display: browser mode, with the reason', async () => {
    const run = harness({ binary: '/e/electron' }, { webEntryExists: true, env: { PATH: '/usr/bin' } });
    expect(await launch(run.options)).toBe(0);
    expect(run.lines).toEqual(['Electron cannot start: there is no display (DISPLAY and WAYLAND_DISPLAY are unset); starting browser mode instead.']);
    expect(run.spawned[0].command).toBe('/usr/bin/node24');
  });

  it('with Electron: builds the preload, then runs the app folder in Electron and passes its exit code on', async () => {
    const run = harness({ binary: '/e/electron' }, { outcomes: [3] });
    expect(await launch(run.options)).toBe(3);
    expect(run.builds()).toBe(1);
    expect(run.lines).toEqual([]);
    expect(run.spawned).toHaveLength(1);
    const [electron] = run.spawned;
    expect([electron.command, electron.args]).toEqual(['/e/electron', ['/repo', '--inspect-later']]);
    // Left set, it would make Electron run as plain Node.
    expect(electron.env).toEqual({ DISPLAY: ':0', PATH: '/usr/bin' });
  });

  it('on Windows no display variable is needed', async () => {
    const run = harness({ binary: 'C:\\e\\electron.exe' }, { platform: 'win32', env: {} });
    expect(await launch(run.options)).toBe(0);
    expect(run.spawned[0].command).toBe('C:\\e\\electron.exe');
  });

  it('a binary that cannot be run falls back to browser mode', async () => {
    const run = harness({ binary: '/e/electron' }, { webEntryExists: true, outcomes: ['EACCES', 0] });
    expect(await launch(run.options)).toBe(0);
    expect(run.lines).toEqual(['Electron cannot start: the Electron binary could not be run (EACCES); starting browser mode instead.']);
    expect(run.spawned.map((spawn) => spawn.command)).toEqual(['/e/electron', '/usr/bin/node24']);
  });
});

describe('the npm start script itself', () => {
  // Without a display Electron cannot start on Linux, whether or not its binary was downloaded.
  it.runIf(process.platform === 'linux')('falls back to browser mode, passes the arguments on, and stops it on SIGINT', async () => {
    const dataDir = mkdtempSync(path.join(temp, 'data-'));
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const script = path.resolve(import.meta.dirname, '../../src-main/electron/launch.ts');
    const child = spawn(process.execPath, [script, '--data', dataDir, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await vi.waitFor(() => expect(stdout).toContain('running at http://127.0.0.1:'), { timeout: 20_000, interval: 50 });
    expect(stdout).toContain(`(data: ${dataDir})`);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr.split('\n')[0]).toMatch(/^Electron cannot start: .+; starting browser mode instead\.$/);
  }, 30_000);
});
