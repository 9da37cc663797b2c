/**
 * A fake of the Electron main-process modules startWorkstation uses, since Electron cannot
 * start here. It keeps Electron's rules that the wiring depends on: privileged schemes and the
 * userData path only before 'ready', 'web-contents-created' for every new window, a navigation
 * that is stopped only by preventDefault, one handler per IPC channel, and the sender frame's
 * URL on every IPC call.
 */
import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEventLike } from '../../src-main/transports/electron-main.ts';
import type { ElectronMain } from '../../src-main/electron/workstation.ts';

type InvokeHandler = (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown;
type WindowOpenHandler = (details: { url: string }) => { action: string };
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;

export class FakeWebContents extends EventEmitter {
  readonly sent: unknown[][] = [];
  #windowOpenHandler: WindowOpenHandler | null = null;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.#windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }

  isDestroyed(): boolean {
    return false;
  }

  /** The page navigating its main frame; true when a listener prevented it. */
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { url, isMainFrame: true, preventDefault: () => (prevented = true) });
    return prevented;
  }

  /** window.open from the page, as the window-open handler answers it. */
  open(url: string): { action: string } {
    if (this.#windowOpenHandler === null) return { action: 'allow' };
    return this.#windowOpenHandler({ url });
  }
}

export class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>([['appData', '/home/trader/.config']]);
  hasLock = true;
  isPackaged = false;
  appPath = '/opt/workstation';
  quitCalls = 0;
  userModelId: string | null = null;
  #ready = false;
  #quitPrevented = false;
  #resolveReady: () => void = () => {};
  readonly #whenReady = new Promise<void>((resolve) => (this.#resolveReady = resolve));

  get isReady(): boolean {
    return this.#ready;
  }

  /** Electron finishing its start-up: 'ready' fires and whenReady resolves. */
  becomeReady(): void {
    this.#ready = true;
    this.emit('ready');
    this.#resolveReady();
  }

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }

  /** Electron's quit: 'will-quit', unless a listener prevents it. */
  quit(): void {
    this.quitCalls++;
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    this.#quitPrevented = prevented;
  }

  /** Whether the last quit was held back by a 'will-quit' listener. */
  quitHeldBack(): boolean {
    return this.#quitPrevented;
  }

  whenReady(): Promise<void> {
    return this.#whenReady;
  }

  getPath(name: string): string {
    const value = this.paths.get(name);
    if (value === undefined) throw new Error(`Failed to get '${name}' path`);
    return value;
  }

  setPath(name: string, value: string): void {
    if (name === 'userData' && this.#ready) throw new Error('the fake insists: userData is fixed once ready');
    this.paths.set(name, value);
  }

  getAppPath(): string {
    return this.appPath;
  }

  getVersion(): string {
    return '0.1.0';
  }

  setAppUserModelId(id: string): void {
    this.userModelId = id;
  }

  setAboutPanelOptions(): void {}
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  minimized = false;
  shown = 0;
  focused = 0;
  readonly options: Record<string, unknown>;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }

  show(): void {
    this.shown++;
  }

  focus(): void {
    this.focused++;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }
}

export class FakeIpcMain {
  readonly #handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.#handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.#handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.#handlers.delete(channel);
  }

  hasHandler(channel: string): boolean {
    return this.#handlers.has(channel);
  }

  /** A call on `channel` from a frame at `frameUrl`. */
  async invoke(frameUrl: string, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.#handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: { url: frameUrl } }, ...args);
  }
}

export class FakeSession {
  requestHandler: PermissionRequestHandler | null = null;
  checkHandler: ((...args: unknown[]) => boolean) | null = null;
  deviceHandler: ((...args: unknown[]) => boolean) | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.checkHandler = handler;
  }

  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.deviceHandler = handler;
  }
}

export function createFakeElectron() {
  const app = new FakeApp();
  const windows: FakeBrowserWindow[] = [];
  const privilegedSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const opened: string[] = [];
  const menu: { template: unknown[] | null } = { template: null };
  const session = new FakeSession();
  const ipcMain = new FakeIpcMain();

  class BrowserWindow extends FakeBrowserWindow {
    constructor(options: Record<string, unknown>) {
      super(options);
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }

  const modules = {
    app,
    BrowserWindow,
    ipcMain,
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: (built: { template: unknown[] }) => {
        menu.template = built.template;
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown[]) {
        if (app.isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, handler: (request: Request) => Promise<Response>) {
        if (!app.isReady) throw new Error('protocol.handle needs the app to be ready');
        protocolHandlers.set(scheme, handler);
      },
    },
    session: { defaultSession: session },
    shell: {
      openExternal: (url: string) => {
        opened.push(url);
        return Promise.resolve();
      },
    },
  };

  return {
    app,
    /** Electron's BrowserWindow: each new one is recorded and its webContents announced. */
    BrowserWindow: BrowserWindow as new (options: Record<string, unknown>) => FakeBrowserWindow,
    ipcMain,
    session,
    windows,
    privilegedSchemes,
    protocolHandlers,
    opened,
    menu,
    /** The modules as startWorkstation takes them: a fake is structurally partial, hence the cast. */
    electron: modules as unknown as ElectronMain,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Lets the promise chains started by an event run to the end. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
