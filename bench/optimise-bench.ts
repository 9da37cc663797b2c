/**
 * Optimisation throughput: 10,000 sma-cross parameter sets over 200,000 one-minute bars,
 * evaluated by the trial pool with every worker through the same search loop a core job runs
 * (storage aside), and the scaling from one worker to two on 3,000 of those sets (with fewer, the
 * pool's start and each worker's own indicator computations weigh more than the scaling).
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { BacktestSettings } from '../src-engine/backtest/types.ts';
import { type Candles, sliceCandles } from '../src-engine/candles.ts';
import { findTemplate } from '../src-main/host/templates.ts';
import { requireStrategy } from '../src-engine/strategy/validate.ts';
import { prepareSearch } from '../src-main/host/optimise/optimise-request.ts';
import { runOptimisation } from '../src-main/host/optimise/run-optimisation.ts';
import { TrialPool } from '../src-main/host/optimise/trial-pool.ts';
import { testSettings } from '../tests/support/backtest-settings.ts';
import { type BenchResult, median } from './harness.ts';

const BARS = 200_000;
const settings: BacktestSettings = testSettings({
  takerFee: 0.0006,
  makerFee: 0.0006,
  instrument: { tickSize: 0, qtyStep: 0.00000001, minQty: 0, minNotional: 0 },
});

/** 100 fast (5..104) x 100 slow (10..1000 step 10) lengths (10,000 sets), or the first `fastLengths` fast lengths of them. */
async function optimise(candles: Candles, workers: number, fastLengths: number): Promise<number> {
  const strategy = findTemplate('sma-cross')?.spec;
  const { spec } = requireStrategy(strategy);
  const prepared = prepareSearch(spec, {
    method: 'grid',
    parameters: { fast: `5:${4 + fastLengths}:1`, slow: '10:1000:10', stopLossPct: '2', takeProfitPct: '4' },
    objectives: [{ metric: 'sharpe', direction: 'maximize' }],
    workers,
  });
  const start = performance.now();
  const pool = new TrialPool({ candles, strategy, settings, workers });
  try {
    const outcome = await runOptimisation(candles, prepared, pool, { stored: () => [], onTrials: () => {}, onProgress: () => {}, signal: new AbortController().signal });
    if (outcome.status !== 'done' || outcome.progress.total !== fastLengths * 100) throw new Error(`the search ended ${outcome.status} after ${outcome.progress.done} trials`);
  } finally {
    await pool.close();
  }
  return performance.now() - start;
}

async function timed(bench: string, candles: Candles, workers: number, fastLengths: number, runs: number): Promise<BenchResult> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await optimise(candles, workers, fastLengths));
  return { bench, medianMs: median(times), runs, bars: candles.time.length * fastLengths * 100 };
}

export async function optimiseBenchmarks(engineCandles: Candles, filter: string): Promise<BenchResult[]> {
  const candles = sliceCandles(engineCandles, 0, BARS);
  const all = availableParallelism();
  const results: BenchResult[] = [];
  const full = `optimise sma-cross 10000 x 200k, ${all} workers`;
  if (full.includes(filter)) results.push(await timed(full, candles, all, 100, 3));
  if ('optimise scaling 3000 x 200k'.includes(filter)) {
    results.push(await timed('optimise scaling 3000 x 200k, 1 worker', candles, 1, 30, 3));
    results.push(await timed('optimise scaling 3000 x 200k, 2 workers', candles, 2, 30, 3));
  }
  return results;
}

/** Backtests per second of a result, and the speed-up from one worker to two. */
export function describeOptimiseResults(results: readonly BenchResult[]): string[] {
  const lines = results.map((r) => `${r.bench}: ${(r.medianMs / 1000).toFixed(2)} s, ${((r.bars / BARS / r.medianMs) * 1000).toFixed(0)} backtests/s`);
  const scaling = results.filter((r) => r.bench.startsWith('optimise scaling'));
  const one = scaling.find((r) => r.bench.endsWith('1 worker'));
  const two = scaling.find((r) => r.bench.endsWith('2 workers'));
  if (one !== undefined && two !== undefined) lines.push(`scaling 1 -> 2 workers: ${(one.medianMs / two.medianMs).toFixed(2)}x`);
  return lines;
}
