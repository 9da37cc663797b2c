/**
 * The security settings every window and the session get: the window's webPreferences, the
 * navigation and new-window guards for every webContents, and a session that grants no
 * permission. Written against Electron's types but not its runtime, so tests pass fakes.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-protocol.ts';

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
 * opens in the OS browser instead) and no window is ever opened by the page.
 */
export function guardWebContents(contents: GuardedContents, openExternal: OpenExternal): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openOutside(event.url, openExternal);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, openExternal);
    return { action: 'deny' };
  });
}

function openOutside(url: string, openExternal: OpenExternal): void {
  if (!isSafeExternalUrl(url)) return;
  openExternal(url).catch((error: unknown) => console.error(`Could not open ${url} in the browser:`, error));
}

/** Camera, notifications, clipboard reads, USB, fullscreen...: the workstation needs none. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
