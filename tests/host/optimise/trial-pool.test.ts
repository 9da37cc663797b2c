/**
 * The worker pool against single backtests: every parameter set of a grid, evaluated in two
 * worker threads over shared candles with per-worker indicator caches, gives exactly the metrics
 * (all trades) and equity that a backtest run on its own gives, on the whole series and on a
 * bar range of it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sliceCandles } from '../../../src-engine/candles.ts';
import type { Trial } from '../../../src-engine/optimise/types.ts';
import { runStrategyBacktest } from '../../../src-main/host/backtest/run-backtest.ts';
import { TrialPool } from '../../../src-main/host/optimise/trial-pool.ts';
import { findTemplate } from '../../../src-main/host/templates.ts';
import { testSettings } from '../../support/backtest-settings.ts';
import { syntheticCandles } from '../../support/synthetic-candles.ts';

const candles = syntheticCandles({ bars: 4_000, seed: 7, intervalMs: 60_000 });
const settings = testSettings({ takerFee: 0.0006, makerFee: 0.0006 });
const strategy = findTemplate('sma-cross')?.spec;

const trials: Trial[] = [];
for (const fast of [5, 10, 15]) {
  for (const slow of [20, 30, 50]) {
    for (const stopLossPct of [0, 1.5]) trials.push({ index: trials.length, params: { fast, slow, stopLossPct, takeProfitPct: 3 } });
  }
}

const pool = new TrialPool({ candles, strategy, settings, workers: 2, chunkSize: 3 });
afterAll(() => pool.close());

describe('TrialPool', () => {
  it('gives every grid point exactly the metrics of its single backtest', async () => {
    const results = await pool.evaluate(trials);
    expect(results.map((r) => r.index)).toEqual(trials.map((t) => t.index));
    for (const trial of trials) {
      const single = runStrategyBacktest({ strategy, params: trial.params, candles, settings, dataSource: 'test' });
      expect(results[trial.index].metrics).toStrictEqual(single.metrics.all);
    }
  });

  it('runs a bar range as a backtest on those bars alone, with its equity', async () => {
    const from = 1_000;
    const to = 2_500;
    const results = await pool.evaluate(trials.slice(0, 4), { from, to, equity: true });
    for (const result of results) {
      const single = runStrategyBacktest({ strategy, params: trials[result.index].params, candles: sliceCandles(candles, from, to), settings, dataSource: 'test' });
      expect(result.metrics).toStrictEqual(single.metrics.all);
      expect(result.equity).toEqual(single.result.equity);
    }
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = pool.evaluate(trials, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    expect((await pool.evaluate(trials.slice(0, 2))).length).toBe(2);
  });
});
