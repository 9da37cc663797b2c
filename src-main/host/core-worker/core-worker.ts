/**
 * The core worker's entry (a worker_threads thread): owns the one CoreServices (the SQLite
 * connection, the exchange clients, the jobs) and serves the workstation contract on its parent
 * port. It closes the services on a shutdown message or when the port closes, then lets the
 * thread end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { servePort } from '../../transports/worker-port.ts';
import { createCoreServer } from './core-server.ts';
import { type CoreWorkerData, isShutdownMessage } from './protocol.ts';

if (parentPort === null) throw new Error('core-worker.ts runs as a worker thread');
const port = parentPort;
const { dataDir, configDir, endpoints } = workerData as CoreWorkerData;

const log = (error: unknown, context: string): void => {
  console.error(`[core worker] ${context}:`, error);
};

const core = createCoreServer({ dataDir, configDir, endpoints, validateOutput: process.env.NODE_ENV !== 'production', log });
const stopServing = servePort(port, core.server);
core.announceReady();

let shuttingDown = false;
async function shutDown(): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  try {
    await core.close();
  } catch (error) {
    log(error, 'closing the core services');
  }
  stopServing();
  port.close();
}

port.on('message', (message: unknown) => {
  if (isShutdownMessage(message)) void shutDown();
});
port.on('close', () => void shutDown());
