/**
 * `npm start`: builds the preload and the renderer, then runs the desktop app in Electron.
 * Where Electron cannot start (its binary was never downloaded, or there is no display) it says
 * why in one line and runs browser mode instead, or exits 1 when browser mode is not there. It
 * never downloads anything: requiring the 'electron' package would fetch a missing binary, so
 * the binary is looked up by hand. Everything it touches is passed in, so tests run it without
 * Electron.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Browser mode's entry: the web host that serves the renderer over HTTP and WebSocket. */
export const WEB_ENTRY = 'src-main/web/main.ts';

export type ElectronLookup = { readonly binary: string } | { readonly reason: string };

export interface ChildLike {
  once(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

export interface LaunchOptions {
  /** The repository: Electron's app folder, and where browser mode's entry is looked for. */
  readonly appRoot: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  /** The Node running this script, which runs browser mode too. */
  readonly execPath: string;
  readonly findElectron: () => ElectronLookup;
  readonly fileExists: (file: string) => boolean;
  /** Builds what Electron loads that is not TypeScript source (the preload and renderer bundles). */
  readonly build: () => Promise<void>;
  readonly spawn: (command: string, args: readonly string[], env: NodeJS.ProcessEnv) => ChildLike;
  readonly log: (line: string) => void;
}

/** Resolves with the exit code for this process. */
export async function launch(options: LaunchOptions): Promise<number> {
  const lookup = options.findElectron();
  if ('reason' in lookup) return fallBack(options, lookup.reason);
  const noDisplay = missingDisplay(options.platform, options.env);
  if (noDisplay !== null) return fallBack(options, noDisplay);
  await options.build();
  // Inherited, this variable would make Electron run as plain Node.
  const env = { ...options.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const ended = await waitFor(options.spawn(lookup.binary, [options.appRoot, ...options.args], env));
  if ('error' in ended) return fallBack(options, `the Electron binary could not be run (${ended.error.code ?? ended.error.message})`);
  return ended.code;
}

/**
 * The Electron executable as the electron package would name it (path.txt inside the package,
 * ELECTRON_OVERRIDE_DIST_PATH for a local build), or why there is none.
 */
export function findElectronBinary(packageDir: string | null, env: NodeJS.ProcessEnv): ElectronLookup {
  if (packageDir === null) return { reason: 'the electron package is not installed' };
  let executable: string | undefined;
  try {
    executable = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    executable = undefined;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') return { binary: path.join(override, executable ?? 'electron') };
  if (executable === undefined || executable === '') {
    return { reason: 'its binary was never downloaded (install scripts are off; `npx install-electron` fetches it)' };
  }
  const binary = path.join(packageDir, 'dist', executable);
  return existsSync(binary) ? { binary } : { reason: `its binary is missing (${binary})` };
}

function missingDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | null {
  if (platform !== 'linux' || nonEmpty(env.DISPLAY) || nonEmpty(env.WAYLAND_DISPLAY)) return null;
  return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
}

async function fallBack(options: LaunchOptions, reason: string): Promise<number> {
  const entry = path.join(options.appRoot, WEB_ENTRY);
  if (!options.fileExists(entry)) {
    options.log(`Electron cannot start: ${reason}; browser mode (${WEB_ENTRY}) is not available either.`);
    return 1;
  }
  options.log(`Electron cannot start: ${reason}; starting browser mode instead.`);
  const ended = await waitFor(options.spawn(options.execPath, [entry, ...options.args], options.env));
  if ('error' in ended) {
    options.log(`Browser mode could not start: ${ended.error.message}`);
    return 1;
  }
  return ended.code;
}

function waitFor(child: ChildLike): Promise<{ code: number } | { error: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ error }));
    // A child killed by a signal has no exit code; the launcher still fails.
    child.once('exit', (code) => resolve({ code: code ?? 1 }));
  });
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}

function electronPackageDir(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

if (import.meta.main) {
  const appRoot = path.resolve(import.meta.dirname, '../..');
  process.exitCode = await launch({
    appRoot,
    args: process.argv.slice(2),
    env: process.env,
    platform: process.platform,
    execPath: process.execPath,
    findElectron: () => findElectronBinary(electronPackageDir(), process.env),
    fileExists: existsSync,
    // Loaded only when Electron can start: the fallback needs no bundler.
    build: async () => {
      const { buildApp } = await import('./build.ts');
      await buildApp(appRoot);
    },
    spawn: (command, args, env) => {
      const child = spawn(command, args, { stdio: 'inherit', env });
      // Listening keeps this process alive until the child has shut down. A terminal's Ctrl+C
      // already reaches the child (one process group): passing it on would make a second Ctrl+C,
      // which browser mode takes as "quit at once". Without a terminal, and for SIGTERM, only
      // this process can tell the child.
      process.on('SIGINT', () => {
        if (process.stdin.isTTY !== true) child.kill('SIGINT');
      });
      process.on('SIGTERM', () => child.kill('SIGTERM'));
      return child;
    },
    log: (line) => process.stderr.write(`${line}\n`),
  });
}
