/**
 * The lean path of one trial: check the parameter set, compile against the shared candles with
 * the range's indicator cache, simulate, and compute the metrics of all trades only (a search
 * scores all trades; the long and short sides would triple the metrics' cost). Runs inside the
 * trial workers; the pool's tests prove every number equals computeMetrics(...).all of a single
 * backtest. Imports the engine only.
 */
import { computeSideMetrics } from '../../../src-engine/backtest/metrics.ts';
import { runBacktest, SimulationBuffers } from '../../../src-engine/backtest/simulator.ts';
import type { BacktestSettings } from '../../../src-engine/backtest/types.ts';
import { type Candles, sliceCandles } from '../../../src-engine/candles.ts';
import { compileChecked, type IndicatorCache } from '../../../src-engine/strategy/compile.ts';
import { requireStrategy } from '../../../src-engine/strategy/validate.ts';
import type { EvaluatedTrial, TrialTask } from './trial-protocol.ts';

/** A bar range's candle views, indicator cache and simulation buffers, by "from:to". */
export type RangeCaches = Map<string, { readonly candles: Candles; readonly cache: IndicatorCache; readonly buffers: SimulationBuffers }>;

/** Ranges kept at once: a walk-forward window's in-sample and out-of-sample parts. */
const KEPT_RANGES = 2;

export interface EvaluationContext {
  readonly candles: Candles;
  readonly strategy: unknown;
  readonly settings: BacktestSettings;
  readonly caches: RangeCaches;
}

export function evaluateBatch(context: EvaluationContext, task: TrialTask): EvaluatedTrial[] {
  const range = rangeOf(context, task.from, task.to);
  return task.trials.map((trial) => {
    const { spec, values } = requireStrategy(context.strategy, trial.params);
    const compiled = compileChecked(spec, values, range.candles, range.cache);
    const result = runBacktest(compiled, range.candles, context.settings, range.buffers);
    const metrics = computeSideMetrics({ candles: range.candles, result, initialCapital: context.settings.initialCapital }, 'all');
    // The buffers are the next trial's: the equity a walk-forward window asked for is copied out.
    return task.equity ? { index: trial.index, metrics, equity: result.equity.slice() } : { index: trial.index, metrics };
  });
}

function rangeOf(context: EvaluationContext, from: number, to: number) {
  const key = `${from}:${to}`;
  let range = context.caches.get(key);
  if (range === undefined) {
    const candles = from === 0 && to === context.candles.time.length ? context.candles : sliceCandles(context.candles, from, to);
    range = { candles, cache: new Map(), buffers: new SimulationBuffers(candles.time.length) };
    context.caches.set(key, range);
    for (const old of context.caches.keys()) if (context.caches.size > KEPT_RANGES) context.caches.delete(old);
  }
  return range;
}
