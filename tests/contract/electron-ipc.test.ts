/**
 * The Electron transport through a fake Electron: parity from the page (bridge client, preload
 * surface, IPC, main), the preload's name filter, the sender-frame check and event delivery to
 * the windows main chose.
 */
import { describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL } from '../../src-main/transports/electron-channels.ts';
import { serveElectronIpc } from '../../src-main/transports/electron-main.ts';
import { createPreloadBridge } from '../../src-main/transports/electron-preload.ts';
import { createRpcClient } from '../../src-shared/contract/rpc/client.ts';
import type { RpcEndpoint } from '../../src-shared/contract/rpc/transport.ts';
import { createBridgeTransport } from '../../src-shared/contract/transports/bridge-client.ts';
import { workstationContract } from '../../src-shared/contract/workstation.ts';
import { exposeInMainWorld, FakeIpcMain, FakeWindow } from './fake-electron.ts';
import { describeTransportParity, failureOf } from './parity-suite.ts';
import { createStubServer, SAMPLE_INPUTS } from './stub-handlers.ts';

const APP_URL = 'app://workstation/index.html';
const isTrustedSender = (url: string) => url.startsWith('app://workstation/');

/** Main serving `endpoint`, and a window at `url` whose page holds the bridged preload surface. */
function electronPair(endpoint: RpcEndpoint, url = APP_URL) {
  const ipcMain = new FakeIpcMain();
  const host = serveElectronIpc(ipcMain, endpoint, { isTrustedSender });
  const window = new FakeWindow(ipcMain, url);
  host.addWindow(window.webContents);
  const bridge = exposeInMainWorld(createPreloadBridge(window.ipcRenderer, workstationContract));
  return { ipcMain, host, window, bridge };
}

describeTransportParity('Electron IPC (fake)', async () => {
  const { host, bridge } = electronPair(createStubServer());
  const transport = createBridgeTransport(bridge);
  return {
    transport,
    close: () => {
      transport.close();
      host.close();
    },
  };
});

describe('Electron preload surface', () => {
  it('exposes only invoke and on', () => {
    const { bridge } = electronPair(createStubServer());
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(createPreloadBridge(new FakeWindow(new FakeIpcMain(), APP_URL).ipcRenderer, workstationContract))).toBe(true);
  });

  it('refuses method names outside the contract without reaching main', async () => {
    const endpoint = createStubServer();
    let reachedMain = 0;
    const { bridge } = electronPair({
      subscribe: endpoint.subscribe,
      handle: (method, input) => {
        reachedMain++;
        return endpoint.handle(method, input);
      },
    });
    for (const name of ['shell.openExternal', '__proto__', 'constructor', 'toString']) {
      const result = await bridge.invoke(name, {});
      expect(result).toEqual({ ok: false, error: { code: 'unknown-method', message: `"${name}" is not a method of this workstation` } });
    }
    expect(reachedMain).toBe(0);
    expect((await bridge.invoke('jobs.list', {})).ok).toBe(true);
    expect(reachedMain).toBe(1);
  });

  it('refuses event names outside the contract', () => {
    const { bridge } = electronPair(createStubServer());
    expect(() => bridge.on('ipc.anything', () => {})).toThrow('"ipc.anything" is not an event of this workstation');
    expect(() => bridge.on('hasOwnProperty', () => {})).toThrow(TypeError);
  });

  it('hands callbacks the payload only, and drops its IPC listener when the last one leaves', async () => {
    const server = createStubServer();
    const { bridge, window } = electronPair(server);
    const received: unknown[][] = [];
    const off = bridge.on('core.status', (...args: unknown[]) => received.push(args));
    expect(window.ipcListenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    server.emit('core.status', { state: 'ready', message: 'ready', runningJobs: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([[{ state: 'ready', message: 'ready', runningJobs: 0 }]]);
    off();
    expect(window.ipcListenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});

describe('Electron main sender check', () => {
  it('refuses a call from a frame outside the app', async () => {
    const { bridge } = electronPair(createStubServer(), 'https://evil.example/page.html');
    const failure = await failureOf(createRpcClient(workstationContract, createBridgeTransport(bridge)).call('system.info', {}));
    expect(failure.code).toBe('unauthorized');
    expect(failure.message).toBe('This page is not allowed to call the workstation');
  });

  it('refuses a window once it has navigated away, and a frame that is gone', async () => {
    const { bridge, window } = electronPair(createStubServer());
    const client = createRpcClient(workstationContract, createBridgeTransport(bridge));
    await client.call('jobs.list', {});
    window.frameUrl = 'https://evil.example/';
    expect((await failureOf(client.call('jobs.list', {}))).code).toBe('unauthorized');
    window.destroy();
    expect((await failureOf(client.call('jobs.list', {}))).code).toBe('unauthorized');
  });

  it('sends events only to the windows added, skipping destroyed ones', async () => {
    const server = createStubServer();
    const { ipcMain, host, bridge, window } = electronPair(server);
    const other = new FakeWindow(ipcMain, APP_URL);
    const otherBridge = createPreloadBridge(other.ipcRenderer, workstationContract);
    const counts = { first: 0, other: 0 };
    bridge.on('core.status', () => counts.first++);
    otherBridge.on('core.status', () => counts.other++);
    const status = { state: 'ready', message: 'ready', runningJobs: 0 } as const;
    server.emit('core.status', status);
    const removeOther = host.addWindow(other.webContents);
    server.emit('core.status', status);
    removeOther();
    window.destroy();
    server.emit('core.status', status);
    await new Promise((resolve) => setImmediate(resolve));
    expect(counts).toEqual({ first: 2, other: 1 });
  });

  it('rejects a second registration on the same channel, as Electron does', () => {
    const ipcMain = new FakeIpcMain();
    serveElectronIpc(ipcMain, createStubServer(), { isTrustedSender });
    expect(() => serveElectronIpc(ipcMain, createStubServer(), { isTrustedSender })).toThrow(/second handler/);
  });

  it('maps a payload Electron cannot clone to invalid-input', async () => {
    const { ipcMain, host } = electronPair(createStubServer());
    const window = new FakeWindow(ipcMain, APP_URL);
    host.addWindow(window.webContents);
    const client = createRpcClient(workstationContract, createBridgeTransport(createPreloadBridge(window.ipcRenderer, workstationContract)));
    const failure = await failureOf(client.call('strategy.validate', { ...SAMPLE_INPUTS['strategy.validate'], document: { f: () => 1 } }));
    expect(failure.code).toBe('invalid-input');
  });
});
