/**
 * Main's link to the core worker. The window opens at once while the core starts, so the
 * endpoint exists from the first moment: a call made while the core starts waits for it, and a
 * core that failed to start answers every call with why. Calls are validated by a relay here in
 * main (the trust boundary) before they cross to the worker. A core that dies is announced to
 * the windows as a core.status event, once, instead of leaving them waiting.
 */
import { failed } from '../../src-shared/contract/rpc/errors.ts';
import { createRelay, type RpcRelay } from '../../src-shared/contract/rpc/relay.ts';
import type { RpcEndpoint, RpcEventListener } from '../../src-shared/contract/rpc/transport.ts';
import { type WorkstationContract, workstationContract } from '../../src-shared/contract/workstation.ts';
import { type CoreWorkerHandle, startCoreWorker, type StartCoreWorkerOptions } from '../host/core-worker/index.ts';

export interface CoreConnection {
  readonly endpoint: RpcEndpoint;
  /** Closes the core gracefully (its jobs are cancelled) and ends the thread. */
  stop(): Promise<void>;
}

type StartCore = (options: StartCoreWorkerOptions) => Promise<CoreWorkerHandle>;

/** `location`: the data folder, and the default one holding config.json, which Settings writes. */
export function connectCore(location: { readonly dataDir: string; readonly configDir?: string }, start: StartCore = startCoreWorker): CoreConnection {
  const listeners = new Set<RpcEventListener>();
  const emit: RpcEventListener = (event, payload) => listeners.forEach((listener) => listener(event, payload));
  // Said once: a crash fires 'error' then 'exit', and a stop we asked for is no crash.
  let quiet = false;
  const announceCrash = (message: string) => {
    if (quiet) return;
    quiet = true;
    emit('core.status', { state: 'crashed', message, runningJobs: 0 });
  };

  const connecting: Promise<{ handle: CoreWorkerHandle; relay: RpcRelay<WorkstationContract> }> = start({ dataDir: location.dataDir, configDir: location.configDir }).then((handle) => {
    const relay = createRelay(workstationContract, handle.transport, {
      onInternalError: (error, context) => console.error(`core relay (${context}):`, error),
    });
    relay.server.subscribe(emit);
    handle.worker.on('error', (error) => announceCrash(`The core crashed: ${error.message.split('\n', 1)[0]}`));
    handle.worker.on('exit', (code) => announceCrash(`The core stopped (exit code ${code})`));
    return { handle, relay };
  });
  connecting.catch((error: unknown) => announceCrash((error as Error).message));

  return {
    endpoint: {
      async handle(method, input) {
        let relay: RpcRelay<WorkstationContract>;
        try {
          ({ relay } = await connecting);
        } catch (error) {
          return failed('unavailable', (error as Error).message);
        }
        return relay.server.handle(method, input);
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    async stop() {
      quiet = true;
      const connection = await connecting.catch(() => null);
      if (connection === null) return;
      connection.relay.close();
      await connection.handle.stop();
    },
  };
}
