/**
 * The desktop path end to end: a page calls through the Electron transport into main, main's
 * relay validates and forwards over the worker transport to the core worker. It must be as
 * indistinguishable as any single transport.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { serveElectronIpc } from '../../src-main/transports/electron-main.ts';
import { createPreloadBridge } from '../../src-main/transports/electron-preload.ts';
import { createInMemoryTransport } from '../../src-main/transports/in-memory.ts';
import { createPortTransport } from '../../src-main/transports/worker-port.ts';
import { createRpcClient } from '../../src-shared/contract/rpc/client.ts';
import { createRelay } from '../../src-shared/contract/rpc/relay.ts';
import { createBridgeTransport } from '../../src-shared/contract/transports/bridge-client.ts';
import { workstationContract } from '../../src-shared/contract/workstation.ts';
import { exposeInMainWorld, FakeIpcMain, FakeWindow } from './fake-electron.ts';
import { describeTransportParity, failureOf } from './parity-suite.ts';
import { createStubServer, SAMPLE_INPUTS } from './stub-handlers.ts';

describeTransportParity('Electron IPC → main relay → core worker', async () => {
  const worker = new Worker(new URL('./fixtures/rpc-worker.ts', import.meta.url));
  const upstream = createPortTransport(worker);
  const relay = createRelay(workstationContract, upstream);
  const ipcMain = new FakeIpcMain();
  const host = serveElectronIpc(ipcMain, relay.server, { isTrustedSender: (url) => url.startsWith('app://workstation/') });
  const window = new FakeWindow(ipcMain, 'app://workstation/index.html');
  host.addWindow(window.webContents);
  const transport = createBridgeTransport(exposeInMainWorld(createPreloadBridge(window.ipcRenderer, workstationContract)));
  return {
    transport,
    close: async () => {
      transport.close();
      host.close();
      relay.close();
      upstream.close();
      await worker.terminate();
    },
  };
});

describe('relay', () => {
  it('refuses invalid input itself, before it reaches the core', async () => {
    const core = createStubServer();
    let forwarded = 0;
    const upstream = createInMemoryTransport({
      subscribe: core.subscribe,
      handle: (method, input) => {
        forwarded++;
        return core.handle(method, input);
      },
    });
    const client = createRpcClient(workstationContract, createInMemoryTransport(createRelay(workstationContract, upstream).server));
    const failure = await failureOf(client.call('cache.deleteSeries', { key: { ...SAMPLE_INPUTS['cache.deleteSeries'].key, interval: '7m' as never } }));
    expect(failure.code).toBe('invalid-input');
    expect(failure.details?.issues).toEqual([{ path: 'key.interval', message: expect.stringMatching(/^interval must be one of/) }]);
    expect(forwarded).toBe(0);
    await client.call('cache.deleteSeries', SAMPLE_INPUTS['cache.deleteSeries']);
    expect(forwarded).toBe(1);
  });
});
