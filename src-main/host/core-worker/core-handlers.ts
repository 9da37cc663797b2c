/**
 * The workstation contract's handler table over the core services: each method calls one
 * service, converts its answer into the contract's shape, and turns every failure into an
 * RpcFailure whose code the UI can branch on. The server validates the input before a handler
 * runs, so the handlers only translate.
 */
import { isLegacyStrategy } from '../../../src-engine/strategy/legacy-import.ts';
import { RpcFailure } from '../../../src-shared/contract/rpc/errors.ts';
import type { WorkstationHandlers } from '../../../src-shared/contract/workstation.ts';
import { type CoreServices, type JobInfo, toCoreError } from '../core/index.ts';
import { listIndicators, toImportReport, toInventoryEntry, toJobList, toRpcError, toTemplateInfo, toValidation } from './convert.ts';
import { toRunDetail, toRunSummary, toStrategyInfo } from './convert-library.ts';
import { toMonteCarlo, toOptimisationDetail, toOptimisationSummary, toTrialColumns } from './convert-optimise.ts';

/** The CoreError behind any failure, as an RpcFailure; an internal one keeps its cause for the log. */
export function toRpcFailure(error: unknown): RpcFailure {
  if (error instanceof RpcFailure) return error;
  const core = toCoreError(error);
  const { code, message, details } = toRpcError(core.info());
  const failure = new RpcFailure(code, message, details);
  if (code === 'internal') failure.cause = core.cause ?? error;
  return failure;
}

async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toRpcFailure(error);
  }
}

/** The contract's columns live in their own ArrayBuffer (a shared one would not be copied to the window). */
function owned(column: Float64Array): Float64Array<ArrayBuffer> {
  return column.buffer instanceof ArrayBuffer ? (column as Float64Array<ArrayBuffer>) : new Float64Array(column);
}

/** Estimated time left of each running job with a known pace. */
function etaOf(jobs: readonly JobInfo[]): Map<string, number | null> {
  return new Map(jobs.map((job) => [job.jobId, job.progress?.etaMs ?? null]));
}

export function createCoreHandlers(services: CoreServices): WorkstationHandlers {
  /** By name only: the services would also take a file path here, which a window must not be able to name. */
  const templateSpec = async (name: string) => {
    const wanted = name.toLowerCase();
    const template = (await services.listTemplates()).find((candidate) => candidate.name.toLowerCase() === wanted);
    if (template === undefined) throw new RpcFailure('not-found', `there is no template named ${name}`);
    return template.spec;
  };

  return {
    'system.info': () =>
      translated(async () => {
        const { engineVersion, dataDir, configuredDataDir, cacheSizeBytes } = await services.info();
        return { engineVersion, dataDir, configuredDataDir, cacheSizeBytes };
      }),

    'system.setDataDirectory': ({ path }) =>
      translated(async () => ({ dataDir: await services.setDataDirectory(path), restartRequired: true as const })),

    'templates.list': () => translated(async () => ({ templates: (await services.listTemplates()).map(toTemplateInfo) })),

    'indicators.list': () => ({ indicators: listIndicators() }),

    'strategy.validate': ({ document, overrides }) =>
      translated(async () => toValidation(await services.validateStrategy(document, overrides ?? {}), isLegacyStrategy(document))),

    'instruments.list': ({ exchange, market, refresh }) =>
      translated(async () => ({ instruments: await services.listInstruments(exchange, market, { refresh: refresh === true }) })),

    'cache.inventory': () => translated(async () => ({ series: (await services.inventory()).map(toInventoryEntry) })),

    'cache.readCandles': ({ key, from, to }) =>
      translated(async () => {
        const { time, open, high, low, close, volume } = await services.readCandles(key, from, to);
        return { key, columns: { time: owned(time), open: owned(open), high: owned(high), low: owned(low), close: owned(close), volume: owned(volume) } };
      }),

    'cache.deleteSeries': ({ key }) =>
      translated(async () => {
        await services.deleteSeries(key);
        return { deleted: true };
      }),

    // The contract's import answers when the import is done, so the job stays inside the core.
    'cache.import': ({ files, target, market }) =>
      translated(async () => {
        const { jobId } = await services.importFiles(files, target === 'infer' ? undefined : target, { market });
        const finished = await services.waitForJob(jobId);
        if (!finished.ok) throw RpcFailure.from(toRpcError(finished.error));
        if (finished.result.kind !== 'import') throw new RpcFailure('internal', `import job ${jobId} answered with a ${finished.result.kind} result`);
        return toImportReport(finished.result);
      }),

    // The services need an end; the contract's "until now" is the wall clock at the call.
    'download.start': ({ key, from, to }) => translated(async () => ({ jobId: (await services.startDownload(key, from, to ?? Date.now())).jobId })),

    'backtest.start': ({ strategy, params, data, settings }) =>
      translated(async () => {
        if ('document' in strategy && typeof strategy.document === 'string') {
          throw new RpcFailure('invalid-input', 'strategy.document: expected a strategy document (a JSON object), not a string');
        }
        const document = 'template' in strategy ? await templateSpec(strategy.template) : strategy.document;
        const { intrabar, ...rest } = settings;
        if (intrabar === 'magnifier') {
          throw new RpcFailure('invalid-input', 'settings.intrabar: the magnifier path needs lower-timeframe candles, which the core does not load yet');
        }
        const source = 'csvPath' in data ? { csvPath: data.csvPath } : { key: data.series, from: data.from, to: data.to };
        const { jobId } = await services.startBacktest({ strategy: document, params, data: source, settings: { ...rest, intrabar } });
        return { jobId };
      }),

    'jobs.cancel': ({ jobId }) => translated(async () => ({ cancelled: await services.cancel(jobId) })),

    'jobs.list': () => translated(async () => ({ jobs: toJobList(await services.jobs()) })),

    'settings.get': () => translated(() => services.settings()),

    'settings.update': (patch) => translated(() => services.updateSettings(patch)),

    'strategies.list': () => translated(async () => ({ strategies: (await services.listStrategies()).map(toStrategyInfo) })),

    'strategies.save': ({ id, spec }) =>
      translated(async () => {
        const { id: savedId, name, updatedAt } = await services.saveStrategy(spec, id);
        return { id: savedId, name, updatedAt };
      }),

    'strategies.get': ({ id }) =>
      translated(async () => {
        const saved = await services.getStrategy(id);
        return { ...toStrategyInfo(saved), spec: saved.spec };
      }),

    'strategies.delete': ({ id }) => translated(async () => ({ deleted: await services.deleteStrategy(id) })),

    'runs.list': () => translated(async () => ({ runs: (await services.listRuns()).map(toRunSummary) })),

    'runs.get': ({ id }) => translated(async () => toRunDetail(await services.getRun(id))),

    'runs.bars': (input) => translated(() => ('last' in input ? services.runTail(input.id, input.last) : services.runBars(input.id, input.from, input.to))),

    'runs.equity': ({ id, maxPoints }) => translated(() => services.runEquity(id, maxPoints)),

    'runs.export': ({ id, format }) => translated(() => services.exportRun(id, format)),

    'runs.delete': ({ id }) => translated(async () => ({ deleted: await services.deleteRun(id) })),

    'live.subscribe': ({ key, historyBars }) =>
      translated(async () => {
        const { history, ...subscription } = await services.subscribeLive(key, historyBars);
        const { time, open, high, low, close, volume } = history;
        return { ...subscription, history: { time: owned(time), open: owned(open), high: owned(high), low: owned(low), close: owned(close), volume: owned(volume) } };
      }),

    'live.unsubscribe': ({ subscriptionId }) => translated(async () => ({ released: await services.unsubscribeLive(subscriptionId) })),

    'live.renew': ({ subscriptionIds }) => translated(async () => ({ unknown: await services.renewLive(subscriptionIds) })),

    'optimise.start': ({ strategy, data, settings, search, walkForward }) =>
      translated(async () => {
        const document = 'template' in strategy ? await templateSpec(strategy.template) : strategy.document;
        if (settings.intrabar === 'magnifier') throw new RpcFailure('invalid-input', 'settings.intrabar: the magnifier path needs lower-timeframe candles, which the core does not load yet');
        const source = 'csvPath' in data ? { csvPath: data.csvPath } : { key: data.series, from: data.from, to: data.to };
        const { job, optimisationId } = await services.startOptimisation({ strategy: document, data: source, settings: { ...settings, intrabar: settings.intrabar }, search, walkForward });
        return { jobId: job.jobId, optimisationId };
      }),

    'optimise.list': () =>
      translated(async () => {
        const eta = etaOf(await services.jobs());
        return { optimisations: (await services.listOptimisations()).map((stored) => toOptimisationSummary(stored, stored.jobId === null ? null : (eta.get(stored.jobId) ?? null))) };
      }),

    'optimise.get': ({ id }) =>
      translated(async () => {
        const stored = await services.getOptimisation(id);
        const eta = stored.jobId === null ? null : (etaOf(await services.jobs()).get(stored.jobId) ?? null);
        return toOptimisationDetail(stored, eta, await services.optimisationWindows(id));
      }),

    'optimise.trials': ({ id, offset, limit }) =>
      translated(async () => {
        const stored = await services.getOptimisation(id);
        const from = offset ?? 0;
        const { total, trials } = await services.optimisationTrials(id, from, limit ?? 100_000);
        return toTrialColumns(total, from, stored.summary.parameterNames, stored.request.search.objectives.length, trials);
      }),

    'optimise.pause': ({ id }) => translated(async () => ({ paused: await services.pauseOptimisation(id) })),

    'optimise.resume': ({ id }) => translated(async () => ({ jobId: (await services.resumeOptimisation(id)).jobId })),

    'optimise.delete': ({ id }) => translated(async () => ({ deleted: await services.deleteOptimisation(id) })),

    'optimise.applyToStrategy': ({ id, trialIndex, window, strategyId }) =>
      translated(async () => {
        const { id: savedId, updatedAt, parameters } = await services.applyOptimisationTrial(id, trialIndex, strategyId, window);
        return { strategyId: savedId, updatedAt, parameters };
      }),

    'robustness.monteCarlo': ({ runId, method, skipPct, simulations, seed }) =>
      translated(async () => {
        const result = await services.monteCarloRun(runId, method, simulations, seed, skipPct);
        return toMonteCarlo(method, simulations, result, result.pnl);
      }),
  };
}
