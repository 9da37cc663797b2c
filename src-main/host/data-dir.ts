/**
 * Where the candle cache and settings live: by default the folder Electron's
 * app.getPath('userData') returns for the desktop app, so the CLI and the app share one cache
 * without configuration; a config.json in that default folder can point elsewhere, and --data
 * overrides both.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Bybit Strategy Tester';

export interface DataDirEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
}

/**
 * Electron's appData folder joined with the product name: %APPDATA% on Windows (the roaming
 * profile), ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
export function defaultDataDir(
  environment: DataDirEnvironment = { platform: process.platform, env: process.env, homeDir: os.homedir() },
): string {
  const { platform, env, homeDir } = environment;
  let appData: string;
  if (platform === 'win32') {
    appData = nonEmpty(env.APPDATA) ?? path.join(homeDir, 'AppData', 'Roaming');
  } else if (platform === 'darwin') {
    appData = path.join(homeDir, 'Library', 'Application Support');
  } else {
    appData = nonEmpty(env.XDG_CONFIG_HOME) ?? path.join(homeDir, '.config');
  }
  return path.join(appData, PRODUCT_NAME);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The startup config: the data folder holds the SQLite database, so the choice of folder cannot
 * live in it. It lives in this small file in the default folder instead, which every launch
 * can find without being told.
 */
export const CONFIG_FILE = 'config.json';

export interface ResolveDataDirOptions {
  /** --data, which wins over everything. */
  readonly explicit?: string;
  /** The folder holding config.json (the default data folder unless a test or the portable build says otherwise). */
  readonly configDir?: string;
  /** Where a broken config.json is reported; stderr by default. */
  readonly warn?: (message: string) => void;
}

/** Config files already reported as broken, so a process says it once however often it resolves. */
const reported = new Set<string>();

/** The data folder in use: --data, else config.json's dataDir, else the default folder. */
export function resolveDataDir(options: ResolveDataDirOptions = {}): string {
  if (options.explicit !== undefined) return options.explicit;
  const configDir = options.configDir ?? defaultDataDir();
  return readConfiguredDataDir(configDir, options.warn) ?? configDir;
}

/**
 * config.json's dataDir, or undefined when there is none. A file that is not JSON, or names
 * no absolute folder, is ignored with one message: a bad config must never stop the app
 * starting, since the Settings page that would fix it lives inside.
 */
export function readConfiguredDataDir(configDir: string, warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`)): string | undefined {
  const file = path.join(configDir, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return ignored(file, `cannot be read (${(error as Error).message})`, warn);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    return ignored(file, `is not valid JSON (${(error as Error).message})`, warn);
  }
  const dataDir = typeof config === 'object' && config !== null ? (config as { dataDir?: unknown }).dataDir : undefined;
  if (typeof dataDir !== 'string' || !path.isAbsolute(dataDir)) return ignored(file, 'has no absolute "dataDir"', warn);
  return dataDir;
}

function ignored(file: string, problem: string, warn: (message: string) => void): undefined {
  if (!reported.has(file)) {
    reported.add(file);
    warn(`${file} ${problem}; ignored, using the default data folder`);
  }
  return undefined;
}
