/**
 * The security settings every window and the session get: the window's webPreferences, the
 * navigation and new-window guards for every webContents, and a session that grants no
 * permission. Written against Electron's types but not its runtime, so tests pass fakes.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl, isMonitorUrl } from './app-protocol.ts';

/** The page gets no Node, runs sandboxed in its own JavaScript world and keeps web security. */
export function workstationWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
  };
}

/** Only plain https links leave the app, and only to the OS browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export type OpenExternal = (url: string) => Promise<void>;
type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Keeps a webContents on the app's own pages: a navigation elsewhere is stopped (an https link
 * opens in the OS browser instead) and no window is ever opened by the page. Asking for the
 * live monitor's page brings up main's own monitor window instead (`openMonitor`).
 */
export function guardWebContents(contents: GuardedContents, openExternal: OpenExternal, openMonitor: () => void = () => {}): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openOutside(event.url, openExternal);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isMonitorUrl(url)) openMonitor();
    else openOutside(url, openExternal);
    return { action: 'deny' };
  });
}

function openOutside(url: string, openExternal: OpenExternal): void {
  if (!isSafeExternalUrl(url)) return;
  openExternal(url).catch((error: unknown) => console.error(`Could not open ${url} in the browser:`, error));
}

/**
 * Camera, clipboard reads, USB, fullscreen...: the workstation needs none. The one exception is
 * notifications for the app's own pages: the live monitor announces strategy signals with them.
 */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permission === 'notifications' && isAppUrl(details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, origin) => permission === 'notifications' && isAppUrl(origin));
  session.setDevicePermissionHandler(() => false);
}
