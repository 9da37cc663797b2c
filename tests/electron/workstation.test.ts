/**
 * The main process wired end to end against the fake Electron: what happens before 'ready',
 * the window's webPreferences, the app:// responses, the guards on every webContents, the
 * session's permissions, the IPC sender check, the single-instance lock and the data folder.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, MONITOR_URL } from '../../src-main/electron/app-protocol.ts';
import type { CoreConnection } from '../../src-main/electron/core-connection.ts';
import { APP_ID, startWorkstation } from '../../src-main/electron/workstation.ts';
import { PRODUCT_NAME } from '../../src-main/host/data-dir.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-main/transports/electron-channels.ts';
import type { RpcEventListener } from '../../src-shared/contract/rpc/transport.ts';
import { createFakeElectron, type FakeElectron, settle } from './fake-electron.ts';

/** A core that records what reaches it and emits events on demand. */
function stubCore() {
  const calls: Array<{ method: string; input: unknown }> = [];
  const listeners = new Set<RpcEventListener>();
  const started: string[] = [];
  const configDirs: string[] = [];
  let stopped = 0;
  const start = (dataDir: string, configDir: string): CoreConnection => {
    started.push(dataDir);
    configDirs.push(configDir);
    return {
      endpoint: {
        handle: async (method, input) => {
          calls.push({ method, input });
          return { ok: true, value: { jobs: [] } };
        },
        subscribe: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      stop: async () => {
        stopped++;
      },
    };
  };
  return {
    start,
    calls,
    started,
    configDirs,
    stopped: () => stopped,
    emit: (event: string, payload: unknown) => listeners.forEach((listener) => listener(event, payload)),
  };
}

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function started(env: NodeJS.ProcessEnv = {}, configure: (fake: FakeElectron) => void = () => {}) {
  const fake = createFakeElectron();
  const appRoot = mkdtempSync(path.join(os.tmpdir(), 'bst-electron-'));
  temps.push(appRoot);
  mkdirSync(path.join(appRoot, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>workstation</title>');
  fake.app.appPath = appRoot;
  configure(fake);
  const core = stubCore();
  startWorkstation(fake.electron, { env, startCore: core.start });
  fake.app.becomeReady();
  await settle();
  return { fake, core, appRoot };
}

describe('the workstation window', () => {
  it('has exactly the required webPreferences and loads the app:// entry once painted', async () => {
    const { fake, appRoot } = await started();
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window.options.webPreferences).toEqual({
      preload: path.join(appRoot, 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(window.options.show).toBe(false);
    expect(window.loaded).toEqual([APP_ENTRY_URL]);
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
  });

  it('registers app:// as a standard, secure scheme before ready and serves it with the CSP', async () => {
    const { fake } = await started();
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const page = await handler!(new Request(APP_ENTRY_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>workstation</title>');
    const missing = await handler!(new Request('app://workstation/nowhere.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('guards every webContents: foreign navigation stopped, window.open denied, https only to the OS browser', async () => {
    const { fake } = await started();
    const contents = fake.windows[0].webContents;
    expect(contents.navigate('app://workstation/backtests.html')).toBe(false);
    expect(contents.navigate('https://evil.example/phish')).toBe(true);
    expect(contents.navigate('app://other/index.html')).toBe(true);
    expect(contents.navigate('file:///C:/Windows/win.ini')).toBe(true);
    expect(contents.open('https://www.bybit.com/')).toEqual({ action: 'deny' });
    expect(contents.open('http://plain.example/')).toEqual({ action: 'deny' });
    expect(contents.open('app://workstation/index.html')).toEqual({ action: 'deny' });
    await settle();
    expect(fake.opened).toEqual(['https://evil.example/phish', 'https://www.bybit.com/']);

    const stray = new fake.BrowserWindow({});
    expect(stray.webContents.navigate('https://evil.example/')).toBe(true);
  });

  it('grants no permission on request, on check or for devices, but notifications to our pages', async () => {
    const { fake } = await started();
    const answers: boolean[] = [];
    const ask = (permission: string, url: string) => {
      fake.session.requestHandler!(fake.windows[0].webContents, permission, (granted) => answers.push(granted), { requestingUrl: url });
      answers.push(fake.session.checkHandler!(fake.windows[0].webContents, permission, new URL(url).origin === 'null' ? 'app://workstation' : new URL(url).origin, {}));
    };
    for (const permission of ['media', 'clipboard-read', 'geolocation', 'fullscreen', 'openExternal']) ask(permission, APP_ENTRY_URL);
    answers.push(fake.session.deviceHandler!({ deviceType: 'usb', origin: 'app://workstation' }));
    ask('notifications', 'https://evil.example/');
    expect(answers).toHaveLength(13);
    expect(answers.every((granted) => granted === false)).toBe(true);
    answers.length = 0;
    ask('notifications', MONITOR_URL);
    expect(answers).toEqual([true, true]);
  });
});

describe('the live monitor window', () => {
  it('opens from the menu and from the page asking for its address, one at most, with the same webPreferences and the core events', async () => {
    const { fake, core } = await started();
    const menu = fake.menu.template as Array<{ label: string; submenu: Array<{ label?: string; click?: () => void }> }>;
    const item = menu.find((m) => m.label === '&Window')!.submenu.find((i) => i.label === '&Live monitor')!;
    item.click!();
    expect(fake.windows).toHaveLength(2);
    const monitor = fake.windows[1];
    expect(monitor.loaded).toEqual([MONITOR_URL]);
    expect(monitor.options.webPreferences).toEqual(fake.windows[0].options.webPreferences);
    expect(monitor.options.show).toBe(false);
    monitor.emit('ready-to-show');
    expect(monitor.shown).toBe(1);

    // Asked again (here by the workstation page's window.open): the same window comes forward.
    monitor.minimized = true;
    expect(fake.windows[0].webContents.open(MONITOR_URL)).toEqual({ action: 'deny' });
    expect(fake.windows).toHaveLength(2);
    expect(monitor.minimized).toBe(false);
    expect(monitor.focused).toBe(1);
    expect(fake.windows[0].webContents.open('app://workstation/index.html#view=other')).toEqual({ action: 'deny' });
    expect(fake.windows).toHaveLength(2);

    core.emit('live.status', { subscriptionId: 's', key: { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' }, state: 'live', reason: '' });
    expect(monitor.webContents.sent).toHaveLength(1);
    expect(await fake.ipcMain.invoke(MONITOR_URL, IPC_CALL_CHANNEL, 'jobs.list', {})).toEqual({ ok: true, value: { jobs: [] } });

    // Closed, it stops getting events, and the next ask opens a new one.
    monitor.emit('closed');
    core.emit('live.status', { subscriptionId: 's', key: { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' }, state: 'down', reason: 'x' });
    expect(monitor.webContents.sent).toHaveLength(1);
    fake.windows[0].webContents.open(MONITOR_URL);
    expect(fake.windows).toHaveLength(3);
    expect(fake.windows[2].loaded).toEqual([MONITOR_URL]);
  });
});

describe('IPC from the pages', () => {
  it('serves a call from our app:// frame and refuses one from any other origin before the core sees it', async () => {
    const { fake, core } = await started();
    const foreign = ['https://evil.example/index.html', 'app://other/index.html', 'file:///C:/app/index.html', 'http://127.0.0.1:5173/'];
    for (const url of foreign) {
      const refused = (await fake.ipcMain.invoke(url, IPC_CALL_CHANNEL, 'jobs.list', {})) as { ok: boolean; error?: { code: string } };
      expect(refused.ok, url).toBe(false);
      expect(refused.error?.code).toBe('unauthorized');
    }
    expect(core.calls).toEqual([]);
    expect(await fake.ipcMain.invoke('app://workstation/index.html', IPC_CALL_CHANNEL, 'jobs.list', {})).toEqual({ ok: true, value: { jobs: [] } });
    expect(core.calls).toEqual([{ method: 'jobs.list', input: {} }]);
  });

  it('sends the core events to the window until it closes; quitting waits for the core to stop', async () => {
    const { fake, core } = await started();
    const [window] = fake.windows;
    core.emit('core.status', { state: 'ready', message: 'ready', runningJobs: 0 });
    expect(window.webContents.sent).toEqual([[IPC_EVENT_CHANNEL, 'core.status', { state: 'ready', message: 'ready', runningJobs: 0 }]]);
    window.emit('closed');
    core.emit('core.status', { state: 'stopping', message: '', runningJobs: 0 });
    expect(window.webContents.sent).toHaveLength(1);

    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.app.quitHeldBack()).toBe(true);
    expect(fake.ipcMain.hasHandler(IPC_CALL_CHANNEL)).toBe(false);
    expect(core.stopped()).toBe(1);
    await settle();
    expect(fake.app.quitCalls).toBe(2);
    expect(fake.app.quitHeldBack()).toBe(false);
    expect(core.stopped()).toBe(1);
  });
});

describe('single instance', () => {
  it('a second launch brings the first window forward', async () => {
    const { fake } = await started();
    const [window] = fake.windows;
    window.minimized = true;
    fake.app.emit('second-instance', {}, ['workstation.exe'], process.cwd(), {});
    expect(window.minimized).toBe(false);
    expect(window.shown).toBe(1);
    expect(window.focused).toBe(1);
    expect(fake.app.quitCalls).toBe(0);
  });

  it('without the lock the app quits and starts nothing', async () => {
    const { fake, core } = await started({}, (fake) => {
      fake.app.hasLock = false;
    });
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.windows).toEqual([]);
    expect(core.started).toEqual([]);
    expect(fake.protocolHandlers.size).toBe(0);
    expect(fake.menu.template).toBeNull();
  });
});

describe('the data folder', () => {
  it("is userData, appData joined with the product name, which the core gets", async () => {
    const { fake, core } = await started();
    const userData = path.join('/home/trader/.config', PRODUCT_NAME);
    expect(fake.app.getPath('userData')).toBe(userData);
    expect(core.started).toEqual([userData]);
  });

  it('sits next to the exe in the portable build', async () => {
    const { fake, core } = await started({ PORTABLE_EXECUTABLE_DIR: 'D:\\Tools\\BST' });
    const dataDir = path.join('D:\\Tools\\BST', `${PRODUCT_NAME} Data`);
    expect(fake.app.getPath('userData')).toBe(dataDir);
    expect(core.started).toEqual([dataDir]);
    expect(core.configDirs).toEqual([dataDir]);
  });

  it("moves to the folder config.json in userData names; userData keeps Chromium's profile and the config", async () => {
    const appData = mkdtempSync(path.join(os.tmpdir(), 'bst-appdata-'));
    temps.push(appData);
    const userData = path.join(appData, PRODUCT_NAME);
    const chosen = path.join(appData, 'elsewhere');
    mkdirSync(userData);
    writeFileSync(path.join(userData, 'config.json'), JSON.stringify({ dataDir: chosen }));
    const { fake, core } = await started({}, (fake) => fake.app.paths.set('appData', appData));
    expect(fake.app.getPath('userData')).toBe(userData);
    expect(core.started).toEqual([chosen]);
    expect(core.configDirs).toEqual([userData]);
  });

  it('reads config.json next to the exe in the portable build', async () => {
    const exeDir = mkdtempSync(path.join(os.tmpdir(), 'bst-portable-'));
    temps.push(exeDir);
    const portableData = path.join(exeDir, `${PRODUCT_NAME} Data`);
    const chosen = path.join(exeDir, 'candles');
    mkdirSync(portableData);
    writeFileSync(path.join(portableData, 'config.json'), JSON.stringify({ dataDir: chosen }));
    const { fake, core } = await started({ PORTABLE_EXECUTABLE_DIR: exeDir });
    expect(fake.app.getPath('userData')).toBe(portableData);
    expect(core.started).toEqual([chosen]);
    expect(core.configDirs).toEqual([portableData]);
  });
});

describe('the app', () => {
  it('sets the menu, with developer items only when not packaged, and the Windows app id', async () => {
    const dev = await started();
    const labels = (fake: FakeElectron) => (fake.menu.template as Array<{ submenu: Array<{ role?: string }> }>).flatMap((menu) => menu.submenu.map((item) => item.role));
    expect(labels(dev.fake)).toContain('toggleDevTools');
    expect(dev.fake.app.userModelId).toBe(APP_ID);
    const packaged = await started({}, (fake) => {
      fake.app.isPackaged = true;
    });
    expect(labels(packaged.fake)).not.toContain('toggleDevTools');
    expect(labels(packaged.fake)).not.toContain('reload');
  });
});
