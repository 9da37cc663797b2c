/**
 * The main-process side of the Electron transport. It is written against the few members of
 * ipcMain and webContents it uses, so it never imports 'electron' and tests drive it with a
 * fake. Every call's sender frame is checked first: a page that is not the app's own (a
 * navigation gone wrong, an embedded frame) is refused before its input is even looked at.
 */
import { failed, type RpcResult } from '../../src-shared/contract/rpc/errors.ts';
import type { RpcEndpoint } from '../../src-shared/contract/rpc/transport.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from './electron-channels.ts';

export interface IpcMainInvokeEventLike {
  /** Electron gives null when the frame has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface ElectronIpcOptions {
  /** Whether a frame at this URL may call the workstation: the app's own pages only. */
  readonly isTrustedSender: (frameUrl: string) => boolean;
}

export interface ElectronIpcHost {
  /** Sends the endpoint's events to this window from now on; returns the function that stops. */
  addWindow(webContents: WebContentsLike): () => void;
  /** Removes the IPC handler and stops all event forwarding. */
  close(): void;
}

export function serveElectronIpc(ipcMain: IpcMainLike, endpoint: RpcEndpoint, options: ElectronIpcOptions): ElectronIpcHost {
  const windows = new Set<WebContentsLike>();

  ipcMain.handle(IPC_CALL_CHANNEL, (event, method, input): Promise<RpcResult> | RpcResult => {
    if (!isTrusted(event, options)) return failed('unauthorized', 'This page is not allowed to call the workstation');
    if (typeof method !== 'string') return failed('invalid-input', 'A call must name its method');
    return endpoint.handle(method, input);
  });

  const unsubscribe = endpoint.subscribe((event, payload) => {
    let failure: { error: unknown } | null = null;
    for (const contents of windows) {
      if (contents.isDestroyed()) {
        windows.delete(contents);
        continue;
      }
      // One window that cannot take the event must not keep it from the others.
      try {
        contents.send(IPC_EVENT_CHANNEL, event, payload);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== null) throw failure.error;
  });

  return {
    addWindow(webContents) {
      windows.add(webContents);
      return () => windows.delete(webContents);
    },
    close() {
      ipcMain.removeHandler(IPC_CALL_CHANNEL);
      unsubscribe();
      windows.clear();
    },
  };
}

function isTrusted(event: IpcMainInvokeEventLike, options: ElectronIpcOptions): boolean {
  const url = event.senderFrame?.url;
  if (typeof url !== 'string') return false;
  try {
    return options.isTrustedSender(url) === true;
  } catch {
    return false;
  }
}
