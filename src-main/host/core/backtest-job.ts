/**
 * A single backtest as a core job: everything that can be checked without the candles
 * (strategy, parameters, data source, settings) is checked when the job is asked for, so a bad
 * request fails at once; the job then loads the candles (a CSV file, or the cache with its
 * instrument rules and funding) and runs the same stages as the CLI's runStrategyBacktest.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BacktestMetrics } from '../../../src-engine/backtest/metrics.ts';
import type { BacktestResult } from '../../../src-engine/backtest/types.ts';
import { importLegacyStrategy, isLegacyStrategy } from '../../../src-engine/strategy/legacy-import.ts';
import type { ParameterOverrides } from '../../../src-engine/strategy/parameters.ts';
import { requireStrategy, StrategyError } from '../../../src-engine/strategy/validate.ts';
import { describeSeries } from '../../../src-shared/market.ts';
import type { RunManifest } from '../backtest/manifest.ts';
import type { ReplayData, RunReplay } from '../backtest/replay.ts';
import { backtestStages, loadStrategyDocument, StrategyNotFoundError } from '../backtest/run-backtest.ts';
import { readCandleCsvFile } from '../csv/read-candle-csv.ts';
import type { CandleStore } from '../store/candle-store.ts';
import { type BacktestSettingsOverrides, checkSettingsOverrides, resolveBacktestSettings } from './backtest-settings.ts';
import { type CachedMarketData, loadCachedMarketData } from './cached-market-data.ts';
import { CoreError } from './errors.ts';
import { parseSeriesKey, parseTimeRange } from './inputs.ts';
import type { JobContext } from './job-manager.ts';
import { buildRunChart, type RunChart } from './run-chart.ts';

/** Candles from the cache (resampled from a lower interval when needed) or from a CSV file. */
export type BacktestDataSource = ReplayData;

export interface BacktestJobRequest {
  /** A template name, a spec file path, or a strategy document (the older flat format too). */
  readonly strategy: unknown;
  readonly params?: ParameterOverrides;
  readonly data: BacktestDataSource;
  /** Any subset of the backtest settings; the rest take the CLI's defaults and the cached instrument rules. */
  readonly settings?: BacktestSettingsOverrides;
}

/** What the job-finished event carries: small, whatever the number of bars. */
export interface BacktestSummary {
  readonly kind: 'backtest';
  readonly metrics: BacktestMetrics;
  readonly trades: number;
  readonly openTrades: number;
  readonly warnings: readonly string[];
  readonly manifest: RunManifest;
  /** The run saved from this job (runs.get). */
  readonly runId: string;
}

/** A request that passed every check that needs no candles. */
export interface PreparedBacktest {
  readonly document: unknown;
  readonly params: ParameterOverrides;
  readonly data: BacktestDataSource;
  readonly settings: BacktestSettingsOverrides;
  readonly label: string;
}

export function prepareBacktest(request: BacktestJobRequest): PreparedBacktest {
  const params = request.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new CoreError('invalid-input', 'params: expected an object of parameter names and values');
  const document = strategyDocument(request.strategy);
  const { spec } = requireStrategy(document, params);
  const data = checkDataSource(request.data);
  const settings = checkSettingsOverrides(request.settings);
  const on = 'csvPath' in data ? path.basename(data.csvPath) : describeSeries(data.key);
  return { document, params, data, settings, label: `backtest ${spec.name} on ${on}` };
}

function strategyDocument(strategy: unknown): unknown {
  if (typeof strategy !== 'string') return isLegacyStrategy(strategy) ? importLegacyStrategy(strategy) : strategy;
  try {
    return loadStrategyDocument(strategy);
  } catch (error) {
    // Anything else here is a file that cannot be read or parsed as a strategy.
    if (error instanceof StrategyError || error instanceof StrategyNotFoundError) throw error;
    throw new CoreError('strategy', (error as Error).message, { cause: error });
  }
}

function checkDataSource(data: unknown): BacktestDataSource {
  if (typeof data !== 'object' || data === null) throw new CoreError('invalid-input', 'data: expected {key, from?, to?} or {csvPath}');
  if ('csvPath' in data) {
    const { csvPath } = data;
    if (typeof csvPath !== 'string' || csvPath === '') throw new CoreError('invalid-input', 'data.csvPath: expected a file path');
    if (!existsSync(csvPath)) throw new CoreError('not-found', `no file ${csvPath}`);
    return { csvPath };
  }
  const source = data as { key?: unknown; from?: unknown; to?: unknown };
  const key = parseSeriesKey(source.key, 'data.key');
  const { from, to } = parseTimeRange(source.from, source.to);
  return { key, from, to };
}

export interface BacktestOutcome {
  /** The caller saves the run and adds its id. */
  readonly summary: Omit<BacktestSummary, 'runId'>;
  readonly result: BacktestResult;
  readonly metrics: BacktestMetrics;
  readonly manifest: RunManifest;
  readonly chart: RunChart;
  readonly replay: RunReplay;
}

/**
 * Cached data brings its market's default fees from the settings (see loadCachedMarketData); CSV
 * data has none. Each step reports progress and yields the thread, so a cancel lands between
 * steps; the replay records the exact bars and settings, so the run can be computed again.
 */
export async function runBacktestJob(job: PreparedBacktest, store: CandleStore, context: JobContext): Promise<BacktestOutcome> {
  const step = async (done: number, message: string) => {
    context.progress({ done, total: 4, message });
    await nextTurn(undefined, { signal: context.signal });
  };
  await step(0, 'loading candles');
  const { candles, source, defaults } = loadData(job.data, store);
  const bars = candles.time.length;
  await step(1, `computing indicators and signals over ${bars} bars`);
  const settings = resolveBacktestSettings(job.settings, defaults);
  const stages = backtestStages({ strategy: job.document, params: job.params, candles, settings, dataSource: source });
  await step(2, `simulating ${bars} bars`);
  const result = stages.simulate();
  await step(3, 'computing metrics');
  const { metrics, manifest } = stages.finish(result);
  const { funding, ...plainSettings } = settings;
  const data: ReplayData = 'csvPath' in job.data ? job.data : { key: job.data.key, from: candles.time[0], to: candles.time[bars - 1] + 1 };
  return {
    summary: { kind: 'backtest', metrics, trades: result.trades.length, openTrades: result.openTrades.length, warnings: result.warnings, manifest },
    result,
    metrics,
    manifest,
    chart: buildRunChart(stages.spec, stages.compiled, candles, result),
    replay: { strategy: job.document, params: job.params, data, settings: plainSettings },
  };
}

/**
 * Computes a saved run again for its charts. Refuses when the bars differ from the run's (the
 * cache was changed or the CSV edited since): a chart must show the run that was measured.
 */
export function replayRun(replay: RunReplay, manifest: RunManifest, store: CandleStore): RunChart {
  const { candles, defaults } = loadData(replay.data, store);
  const settings = { ...replay.settings, funding: defaults.funding };
  const stages = backtestStages({ strategy: replay.strategy, params: replay.params, candles, settings, dataSource: manifest.dataSource });
  const result = stages.simulate();
  const { manifest: again } = stages.finish(result);
  if (again.dataHash !== manifest.dataHash) {
    throw new CoreError('data', `the candles of ${manifest.dataSource} changed since this run was saved, so its charts cannot be rebuilt; run the backtest again`);
  }
  return buildRunChart(stages.spec, stages.compiled, candles, result);
}

function loadData(data: BacktestDataSource, store: CandleStore): CachedMarketData {
  if ('csvPath' in data) {
    if (!existsSync(data.csvPath)) throw new CoreError('not-found', `no file ${data.csvPath}`);
    return { candles: readCandleCsvFile(data.csvPath).candles, source: path.basename(data.csvPath), defaults: {} };
  }
  const loaded = loadCachedMarketData(store, data.key, data.from, data.to);
  if (loaded.candles.time.length === 0) {
    throw new CoreError('not-found', `the cache has no ${describeSeries(data.key)} candles in that range (nor a lower interval to build them from); download them first`);
  }
  return loaded;
}
