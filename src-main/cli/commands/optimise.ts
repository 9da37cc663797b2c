/**
 * `bst optimise`: searches a strategy's parameters (grid, random or Bayesian, optionally
 * walk-forward) on the worker pool, with progress on stderr, and writes results.csv (one row per
 * trial), best.json and, for a walk-forward, windows.csv and oos-equity.csv. Ctrl+C stops after
 * the batch in flight and still writes what finished.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isoTime } from '../../../src-engine/candles.ts';
import { parseObjective } from '../../../src-engine/optimise/objectives.ts';
import type { TrialResult } from '../../../src-engine/optimise/types.ts';
import { parseWalkForward, type WalkForwardLength, type WalkForwardResult } from '../../../src-engine/optimise/walk-forward.ts';
import { requireStrategy } from '../../../src-engine/strategy/validate.ts';
import { loadStrategyDocument } from '../../host/backtest/run-backtest.ts';
import type { SearchAnalysis } from '../../host/optimise/analysis.ts';
import { OptimiseRequestError, prepareSearch, type WalkForwardRequest } from '../../host/optimise/optimise-request.ts';
import { runOptimisation } from '../../host/optimise/run-optimisation.ts';
import { TrialPool } from '../../host/optimise/trial-pool.ts';
import { numberOption } from '../options.ts';
import { UsageError } from '../usage-error.ts';
import { BACKTEST_OPTIONS, type BacktestOptions, settingsFromOptions } from './backtest.ts';
import { loadCommandCandles } from '../command-candles.ts';

export const OPTIMISE_OPTIONS = {
  ...BACKTEST_OPTIONS,
  method: { type: 'string' },
  constraint: { type: 'string', multiple: true },
  objective: { type: 'string', multiple: true },
  'min-trades': { type: 'string' },
  'max-drawdown': { type: 'string' },
  trials: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  'walk-forward': { type: 'string' },
} as const;

export type OptimiseOptions = { [K in keyof typeof OPTIMISE_OPTIONS]?: (typeof OPTIMISE_OPTIONS)[K] extends { multiple: true } ? string[] : string };

/** Metrics every results.csv row carries after the scores. */
const KEY_METRICS = ['trades', 'netProfit', 'totalReturnPct', 'maxDrawdownPct', 'sharpe', 'sortino', 'profitFactor', 'winRatePct'] as const;

export interface OptimiseIo {
  readonly write: (text: string) => void;
  readonly writeProgress: (text: string) => void;
  readonly signal?: AbortSignal;
}

function domains(options: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const option of options ?? []) {
    const eq = option.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param ${option}: expected name=domain, e.g. --param fast=5:50:1, --param slow=20,40,80 or --param stop=2`);
    out[option.slice(0, eq).trim()] = option.slice(eq + 1).trim();
  }
  return out;
}

function walkForwardRequest(text: string | undefined): WalkForwardRequest | undefined {
  if (text === undefined) return undefined;
  let spec;
  try {
    spec = parseWalkForward(text);
  } catch (error) {
    throw new UsageError(`--walk-forward ${(error as Error).message}`);
  }
  const split = (length: WalkForwardLength | undefined) => (length === undefined ? [undefined, undefined] : 'days' in length ? [length.days, undefined] : [undefined, length.bars]);
  const [inSampleDays, inSampleBars] = split(spec.inSample);
  const [outOfSampleDays, outOfSampleBars] = split(spec.outOfSample);
  const [stepDays, stepBars] = split(spec.step);
  return { inSampleDays, inSampleBars, outOfSampleDays, outOfSampleBars, stepDays, stepBars, anchored: spec.anchored };
}

const csvCell = (value: unknown) => (value === null || value === undefined ? '' : String(value));

export async function runOptimiseCommand(options: OptimiseOptions, io: OptimiseIo): Promise<number> {
  if (options.strategy === undefined) throw new UsageError('bst optimise needs --strategy <template name | spec.json>; see bst templates');
  if (options.out === undefined) throw new UsageError('bst optimise needs --out <dir> for results.csv and best.json');
  const method = options.method ?? 'grid';
  if (method !== 'grid' && method !== 'random' && method !== 'bayes') throw new UsageError(`--method ${method}: expected grid, random or bayes`);
  const strategy = loadStrategyDocument(options.strategy);
  const { spec } = requireStrategy(strategy);
  let objectives;
  try {
    objectives = (options.objective ?? ['sharpe']).map(parseObjective);
  } catch (error) {
    throw new UsageError(`--objective: ${(error as Error).message}`);
  }
  const number = (name: keyof OptimiseOptions, rule: Parameters<typeof numberOption>[3]) => {
    const text = options[name];
    return typeof text === 'string' ? numberOption(name, text, 0, rule) : undefined;
  };
  let prepared;
  try {
    prepared = prepareSearch(
      spec,
      {
        method,
        parameters: domains(options.param),
        constraints: options.constraint ?? [],
        trials: number('trials', { above: 0 }),
        seed: number('seed', {}),
        objectives,
        filters: { minTrades: number('min-trades', { min: 0 }), maxDrawdownPct: number('max-drawdown', { above: 0 }) },
        workers: number('workers', { min: 1 }),
      },
      walkForwardRequest(options['walk-forward']),
    );
  } catch (error) {
    if (error instanceof OptimiseRequestError) throw new UsageError(error.message);
    throw error;
  }
  const { candles, source, defaults } = loadCommandCandles('optimise', options);
  const settings = settingsFromOptions(options as BacktestOptions, defaults);
  const stop = new AbortController();
  const onAbort = () => stop.abort(new Error('interrupted'));
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const trials = new Map<number, TrialResult[]>();
  const pool = new TrialPool({ candles, strategy, settings, workers: prepared.workers });
  io.writeProgress(`optimising ${spec.name} on ${source} (${candles.time.length} bars) with ${pool.size} workers\n`);
  let lastTenth = -1;
  try {
    const outcome = await runOptimisation(candles, prepared, pool, {
      stored: () => [],
      onTrials: (window, results) => trials.set(window, [...(trials.get(window) ?? []), ...results]),
      onProgress: (p) => {
        const tenth = p.total > 0 ? Math.floor((10 * p.done) / p.total) : 10;
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        const best = p.best === null ? '' : `, best ${objectives[0].metric} ${p.best.scores[0]} at ${Object.entries(p.best.params).map(([k, v]) => `${k}=${v}`).join(' ')}`;
        const eta = p.etaMs === null ? '' : `, ETA ${Math.ceil(p.etaMs / 1000)}s`;
        io.writeProgress(`${p.done}/${p.total} trials${best}${eta}\n`);
      },
      signal: stop.signal,
    });
    const walkForward = outcome.status === 'done' ? outcome.walkForward : null;
    const analysis = outcome.status === 'done' ? outcome.analysis : null;
    const files = writeResults(options.out, { names: prepared.parameterNames, objectives: objectives.map((o) => o.metric), trials, walkForward, analysis, time: candles.time });
    io.write(`${outcome.status === 'done' ? 'finished' : 'stopped'} after ${outcome.progress.done} of ${outcome.progress.total} trials; wrote ${files.join(', ')} to ${options.out}\n`);
    if (analysis?.best != null) io.write(`best: ${Object.entries(analysis.best.params).map(([k, v]) => `${k}=${v}`).join(' ')} ${objectives.map((o, i) => `${o.metric}=${analysis.best?.scores[i]}`).join(' ')}\n`);
    if (walkForward !== null) io.write(`walk-forward efficiency: ${walkForward.efficiency ?? 'n/a'} over ${walkForward.windows.length} windows\n`);
    return outcome.status === 'done' ? 0 : 130;
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
}

interface Results {
  readonly names: readonly string[];
  readonly objectives: readonly string[];
  readonly trials: ReadonlyMap<number, readonly TrialResult[]>;
  readonly walkForward: WalkForwardResult | null;
  readonly analysis: SearchAnalysis | null;
  readonly time: Float64Array;
}

function writeResults(dir: string, results: Results): string[] {
  mkdirSync(dir, { recursive: true });
  const { names, objectives, walkForward, analysis } = results;
  const header = [...(walkForward === null ? [] : ['window']), 'trial', ...names, ...objectives.map((m) => `score_${m}`), 'filtered_by', ...KEY_METRICS];
  const rows = [...results.trials].sort(([a], [b]) => a - b).flatMap(([window, trials]) =>
    [...trials]
      .sort((a, b) => a.index - b.index)
      .map((t) => [...(walkForward === null ? [] : [window]), t.index, ...names.map((n) => t.params[n]), ...t.scores, t.filteredBy, ...KEY_METRICS.map((m) => t.metrics[m])].map(csvCell).join(',')),
  );
  writeFileSync(path.join(dir, 'results.csv'), `${[header.join(','), ...rows].join('\n')}\n`);
  const best = analysis?.best ?? null;
  const summary = {
    objectives,
    best: best === null ? null : { trial: best.index, params: best.params, scores: best.scores, metrics: best.metrics },
    paretoFront: analysis?.paretoFront ?? [],
    deflatedSharpe: analysis?.deflatedSharpe ?? null,
    plateau: analysis?.plateau ?? null,
    walkForward:
      walkForward === null
        ? null
        : {
            efficiency: walkForward.efficiency,
            parameterPath: walkForward.parameterPath,
            windows: walkForward.windows.map((w) => ({ ...w.window, params: w.params, inSampleScore: w.inSampleScore, outOfSampleScore: w.outOfSampleScore })),
          },
  };
  writeFileSync(path.join(dir, 'best.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (walkForward === null) return ['results.csv', 'best.json'];
  const { time } = results;
  const windowRows = walkForward.windows.map((w) =>
    [w.window.index, isoTime(time[w.window.inSample.from]), isoTime(time[w.window.inSample.to - 1]), isoTime(time[w.window.outOfSample.from]), isoTime(time[w.window.outOfSample.to - 1]), ...names.map((n) => w.params[n]), w.inSampleScore, w.outOfSampleScore]
      .map(csvCell)
      .join(','),
  );
  writeFileSync(path.join(dir, 'windows.csv'), `${['window,in_sample_from,in_sample_to,out_of_sample_from,out_of_sample_to', ...names, 'in_sample_score,out_of_sample_score'].join(',')}\n${windowRows.join('\n')}\n`);
  const equityRows: string[] = [];
  walkForward.windows.forEach((w, i) => {
    const start = walkForward.equityStarts[i];
    for (let bar = w.window.outOfSample.from; bar < w.window.outOfSample.to; bar++) equityRows.push(`${isoTime(time[bar])},${walkForward.equity[start + bar - w.window.outOfSample.from]}`);
  });
  writeFileSync(path.join(dir, 'oos-equity.csv'), `time,equity\n${equityRows.join('\n')}\n`);
  return ['results.csv', 'best.json', 'windows.csv', 'oos-equity.csv'];
}
