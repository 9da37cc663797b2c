/**
 * The core as an RPC server: one CoreServices over the data dir, the contract's handlers over it,
 * and its job events forwarded as contract events, with core.status telling windows when the
 * core is ready and how many jobs run. Independent of the transport, so the worker entry serves
 * it on its parent port and tests can serve it in-thread.
 */
import { createRpcServer } from '../../../src-shared/contract/rpc/server.ts';
import { workstationContract, type WorkstationServer } from '../../../src-shared/contract/workstation.ts';
import { type CoreEvent, CoreServices } from '../core/index.ts';
import type { ExchangeEndpoints } from '../exchanges/index.ts';
import { isContractKind, toFinishedPayload, toProgressPayload } from './convert.ts';
import { createCoreHandlers } from './core-handlers.ts';

export interface CoreServerOptions {
  readonly dataDir: string;
  /** Where config.json goes (see CoreServicesOptions.configDir). */
  readonly configDir?: string;
  readonly endpoints?: ExchangeEndpoints;
  /** Check outputs and event payloads against the contract (development and tests). */
  readonly validateOutput: boolean;
  /** Where bugs go (an internal failure, a payload the contract refuses, a failing listener). */
  readonly log: (error: unknown, context: string) => void;
}

export interface CoreServer {
  readonly server: WorkstationServer;
  readonly services: CoreServices;
  /** Reports 'ready': call once the server is served, or the event reaches no one. */
  announceReady(): void;
  /** Reports 'stopping', closes the services (cancelling jobs), then reports 'stopped'. */
  close(): Promise<void>;
}

export function createCoreServer(options: CoreServerOptions): CoreServer {
  const { log } = options;
  // The services report from their constructor on, the server needs the services: bound late.
  let forward: (event: CoreEvent) => void = () => {};
  const services = new CoreServices({
    dataDir: options.dataDir,
    configDir: options.configDir,
    endpoints: options.endpoints,
    // The job manager rethrows a listener's error as an uncaught exception, which would end the worker.
    onEvent: (event) => {
      try {
        forward(event);
      } catch (error) {
        log(error, `forwarding ${event.type}`);
      }
    },
    onSettingsChanged: (settings) => {
      try {
        server.emit('settings.changed', settings);
      } catch (error) {
        log(error, 'settings.changed');
      }
    },
    onLiveEvent: (event) => {
      try {
        if (event.name === 'live.candles') server.emit('live.candles', event.payload);
        else server.emit('live.status', event.payload);
      } catch (error) {
        log(error, event.name);
      }
    },
  });
  const server = createRpcServer(workstationContract, createCoreHandlers(services), {
    validateOutput: options.validateOutput,
    onInternalError: log,
  });
  const status = createStatusReporter(server, services, log);

  forward = (event) => {
    if (event.type === 'job-progress') {
      const { payload } = event;
      if (isContractKind(payload.kind)) server.emit('job.progress', toProgressPayload({ ...payload, kind: payload.kind }));
      return;
    }
    status.jobsChanged();
    const finished = toFinishedPayload(event.payload);
    if (finished !== null) server.emit('job.finished', finished);
  };

  // A started job changes the count; the services report no event for it.
  const handle: WorkstationServer['handle'] = async (method, input) => {
    const result = await server.handle(method, input);
    if (result.ok && (method === 'download.start' || method === 'backtest.start')) status.jobsChanged();
    return result;
  };

  let closing: Promise<void> | null = null;
  return {
    server: { ...server, handle },
    services,
    announceReady: () => status.report('ready'),
    close() {
      closing ??= (async () => {
        status.report('stopping');
        await services.close();
        status.report('stopped', 0);
      })();
      return closing;
    },
  };
}

interface StatusReporter {
  report(state: 'ready' | 'stopping' | 'stopped', runningJobs?: number): void;
  /** Counts queued and running jobs again and reports when the count changed. */
  jobsChanged(): void;
}

function createStatusReporter(server: WorkstationServer, services: CoreServices, log: (error: unknown, context: string) => void): StatusReporter {
  let state: 'ready' | 'stopping' | 'stopped' = 'ready';
  let runningJobs = 0;
  const emit = () => {
    try {
      server.emit('core.status', { state, message: state === 'ready' ? readyMessage(runningJobs) : stateMessage(state), runningJobs });
    } catch (error) {
      log(error, 'core.status');
    }
  };
  return {
    report(next, jobs = runningJobs) {
      state = next;
      runningJobs = jobs;
      emit();
    },
    jobsChanged() {
      if (state !== 'ready') return;
      services.jobs().then(
        (jobs) => {
          const count = jobs.filter((job) => job.state === 'queued' || job.state === 'running').length;
          if (count === runningJobs || state !== 'ready') return;
          runningJobs = count;
          emit();
        },
        // Closing: the services refuse calls, and 'stopping' has been reported.
        () => {},
      );
    },
  };
}

function readyMessage(runningJobs: number): string {
  if (runningJobs === 0) return 'The core is ready';
  return runningJobs === 1 ? 'The core is running 1 job' : `The core is running ${runningJobs} jobs`;
}

function stateMessage(state: 'stopping' | 'stopped'): string {
  return state === 'stopping' ? 'The core is stopping' : 'The core has stopped';
}
