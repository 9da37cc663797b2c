/**
 * Runs browser mode until told to stop: starts the web host, prints where it is, waits for the
 * abort signal (Ctrl+C or SIGTERM in main.ts), and closes everything. Every failure ends with
 * one line and a non-zero exit code, as in the CLI (BST_DEBUG=1 adds the stack).
 */
import path from 'node:path';
import { UsageError } from '../cli/usage-error.ts';
import { parseWebArgs, WEB_HELP } from './options.ts';
import { DEFAULT_STATIC_DIR, startWebHost } from './web-host.ts';

type Write = (text: string) => void;

export interface WebIo {
  readonly write: Write;
  readonly writeError: Write;
  /** Aborted to stop the host. */
  readonly signal: AbortSignal;
  /** The built renderer; dist/renderer unless a test says otherwise. */
  readonly staticDir?: string;
}

export async function runWeb(argv: readonly string[], io: WebIo): Promise<number> {
  try {
    const command = parseWebArgs(argv);
    if (command.help) {
      io.write(WEB_HELP);
      return 0;
    }
    const staticDir = io.staticDir ?? DEFAULT_STATIC_DIR;
    const host = await startWebHost({ dataDir: command.dataDir, port: command.port, endpoints: command.endpoints, staticDir });
    io.write(`Bybit Strategy Tester running at ${host.url} (data: ${path.resolve(command.dataDir)})\n`);
    // The RPC alone still serves tests and a renderer on Vite's dev server, so this is no error.
    if (!host.rendererBuilt) io.write(`No pages in ${staticDir}: run npm run build first (the RPC is served meanwhile)\n`);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await host.close();
    return 0;
  } catch (error) {
    return reportFailure(error, io.writeError);
  }
}

function reportFailure(error: unknown, writeError: Write): number {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const isUsage = error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS');
  let message = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') message = 'that port is in use; choose another --port, or leave it out for a free one';
  writeError(`web: ${message}\n`);
  if (process.env.BST_DEBUG === '1' && error instanceof Error && error.stack !== undefined) writeError(`${error.stack}\n`);
  return isUsage ? 2 : 1;
}
