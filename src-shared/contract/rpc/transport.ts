/**
 * The two faces of every transport. A client transport carries one call to the other side
 * and brings its envelope back, and delivers events by name. A server-side transport binds an
 * RpcEndpoint (what createRpcServer returns, or a relay) to a channel: a MessagePort, Electron
 * IPC, a WebSocket. Neither face ever throws across the channel: failures are envelopes.
 */
import type { Unsubscribe } from './define.ts';
import type { RpcResult } from './errors.ts';

export type RpcEventListener = (event: string, payload: unknown) => void;

export interface ClientTransport {
  /**
   * Sends one call and resolves with the envelope; never rejects. A value that cannot be sent
   * ends as 'invalid-input', a lost peer as 'unavailable'.
   */
  call(method: string, input: unknown): Promise<RpcResult>;
  subscribe(event: string, listener: (payload: unknown) => void): Unsubscribe;
  /** Stops using the channel: pending calls end as 'unavailable', listeners are dropped. */
  close(): void;
}

/** What a server-side transport serves. */
export interface RpcEndpoint {
  /** Validates, runs and answers one call; never rejects. */
  handle(method: string, input: unknown): Promise<RpcResult>;
  /** Every event the endpoint emits, in emission order. */
  subscribe(listener: RpcEventListener): Unsubscribe;
}
