/**
 * Browser mode's host: the core worker behind one HTTP server on 127.0.0.1 that serves the
 * built renderer and, on /rpc, the workstation contract over WebSocket. The WebSocket side
 * (per-launch token, Origin limited to this server's own) relays to the core through
 * createRelay, so input from the browser is validated here, at the trust boundary, before it
 * reaches the core. The desktop app differs only in the transport.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { createRelay } from '../../src-shared/contract/rpc/relay.ts';
import { MAX_UPLOAD_BYTES } from '../../src-shared/contract/schemas/upload.ts';
import { workstationContract } from '../../src-shared/contract/workstation.ts';
import { startCoreWorker } from '../host/core-worker/index.ts';
import type { ExchangeEndpoints } from '../host/exchanges/index.ts';
import { createLaunchToken, startWebSocketRpcServer, type WebSocketRpcServer } from '../transports/websocket-server.ts';
import { createStaticSite } from './static-files.ts';

/** Vite's output for the renderer, relative to the project root. */
export const DEFAULT_STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'renderer');

export interface WebHostOptions {
  /** Where candles.sqlite and the settings live. */
  readonly dataDir: string;
  /** Where Settings records a new data folder (config.json); the default data folder unless a test says otherwise. */
  readonly configDir?: string;
  /** A fixed port; a free one is picked when omitted or 0. */
  readonly port?: number;
  /** Exchange base URLs (tests point them at the simulator). */
  readonly endpoints?: ExchangeEndpoints;
  /** The built renderer; dist/renderer by default. */
  readonly staticDir?: string;
  /** Where failures that are bugs go (a relay error, a crashed core); console.error by default. */
  readonly log?: (message: string, error?: unknown) => void;
}

export interface WebHost {
  /**
   * `http://127.0.0.1:PORT/#token=TOKEN`: the renderer reads the token from the fragment,
   * which the browser never sends, so it stays out of request lines and logs.
   */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Whether staticDir held index.html at start; without it only the RPC is useful. */
  readonly rendererBuilt: boolean;
  /** The core worker thread, so a caller can watch it end. */
  readonly worker: Worker;
  /** Closes every connection, stops listening, and stops the core worker; safe to call twice. */
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? ((message, error) => (error === undefined ? console.error(message) : console.error(message, error)));
  const staticDir = path.resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const core = await startCoreWorker({ dataDir: options.dataDir, configDir: options.configDir, endpoints: options.endpoints });
  const relay = createRelay(workstationContract, core.transport, {
    onInternalError: (error, context) => log(`web host relay (${context}):`, error),
  });

  // Said once: a crash fires 'error' then 'exit', and a stop we asked for is no crash.
  let stopping = false;
  const announce = (message: string) => {
    if (stopping) return;
    stopping = true;
    log(message);
    relay.server.emit('core.status', { state: 'crashed', message, runningJobs: 0 });
  };
  core.worker.on('error', (error) => announce(`The core crashed: ${error.message.split('\n', 1)[0]}`));
  core.worker.on('exit', (code) => announce(`The core stopped (exit code ${code})`));

  const token = createLaunchToken();
  let server: WebSocketRpcServer;
  try {
    server = await startWebSocketRpcServer({
      endpoint: relay.server,
      token,
      port: options.port,
      onHttpRequest: createStaticSite(staticDir),
      // cache.import uploads files: each arrives as one binary message, up to the contract's limit.
      maxIncomingBytes: MAX_UPLOAD_BYTES,
    });
  } catch (error) {
    stopping = true;
    relay.close();
    await core.stop();
    throw error;
  }

  let closing: Promise<void> | null = null;
  return {
    url: `${server.httpOrigin}/#token=${encodeURIComponent(token)}`,
    port: server.port,
    token,
    rendererBuilt: existsSync(path.join(staticDir, 'index.html')),
    worker: core.worker,
    close() {
      closing ??= (async () => {
        stopping = true;
        await server.close();
        relay.close();
        await core.stop();
      })();
      return closing;
    },
  };
}
