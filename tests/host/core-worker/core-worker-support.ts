/**
 * A real core worker thread on a fresh temp data dir, with every event it pushes recorded, and
 * helpers that wait for a job's end through the typed client only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExchangeEndpoints } from '../../../src-main/host/exchanges/index.ts';
import { type CoreWorkerHandle, startCoreWorker } from '../../../src-main/host/core-worker/index.ts';
import type { PayloadOf, RpcFailure } from '../../../src-shared/contract/index.ts';
import type { WorkstationContract } from '../../../src-shared/contract/workstation.ts';

export type JobFinishedPayload = PayloadOf<WorkstationContract, 'job.finished'>;
export type RecordedEvent =
  | { readonly event: 'job.progress'; readonly payload: PayloadOf<WorkstationContract, 'job.progress'> }
  | { readonly event: 'job.finished'; readonly payload: JobFinishedPayload }
  | { readonly event: 'core.status'; readonly payload: PayloadOf<WorkstationContract, 'core.status'> };

export interface CoreWorkerHarness extends CoreWorkerHandle {
  readonly dataDir: string;
  readonly events: RecordedEvent[];
  /** The job's job.finished payload, once it has arrived. */
  finished(jobId: string, timeoutMs?: number): Promise<JobFinishedPayload>;
  /** Stops the worker and removes the data dir. */
  dispose(): Promise<void>;
}

export async function startHarness(endpoints?: ExchangeEndpoints): Promise<CoreWorkerHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bst-core-worker-'));
  const handle = await startCoreWorker({ dataDir, endpoints });
  const events: RecordedEvent[] = [];
  const waiters = new Set<() => void>();
  const record = (entry: RecordedEvent) => {
    events.push(entry);
    for (const wake of waiters) wake();
  };
  handle.client.on('job.progress', (payload) => record({ event: 'job.progress', payload }));
  handle.client.on('job.finished', (payload) => record({ event: 'job.finished', payload }));
  handle.client.on('core.status', (payload) => record({ event: 'core.status', payload }));

  const finishedNow = (jobId: string) =>
    events.find((entry): entry is Extract<RecordedEvent, { event: 'job.finished' }> => entry.event === 'job.finished' && entry.payload.jobId === jobId)?.payload;

  return {
    ...handle,
    dataDir,
    events,
    finished: (jobId, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const payload = finishedNow(jobId);
          if (payload === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(payload);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`job ${jobId} did not finish within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    async dispose() {
      await handle.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The RpcFailure a call rejected with. */
export async function failureOf(call: Promise<unknown>): Promise<RpcFailure> {
  try {
    await call;
  } catch (error) {
    return error as RpcFailure;
  }
  throw new Error('expected the call to fail');
}
