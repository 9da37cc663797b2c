/**
 * The core server in this thread: a listener that throws on every event (a transport that
 * cannot deliver) is logged, and neither the job that emitted nor the thread goes down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCoreServer } from '../../../src-main/host/core-worker/index.ts';
import { createInMemoryTransport } from '../../../src-main/transports/in-memory.ts';
import { createRpcClient } from '../../../src-shared/contract/rpc/client.ts';
import { workstationContract } from '../../../src-shared/contract/workstation.ts';
import { fixtureUpload } from '../core/core-support.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

it('survives an event listener that throws, logging it', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bst-core-server-'));
  folders.push(dataDir);
  const logged: string[] = [];
  const core = createCoreServer({ dataDir, validateOutput: true, log: (_error, context) => logged.push(context) });
  core.server.subscribe(() => {
    throw new Error('this window is gone');
  });
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    core.announceReady();
    const client = createRpcClient(workstationContract, createInMemoryTransport(core.server), { validateOutput: true });
    await client.call('cache.import', { files: [fixtureUpload('BTCUSD-1d.csv')], target: { exchange: 'binance', market: 'spot', symbol: 'BTCUSD', interval: '1d' } });
    const { jobId } = await client.call('backtest.start', {
      strategy: { template: 'sma-cross' },
      data: { series: { exchange: 'binance', market: 'spot', symbol: 'BTCUSD', interval: '1d' } },
      settings: {},
    });
    const finished = await core.services.waitForJob(jobId);
    expect(finished.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logged).toEqual(expect.arrayContaining(['event core.status', 'event job.finished']));
    expect(uncaught).toEqual([]);
    expect((await client.call('jobs.list', {})).jobs).toHaveLength(1);
  } finally {
    process.off('uncaughtException', onUncaught);
    await core.close();
  }
});
