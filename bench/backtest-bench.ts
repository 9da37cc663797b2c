/**
 * Backtest throughput: one full sma-cross run over a million one-minute bars (indicators,
 * simulation and every metric), and a single-threaded sweep of 1,000 parameter sets that
 * computes each distinct SMA once through the shared indicator cache.
 */
import { performance } from 'node:perf_hooks';
import { computeMetrics } from '../src-engine/backtest/metrics.ts';
import { runBacktest } from '../src-engine/backtest/simulator.ts';
import type { BacktestSettings } from '../src-engine/backtest/types.ts';
import { type Candles, sliceCandles } from '../src-engine/candles.ts';
import { compileChecked, type IndicatorCache } from '../src-engine/strategy/compile.ts';
import { requireStrategy } from '../src-engine/strategy/validate.ts';
import { findTemplate } from '../src-main/host/templates.ts';
import { testSettings } from '../tests/support/backtest-settings.ts';
import { type BenchResult, measure } from './harness.ts';

const SWEEP_BARS = 200_000;

const settings: BacktestSettings = testSettings({
  takerFee: 0.0006,
  makerFee: 0.0006,
  instrument: { tickSize: 0, qtyStep: 0.00000001, minQty: 0, minNotional: 0 },
});

function smaCross(): unknown {
  return findTemplate('sma-cross')?.spec;
}

function backtestOnce(candles: Candles, params: Record<string, number>, cache?: IndicatorCache): number {
  const { spec, values } = requireStrategy(smaCross(), params);
  const compiled = compileChecked(spec, values, candles, cache);
  const result = runBacktest(compiled, candles, settings);
  return computeMetrics({ candles, result, initialCapital: settings.initialCapital }).all.finalEquity;
}

export function backtestBenchmarks(candles: Candles, filter: string): BenchResult[] {
  const results: BenchResult[] = [];
  const bars = candles.time.length;
  const params = { fast: 10, slow: 30, stopLossPct: 2, takeProfitPct: 4 };
  if ('backtest sma-cross 1M'.includes(filter)) {
    results.push(measure('backtest sma-cross 1M', bars, 9, () => backtestOnce(candles, params)));
  }
  if ('sweep sma-cross 1000 x 200k'.includes(filter)) results.push(sweep(sliceCandles(candles, 0, SWEEP_BARS)));
  return results;
}

/** 20 fast x 50 slow lengths, one thread; reported as the time for all 1,000 backtests. */
function sweep(candles: Candles): BenchResult {
  const sets: Array<Record<string, number>> = [];
  for (let fast = 5; fast < 25; fast++) for (let slow = 30; slow < 230; slow += 4) sets.push({ fast, slow, stopLossPct: 2, takeProfitPct: 4 });
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const cache: IndicatorCache = new Map();
    const start = performance.now();
    for (const set of sets) backtestOnce(candles, set, cache);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { bench: 'sweep sma-cross 1000 x 200k', medianMs: times[1], runs: 3, bars: candles.time.length * sets.length };
}

export function sweepBacktestsPerSecond(result: BenchResult): number {
  return 1000 / (result.medianMs / 1000);
}
