/**
 * Playwright's global setup: makes sure dist/renderer (what the web host serves) is built from
 * the current sources. It runs `npm run build:renderer` when index.html is missing or older
 * than any file the renderer bundle is made from; .ci/run builds first, so there it is a no-op.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_INDEX = path.join(ROOT, 'dist', 'renderer', 'index.html');
/** What goes into the bundle: the renderer, the shared contract, and the build's own config. */
const INPUTS = ['src-renderer', 'src-shared', 'vite.config.ts', 'package-lock.json'];

function newestMtime(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function rendererIsStale(): boolean {
  if (!existsSync(BUILT_INDEX)) return true;
  const built = statSync(BUILT_INDEX).mtimeMs;
  return INPUTS.map((input) => path.join(ROOT, input)).some((input) => existsSync(input) && newestMtime(input) > built);
}

export default function globalSetup(): void {
  if (!rendererIsStale()) return;
  console.log('e2e: building the renderer (npm run build:renderer)');
  execFileSync('npm', ['run', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
}
