/**
 * The workstation contract: every method a window can call on the core and every event the
 * core pushes, declared once. Electron IPC, the core worker's MessagePort and the browser
 * mode's WebSocket all carry exactly this.
 */
import type { RpcClient } from './rpc/client.ts';
import { defineContract, type Handlers } from './rpc/define.ts';
import type { RpcServer } from './rpc/server.ts';
import { startBacktestInputSchema } from './schemas/backtest.ts';
import {
  deleteSeriesInputSchema,
  deleteSeriesOutputSchema,
  importInputSchema,
  importOutputSchema,
  inventoryOutputSchema,
  readCandlesInputSchema,
  readCandlesOutputSchema,
} from './schemas/cache.ts';
import { noInputSchema } from './schemas/common.ts';
import { jobStartedSchema, startDownloadInputSchema } from './schemas/download.ts';
import { listInstrumentsInputSchema, listInstrumentsOutputSchema } from './schemas/instruments.ts';
import { cancelJobInputSchema, cancelJobOutputSchema, jobFinishedSchema, jobProgressSchema, listJobsOutputSchema } from './schemas/jobs.ts';
import {
  liveCandlesEventSchema,
  liveRenewInputSchema,
  liveRenewOutputSchema,
  liveStatusEventSchema,
  liveSubscribeInputSchema,
  liveSubscribeOutputSchema,
  liveUnsubscribeInputSchema,
  liveUnsubscribeOutputSchema,
} from './schemas/live.ts';
import { listIndicatorsOutputSchema, listTemplatesOutputSchema, validateStrategyInputSchema, validateStrategyOutputSchema } from './schemas/strategy.ts';
import {
  deletedOutputSchema,
  listStrategiesOutputSchema,
  savedStrategySchema,
  saveStrategyInputSchema,
  saveStrategyOutputSchema,
  strategyByIdSchema,
} from './schemas/library.ts';
import {
  listRunsOutputSchema,
  runBarsInputSchema,
  runBarsOutputSchema,
  runByIdSchema,
  runDetailSchema,
  runEquityInputSchema,
  runEquityOutputSchema,
  runExportInputSchema,
  runExportOutputSchema,
} from './schemas/runs.ts';
import {
  applyToStrategyInputSchema,
  applyToStrategyOutputSchema,
  listOptimisationsOutputSchema,
  monteCarloInputSchema,
  monteCarloOutputSchema,
  optimisationByIdSchema,
  optimisationDetailSchema,
  optimiseTrialsInputSchema,
  optimiseTrialsOutputSchema,
  pauseOptimisationOutputSchema,
  resumeOptimisationOutputSchema,
  startOptimiseInputSchema,
  startOptimiseOutputSchema,
} from './schemas/optimise.ts';
import { settingsPatchSchema, workstationSettingsSchema } from './schemas/settings.ts';
import { coreStatusSchema, setDataDirectoryInputSchema, setDataDirectoryOutputSchema, systemInfoSchema } from './schemas/system.ts';

export const workstationContract = defineContract({
  methods: {
    'system.info': {
      input: noInputSchema,
      output: systemInfoSchema,
      description: 'Engine version, data folder and the size of the candle cache.',
    },
    'system.setDataDirectory': {
      input: setDataDirectoryInputSchema,
      output: setDataDirectoryOutputSchema,
      description: 'Chooses the data folder for the next start (config.json); creates it, checks it is writable, moves nothing.',
    },
    'templates.list': {
      input: noInputSchema,
      output: listTemplatesOutputSchema,
      description: 'The built-in strategy templates with their parameters, sorted by name.',
    },
    'indicators.list': {
      input: noInputSchema,
      output: listIndicatorsOutputSchema,
      description: 'Every indicator the strategy language knows, with its parameters, outputs and chart pane.',
    },
    'strategy.validate': {
      input: validateStrategyInputSchema,
      output: validateStrategyOutputSchema,
      description: 'Checks a strategy document with parameter overrides and lists every problem with its path.',
    },
    'instruments.list': {
      input: listInstrumentsInputSchema,
      output: listInstrumentsOutputSchema,
      description: "An exchange market's instruments with their trading rules, from the cache or the exchange.",
    },
    'cache.inventory': {
      input: noInputSchema,
      output: inventoryOutputSchema,
      description: 'What the cache holds per series: span, counts, gaps, stretches never downloaded, size.',
    },
    'cache.readCandles': {
      input: readCandlesInputSchema,
      output: readCandlesOutputSchema,
      description: 'A cached series (or part of it) as Float64Array columns.',
    },
    'cache.deleteSeries': {
      input: deleteSeriesInputSchema,
      output: deleteSeriesOutputSchema,
      description: 'Removes a series, its candles and its coverage from the cache.',
    },
    'cache.import': {
      input: importInputSchema,
      output: importOutputSchema,
      description: 'Imports candle files all or nothing: a bad file anywhere leaves the cache unchanged.',
    },
    'download.start': {
      input: startDownloadInputSchema,
      output: jobStartedSchema,
      description: 'Starts filling the cache for a series and range; progress and the result arrive as job events.',
    },
    'backtest.start': {
      input: startBacktestInputSchema,
      output: jobStartedSchema,
      description: 'Starts a backtest of a document or template on cached or CSV candles; the summary arrives in job.finished.',
    },
    'jobs.cancel': {
      input: cancelJobInputSchema,
      output: cancelJobOutputSchema,
      description: 'Asks a job to stop; it ends with job.finished and error code cancelled.',
    },
    'jobs.list': {
      input: noInputSchema,
      output: listJobsOutputSchema,
      description: 'Jobs running and recently ended, oldest first.',
    },
    'settings.get': {
      input: noInputSchema,
      output: workstationSettingsSchema,
      description: 'The settings: exchange endpoints, default fees per exchange and market, theme.',
    },
    'settings.update': {
      input: settingsPatchSchema,
      output: workstationSettingsSchema,
      description: 'Merges a part of the settings into the stored ones, applies them and answers the whole; emits settings.changed.',
    },
    'strategies.list': {
      input: noInputSchema,
      output: listStrategiesOutputSchema,
      description: 'The saved strategies, by name.',
    },
    'strategies.save': {
      input: saveStrategyInputSchema,
      output: saveStrategyOutputSchema,
      description: "Checks a strategy document and saves it, new or over a saved one; problems fail with code 'strategy' and details.issues.",
    },
    'strategies.get': {
      input: strategyByIdSchema,
      output: savedStrategySchema,
      description: 'One saved strategy with its document.',
    },
    'strategies.delete': {
      input: strategyByIdSchema,
      output: deletedOutputSchema,
      description: 'Deletes a saved strategy; deleted is false when there was none.',
    },
    'runs.list': {
      input: noInputSchema,
      output: listRunsOutputSchema,
      description: 'The saved backtest runs, newest first, with their key metrics.',
    },
    'runs.get': {
      input: runByIdSchema,
      output: runDetailSchema,
      description: 'One run in full: metrics of all, long and short trades, the manifest and the trades as columns.',
    },
    'runs.bars': {
      input: runBarsInputSchema,
      output: runBarsOutputSchema,
      description: "A window of a run's bars for its charts: candles, indicator lines, equity and drawdown.",
    },
    'runs.equity': {
      input: runEquityInputSchema,
      output: runEquityOutputSchema,
      description: "A run's whole equity and drawdown curve thinned to about maxPoints bars, extremes kept.",
    },
    'runs.export': {
      input: runExportInputSchema,
      output: runExportOutputSchema,
      description: 'A run as a file: its trades as CSV (as bst backtest writes them), its results as JSON, or a self-contained HTML report.',
    },
    'runs.delete': {
      input: runByIdSchema,
      output: deletedOutputSchema,
      description: 'Deletes a run and its trades; deleted is false when there was none.',
    },
    'live.subscribe': {
      input: liveSubscribeInputSchema,
      output: liveSubscribeOutputSchema,
      description: 'Watches a series live: answers the recent closed candles and the status; live.candles and live.status events follow. Renew with live.renew within leaseMs.',
    },
    'live.unsubscribe': {
      input: liveUnsubscribeInputSchema,
      output: liveUnsubscribeOutputSchema,
      description: 'Stops watching; the exchange stream is dropped when no subscription needs it.',
    },
    'live.renew': {
      input: liveRenewInputSchema,
      output: liveRenewOutputSchema,
      description: "Extends the leases of a window's subscriptions; answers the ids no longer held.",
    },
    'optimise.start': {
      input: startOptimiseInputSchema,
      output: startOptimiseOutputSchema,
      description: 'Starts a parameter search (grid, random or Bayesian; optionally walk-forward) as a job; trials are stored as they finish.',
    },
    'optimise.list': {
      input: noInputSchema,
      output: listOptimisationsOutputSchema,
      description: 'The stored optimisations, newest first, with state, progress and best so far.',
    },
    'optimise.get': {
      input: optimisationByIdSchema,
      output: optimisationDetailSchema,
      description: 'One optimisation: request, state, progress, best, Pareto front, walk-forward result, deflated Sharpe and plateau scores.',
    },
    'optimise.trials': {
      input: optimiseTrialsInputSchema,
      output: optimiseTrialsOutputSchema,
      description: "An optimisation's trials as columns (parameters, scores, every metric), up to 100,000 per call.",
    },
    'optimise.pause': {
      input: optimisationByIdSchema,
      output: pauseOptimisationOutputSchema,
      description: 'Pauses a running optimisation after the trials in flight; its job ends with state paused.',
    },
    'optimise.resume': {
      input: optimisationByIdSchema,
      output: resumeOptimisationOutputSchema,
      description: 'Continues a paused, cancelled or failed optimisation as a new job, without running stored trials again.',
    },
    'optimise.delete': {
      input: optimisationByIdSchema,
      output: deletedOutputSchema,
      description: 'Deletes an optimisation and its trials (a running one is cancelled first).',
    },
    'optimise.applyToStrategy': {
      input: applyToStrategyInputSchema,
      output: applyToStrategyOutputSchema,
      description: "Saves a trial's parameters as the defaults of a saved strategy's declared parameters.",
    },
    'robustness.monteCarlo': {
      input: monteCarloInputSchema,
      output: monteCarloOutputSchema,
      description: "Monte Carlo over a saved run's trades (reshuffle, bootstrap or skip): percentile bands of equity and drawdown.",
    },
  },
  events: {
    'job.progress': {
      payload: jobProgressSchema,
      description: 'A job advanced: done of total units, estimated time left, a status line.',
    },
    'job.finished': {
      payload: jobFinishedSchema,
      description: "A job ended: its result summary, or the error (code 'cancelled' when cancelled).",
    },
    'core.status': {
      payload: coreStatusSchema,
      description: 'The core changed state (starting, ready, stopping, stopped, crashed).',
    },
    'settings.changed': {
      payload: workstationSettingsSchema,
      description: 'The settings changed (the whole new settings).',
    },
    'live.candles': {
      payload: liveCandlesEventSchema,
      description: 'New closed candles and the forming candle of one subscription, at most one event per subscription per flush tick.',
    },
    'live.status': {
      payload: liveStatusEventSchema,
      description: "A subscription's connection state changed: live, reconnecting or down, with the reason.",
    },
  },
});

export type WorkstationContract = typeof workstationContract;
export type WorkstationClient = RpcClient<WorkstationContract>;
export type WorkstationServer = RpcServer<WorkstationContract>;
export type WorkstationHandlers = Handlers<WorkstationContract>;
