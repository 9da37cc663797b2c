/**
 * Optimisations in the core: trials stored as they finish, a search cancelled midway and
 * resumed by a new CoreServices on the same data dir (as after a restart) or paused and resumed
 * ends with exactly the trials and best of an uninterrupted one; walk-forward end to end on a
 * small series; parameters sent to a saved strategy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CoreEvent, CoreServices } from '../../../src-main/host/core/index.ts';
import type { OptimiseJobRequest } from '../../../src-main/host/core/optimise-job.ts';
import { createCoreHandlers } from '../../../src-main/host/core-worker/core-handlers.ts';
import { monteCarloOutputSchema, optimisationDetailSchema, optimiseTrialsOutputSchema } from '../../../src-shared/contract/schemas/optimise.ts';
import { formatCandlesCsv } from '../../../src-main/host/csv/write-candle-csv.ts';
import { syntheticCandles } from '../../support/synthetic-candles.ts';

const dirs: string[] = [];
const open: CoreServices[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): { dir: string; csvPath: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bst-optimise-'));
  dirs.push(dir);
  const csvPath = path.join(dir, 'candles.csv');
  writeFileSync(csvPath, formatCandlesCsv(syntheticCandles({ bars: 3_000, seed: 11, intervalMs: 3_600_000 })));
  return { dir, csvPath };
}

function core(dir: string, onEvent?: (event: CoreEvent, services: CoreServices) => void): CoreServices {
  let services: CoreServices | undefined;
  services = new CoreServices({ dataDir: dir, configDir: dir, onEvent: (event) => onEvent?.(event, services as CoreServices) });
  open.push(services);
  return services;
}

function request(csvPath: string, method: 'grid' | 'bayes'): OptimiseJobRequest {
  return {
    strategy: 'sma-cross',
    data: { csvPath },
    settings: { takerFee: 0.0006 },
    search: {
      method,
      parameters: { fast: '3:20:1', slow: '20:60:10' },
      constraints: ['fast < slow'],
      trials: method === 'bayes' ? 60 : undefined,
      seed: 3,
      objectives: [{ metric: 'sharpe', direction: 'maximize' }],
      filters: { minTrades: 5 },
      workers: 2,
    },
  };
}

async function finish(services: CoreServices, jobId: string) {
  return services.waitForJob(jobId);
}

async function allTrials(services: CoreServices, id: string) {
  const { trials } = await services.optimisationTrials(id, 0, 1_000_000);
  return trials;
}

describe('optimisation jobs', () => {
  it('resumes a cancelled search after a restart without re-running stored trials, ending as an uninterrupted one', async () => {
    const { dir, csvPath } = dataDir();
    const reference = core(dir);
    const whole = await reference.startOptimisation(request(csvPath, 'grid'));
    expect((await finish(reference, whole.job.jobId)).ok).toBe(true);
    const expected = await allTrials(reference, whole.optimisationId);
    // 18 fast x 5 slow lengths, less fast = slow = 20.
    expect(expected.length).toBe(89);

    let cancelled = false;
    const first = core(dir, (event, services) => {
      if (event.type === 'job-progress' && event.payload.kind === 'optimise' && event.payload.done > 0 && !cancelled) {
        cancelled = true;
        void services.cancel(event.payload.jobId);
      }
    });
    const started = await first.startOptimisation(request(csvPath, 'grid'));
    const outcome = await finish(first, started.job.jobId);
    expect(outcome.ok ? 'finished' : outcome.error.code).toBe('cancelled');
    const stored = (await allTrials(first, started.optimisationId)).length;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(expected.length);
    await first.close();

    const second = core(dir);
    expect((await second.getOptimisation(started.optimisationId)).state).toBe('cancelled');
    const resumed = await second.resumeOptimisation(started.optimisationId);
    const done = await finish(second, resumed.jobId);
    expect(done.ok && done.result.kind === 'optimise' ? done.result.state : null).toBe('finished');
    const trials = await allTrials(second, started.optimisationId);
    expect(trials).toEqual(expected);
    const [a, b] = [await second.getOptimisation(whole.optimisationId), await second.getOptimisation(started.optimisationId)];
    expect(b.state).toBe('finished');
    expect(b.summary.best).toEqual(a.summary.best);
    expect(b.summary.analysis).toEqual(a.summary.analysis);
  });

  it('pauses and resumes a Bayesian search into the same trials as an uninterrupted one', async () => {
    const { dir, csvPath } = dataDir();
    let paused = true;
    const services = core(dir, (event, self) => {
      if (event.type === 'job-progress' && event.payload.kind === 'optimise' && event.payload.done > 0 && !paused) {
        paused = true;
        const { optimisationId } = pending as { optimisationId: string };
        void self.pauseOptimisation(optimisationId);
      }
    });
    let pending: { optimisationId: string; job: { jobId: string } } | undefined;
    // Armed only for the second search.
    const whole = await services.startOptimisation(request(csvPath, 'bayes'));
    await finish(services, whole.job.jobId);
    paused = false;
    pending = await services.startOptimisation(request(csvPath, 'bayes'));
    const id = pending.optimisationId;
    const first = await finish(services, pending.job.jobId);
    expect(first.ok && first.result.kind === 'optimise' ? first.result.state : null).toBe('paused');
    expect((await services.getOptimisation(id)).state).toBe('paused');
    const resumed = await services.resumeOptimisation(id);
    await finish(services, resumed.jobId);
    expect(await allTrials(services, id)).toEqual(await allTrials(services, whole.optimisationId));
  });

  it('walks forward through the contract: windows, chosen parameters and the stitched equity', async () => {
    const { dir, csvPath } = dataDir();
    const services = core(dir);
    const handlers = createCoreHandlers(services);
    const { jobId, optimisationId } = await handlers['optimise.start']({
      strategy: { template: 'sma-cross' },
      data: { csvPath },
      settings: {},
      search: { method: 'grid', parameters: { fast: '5,10', slow: '30,60' }, objectives: [{ metric: 'netProfit', direction: 'maximize' }], workers: 2 },
      walkForward: { inSampleBars: 1_000, outOfSampleBars: 500 },
    });
    expect((await finish(services, jobId)).ok).toBe(true);
    const detail = optimisationDetailSchema.parse(await handlers['optimise.get']({ id: optimisationId }));
    expect(detail.state).toBe('finished');
    expect(detail.mode).toBe('walk-forward');
    const walk = detail.walkForward;
    expect(walk?.windows.map((w) => [w.inSample.from, w.inSample.to, w.outOfSample.from, w.outOfSample.to])).toEqual([
      [0, 1000, 1000, 1500],
      [500, 1500, 1500, 2000],
      [1000, 2000, 2000, 2500],
      [1500, 2500, 2500, 3000],
    ]);
    expect(walk?.oosEquity.equity.length).toBe(2_000);
    expect(walk?.oosEquity.time[0]).toBe(walk?.windows[0].outOfSample.fromTime);
    expect(walk?.parameterPath.fast).toEqual(walk?.windows.map((w) => w.params?.fast));
    const trials = optimiseTrialsOutputSchema.parse(await handlers['optimise.trials']({ id: optimisationId }));
    expect(trials.total).toBe(4 * 4);
    expect(Array.from(trials.params.fast as Float64Array).slice(0, 4)).toEqual([5, 5, 10, 10]);

    // A trial of the third window, applied to a saved strategy: indices restart per window.
    const saved = await services.saveStrategy((await services.listTemplates()).find((t) => t.name === 'sma-cross')?.spec);
    const row = Array.from(trials.window).findIndex((w, i) => w === 2 && trials.index[i] === 3);
    const applied = await handlers['optimise.applyToStrategy']({ id: optimisationId, trialIndex: 3, window: 2, strategyId: saved.id });
    expect(applied.parameters).toMatchObject({ fast: trials.params.fast[row], slow: trials.params.slow[row] });
    expect((await services.getStrategy(saved.id)).spec.parameters?.find((p) => p.name === 'slow')?.default).toBe(trials.params.slow[row]);
    await expect(handlers['optimise.applyToStrategy']({ id: optimisationId, trialIndex: 9, window: 2, strategyId: saved.id })).rejects.toMatchObject({ code: 'not-found', message: /has no trial 9 in window 3/ });
  });

  it('runs Monte Carlo on a saved run through the contract, the same for the same seed', async () => {
    const { dir, csvPath } = dataDir();
    const services = core(dir);
    const handlers = createCoreHandlers(services);
    const { jobId } = await handlers['backtest.start']({ strategy: { template: 'sma-cross' }, data: { csvPath }, settings: {} });
    const finished = await finish(services, jobId);
    const runId = finished.ok && finished.result.kind === 'backtest' ? finished.result.runId : '';
    const ask = () => handlers['robustness.monteCarlo']({ runId, method: 'bootstrap', simulations: 300, seed: 9 });
    const [a, b] = [monteCarloOutputSchema.parse(await ask()), monteCarloOutputSchema.parse(await ask())];
    expect(a).toEqual(b);
    expect(a.percentiles).toEqual([5, 25, 50, 75, 95]);
    expect(a.equity[2].length).toBe(a.trades + 1);
    expect(a.equity[0][0]).toBe(10_000);
    const other = await handlers['robustness.monteCarlo']({ runId, method: 'bootstrap', simulations: 300, seed: 10 });
    expect(other.finalEquity).not.toEqual(a.finalEquity);
  });
});
