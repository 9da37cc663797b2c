/**
 * The worker_threads transport against a real Worker hosting the stub server: parity, many
 * calls in flight at once, and a worker that crashes while calls wait.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createPortTransport } from '../../src-main/transports/worker-port.ts';
import { createRpcClient } from '../../src-shared/contract/rpc/client.ts';
import { workstationContract } from '../../src-shared/contract/workstation.ts';
import { describeTransportParity, failureOf } from './parity-suite.ts';
import { SAMPLE_INPUTS, STUB_JOB } from './stub-handlers.ts';

const WORKER_FILE = new URL('./fixtures/rpc-worker.ts', import.meta.url);

function startWorker(): Worker {
  return new Worker(WORKER_FILE);
}

describeTransportParity('worker MessagePort', async () => {
  const worker = startWorker();
  const transport = createPortTransport(worker);
  return {
    transport,
    close: async () => {
      transport.close();
      await worker.terminate();
    },
  };
});

describe('worker transport', () => {
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
  });
  const connect = () => {
    const worker = startWorker();
    workers.push(worker);
    return { worker, client: createRpcClient(workstationContract, createPortTransport(worker)) };
  };

  it('answers 100 concurrent calls, each to its caller', async () => {
    const { client } = connect();
    const key = SAMPLE_INPUTS['download.start'].key;
    const calls = Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0
        ? client.call('download.start', { key, from: i * 60_000 }).then((o) => o.jobId)
        : client.call('strategy.validate', { document: {}, overrides: { call: i } }).then((o) => `validate ${o.parameterValues?.call}`),
    );
    const answers = await Promise.all(calls);
    expect(answers).toEqual(Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? `download-BTCUSDT-${i * 60_000}` : `validate ${i}`)));
  });

  it('ends pending and later calls with unavailable when the worker crashes', async () => {
    const { client } = connect();
    await client.call('jobs.list', {});
    const waiting = client.call('jobs.list', {});
    const crash = failureOf(client.call('jobs.cancel', { jobId: STUB_JOB.crash }));
    await waiting;
    const failure = await crash;
    expect(failure.code).toBe('unavailable');
    expect(failure.message).toBe('The core worker crashed: the core fell over');
    const later = await failureOf(client.call('system.info', {}));
    expect(later.code).toBe('unavailable');
    expect(later.message).toBe(failure.message);
  });

  it('ends pending calls when the worker is terminated', async () => {
    const { worker, client } = connect();
    await client.call('system.info', {});
    const pending = failureOf(client.call('download.start', { key: SAMPLE_INPUTS['download.start'].key, from: 6 * 60_000 }));
    await worker.terminate();
    const failure = await pending;
    expect(failure.code).toBe('unavailable');
    expect(failure.message).toMatch(/^The core worker stopped \(exit code \d+\)$/);
  });
});
