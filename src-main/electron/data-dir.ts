/**
 * Where the desktop app keeps everything it writes (the candle cache and Chromium's profile):
 * the userData folder the app sets at start, unless config.json there names another folder for
 * the candle cache (Chromium's profile stays in userData). Installed, that is appData joined with the product
 * name, the folder the CLI's defaultDataDir names too, so both share one cache whatever the
 * package.json name says. The portable exe keeps it in a folder next to the executable
 * instead, so it leaves nothing behind on the machine it ran from.
 */
import path from 'node:path';
import { PRODUCT_NAME, resolveDataDir } from '../host/data-dir.ts';

/** The portable build's data folder, beside the exe. */
export const PORTABLE_DATA_FOLDER = `${PRODUCT_NAME} Data`;

/** PORTABLE_EXECUTABLE_DIR is set by electron-builder's portable launcher: the exe's folder. */
export function resolveUserDataDir(env: NodeJS.ProcessEnv, appData: string): string {
  const portableDir = env.PORTABLE_EXECUTABLE_DIR;
  return portableDir === undefined || portableDir === '' ? path.join(appData, PRODUCT_NAME) : path.join(portableDir, PORTABLE_DATA_FOLDER);
}

export interface DesktopDataLocation {
  /** userData: Chromium's profile and config.json, the default location (portable rule included). */
  readonly userData: string;
  /** Where the candle cache lives: config.json's dataDir, else userData. */
  readonly dataDir: string;
}

export function resolveDataLocation(env: NodeJS.ProcessEnv, appData: string): DesktopDataLocation {
  const userData = resolveUserDataDir(env, appData);
  return { userData, dataDir: resolveDataDir({ configDir: userData }) };
}
