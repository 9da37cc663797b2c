/**
 * Optimisations and Monte Carlo in the contract's shapes: stored requests back in the request's
 * form, summaries and details field by field (the schemas are strict), trials as columns with
 * NaN for null, and Monte Carlo bands per percentile with each band's own drawdown.
 */
import type { SideMetrics } from '../../../src-engine/backtest/metrics.ts';
import { MONTE_CARLO_PERCENTILES, type MonteCarloResult } from '../../../src-engine/optimise/monte-carlo.ts';
import { OBJECTIVE_METRICS } from '../../../src-engine/optimise/objectives.ts';
import type { TrialResult } from '../../../src-engine/optimise/types.ts';
import type { OutputOf } from '../../../src-shared/contract/rpc/define.ts';
import type { WorkstationContract } from '../../../src-shared/contract/workstation.ts';
import type { OptimiseBest, OptimiseJobSummary, OptimisationSummary, StoredOptimiseRequest, StoredWindowResult } from '../core/optimise-job.ts';
import type { StoredOptimisation, StoredWindow } from '../repositories/optimisation-repository.ts';
import { finiteOrNull } from './convert.ts';
import { drawdownPercent } from '../core/run-chart.ts';

type Output<M extends keyof WorkstationContract['methods'] & string> = OutputOf<WorkstationContract, M>;
type Stored = StoredOptimisation<StoredOptimiseRequest, OptimisationSummary> & { readonly jobId: string | null };

function toBest(best: OptimiseBest | null): Output<'optimise.get'>['best'] {
  return best === null ? null : { trialIndex: best.trialIndex, params: { ...best.params }, scores: best.scores.map(finiteOrNull) };
}

export function toOptimisationSummary(stored: Stored, etaMs: number | null): Output<'optimise.list'>['optimisations'][number] {
  const { request, summary } = stored;
  return {
    id: stored.id,
    strategyName: summary.strategyName,
    dataSource: summary.dataSource,
    method: request.search.method,
    objectives: request.search.objectives.map(({ metric, direction }) => ({ metric, direction })),
    mode: request.walkForward === undefined ? 'search' : 'walk-forward',
    state: stored.state,
    jobId: stored.jobId,
    progress: { done: summary.done, total: summary.total, etaMs: stored.state === 'running' ? etaMs : null },
    best: toBest(summary.best),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    error: summary.error,
  };
}

function toRequest(request: StoredOptimiseRequest): Output<'optimise.get'>['request'] {
  const { data, search } = request;
  return {
    strategy: { document: request.strategy },
    data: 'csvPath' in data ? { csvPath: data.csvPath } : { series: { ...data.key }, from: data.from, to: data.to },
    settings: { ...request.settings },
    search: {
      method: search.method,
      parameters: { ...search.parameters },
      constraints: search.constraints === undefined ? undefined : [...search.constraints],
      trials: search.trials,
      seed: search.seed,
      objectives: search.objectives.map(({ metric, direction }) => ({ metric, direction })),
      filters: search.filters === undefined ? undefined : { ...search.filters },
      workers: search.workers,
    },
    walkForward: request.walkForward === undefined ? undefined : { ...request.walkForward },
  };
}

function sideMetrics(metrics: SideMetrics): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const name of OBJECTIVE_METRICS) out[name] = finiteOrNull(metrics[name]);
  return out;
}

export function toOptimisationDetail(stored: Stored, etaMs: number | null, windows: readonly StoredWindow<StoredWindowResult>[]): Output<'optimise.get'> {
  const { summary } = stored;
  const analysis = summary.analysis;
  return {
    ...toOptimisationSummary(stored, etaMs),
    request: toRequest(stored.request),
    parameterNames: [...summary.parameterNames],
    bestMetrics: summary.best === null ? null : sideMetrics(summary.best.metrics),
    paretoFront: analysis === null ? [] : [...analysis.paretoFront],
    walkForward: summary.walkForward === null ? null : toWalkForward(summary.walkForward, windows),
    deflatedSharpe:
      analysis?.deflatedSharpe == null
        ? null
        : {
            sharpe: finiteOrNull(analysis.deflatedSharpe.sharpe),
            psr: finiteOrNull(analysis.deflatedSharpe.psr),
            dsr: finiteOrNull(analysis.deflatedSharpe.dsr),
            trials: analysis.deflatedSharpe.trials,
          },
    plateau: analysis?.plateau == null ? null : Object.fromEntries(Object.entries(analysis.plateau).map(([name, score]) => [name, finiteOrNull(score)])),
  };
}

function toWalkForward(result: NonNullable<OptimisationSummary['walkForward']>, windows: readonly StoredWindow<StoredWindowResult>[]): NonNullable<Output<'optimise.get'>['walkForward']> {
  const bars = windows.reduce((n, w) => n + w.equity.length, 0);
  const time = new Float64Array(bars);
  const equity = new Float64Array(bars);
  let offset = 0;
  for (const w of windows) {
    equity.set(w.equity, offset);
    time.set(w.time, offset);
    offset += w.equity.length;
  }
  return {
    windows: windows.map(({ result }) => ({
      index: result.index,
      inSample: { ...result.inSample },
      outOfSample: { ...result.outOfSample },
      params: { ...result.params },
      inSampleScore: finiteOrNull(result.inSampleScore),
      outOfSampleScore: finiteOrNull(result.outOfSampleScore),
    })),
    oosEquity: { time, equity },
    efficiency: finiteOrNull(result.efficiency),
    parameterPath: Object.fromEntries(Object.entries(result.parameterPath).map(([name, values]) => [name, [...values]])),
  };
}

export function toTrialColumns(total: number, offset: number, parameterNames: readonly string[], objectives: number, trials: readonly (TrialResult & { window: number })[]): Output<'optimise.trials'> {
  const n = trials.length;
  const column = (value: (t: TrialResult) => number | null) => Float64Array.from(trials, (t) => value(t) ?? Number.NaN);
  const params: Output<'optimise.trials'>['params'] = {};
  for (const name of parameterNames) {
    const values = trials.map((t) => t.params[name]);
    params[name] = values.every((v) => typeof v === 'number') ? Float64Array.from(values as number[]) : values.map(String);
  }
  const metrics: Record<string, Float64Array<ArrayBuffer>> = {};
  for (const name of OBJECTIVE_METRICS) metrics[name] = column((t) => finiteOrNull(t.metrics[name]));
  return {
    total,
    offset,
    window: Float64Array.from(trials, (t) => t.window),
    index: Float64Array.from(trials, (t) => t.index),
    params,
    scores: Array.from({ length: objectives }, (_, k) => column((t) => t.scores[k] ?? null)),
    metrics,
    filteredBy: trials.slice(0, n).map((t) => t.filteredBy),
  };
}

export function toJobSummary(summary: OptimiseJobSummary): OptimiseJobSummaryOutput {
  return { optimisationId: summary.optimisationId, state: summary.state, done: summary.done, total: summary.total, best: toBest(summary.best) };
}
type OptimiseJobSummaryOutput = { optimisationId: string; state: 'finished' | 'paused'; done: number; total: number; best: Output<'optimise.get'>['best'] };

/** Bands per percentile (ascending): equity and drawdown, each a percentile across the simulations at every step. */
export function toMonteCarlo(method: Output<'robustness.monteCarlo'>['method'], simulations: number, result: MonteCarloResult & { trades: number; initialCapital: number }, pnl: readonly number[]): Output<'robustness.monteCarlo'> {
  const keys = MONTE_CARLO_PERCENTILES.map((p) => `p${p}` as const);
  const equity = keys.map((k) => Float64Array.from(result.equity[k]));
  const original = Float64Array.from({ length: pnl.length + 1 }, () => 0);
  original[0] = result.initialCapital;
  pnl.forEach((p, i) => {
    original[i + 1] = original[i] + p;
  });
  let deepest = 0;
  for (const value of drawdownPercent(original)) deepest = Math.min(deepest, value);
  return {
    method,
    simulations,
    trades: result.trades,
    percentiles: [...MONTE_CARLO_PERCENTILES],
    equity,
    drawdownPct: keys.map((k) => Float64Array.from(result.drawdownPct[k])),
    finalEquity: keys.map((k) => result.finalEquity[k]),
    maxDrawdownPct: keys.map((k) => result.maxDrawdownPct[k]),
    original: { finalEquity: original[original.length - 1], maxDrawdownPct: Math.abs(deepest) },
  };
}
