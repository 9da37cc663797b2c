/**
 * `npm run build`: what Electron loads that is not TypeScript source. The preload becomes the
 * single CommonJS file a sandboxed preload must be (only 'electron' stays a require), and the
 * renderer is built by vite.config.ts into dist/renderer. Main itself needs no build: Electron
 * runs its TypeScript with Node's type stripping.
 */
import path from 'node:path';
import { build, type Plugin } from 'vite';
import { workstationContract } from '../../src-shared/contract/workstation.ts';
import { PRELOAD_BUNDLE, PRELOAD_SOURCE } from './layout.ts';

const CONTRACT_SOURCE = 'src-shared/contract/workstation.ts';
const RENDERER_CONFIG = 'vite.config.ts';

export async function buildApp(appRoot: string): Promise<void> {
  await buildPreload(appRoot);
  await build({ configFile: path.join(appRoot, RENDERER_CONFIG), logLevel: 'warn' });
}

/** Writes the bundle to `output` (tests build elsewhere) and returns its path. */
export async function buildPreload(appRoot: string, output = path.join(appRoot, PRELOAD_BUNDLE)): Promise<string> {
  await build({
    configFile: false,
    root: appRoot,
    logLevel: 'warn',
    plugins: [contractNamesOnly(path.join(appRoot, CONTRACT_SOURCE))],
    build: {
      outDir: path.dirname(output),
      emptyOutDir: false,
      minify: false,
      sourcemap: false,
      target: 'esnext',
      lib: { entry: path.join(appRoot, PRELOAD_SOURCE), formats: ['cjs'], fileName: () => path.basename(output) },
      rollupOptions: { external: ['electron'] },
    },
  });
  return output;
}

/**
 * The preload only asks whether a name is in the contract, so the bundle gets the contract's
 * names, taken from the real contract at build time, instead of its zod schemas: a few hundred
 * bytes in the page's privileged world instead of zod's 200 kB.
 */
function contractNamesOnly(contractFile: string): Plugin {
  const names = (table: object) => Object.fromEntries(Object.keys(table).map((name) => [name, {}]));
  const tables = { methods: names(workstationContract.methods), events: names(workstationContract.events) };
  return {
    name: 'contract-names-only',
    load: (id) => (path.resolve(id) === contractFile ? `export const workstationContract = Object.freeze(${JSON.stringify(tables)});` : null),
  };
}

if (import.meta.main) {
  await buildApp(path.resolve(import.meta.dirname, '../..'));
}
