import { describe, expect, it } from 'vitest';
import type { Candles } from '../../../src-engine/candles.ts';
import { runSearch, createSampler } from '../../../src-engine/optimise/search.ts';
import { bestTrial } from '../../../src-engine/optimise/objectives.ts';
import { createRng } from '../../../src-engine/optimise/random.ts';
import { parseDomain } from '../../../src-engine/optimise/space.ts';
import type { ParameterSet, TrialResult, WalkForwardWindow } from '../../../src-engine/optimise/types.ts';
import {
  barsForDays,
  parseWalkForward,
  runWalkForward,
  walkForwardWindows,
  windowsForSpec,
} from '../../../src-engine/optimise/walk-forward.ts';
import { metricsWith, resultOf, SHARPE } from './support.ts';

const DAY = 86_400_000;

describe('walkForwardWindows', () => {
  it('slides rolling windows by the out-of-sample length', () => {
    expect(walkForwardWindows({ bars: 100, inSample: 40, outOfSample: 20 })).toEqual([
      { index: 0, inSample: { from: 0, to: 40 }, outOfSample: { from: 40, to: 60 } },
      { index: 1, inSample: { from: 20, to: 60 }, outOfSample: { from: 60, to: 80 } },
      { index: 2, inSample: { from: 40, to: 80 }, outOfSample: { from: 80, to: 100 } },
    ]);
  });

  it('grows anchored windows from bar 0, with their own step, leaving out a short tail', () => {
    expect(walkForwardWindows({ bars: 95, inSample: 50, outOfSample: 20, step: 15, anchored: true })).toEqual([
      { index: 0, inSample: { from: 0, to: 50 }, outOfSample: { from: 50, to: 70 } },
      { index: 1, inSample: { from: 0, to: 65 }, outOfSample: { from: 65, to: 85 } },
    ]);
  });

  it('refuses lengths that do not fit', () => {
    expect(() => walkForwardWindows({ bars: 50, inSample: 40, outOfSample: 20 })).toThrow(
      '50 bars are too few for one window of 40 in-sample and 20 out-of-sample bars',
    );
    expect(() => walkForwardWindows({ bars: 50, inSample: 0, outOfSample: 20 })).toThrow('inSample must be a whole number of bars >= 1, got 0');
  });

  it('converts days to bars from the candle times and reads the command-line form', () => {
    const hourly = Array.from({ length: 24 * 30 }, (_, i) => i * 3_600_000);
    expect(barsForDays(hourly, 7)).toBe(168);
    expect(parseWalkForward('is=180d,oos=30d,anchored')).toEqual({
      inSample: { days: 180 },
      outOfSample: { days: 30 },
      step: undefined,
      anchored: true,
    });
    expect(parseWalkForward('is=500,oos=100b,step=50')).toEqual({
      inSample: { bars: 500 },
      outOfSample: { bars: 100 },
      step: { bars: 50 },
      anchored: false,
    });
    expect(() => parseWalkForward('is=180x,oos=30d')).toThrow('walk-forward "is=180x,oos=30d": cannot read "is=180x"');
    expect(windowsForSpec(parseWalkForward('is=10d,oos=5d'), hourly)).toHaveLength(4);
  });
});

/** Daily candles on a seeded random walk, so different lookbacks win in different stretches. */
function walkCandles(bars: number): Candles {
  const rng = createRng(42);
  const close = new Float64Array(bars);
  for (let i = 0, price = 100; i < bars; i++) close[i] = price *= 1 + (rng.next() - 0.5) * 0.04;
  return {
    time: Float64Array.from({ length: bars }, (_, i) => i * DAY),
    open: close,
    high: close,
    low: close,
    close,
    volume: new Float64Array(bars),
  };
}

/** A momentum toy: long when close rose over `lookback` bars, else flat; equity per bar from 1000. */
function momentumEquity(candles: Candles, lookback: number, from: number): Float64Array {
  const close = candles.close;
  const equity = new Float64Array(close.length - from);
  let cash = 1000;
  for (let i = from; i < close.length; i++) {
    const long = i - 1 - lookback >= 0 && close[i - 1] > close[i - 1 - lookback];
    if (long && i > from) cash += close[i] - close[i - 1];
    equity[i - from] = cash;
  }
  return equity;
}

function toyMetrics(equity: Float64Array) {
  const ret = (equity[equity.length - 1] / 1000 - 1) * 100;
  return metricsWith({ initialCapital: 1000, sharpe: ret, annualReturnPct: ret, trades: 10 });
}

/** The in-sample optimiser: a grid search over lookback 1..20 on exactly the bars it is given. */
async function optimiseOn(inSample: Candles): Promise<{ params: ParameterSet; metrics: ReturnType<typeof toyMetrics> }> {
  const space = { parameters: [parseDomain('lookback', '1:20:1')], constraints: [] };
  const results: TrialResult[] = [];
  const metricsOf = (params: ParameterSet) => toyMetrics(momentumEquity(inSample, Number(params.lookback), 0));
  await runSearch({
    sampler: createSampler('grid', space, { objectives: [SHARPE] }),
    evaluate: async (trials) => trials.map((t) => resultOf(t, metricsOf)),
    batchSize: 8,
    objectives: [SHARPE],
    onResults: (batch) => {
      results.push(...batch);
    },
  });
  const best = bestTrial(results, SHARPE)!;
  return { params: best.params, metrics: best.metrics };
}

async function walkForward(candles: Candles, windows: readonly WalkForwardWindow[]) {
  return runWalkForward({
    candles,
    windows,
    objective: SHARPE,
    optimise: async (window, inSample) => {
      expect(inSample.close.length).toBe(window.inSample.to - window.inSample.from);
      return optimiseOn(inSample);
    },
    runOutOfSample: async (window, params, history) => {
      expect(history.close.length).toBe(window.outOfSample.to);
      const equity = momentumEquity(history, Number(params.lookback), window.outOfSample.from);
      return { equity, metrics: toyMetrics(equity) };
    },
  });
}

describe('runWalkForward', () => {
  const candles = walkCandles(400);
  const windows = walkForwardWindows({ bars: 400, inSample: 120, outOfSample: 40 });

  it('never lets out-of-sample bars reach the optimiser: poisoned later bars change no earlier choice', async () => {
    const clean = await walkForward(candles, windows);
    expect(new Set(clean.parameterPath.lookback).size).toBeGreaterThan(1);
    for (const window of windows) {
      const poisoned = walkCandles(400);
      for (let i = window.outOfSample.from; i < 400; i++) poisoned.close[i] = i % 2 ? 1e9 : 1e-3;
      const run = await walkForward(poisoned, windows);
      const through = window.index + 1;
      expect(run.parameterPath.lookback.slice(0, through)).toEqual(clean.parameterPath.lookback.slice(0, through));
      expect(run.windows.slice(0, through).map((w) => w.inSampleScore)).toEqual(
        clean.windows.slice(0, through).map((w) => w.inSampleScore),
      );
    }
  });

  it('stitches the out-of-sample equity, each window continuing from the previous end', async () => {
    const equity = [Float64Array.from([1000, 1250]), Float64Array.from([1000, 800]), Float64Array.from([1000, 1500])];
    const result = await runWalkForward({
      candles: walkCandles(10),
      windows: walkForwardWindows({ bars: 10, inSample: 4, outOfSample: 2 }),
      objective: SHARPE,
      optimise: async (window) => ({
        params: { lookback: window.index + 1 },
        metrics: metricsWith({ sharpe: 1, annualReturnPct: [10, 20, 40][window.index], initialCapital: 1000 }),
      }),
      runOutOfSample: async (window) => ({
        equity: equity[window.index],
        metrics: metricsWith({ sharpe: 0.5, annualReturnPct: [5, -10, 20][window.index], initialCapital: 1000 }),
      }),
    });
    expect([...result.equity]).toEqual([1000, 1250, 1250, 1000, 1000, 1500]);
    expect(result.equityStarts).toEqual([0, 2, 4]);
    expect(result.parameterPath).toEqual({ lookback: [1, 2, 3] });
    expect(result.windows.map((w) => w.efficiency)).toEqual([0.5, -0.5, 0.5]);
    // Equal weights: IS = (1.1 * 1.2 * 1.4)^(1/3) - 1 = 22.71585%, OOS = (1.05 * 0.9 * 1.2)^(1/3) - 1 = 4.28080%.
    expect(result.efficiency).toBeCloseTo(4.2808 / 22.71585, 5);
  });
});
