/**
 * A fake of the Electron pieces the IPC transport touches, since Electron cannot start here:
 * ipcMain, a window's ipcRenderer and webContents, and contextBridge. Like Electron, it copies
 * every value that crosses between processes or worlds with structured clone, hops a turn of
 * the event loop per crossing, tells the handler which frame URL sent a call, refuses a second
 * handler on one channel, and rewrites a handler's exception into a generic Error.
 */
import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEventLike, IpcMainLike, WebContentsLike } from '../../src-main/transports/electron-main.ts';
import type { IpcRendererLike } from '../../src-main/transports/electron-preload.ts';

type InvokeHandler = (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown;
type Listener = (event: unknown, ...args: unknown[]) => void;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeIpcMain implements IpcMainLike {
  readonly #handlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: InvokeHandler): void {
    if (this.#handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.#handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.#handlers.delete(channel);
  }

  /** What reaches main when a frame at `frameUrl` (null: gone) invokes `channel`. */
  async receive(frameUrl: string | null, channel: string, args: unknown[]): Promise<unknown> {
    const handler = this.#handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    try {
      return structuredClone(await handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
  }
}

export class FakeWindow {
  readonly ipcRenderer: IpcRendererLike;
  readonly webContents: WebContentsLike;
  /** The URL of the window's main frame; null once the frame is gone. */
  frameUrl: string | null;
  readonly #renderer = new EventEmitter();
  #destroyed = false;

  constructor(ipcMain: FakeIpcMain, url: string) {
    this.frameUrl = url;
    const renderer = this.#renderer;
    this.ipcRenderer = {
      invoke: async (channel, ...args) => {
        const copies = structuredClone(args);
        await nextTurn();
        const result = await ipcMain.receive(this.frameUrl, channel, copies);
        await nextTurn();
        return result;
      },
      on: (channel, listener: Listener) => renderer.on(channel, listener),
      removeListener: (channel, listener: Listener) => renderer.removeListener(channel, listener),
    };
    this.webContents = {
      send: (channel, ...args) => {
        const copies = structuredClone(args);
        setImmediate(() => renderer.emit(channel, { senderId: 0 }, ...copies));
      },
      isDestroyed: () => this.#destroyed,
    };
  }

  /** IPC listeners the preload has on `channel` in this window's renderer. */
  ipcListenerCount(channel: string): number {
    return this.#renderer.listenerCount(channel);
  }

  destroy(): void {
    this.#destroyed = true;
    this.frameUrl = null;
  }
}

/**
 * contextBridge.exposeInMainWorld as the page sees it: functions stay callable, and every
 * argument, result, resolved value and callback argument is copied between the worlds.
 */
export function exposeInMainWorld<T extends object>(api: T): T {
  const bridged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(api)) bridged[key] = typeof value === 'function' ? bridgeFunction(value) : structuredClone(value);
  return Object.freeze(bridged) as T;
}

function bridgeFunction(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const copies = args.map((arg) => (typeof arg === 'function' ? bridgeFunction(arg as (...inner: unknown[]) => unknown) : structuredClone(arg)));
    const result = fn(...copies);
    if (result instanceof Promise) return result.then((value) => structuredClone(value));
    return typeof result === 'function' ? bridgeFunction(result as (...inner: unknown[]) => unknown) : structuredClone(result);
  };
}
