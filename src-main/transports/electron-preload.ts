/**
 * The preload surface of the Electron transport: what `contextBridge.exposeInMainWorld` hands
 * the page. It exposes only `invoke(method, payload)` and `on(event, callback)`, and only for
 * names in the contract: any other name is refused without reaching main, and callbacks get
 * the payload alone, never Electron's event object (whose `sender` would reach into IPC).
 */
import { type ContractNames, hasEvent, hasMethod } from '../../src-shared/contract/rpc/define.ts';
import { failed, type RpcResult } from '../../src-shared/contract/rpc/errors.ts';
import { EventHub } from '../../src-shared/contract/rpc/event-hub.ts';
import type { PreloadBridge } from '../../src-shared/contract/transports/bridge-client.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from './electron-channels.ts';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export function createPreloadBridge(ipcRenderer: IpcRendererLike, contract: ContractNames): PreloadBridge {
  const hub = new EventHub();
  let subscribers = 0;
  // One IPC listener for all subscriptions, added while anyone listens.
  const onEvent: IpcListener = (_event, name, payload) => {
    if (typeof name === 'string') hub.dispatch(name, payload);
  };
  return Object.freeze({
    invoke(method: string, payload: unknown): Promise<RpcResult> {
      if (typeof method !== 'string' || !hasMethod(contract, method)) {
        return Promise.resolve(failed('unknown-method', `"${String(method)}" is not a method of this workstation`));
      }
      return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, payload) as Promise<RpcResult>;
    },
    on(event: string, callback: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !hasEvent(contract, event)) throw new TypeError(`"${String(event)}" is not an event of this workstation`);
      if (typeof callback !== 'function') throw new TypeError('on() needs a callback function');
      if (subscribers++ === 0) ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
      const unsubscribe = hub.subscribe(event, (payload) => callback(payload));
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        unsubscribe();
        if (--subscribers === 0) ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent);
      };
    },
  });
}
