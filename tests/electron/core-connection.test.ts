/**
 * connectCore: with the real core worker on a temp data folder, and with a core that fails to
 * start or crashes later. Calls made while the core starts wait for it; invalid input stops in
 * main; a failed start or a crash reaches the windows once as core.status, a stop does not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { connectCore } from '../../src-main/electron/core-connection.ts';
import type { CoreWorkerHandle } from '../../src-main/host/core-worker/index.ts';
import { createPortTransport } from '../../src-main/transports/worker-port.ts';
import { createRpcClient } from '../../src-shared/contract/rpc/client.ts';
import { workstationContract } from '../../src-shared/contract/workstation.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function connect(dataDir: string, start?: Parameters<typeof connectCore>[1]) {
  const core = connectCore({ dataDir }, start);
  cleanups.push(() => core.stop());
  const events: unknown[][] = [];
  core.endpoint.subscribe((event, payload) => events.push([event, payload]));
  return { core, events };
}

/** A handle over the crashing fixture, shaped as startCoreWorker's. */
async function startFixture({ dataDir }: { dataDir: string }): Promise<CoreWorkerHandle> {
  const worker = new Worker(new URL('./fixtures/core-worker.ts', import.meta.url), { workerData: { dataDir } });
  const transport = createPortTransport(worker);
  return {
    worker,
    transport,
    client: createRpcClient(workstationContract, transport),
    async stop() {
      transport.close();
      await worker.terminate();
    },
  };
}

const crashed = (message: string) => ['core.status', { state: 'crashed', message, runningJobs: 0 }];

describe('the real core', () => {
  it('starts on the data folder, and a call made while it starts waits for it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bst-core-connection-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { core, events } = connect(dataDir);
    const info = await core.endpoint.handle('system.info', {});
    expect(info).toMatchObject({ ok: true, value: { dataDir } });
    expect(await core.endpoint.handle('jobs.cancel', { jobId: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await core.stop();
    expect(events.filter(([, payload]) => (payload as { state?: string }).state === 'crashed')).toEqual([]);
  });
});

describe('a core that fails', () => {
  it('to start answers every call with why, and says so once', async () => {
    const { core, events } = connect('/data', () => Promise.reject(new Error('The core worker exited (code 1) before it was ready')));
    for (const method of ['system.info', 'jobs.list']) {
      expect(await core.endpoint.handle(method, {})).toEqual({
        ok: false,
        error: { code: 'unavailable', message: 'The core worker exited (code 1) before it was ready' },
      });
    }
    expect(events).toEqual([crashed('The core worker exited (code 1) before it was ready')]);
  });

  it('later ends the pending call and is announced once; a stop is no crash', async () => {
    const { core, events } = connect('/data/crashing', startFixture);
    expect(await core.endpoint.handle('system.info', {})).toMatchObject({ ok: true, value: { dataDir: '/data/crashing' } });
    expect(await core.endpoint.handle('jobs.cancel', { jobId: 'crash' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([crashed('The core crashed: the core fell over')]);

    const calm = connect('/data/calm', startFixture);
    await calm.core.endpoint.handle('system.info', {});
    await calm.core.stop();
    expect(calm.events).toEqual([]);
  });
});
