/** The core worker: the contract's handlers over the core services, the server, and starting the thread. */
export { createCoreHandlers, toRpcFailure } from './core-handlers.ts';
export { type CoreServer, type CoreServerOptions, createCoreServer } from './core-server.ts';
export type { CoreWorkerData } from './protocol.ts';
export { type CoreWorkerHandle, startCoreWorker, type StartCoreWorkerOptions } from './start-core-worker.ts';
