/**
 * Starts the core worker thread for the Electron main process, the web host and tests, and
 * hands back a typed client over its port. Resolves once the core reports 'ready'; stop()
 * asks the core to close its services and waits for it, then terminates the thread anyway.
 */
import { Worker } from 'node:worker_threads';
import { createRpcClient } from '../../../src-shared/contract/rpc/client.ts';
import type { ClientTransport } from '../../../src-shared/contract/rpc/transport.ts';
import { workstationContract, type WorkstationClient } from '../../../src-shared/contract/workstation.ts';
import { createPortTransport } from '../../transports/worker-port.ts';
import { type CoreWorkerData, SHUTDOWN_MESSAGE } from './protocol.ts';

export interface StartCoreWorkerOptions extends CoreWorkerData {
  /** How long the core may take to report ready (default 15 s). */
  readonly startTimeoutMs?: number;
  /** How long stop() waits for a graceful close before terminating the thread (default 5 s). */
  readonly stopTimeoutMs?: number;
}

export interface CoreWorkerHandle {
  readonly client: WorkstationClient;
  readonly transport: ClientTransport;
  readonly worker: Worker;
  /** Closes the core's services (cancelling its jobs) and ends the thread; safe to call twice. */
  stop(): Promise<void>;
}

const WORKER_FILE = new URL('./core-worker.ts', import.meta.url);

export async function startCoreWorker(options: StartCoreWorkerOptions): Promise<CoreWorkerHandle> {
  const data: CoreWorkerData = { dataDir: options.dataDir, configDir: options.configDir, endpoints: options.endpoints };
  const worker = new Worker(WORKER_FILE, { workerData: data });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  // Attached before any await, so the core's first events are not missed.
  const transport = createPortTransport(worker, { peerName: 'the core worker' });
  const client = createRpcClient(workstationContract, transport, { validateOutput: process.env.NODE_ENV !== 'production' });

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!exited) {
        const stopped = new Promise<void>((resolve) => client.on('core.status', ({ state }) => state === 'stopped' && resolve()));
        worker.postMessage(SHUTDOWN_MESSAGE);
        await waitFor(Promise.race([stopped, exit]), options.stopTimeoutMs ?? 5_000);
      }
      transport.close();
      await worker.terminate();
    })();
    return stopping;
  };

  try {
    await whenReady(worker, client, options.startTimeoutMs ?? 15_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { client, transport, worker, stop };
}

/** Resolves on the core's 'ready'; rejects, saying why, when the thread fails, exits or takes too long. */
function whenReady(worker: Worker, client: WorkstationClient, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanUp = () => {
      clearTimeout(timer);
      unsubscribe();
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const fail = (message: string) => {
      cleanUp();
      reject(new Error(message));
    };
    const onError = (error: Error) => fail(`The core worker failed to start: ${error.message.split('\n', 1)[0]}`);
    const onExit = (code: number) => fail(`The core worker exited (code ${code}) before it was ready`);
    const timer = setTimeout(() => fail(`The core worker did not report ready within ${timeoutMs} ms`), timeoutMs);
    const unsubscribe = client.on('core.status', ({ state }) => {
      if (state !== 'ready') return;
      cleanUp();
      resolve();
    });
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
async function waitFor(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise.then(() => undefined, () => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
