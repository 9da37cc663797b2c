/**
 * system.setDataDirectory's work: check the chosen folder can hold the cache, then record it in
 * config.json in the default folder, which the next start reads (see resolveDataDir). Nothing
 * is moved: the database open now stays where it is until the app starts again.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../data-dir.ts';
import { CoreError } from './errors.ts';

/** Validates `target`, creating it when missing, and writes config.json into `configDir`; answers the folder. */
export function chooseDataDirectory(target: string, configDir: string): string {
  if (!path.isAbsolute(target)) throw new CoreError('invalid-input', `the data folder must be an absolute path: ${target}`);
  const dataDir = path.normalize(target);
  try {
    mkdirSync(dataDir, { recursive: true });
    // Creating a file is the only check every platform answers truly (access() ignores ACLs on Windows).
    const probe = path.join(dataDir, `.bst-write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new CoreError('data', `cannot write to the data folder ${dataDir}: ${(error as Error).message}`, { cause: error });
  }
  writeConfigAtomically(configDir, { dataDir });
  return dataDir;
}

/** Temp file then rename, so a crash mid-write never leaves the next start a half-written config. */
function writeConfigAtomically(configDir: string, config: { dataDir: string }): void {
  const file = path.join(configDir, CONFIG_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CoreError('data', `cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}
