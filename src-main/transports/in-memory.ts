/**
 * The in-memory transport: a client wired straight to an endpoint in the same thread, for tests
 * and the CLI. Every input, envelope and event still goes through structuredClone, so a value
 * that could not cross a real transport (a function, a class instance's methods, a shared
 * reference) fails here too instead of working by accident.
 */
import { EventHub } from '../../src-shared/contract/rpc/event-hub.ts';
import { failed, type RpcResult } from '../../src-shared/contract/rpc/errors.ts';
import type { ClientTransport, RpcEndpoint } from '../../src-shared/contract/rpc/transport.ts';

export function createInMemoryTransport(endpoint: RpcEndpoint): ClientTransport {
  const hub = new EventHub();
  let closed = false;
  // Delivered in a microtask, as any real transport delivers after the emitter has moved on.
  const unsubscribe = endpoint.subscribe((event, payload) => {
    const copy = structuredClone(payload);
    queueMicrotask(() => {
      if (!closed) hub.dispatch(event, copy);
    });
  });
  return {
    async call(method: string, input: unknown): Promise<RpcResult> {
      if (closed) return failed('unavailable', 'The in-memory connection is closed');
      let copy: unknown;
      try {
        copy = structuredClone(input);
      } catch (error) {
        return failed('invalid-input', `The request to ${method} cannot be sent: ${(error as Error).message}`);
      }
      const result = await endpoint.handle(method, copy);
      try {
        return structuredClone(result);
      } catch (error) {
        return failed('invalid-output', `${method} answered with a value that cannot be sent: ${(error as Error).message}`);
      }
    },
    subscribe: (event, listener) => hub.subscribe(event, listener),
    close() {
      closed = true;
      unsubscribe();
      hub.clear();
    },
  };
}
