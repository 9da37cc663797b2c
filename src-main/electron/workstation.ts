/**
 * The desktop app's main process, wired from its parts: the app:// scheme, one instance per
 * user, the data folder, guards on every webContents, a session that grants nothing but
 * notifications to our pages, the menu, the core worker behind the IPC transport, the
 * workstation window and the live monitor window (one at most, opened from the menu or by the
 * workstation page asking for its address). Electron's modules come in as a parameter, so tests
 * run all of it against a fake.
 */
import path from 'node:path';
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Menu, Protocol, Session, Shell } from 'electron';
import { PRODUCT_NAME } from '../host/data-dir.ts';
import { type IpcMainLike, serveElectronIpc } from '../transports/electron-main.ts';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, isAppUrl, MONITOR_URL } from './app-protocol.ts';
import type { CoreConnection } from './core-connection.ts';
import { resolveDataLocation } from './data-dir.ts';
import { PRELOAD_BUNDLE, RENDERER_DIR } from './layout.ts';
import { buildMenuTemplate } from './menu.ts';
import { claimSingleInstance } from './single-instance.ts';
import { denyAllPermissions, guardWebContents, workstationWebPreferences } from './security.ts';

/** Windows groups the taskbar and notifications by this; electron-builder.yml's appId. */
export const APP_ID = 'com.bybit-strategy-tester.workstation';

type WorkstationWindow = Pick<BrowserWindow, 'webContents' | 'on' | 'once' | 'show' | 'loadURL' | 'isMinimized' | 'restore' | 'focus'>;

/** The parts of the 'electron' module main uses. */
export interface ElectronMain {
  readonly app: Pick<
    App,
    | 'requestSingleInstanceLock'
    | 'quit'
    | 'on'
    | 'whenReady'
    | 'getPath'
    | 'setPath'
    | 'getAppPath'
    | 'isPackaged'
    | 'getVersion'
    | 'setAppUserModelId'
    | 'setAboutPanelOptions'
  >;
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => WorkstationWindow;
  readonly ipcMain: IpcMainLike;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  readonly protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly session: { readonly defaultSession: Session };
  readonly shell: Pick<Shell, 'openExternal'>;
}

export interface WorkstationOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Starts the core on the data folder, telling it where config.json lives; main only forwards to it. */
  readonly startCore: (dataDir: string, configDir: string) => CoreConnection;
}

export function startWorkstation(electron: ElectronMain, options: WorkstationOptions): void {
  const { app } = electron;
  // Both must happen before 'ready': Chromium fixes scheme privileges and its profile folder then.
  electron.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  const location = resolveDataLocation(options.env, app.getPath('appData'));
  app.setPath('userData', location.userData);

  const windows: WorkstationWindow[] = [];
  if (!claimSingleInstance(app, () => windows[0])) return;
  app.setAppUserModelId(APP_ID);
  // Set once the core is up; until then there is nothing a monitor could show.
  let openMonitor: () => void = () => {};
  // Every webContents, not only our windows': anything that ever gets created is guarded too.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => electron.shell.openExternal(url), () => openMonitor()));
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() => {
      const root = app.getAppPath();
      electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(root, RENDERER_DIR)));
      denyAllPermissions(electron.session.defaultSession);
      electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(buildMenuTemplate({ isDev: !app.isPackaged, openMonitor: () => openMonitor() })));
      app.setAboutPanelOptions({ applicationName: PRODUCT_NAME, applicationVersion: app.getVersion() });

      const core = options.startCore(location.dataDir, location.userData);
      const ipc = serveElectronIpc(electron.ipcMain, core.endpoint, { isTrustedSender: isAppUrl });
      // Quitting waits for the core to cancel its jobs and close the cache, then quits again.
      let coreStopped = false;
      app.on('will-quit', (event) => {
        if (coreStopped) return;
        event.preventDefault();
        ipc.close();
        core
          .stop()
          .catch((error: unknown) => console.error('The core did not stop cleanly:', error))
          .finally(() => {
            coreStopped = true;
            app.quit();
          });
      });

      const openWindow = (title: string, size: { width: number; height: number }): WorkstationWindow => {
        const window = new electron.BrowserWindow({
          title,
          ...size,
          minWidth: 960,
          minHeight: 600,
          // Shown once painted, so the user never sees an empty white frame.
          show: false,
          backgroundColor: '#121212',
          webPreferences: workstationWebPreferences(path.join(root, PRELOAD_BUNDLE)),
        });
        windows.push(window);
        const stopEvents = ipc.addWindow(window.webContents);
        window.on('closed', () => {
          stopEvents();
          windows.splice(windows.indexOf(window), 1);
        });
        window.once('ready-to-show', () => window.show());
        return window;
      };

      let monitor: WorkstationWindow | null = null;
      openMonitor = () => {
        if (monitor !== null) {
          if (monitor.isMinimized()) monitor.restore();
          monitor.show();
          monitor.focus();
          return;
        }
        const opened = openWindow(`Live monitor - ${PRODUCT_NAME}`, { width: 1280, height: 860 });
        monitor = opened;
        opened.on('closed', () => {
          if (monitor === opened) monitor = null;
        });
        opened.loadURL(MONITOR_URL).catch((error: unknown) => console.error('The live monitor could not load:', error));
      };

      return openWindow(PRODUCT_NAME, { width: 1440, height: 900 }).loadURL(APP_ENTRY_URL);
    })
    .catch((error: unknown) => {
      console.error('The workstation could not start:', error);
      app.quit();
    });
}
