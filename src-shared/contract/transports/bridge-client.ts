/**
 * The renderer's side of the Electron transport: a ClientTransport over the surface the preload
 * exposes (`invoke(method, payload)` and `on(event, callback)`), so the renderer runs the same
 * typed client as every other front end and never touches ipcRenderer.
 */
import type { Unsubscribe } from '../rpc/define.ts';
import { failed, isRpcResult, type RpcResult } from '../rpc/errors.ts';
import type { ClientTransport } from '../rpc/transport.ts';

/** Exactly what the preload exposes to the page, and nothing else. */
export interface PreloadBridge {
  invoke(method: string, payload: unknown): Promise<RpcResult>;
  on(event: string, callback: (payload: unknown) => void): Unsubscribe;
}

export function createBridgeTransport(bridge: PreloadBridge): ClientTransport {
  const subscriptions = new Set<Unsubscribe>();
  let closed = false;
  return {
    async call(method: string, input: unknown): Promise<RpcResult> {
      if (closed) return failed('unavailable', 'This window has closed its connection to the workstation');
      try {
        const result: unknown = await bridge.invoke(method, input);
        return isRpcResult(result) ? result : failed('internal', `${method} answered with something that is not a result envelope`);
      } catch (error) {
        // ipcRenderer.invoke throws before sending when structured clone refuses the payload.
        const message = (error as Error)?.message ?? String(error);
        if (/could not be cloned/i.test(message)) return failed('invalid-input', `The request to ${method} cannot be sent: ${message}`);
        return failed('unavailable', `The workstation did not answer ${method}: ${message}`);
      }
    },
    subscribe(event, listener) {
      const unsubscribe = bridge.on(event, listener);
      subscriptions.add(unsubscribe);
      return () => {
        subscriptions.delete(unsubscribe);
        unsubscribe();
      };
    },
    close() {
      closed = true;
      for (const unsubscribe of subscriptions) unsubscribe();
      subscriptions.clear();
    },
  };
}
