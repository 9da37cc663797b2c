/**
 * Where the candle cache and settings live by default: the folder Electron's
 * app.getPath('userData') returns for the desktop app, so the CLI and the app share one cache
 * without configuration.
 */
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
