/**
 * One backtest from end to end, as every front end runs it: resolve the strategy (a template
 * name or a spec file, older flat format included), compile it against the candles, simulate,
 * compute the metrics and stamp the manifest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { computeMetrics, type BacktestMetrics } from '../../../src-engine/backtest/metrics.ts';
import { runBacktest } from '../../../src-engine/backtest/simulator.ts';
import type { BacktestResult, BacktestSettings } from '../../../src-engine/backtest/types.ts';
import type { Candles } from '../../../src-engine/candles.ts';
import { type CompiledStrategy, compileChecked, type ResolvedSizing } from '../../../src-engine/strategy/compile.ts';
import { importLegacyStrategy, isLegacyStrategy } from '../../../src-engine/strategy/legacy-import.ts';
import type { ParameterOverrides } from '../../../src-engine/strategy/parameters.ts';
import { requireStrategy } from '../../../src-engine/strategy/validate.ts';
import type { StrategySpec } from '../../../src-shared/strategy/spec.ts';
import { findTemplate, loadTemplates } from '../templates.ts';
import { buildManifest, type RunManifest } from './manifest.ts';

export class StrategyNotFoundError extends Error {
  constructor(reference: string) {
    const names = loadTemplates().map((t) => t.name).join(', ');
    super(`no template or file named "${reference}"; templates: ${names}`);
    this.name = 'StrategyNotFoundError';
  }
}

/** A template by name, or a JSON spec file (the older flat format is converted). */
export function loadStrategyDocument(reference: string): unknown {
  const template = findTemplate(reference);
  if (template !== undefined) return template.spec;
  if (!existsSync(reference)) throw new StrategyNotFoundError(reference);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(reference, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`${reference} is not valid JSON: ${(error as Error).message}`);
  }
  return isLegacyStrategy(document) ? importLegacyStrategy(document) : document;
}

export interface BacktestRequest {
  readonly strategy: unknown;
  readonly params?: ParameterOverrides;
  readonly candles: Candles;
  readonly settings: BacktestSettings;
  /** Replaces the strategy's own sizing (the command line's --sizing). */
  readonly sizing?: ResolvedSizing;
  /** Where the candles came from, for the manifest (a file name or a cache series). */
  readonly dataSource: string;
}

export interface BacktestRun {
  readonly spec: StrategySpec;
  readonly compiled: CompiledStrategy;
  readonly result: BacktestResult;
  readonly metrics: BacktestMetrics;
  readonly manifest: RunManifest;
}

export function runStrategyBacktest(request: BacktestRequest): BacktestRun {
  const stages = backtestStages(request);
  return stages.finish(stages.simulate());
}

/**
 * The same run in steps (compile on creation, then simulate, then metrics and manifest), so a
 * job can report progress and honour a cancel between them.
 */
export function backtestStages(request: BacktestRequest): {
  readonly spec: StrategySpec;
  readonly compiled: CompiledStrategy;
  simulate(): BacktestResult;
  finish(result: BacktestResult): BacktestRun;
} {
  const { spec, values } = requireStrategy(request.strategy, request.params);
  const strategy = compileChecked(spec, values, request.candles);
  if (request.sizing?.mode === 'risk-percent' && strategy.risk.stopLoss === undefined) {
    throw new Error('risk sizing needs a stop-loss, and this strategy has none (or it is set to 0)');
  }
  const compiled = request.sizing === undefined ? strategy : { ...strategy, sizing: request.sizing };
  return {
    spec,
    compiled,
    simulate: () => runBacktest(compiled, request.candles, request.settings),
    finish: (result) => {
      const metrics = computeMetrics({ candles: request.candles, result, initialCapital: request.settings.initialCapital });
      const manifest = buildManifest({ spec, parameters: values, candles: request.candles, settings: request.settings, dataSource: request.dataSource });
      return { spec, compiled, result, metrics, manifest };
    },
  };
}
