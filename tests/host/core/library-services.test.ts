/**
 * Saved strategies and runs through the core services: saving checks the document (refusing it
 * with code 'strategy' and the issues), finished backtests are saved as runs with the job's
 * trades, and runs can be listed, fetched and deleted, also after a restart, when their charts
 * are computed again from what they were run on.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreServices } from '../../../src-main/host/core/index.ts';
import { loadStrategyDocument } from '../../../src-main/host/backtest/run-backtest.ts';
import { fixturePath } from '../../support/fixtures.ts';
import { closeCores, startCore } from './core-support.ts';

afterEach(closeCores);

describe('saved strategies', () => {
  it('are checked, saved, listed, replaced, fetched and deleted', async () => {
    const { services } = startCore(null);
    const spec = loadStrategyDocument('sma-cross');
    const saved = await services.saveStrategy(spec);
    expect(saved).toMatchObject({ name: 'sma-cross' });
    expect(await services.listStrategies()).toEqual([saved]);

    const renamed = await services.saveStrategy({ ...(spec as object), name: 'my cross' }, saved.id);
    expect(renamed).toMatchObject({ id: saved.id, name: 'my cross', createdAt: saved.createdAt });
    expect((await services.getStrategy(saved.id)).spec).toMatchObject({ name: 'my cross' });

    await expect(services.saveStrategy(spec, 'no-such-id')).rejects.toMatchObject({ code: 'not-found' });
    expect(await services.deleteStrategy(saved.id)).toBe(true);
    expect(await services.deleteStrategy(saved.id)).toBe(false);
    await expect(services.getStrategy(saved.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuse an invalid document with code strategy and the issues, saving nothing', async () => {
    const { services } = startCore(null);
    const failure = services.saveStrategy({ name: 'broken', direction: 'long', indicators: [{ id: 'x', kind: 'no-such-indicator' }], entry: {} });
    await expect(failure).rejects.toMatchObject({ code: 'strategy', details: { issues: expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^indicators\[0\]/) })]) } });
    expect(await services.listStrategies()).toEqual([]);
  });
});

describe('runs', () => {
  it('are saved from finished backtests with the job result, listed newest first, fetched and deleted', async () => {
    const { services, dataDir } = startCore(null);
    const request = { strategy: 'sma-cross', data: { csvPath: fixturePath('GOOG-1d.csv') }, settings: { instrument: { qtyStep: 1 } } };
    const first = await services.startBacktest(request);
    const finished = await services.waitForJob(first.jobId);
    if (!finished.ok || finished.result.kind !== 'backtest') throw new Error(`backtest failed: ${JSON.stringify(finished)}`);
    const second = await services.startBacktest({ ...request, params: { fast: 5 } });
    const secondFinished = await services.waitForJob(second.jobId);
    if (!secondFinished.ok || secondFinished.result.kind !== 'backtest') throw new Error('second backtest failed');

    const runs = await services.listRuns();
    expect(runs.map((run) => run.id)).toEqual([secondFinished.result.runId, finished.result.runId]);
    expect(runs[1]).toMatchObject({ strategyName: 'sma-cross', dataSource: 'GOOG-1d.csv', metrics: finished.result.metrics });

    const run = await services.getRun(finished.result.runId);
    expect(run.trades.length).toBe(finished.result.trades);
    expect(run.trades.length).toBeGreaterThan(0);
    expect(run.manifest).toEqual(finished.result.manifest);
    // CSV data keeps the CLI's default fee.
    expect(run.manifest.settings).toMatchObject({ takerFee: 0.0006, makerFee: 0.0006 });
    const chart = await services.runChart(secondFinished.result.runId);
    await services.close();

    const restarted = new CoreServices({ dataDir });
    try {
      expect((await restarted.listRuns()).length).toBe(2);
      // Not held after a restart: computed again from the saved replay, bit for bit.
      const rebuilt = await restarted.runChart(secondFinished.result.runId);
      expect(rebuilt.equity).toEqual(chart.equity);
      expect(rebuilt.indicators).toEqual(chart.indicators);
      expect(rebuilt.indicators.map((line) => `${line.id}.${line.output}`)).toEqual(['fast.value', 'slow.value']);
      expect(await restarted.deleteRun(finished.result.runId)).toBe(true);
      await expect(restarted.getRun(finished.result.runId)).rejects.toMatchObject({ code: 'not-found' });
      expect((await restarted.listRuns()).map((r) => r.id)).toEqual([secondFinished.result.runId]);
    } finally {
      await restarted.close();
    }
  });

  it('refuse to rebuild the charts of a run whose CSV changed since, and of runs that do not exist', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'bst-replay-'));
    const csvPath = path.join(folder, 'goog.csv');
    copyFileSync(fixturePath('GOOG-1d.csv'), csvPath);
    try {
      const { services, dataDir } = startCore(null);
      const started = await services.startBacktest({ strategy: 'sma-cross', data: { csvPath }, settings: { instrument: { qtyStep: 1 } } });
      const finished = await services.waitForJob(started.jobId);
      if (!finished.ok || finished.result.kind !== 'backtest') throw new Error('backtest failed');
      await services.close();
      writeFileSync(csvPath, readFileSync(csvPath, 'utf8').replace(/\n[^\n]*\n$/, '\n'));
      const restarted = new CoreServices({ dataDir });
      try {
        await expect(restarted.runChart(finished.result.runId)).rejects.toMatchObject({ code: 'data', message: /^the candles of goog.csv changed since this run was saved/ });
        await expect(restarted.runBars('no-such-run', 0, 10)).rejects.toMatchObject({ code: 'not-found' });
      } finally {
        await restarted.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
