/**
 * The worker_threads transport between Electron main (or the web host) and the core worker.
 * Calls are multiplexed over one port by request id; structured clone carries typed arrays as
 * raw bytes. The client watches the Worker itself, so a crash or exit ends every pending and
 * later call with an 'unavailable' error that says what happened, instead of hanging.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { EventHub } from '../../src-shared/contract/rpc/event-hub.ts';
import { failed, rpcError, type RpcResult } from '../../src-shared/contract/rpc/errors.ts';
import { PendingCalls } from '../../src-shared/contract/rpc/pending-calls.ts';
import type { ClientTransport, RpcEndpoint } from '../../src-shared/contract/rpc/transport.ts';
import { asWireEvent, asWireRequest, asWireResponse, type WireEvent, type WireRequest, type WireResponse } from '../../src-shared/contract/rpc/wire.ts';

export interface PortTransportOptions {
  /** How errors name the other side: "the core worker". */
  readonly peerName?: string;
}

/** The client side, over a Worker (from the parent) or any MessagePort. */
export function createPortTransport(port: Worker | MessagePort, options: PortTransportOptions = {}): ClientTransport {
  const peer = options.peerName ?? 'the core worker';
  const pending = new PendingCalls();
  const hub = new EventHub();

  const onMessage = (message: unknown): void => {
    const response = asWireResponse(message);
    if (response !== null) {
      pending.settle(response.id, response.result);
      return;
    }
    const event = asWireEvent(message);
    if (event !== null) hub.dispatch(event.event, event.payload);
  };
  const onError = (error: Error): void => {
    pending.close(rpcError('unavailable', `${capitalise(peer)} crashed: ${error.message.split('\n', 1)[0]}`));
  };
  const onExit = (exitCode: number): void => {
    pending.close(rpcError('unavailable', `${capitalise(peer)} stopped (exit code ${exitCode})`, { exitCode }));
  };
  const onClose = (): void => pending.close(rpcError('unavailable', `The connection to ${peer} closed`));
  const onMessageError = (error: Error): void => {
    pending.close(rpcError('unavailable', `A message from ${peer} could not be read: ${error.message}`));
  };
  port.on('message', onMessage);
  port.on('messageerror', onMessageError);
  port.on('error', onError);
  port.on('exit', onExit);
  port.on('close', onClose);

  return {
    call(method: string, input: unknown): Promise<RpcResult> {
      const { id, result } = pending.open();
      if (pending.closed) return result;
      try {
        port.postMessage({ type: 'request', id, method, input } satisfies WireRequest);
      } catch (error) {
        pending.settle(id, failed('invalid-input', `The request to ${method} cannot be sent: ${(error as Error).message}`));
      }
      return result;
    },
    subscribe: (event, listener) => hub.subscribe(event, listener),
    close() {
      pending.close(rpcError('unavailable', `The connection to ${peer} was closed`));
      hub.clear();
      port.off('message', onMessage);
      port.off('messageerror', onMessageError);
      port.off('error', onError);
      port.off('exit', onExit);
      port.off('close', onClose);
    },
  };
}

/**
 * The server side, inside the worker: answers requests arriving on `port` (usually parentPort)
 * and forwards every event. Returns a function that stops serving.
 */
export function servePort(port: MessagePort, endpoint: RpcEndpoint): () => void {
  const onMessage = async (message: unknown): Promise<void> => {
    const request = asWireRequest(message);
    if (request === null) return;
    const result = await endpoint.handle(request.method, request.input);
    try {
      port.postMessage({ type: 'response', id: request.id, result } satisfies WireResponse);
    } catch (error) {
      const fallback = failed('invalid-output', `${request.method} answered with a value that cannot be sent: ${(error as Error).message}`);
      port.postMessage({ type: 'response', id: request.id, result: fallback } satisfies WireResponse);
    }
  };
  port.on('message', onMessage);
  const unsubscribe = endpoint.subscribe((event, payload) => port.postMessage({ type: 'event', event, payload } satisfies WireEvent));
  return () => {
    port.off('message', onMessage);
    unsubscribe();
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
