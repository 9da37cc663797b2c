/**
 * The job manager on its own, with jobs that are plain async functions: queueing per kind,
 * locks, cancellation (queued, running, and jobs that throw something else on the way out),
 * progress throttling and how long finished jobs stay listed.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type JobContext, type JobEvent, JobManager } from '../../../src-main/host/core/index.ts';

function manager(options: ConstructorParameters<typeof JobManager<string>>[0] = {}) {
  const events: Array<{ at: number; event: JobEvent<string> }> = [];
  const jobs = new JobManager<string>({ ...options, onEvent: (event) => events.push({ at: performance.now(), event }) });
  return { jobs, events };
}

/** A job that runs until its gate opens or it is cancelled. */
function gated(): { run: (context: JobContext) => Promise<string>; open: () => void; started: Promise<void> } {
  let open!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const startedPromise = new Promise<void>((resolve) => {
    started = resolve;
  });
  return {
    open,
    started: startedPromise,
    run: async (context) => {
      started();
      await Promise.race([gate, new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(new Error('socket closed'))))]);
      return 'done';
    },
  };
}

describe('JobManager', () => {
  it('queues jobs beyond the limit of their kind and starts them as others finish', async () => {
    const { jobs } = manager({ limits: { backtest: 1 } });
    const first = gated();
    const second = gated();
    const a = jobs.start({ kind: 'backtest', label: 'a', run: first.run });
    const b = jobs.start({ kind: 'backtest', label: 'b', run: second.run });
    const c = jobs.start({ kind: 'download', label: 'c', run: async () => 'quick' });
    expect([a.state, b.state, c.state]).toEqual(['running', 'queued', 'running']);
    await first.started;
    first.open();
    await second.started;
    expect(jobs.get(b.jobId)?.state).toBe('running');
    second.open();
    expect(await jobs.whenFinished(b.jobId)).toEqual({ jobId: b.jobId, kind: 'backtest', ok: true, result: 'done' });
    const listed = jobs.list();
    expect(listed[0].label).toBe('b');
    expect(listed.map((job) => job.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('refuses a job whose lock is held, until the holder finishes', async () => {
    const { jobs } = manager();
    const holder = gated();
    const first = jobs.start({ kind: 'download', label: 'download of X', locks: ['series:X'], run: holder.run });
    expect(() => jobs.start({ kind: 'import', label: 'import into X', locks: ['series:X'], run: async () => '' })).toThrow(
      expect.objectContaining({ code: 'busy', message: `download of X is already running as ${first.jobId}; wait for it to finish or cancel it` }),
    );
    expect(jobs.holderOf('series:X')?.jobId).toBe(first.jobId);
    holder.open();
    await jobs.whenFinished(first.jobId);
    expect(jobs.start({ kind: 'import', label: 'import into X', locks: ['series:X'], run: async () => '' }).state).toBe('running');
  });

  it('cancels queued jobs without running them, and reports a running job torn down by the abort as cancelled', async () => {
    const { jobs, events } = manager({ limits: { download: 1 } });
    const running = gated();
    let queuedRan = false;
    const a = jobs.start({ kind: 'download', label: 'download of A', run: running.run });
    const b = jobs.start({ kind: 'download', label: 'download of B', run: async () => {
      queuedRan = true;
      return '';
    } });
    expect(jobs.cancel(b.jobId)).toBe(true);
    await running.started;
    expect(jobs.cancel(a.jobId)).toBe(true);
    expect(await jobs.whenFinished(a.jobId)).toEqual({ jobId: a.jobId, kind: 'download', ok: false, error: { code: 'cancelled', message: 'download of A cancelled' } });
    expect(await jobs.whenFinished(b.jobId)).toMatchObject({ ok: false, error: { code: 'cancelled', message: 'download of B cancelled' } });
    expect(queuedRan).toBe(false);
    expect(jobs.cancel(a.jobId)).toBe(false);
    expect(() => jobs.cancel('job-99')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(events.filter(({ event }) => event.type === 'job-finished')).toHaveLength(2);
  });

  it('maps a failure to its code, and an unknown one to internal', async () => {
    const { jobs } = manager();
    const job = jobs.start({ kind: 'backtest', label: 'x', run: async () => {
      throw new TypeError('x is not a function');
    } });
    expect(await jobs.whenFinished(job.jobId)).toMatchObject({ ok: false, error: { code: 'internal', message: 'internal error: x is not a function' } });
    expect(jobs.get(job.jobId)).toMatchObject({ state: 'failed', error: { code: 'internal' } });
  });

  it('throttles progress to one event per interval, delivering the latest of a burst', async () => {
    const { jobs, events } = manager();
    let updates = 0;
    const job = jobs.start({
      kind: 'download',
      label: 'chatty',
      run: async (context) => {
        const end = performance.now() + 350;
        while (performance.now() < end) {
          context.progress({ done: ++updates, total: 1_000_000, message: 'working' });
          await sleep(1);
        }
        await sleep(150);
        return 'done';
      },
    });
    await jobs.whenFinished(job.jobId);
    const progress = events.filter(({ event }) => event.type === 'job-progress');
    expect(updates).toBeGreaterThan(50);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThan(updates / 10);
    expect(progress.at(-1)?.event.payload).toMatchObject({ jobId: job.jobId, kind: 'download', done: updates, etaMs: null, message: 'working' });
    expect(events.at(-1)?.event.type).toBe('job-finished');
  });

  it("delivers a job's last progress before its finished event, even inside a throttle interval", async () => {
    const { jobs, events } = manager();
    const job = jobs.start({
      kind: 'download',
      label: 'quick',
      run: async (context) => {
        for (let done = 1; done <= 5; done++) context.progress({ done, total: 5, message: `page ${done}` });
        return 'done';
      },
    });
    await jobs.whenFinished(job.jobId);
    const types = events.map(({ event }) => event.type);
    expect(types.at(-1)).toBe('job-finished');
    expect(events.at(-2)?.event).toMatchObject({ type: 'job-progress', payload: { done: 5, message: 'page 5' } });
  });

  it('lists only the last finished jobs', async () => {
    const { jobs } = manager({ keepFinished: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { jobId } = jobs.start({ kind: 'import', label: `job ${i}`, run: async () => '' });
      await jobs.whenFinished(jobId);
      ids.push(jobId);
    }
    expect(jobs.list().map((job) => job.jobId)).toEqual([ids[3], ids[2]]);
    expect(() => jobs.whenFinished(ids[0])).toThrow(expect.objectContaining({ code: 'not-found' }));
  });
});
