/**
 * The core services: everything the UI asks of the core worker, one async method per need,
 * over the one candle store and one exchange client per exchange the worker owns. Quick reads
 * answer directly; downloads, imports and backtests run as jobs that report through the event
 * callback. Every failure is a CoreError with a code from a closed set.
 */
import { tmpdir } from 'node:os';
import { ENGINE_VERSION } from '../../../src-engine/backtest/simulator.ts';
import type { Candles } from '../../../src-engine/candles.ts';
import { importLegacyStrategy, isLegacyStrategy } from '../../../src-engine/strategy/legacy-import.ts';
import type { ParameterOverrides } from '../../../src-engine/strategy/parameters.ts';
import { checkStrategy, requireStrategy, type StrategyCheck, StrategyError } from '../../../src-engine/strategy/validate.ts';
import { describeSeries, type Exchange, type Instrument, type Market, type SeriesKey } from '../../../src-shared/market.ts';
import type { UploadedFile } from '../../../src-shared/contract/schemas/upload.ts';
import type { StrategySpec } from '../../../src-shared/strategy/spec.ts';
import { createBinanceAdapter, createBybitAdapter, type ExchangeAdapter, type ExchangeEndpoints } from '../exchanges/index.ts';
import { defaultDataDir, readConfiguredDataDir } from '../data-dir.ts';
import { CandleStore } from '../store/candle-store.ts';
import { type LiveEvent, LiveHub, type LiveHubOptions, type LiveSubscription } from '../live/index.ts';
import type { SeriesInventory } from '../store/inventory.ts';
import { loadTemplates } from '../templates.ts';
import { type BacktestJobRequest, type BacktestSummary, prepareBacktest, runBacktestJob } from './backtest-job.ts';
import type { ChartWindow, EquityOverview, RunChart } from './run-chart.ts';
import type { RunExportFormat, RunFile } from './run-export.ts';
import { type MonteCarloOfRun, RunLibrary } from './run-library.ts';
import { type DownloadSummary, runDownloadJob } from './download-job.ts';
import { chooseDataDirectory } from './data-directory.ts';
import { CoreError, toCoreError } from './errors.ts';
import { type ImportSummary, runImportJob } from './import-job.ts';
import { parseExchange, parseMarket, parseRequiredTimeRange, parseSeriesKey, parseTimeRange, parseUploads } from './inputs.ts';
import { candleFilesOf } from './upload-import.ts';
import { type JobEvent, type JobFinished, type JobInfo, JobManager } from './job-manager.ts';
import { effectiveEndpoints, mergeSettings } from './settings.ts';
import type { WorkstationSettings } from '../../../src-shared/contract/schemas/settings.ts';
import type { RunSummary, StoredRun } from '../repositories/run-repository.ts';
import { SettingsRepository } from '../repositories/settings-repository.ts';
import { OptimisationRepository } from '../repositories/optimisation-repository.ts';
import type { MonteCarloMethod } from '../../../src-engine/optimise/monte-carlo.ts';
import { OptimisationJobs, type OptimiseJobRequest, type OptimiseJobSummary, type OptimisationStore } from './optimise-job.ts';
import { type SavedStrategy, type SavedStrategyInfo, StrategyRepository } from '../repositories/strategy-repository.ts';

export type JobSummary = DownloadSummary | ImportSummary | BacktestSummary | OptimiseJobSummary;
export type CoreEvent = JobEvent<JobSummary>;
export type CoreJobFinished = JobFinished<JobSummary>;

export interface CoreServicesOptions {
  readonly dataDir: string;
  /** The default data folder, where config.json names the folder for the next start (default defaultDataDir()). */
  readonly configDir?: string;
  /**
   * Exchange base URLs fixed for this core (tests point them at the simulator): each one given
   * wins over the settings' endpoint of the same name; the rest come from the settings, else
   * the public endpoints.
   */
  readonly endpoints?: ExchangeEndpoints;
  /** Called with the whole settings after settings.update stored them. */
  readonly onSettingsChanged?: (settings: WorkstationSettings) => void;
  /** The market clock, which decides the bar still forming; tests pin it. Default Date.now. */
  readonly now?: () => number;
  readonly onEvent?: (event: CoreEvent) => void;
  /** Pages of one download in flight at once (default 4). */
  readonly downloadConcurrency?: number;
  /** Finished jobs still listed (default 20). */
  readonly keepFinishedJobs?: number;
  /** Runs whose charts are held in memory, least recently used dropped first (default 3). */
  readonly keepRunCharts?: number;
  /** Where uploaded files are staged while imported (default os.tmpdir()); tests watch it being cleaned. */
  readonly tempDir?: string;
  /** Receives the live hub's events (live.candles, live.status). */
  readonly onLiveEvent?: (event: LiveEvent) => void;
  /** Live hub tuning (tests shorten the flush tick, lease and backoff). */
  readonly live?: Pick<LiveHubOptions, 'flushMs' | 'leaseMs' | 'reconnect' | 'historyBars' | 'downAfterAttempts' | 'onError'>;
}

export interface CoreInfo {
  readonly engineVersion: string;
  readonly dataDir: string;
  /** The folder config.json names for the next start, or null when it names none. */
  readonly configuredDataDir: string | null;
  readonly databaseFile: string;
  readonly cacheSizeBytes: number;
}

export interface TemplateInfo {
  readonly name: string;
  readonly description: string | undefined;
  readonly file: string;
  readonly spec: StrategySpec;
}

export interface ImportFilesOptions {
  /** With no target, required: the market of the Binance Vision files (their names do not tell). */
  readonly market?: Market;
}

function notFound(what: string, id: string): never {
  throw new CoreError('not-found', `there is no saved ${what} ${id}`);
}

/** A queued or running download or import of a series holds it: a second one, or a delete, is 'busy'. */
function seriesLock(key: SeriesKey): string {
  return `series:${describeSeries(key)}`;
}

export class CoreServices {
  readonly #dataDir: string;
  readonly #configDir: string;
  readonly #tempDir: string;
  readonly #store: CandleStore;
  readonly #fixedEndpoints: ExchangeEndpoints | undefined;
  readonly #settingsStore: SettingsRepository;
  readonly #strategies: StrategyRepository;
  readonly #library: RunLibrary;
  readonly #onSettingsChanged: (settings: WorkstationSettings) => void;
  /** Read once at start; every change goes through updateSettings, which stores it first. */
  #settings: WorkstationSettings;
  readonly #now: () => number;
  readonly #downloadConcurrency: number;
  readonly #jobs: JobManager<JobSummary>;
  readonly #adapters = new Map<Exchange, ExchangeAdapter>();
  readonly #live: LiveHub;
  readonly #optimisations: OptimisationJobs;
  /** Calls still answering, which close() lets finish before it closes the store. */
  readonly #calls = new Set<Promise<unknown>>();
  /** Aborts exchange requests made outside jobs when the services close. */
  readonly #shutdown = new AbortController();
  #closing: Promise<void> | null = null;

  constructor(options: CoreServicesOptions) {
    this.#dataDir = options.dataDir;
    this.#configDir = options.configDir ?? defaultDataDir();
    this.#tempDir = options.tempDir ?? tmpdir();
    this.#now = options.now ?? Date.now;
    this.#fixedEndpoints = options.endpoints;
    this.#onSettingsChanged = options.onSettingsChanged ?? (() => {});
    this.#downloadConcurrency = options.downloadConcurrency ?? 4;
    this.#store = CandleStore.open(options.dataDir, { now: this.#now });
    this.#settingsStore = new SettingsRepository(this.#store.connection);
    this.#strategies = new StrategyRepository(this.#store.connection);
    this.#library = new RunLibrary(this.#store, options.keepRunCharts ?? 3);
    this.#settings = this.#settingsStore.read();
    this.#jobs = new JobManager<JobSummary>({ onEvent: options.onEvent, keepFinished: options.keepFinishedJobs, now: this.#now });
    this.#optimisations = new OptimisationJobs({
      repository: new OptimisationRepository(this.#store.connection) as OptimisationStore,
      jobs: this.#jobs,
      store: this.#store,
      now: this.#now,
    });
    this.#live = new LiveHub({
      ...options.live,
      store: this.#store,
      adapter: (exchange) => this.#adapter(exchange),
      endpoints: () => effectiveEndpoints(this.#settings.exchangeEndpoints, this.#fixedEndpoints),
      emit: options.onLiveEvent ?? (() => {}),
      now: this.#now,
    });
  }

  info(): Promise<CoreInfo> {
    return this.#call(() => ({
      engineVersion: ENGINE_VERSION,
      dataDir: this.#dataDir,
      // Quiet: a broken config.json was reported when the app started.
      configuredDataDir: readConfiguredDataDir(this.#configDir, () => {}) ?? null,
      databaseFile: this.#store.file,
      cacheSizeBytes: this.#store.databaseSizeBytes(),
    }));
  }

  /**
   * Records `target` as the data folder for the next start (see chooseDataDirectory): fails with
   * 'invalid-input' for a relative path and 'data' for a folder that cannot be written.
   */
  setDataDirectory(target: string): Promise<string> {
    return this.#call(() => chooseDataDirectory(target, this.#configDir));
  }

  listTemplates(): Promise<TemplateInfo[]> {
    return this.#call(() => loadTemplates().map(({ name, file, spec }) => ({ name, description: spec.description, file, spec })));
  }

  /** Problems come back as data (path and message each), not as a failure: the editor shows them. */
  validateStrategy(document: unknown, overrides: ParameterOverrides = {}): Promise<StrategyCheck> {
    return this.#call(() => {
      try {
        return checkStrategy(isLegacyStrategy(document) ? importLegacyStrategy(document) : document, overrides);
      } catch (error) {
        if (error instanceof StrategyError) return { ok: false, issues: error.issues };
        throw error;
      }
    });
  }

  /** The cached listing; fetched from the exchange and cached when there is none, or on refresh. */
  listInstruments(exchange: Exchange, market: Market, options: { refresh?: boolean } = {}): Promise<Instrument[]> {
    return this.#call(async () => {
      const [ex, mk] = [parseExchange(exchange), parseMarket(market)];
      const cached = options.refresh === true ? [] : this.#store.readInstruments(ex, mk);
      if (cached.length > 0) return cached;
      this.#store.writeInstruments(await this.#adapter(ex).listInstruments(mk, this.#shutdown.signal));
      return this.#store.readInstruments(ex, mk);
    });
  }

  inventory(): Promise<SeriesInventory[]> {
    return this.#call(() => this.#store.inventory());
  }

  /** Candles with open time in [from, to), built from a lower cached interval when the series is not stored. */
  readCandles(key: SeriesKey, from?: number, to?: number): Promise<Candles> {
    return this.#call(() => {
      const series = parseSeriesKey(key);
      const range = parseTimeRange(from, to);
      return this.#store.readResampled(series, series.interval, range.from, range.to);
    });
  }

  deleteSeries(key: SeriesKey): Promise<void> {
    return this.#call(() => {
      const series = parseSeriesKey(key);
      const holder = this.#jobs.holderOf(seriesLock(series));
      if (holder !== undefined) throw new CoreError('busy', `cannot delete ${describeSeries(series)} while ${holder.label} (${holder.jobId}) uses it`);
      if (!this.#store.deleteSeries(series)) throw new CoreError('not-found', `the cache has no ${describeSeries(series)}`);
    });
  }

  /**
   * Uploaded files into `target`, or with none, into the series their Binance Vision names say;
   * then `options.market` is required, as an upload has no spot/ or futures/um/ folder.
   */
  importFiles(files: readonly UploadedFile[], target?: SeriesKey, options: ImportFilesOptions = {}): Promise<JobInfo> {
    return this.#call(() => {
      const uploads = parseUploads(files);
      // A stray .CHECKSUM is a mistake in the request, refused before a job starts.
      candleFilesOf(uploads);
      const key = target === undefined ? undefined : parseSeriesKey(target, 'target');
      const market = options.market === undefined ? undefined : parseMarket(options.market);
      if (key === undefined && market === undefined) {
        throw new CoreError('invalid-input', 'uploaded files have no folder that tells spot from futures: choose the market, or name the whole series to import into');
      }
      return this.#jobs.start({
        kind: 'import',
        label: `import of ${uploads.length} file(s) into ${key === undefined ? 'the series their names say' : describeSeries(key)}`,
        locks: key === undefined ? [] : [seriesLock(key)],
        run: (context) => runImportJob({ store: this.#store, files: uploads, target: key, market, tempDir: this.#tempDir }, context),
      });
    });
  }

  /** Candles of [from, to) the cache lacks, and for perpetuals their funding. */
  startDownload(key: SeriesKey, from: number, to: number): Promise<JobInfo> {
    return this.#call(() => {
      const series = parseSeriesKey(key);
      const range = parseRequiredTimeRange(from, to);
      const adapter = this.#adapter(series.exchange);
      return this.#jobs.start({
        kind: 'download',
        label: `download of ${describeSeries(series)}`,
        locks: [seriesLock(series)],
        run: (context) =>
          runDownloadJob({ store: this.#store, adapter, key: series, ...range, concurrency: this.#downloadConcurrency, now: this.#now }, context),
      });
    });
  }

  /**
   * Checks the request at once (failing with 'strategy', 'invalid-input' or 'not-found'), then
   * runs it as a job, which saves the finished run with its trades. Fees the request leaves out
   * are the settings' default fees for the series' exchange market (the cache loader adds them).
   */
  startBacktest(request: BacktestJobRequest): Promise<JobInfo> {
    return this.#call(() => {
      const prepared = prepareBacktest(request);
      return this.#jobs.start({
        kind: 'backtest',
        label: prepared.label,
        run: async (context) => {
          const outcome = await runBacktestJob(prepared, this.#store, context);
          const { manifest, metrics, result, replay } = outcome;
          const runId = this.#library.save({ manifest, metrics, trades: result.trades, warnings: result.warnings, replay, createdAt: this.#now() }, outcome.chart);
          return { ...outcome.summary, runId };
        },
      });
    });
  }

  runBars(runId: string, from: number, to: number): Promise<ChartWindow> {
    return this.#call(() => this.#library.bars(runId, from, to));
  }

  runTail(runId: string, bars: number): Promise<ChartWindow> {
    return this.#call(() => this.#library.tail(runId, bars));
  }

  runEquity(runId: string, maxPoints: number): Promise<EquityOverview & { readonly totalBars: number }> {
    return this.#call(() => this.#library.equity(runId, maxPoints));
  }

  exportRun(runId: string, format: RunExportFormat): Promise<RunFile> {
    return this.#call(() => this.#library.export(runId, format));
  }

  /** A saved run's chart data; a run not held in memory is computed again from its replay. */
  runChart(runId: string): Promise<RunChart> {
    return this.#call(() => this.#library.chart(runId));
  }

  settings(): Promise<WorkstationSettings> {
    return this.#call(() => structuredClone(this.#settings));
  }

  /**
   * Merges `patch` into the settings (CoreError 'invalid-input' names a bad field), stores them
   * and applies them: new endpoints rebuild the exchange clients for later downloads and
   * instrument lists (running downloads finish on the clients they started with); new fees
   * apply to backtests started afterwards.
   */
  updateSettings(patch: unknown): Promise<WorkstationSettings> {
    return this.#call(() => {
      const next = mergeSettings(this.#settings, patch);
      this.#settingsStore.write(next);
      const endpointsChanged = JSON.stringify(next.exchangeEndpoints) !== JSON.stringify(this.#settings.exchangeEndpoints);
      this.#settings = next;
      if (endpointsChanged) this.#adapters.clear();
      this.#onSettingsChanged(structuredClone(next));
      return structuredClone(next);
    });
  }

  listStrategies(): Promise<SavedStrategyInfo[]> {
    return this.#call(() => this.#strategies.list());
  }

  getStrategy(id: string): Promise<SavedStrategy> {
    return this.#call(() => this.#strategies.get(id) ?? notFound('strategy', id));
  }

  /**
   * Checks the document (the older flat format is converted) and saves it: as a new strategy
   * without `id`, else over the saved one. Problems fail with 'strategy' and their issues.
   */
  saveStrategy(document: unknown, id?: string): Promise<SavedStrategyInfo> {
    return this.#call(() => {
      const { spec } = requireStrategy(isLegacyStrategy(document) ? importLegacyStrategy(document) : document);
      if (id === undefined) return this.#strategies.insert(spec, this.#now());
      return this.#strategies.update(id, spec, this.#now()) ?? notFound('strategy', id);
    });
  }

  deleteStrategy(id: string): Promise<boolean> {
    return this.#call(() => this.#strategies.delete(id));
  }

  /** Saved runs, newest first. */
  listRuns(): Promise<RunSummary[]> {
    return this.#call(() => this.#library.list());
  }

  getRun(id: string): Promise<StoredRun> {
    return this.#call(() => this.#library.get(id));
  }

  deleteRun(id: string): Promise<boolean> {
    return this.#call(() => this.#library.delete(id));
  }

  /** Watches a series live (see LiveHub.subscribe); Binance has no inverse stream here. */
  subscribeLive(key: SeriesKey, historyBars?: number): Promise<LiveSubscription> {
    return this.#call(() => {
      const series = parseSeriesKey(key);
      if (series.exchange === 'binance' && series.market === 'inverse') {
        throw new CoreError('invalid-input', 'binance inverse (COIN-M) futures are not supported; use binance linear (USD-M) or bybit inverse');
      }
      return this.#live.subscribe(series, historyBars);
    });
  }

  unsubscribeLive(subscriptionId: string): Promise<boolean> {
    return this.#call(() => this.#live.unsubscribe(subscriptionId));
  }

  /** The ids no longer held. */
  renewLive(subscriptionIds: readonly string[]): Promise<string[]> {
    return this.#call(() => this.#live.renew(subscriptionIds));
  }

  /** Checks the request at once, stores it, and runs it as an 'optimise' job (see OptimisationJobs). */
  startOptimisation(request: OptimiseJobRequest): Promise<{ job: JobInfo; optimisationId: string }> {
    return this.#call(() => this.#optimisations.start(request));
  }

  listOptimisations(): Promise<ReturnType<OptimisationJobs['list']>> {
    return this.#call(() => this.#optimisations.list());
  }

  getOptimisation(id: string): Promise<ReturnType<OptimisationJobs['get']>> {
    return this.#call(() => this.#optimisations.get(id));
  }

  optimisationTrials(id: string, offset: number, limit: number): Promise<ReturnType<OptimisationJobs['trials']>> {
    return this.#call(() => this.#optimisations.trials(id, offset, limit));
  }

  optimisationWindows(id: string): Promise<ReturnType<OptimisationJobs['windows']>> {
    return this.#call(() => this.#optimisations.windows(id));
  }

  /** False when it was not running. */
  pauseOptimisation(id: string): Promise<boolean> {
    return this.#call(() => this.#optimisations.pause(id));
  }

  resumeOptimisation(id: string): Promise<JobInfo> {
    return this.#call(() => this.#optimisations.resume(id));
  }

  deleteOptimisation(id: string): Promise<boolean> {
    return this.#call(() => this.#optimisations.delete(id));
  }

  /** Writes a trial's parameters as the defaults of a saved strategy's declared parameters (checked like any save). */
  applyOptimisationTrial(id: string, trialIndex: number, strategyId: string, window = 0): Promise<SavedStrategyInfo & { parameters: Record<string, number | string> }> {
    return this.#call(() => {
      const { params } = this.#optimisations.trial(id, trialIndex, window);
      const saved = this.#strategies.get(strategyId) ?? notFound('strategy', strategyId);
      const declared = saved.spec.parameters ?? [];
      const parameters: Record<string, number | string> = {};
      for (const p of declared) if (p.name in params) parameters[p.name] = params[p.name];
      const spec = { ...saved.spec, parameters: declared.map((p) => (p.name in parameters ? { ...p, default: parameters[p.name] } : p)) };
      const { spec: checked } = requireStrategy(spec);
      const info = this.#strategies.update(strategyId, checked, this.#now()) ?? notFound('strategy', strategyId);
      return { ...info, parameters };
    });
  }

  /** Monte Carlo over a saved run's closed trades (their pnl, in order), from the run's initial capital. */
  monteCarloRun(runId: string, method: MonteCarloMethod, simulations: number, seed: number, skipPct?: number): Promise<MonteCarloOfRun> {
    return this.#call(() => this.#library.monteCarlo(runId, method, simulations, seed, skipPct));
  }

  /** True when the job was queued or running and is being cancelled; false when it had already finished. */
  cancel(jobId: string): Promise<boolean> {
    return this.#call(() => this.#jobs.cancel(jobId));
  }

  /** Queued and running jobs, then the most recent finished ones. */
  jobs(): Promise<JobInfo[]> {
    return this.#call(() => this.#jobs.list());
  }

  /** Resolves with the job's finished event (at once when it has finished). */
  waitForJob(jobId: string): Promise<CoreJobFinished> {
    return this.#call(() => this.#jobs.whenFinished(jobId));
  }

  /** Cancels the jobs, waits for them and for calls in progress to settle, then closes the store. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#shutdown.abort(new CoreError('cancelled', 'the core services are closing'));
      this.#live.close();
      await this.#jobs.cancelAll();
      await Promise.allSettled([...this.#calls]);
      this.#store.close();
    })();
    return this.#closing;
  }

  #call<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.#closing !== null) return Promise.reject(new CoreError('internal', 'the core services are closed'));
    const call = (async () => {
      try {
        return await work();
      } catch (error) {
        throw toCoreError(error);
      }
    })();
    this.#calls.add(call);
    const forget = () => this.#calls.delete(call);
    call.then(forget, forget);
    return call;
  }

  /** One client per exchange, shared by every job, so they pace against one rate limiter. */
  #adapter(exchange: Exchange): ExchangeAdapter {
    let adapter = this.#adapters.get(exchange);
    if (adapter === undefined) {
      const options = { endpoints: effectiveEndpoints(this.#settings.exchangeEndpoints, this.#fixedEndpoints), now: this.#now };
      adapter = exchange === 'bybit' ? createBybitAdapter(options) : createBinanceAdapter(options);
      this.#adapters.set(exchange, adapter);
    }
    return adapter;
  }

}
