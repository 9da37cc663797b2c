/**
 * What the parent and the core worker say to each other besides RPC: the worker's start data,
 * and the shutdown request, which is not a contract call because no window may send it.
 */
import type { ExchangeEndpoints } from '../exchanges/index.ts';

export interface CoreWorkerData {
  readonly dataDir: string;
  /** The default data folder, where system.setDataDirectory writes config.json (defaultDataDir() when omitted). */
  readonly configDir?: string;
  /** Exchange base URLs (tests point them at the simulator); public endpoints by default. */
  readonly endpoints?: ExchangeEndpoints;
}

export const SHUTDOWN_MESSAGE = { type: 'core-worker.shutdown' } as const;

export function isShutdownMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SHUTDOWN_MESSAGE.type;
}
