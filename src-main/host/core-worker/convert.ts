/**
 * Shape conversions between the core services and the workstation contract: the services speak
 * the host's types (labels, 'succeeded', full metrics, import jobs), the contract speaks the
 * windows' (titles, 'finished', a backtest summary, no import jobs). Every output is built
 * field by field, because the contract's schemas are strict and refuse extra fields.
 */
import type { BacktestSummary, CoreErrorInfo, CoreJobFinished, DownloadSummary, ImportSummary, JobInfo, JobProgress, TemplateInfo } from '../core/index.ts';
import type { SideMetrics } from '../../../src-engine/backtest/metrics.ts';
import { chartOutputs } from '../../../src-engine/indicators/chart-outputs.ts';
import { INDICATORS } from '../../../src-engine/indicators/registry.ts';
import type { StrategyCheck } from '../../../src-engine/strategy/validate.ts';
import type { SeriesInventory } from '../store/inventory.ts';
import { isRpcErrorCode, type RpcError, rpcError } from '../../../src-shared/contract/rpc/errors.ts';
import type { OutputOf, PayloadOf } from '../../../src-shared/contract/rpc/define.ts';
import type { WorkstationContract } from '../../../src-shared/contract/workstation.ts';
import { toJobSummary as toOptimiseJobSummary } from './convert-optimise.ts';

type Output<M extends keyof WorkstationContract['methods'] & string> = OutputOf<WorkstationContract, M>;
type Payload<E extends keyof WorkstationContract['events'] & string> = PayloadOf<WorkstationContract, E>;
export type ContractJobInfo = Output<'jobs.list'>['jobs'][number];
export type ContractJobKind = ContractJobInfo['kind'];

/**
 * Imports are jobs inside the core, but the contract's cache.import answers only when the import
 * is done: its events and list entries have no kind in the contract and are not forwarded.
 */
export function isContractKind(kind: JobInfo['kind']): kind is ContractJobKind {
  return kind === 'download' || kind === 'backtest' || kind === 'optimise';
}

/** Every core code has an RPC code of the same name; anything unknown is a bug, so 'internal'. */
export function toRpcError(error: CoreErrorInfo): RpcError {
  return rpcError(isRpcErrorCode(error.code) ? error.code : 'internal', error.message, error.details);
}

export function toInventoryEntry(series: SeriesInventory): Output<'cache.inventory'>['series'][number] {
  const ranges = (list: SeriesInventory['coverage']) => list.map(({ from, to }) => ({ from, to }));
  return {
    key: { ...series.key },
    first: series.first,
    last: series.last,
    count: series.count,
    expected: series.expected,
    coverage: ranges(series.coverage),
    gaps: ranges(series.gaps),
    uncovered: ranges(series.uncovered),
    sizeBytes: series.sizeBytes,
  };
}

export function toTemplateInfo(template: TemplateInfo): Output<'templates.list'>['templates'][number] {
  return { name: template.name, description: template.description ?? null, parameters: [...(template.spec.parameters ?? [])], spec: template.spec };
}

/** The indicator registry without its functions: what the strategy editor offers. */
export function listIndicators(): Output<'indicators.list'>['indicators'] {
  return INDICATORS.map((definition) => ({
    kind: definition.kind,
    title: definition.title,
    params: definition.params.map((p) => ({ name: p.name, default: p.default, min: p.min, max: p.max, integer: p.integer, description: p.description })),
    outputs: [...definition.outputs],
    chartOutputs: chartOutputs(definition),
    usesSource: definition.usesSource,
    defaultSource: definition.defaultSource,
    pane: definition.pane,
  }));
}

export function toValidation(check: StrategyCheck, legacyFormat: boolean): Output<'strategy.validate'> {
  if (!check.ok) return { issues: check.issues.map(({ path, message }) => ({ path, message })), legacyFormat, parameterValues: null };
  return { issues: [], legacyFormat, parameterValues: { ...check.values } };
}

function toProgressFields(progress: JobProgress): Omit<Payload<'job.progress'>, 'jobId' | 'kind'> {
  return { done: progress.done, total: progress.total, etaMs: progress.etaMs, message: progress.message };
}

export function toProgressPayload(progress: JobProgress & { kind: ContractJobKind }): Payload<'job.progress'> {
  return { jobId: progress.jobId, kind: progress.kind, ...toProgressFields(progress) };
}

const STATES: Readonly<Record<JobInfo['state'], ContractJobInfo['state']>> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'finished',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The contract lists jobs oldest first; the core lists active ones first. Ids count up, so they break ties. */
export function toJobList(jobs: readonly JobInfo[]): ContractJobInfo[] {
  const byAge = (a: JobInfo, b: JobInfo) => a.createdAt - b.createdAt || a.jobId.localeCompare(b.jobId, 'en', { numeric: true });
  return jobs.filter((job): job is JobInfo & { kind: ContractJobKind } => isContractKind(job.kind)).sort(byAge).map(toJobInfo);
}

function toJobInfo(job: JobInfo & { kind: ContractJobKind }): ContractJobInfo {
  return {
    jobId: job.jobId,
    kind: job.kind,
    state: STATES[job.state],
    title: job.label,
    startedAt: job.createdAt,
    finishedAt: job.finishedAt,
    progress: job.progress === null ? null : toProgressFields(job.progress),
  };
}

export function toDownloadSummary(summary: DownloadSummary): Extract<Payload<'job.finished'>, { kind: 'download'; ok: true }>['result'] {
  return {
    key: { ...summary.key },
    window: { from: summary.window.from, to: summary.window.to },
    alreadyCached: summary.alreadyCached,
    pagesFetched: summary.pagesFetched,
    candlesWritten: summary.candlesWritten,
    exchangeGaps: summary.exchangeGaps,
    requests: summary.requests,
    retries: summary.retries,
    elapsedMs: summary.elapsedMs,
  };
}

/** Ratios with nothing to divide by (no losing trade, a flat curve) come out infinite or NaN: the contract says null. */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** The numbers a run is listed and announced with. */
export function headlineMetrics(all: SideMetrics) {
  return {
    netProfit: all.netProfit,
    totalReturnPct: all.totalReturnPct,
    maxDrawdownPct: all.maxDrawdownPct,
    winRatePct: finiteOrNull(all.winRatePct),
    profitFactor: finiteOrNull(all.profitFactor),
    sharpe: finiteOrNull(all.sharpe),
  };
}

export function toBacktestSummary(summary: BacktestSummary): Extract<Payload<'job.finished'>, { kind: 'backtest'; ok: true }>['result'] {
  const all = summary.metrics.all;
  const { manifest } = summary;
  return {
    runId: summary.runId,
    strategyName: manifest.strategyName,
    bars: manifest.bars,
    trades: summary.trades,
    openTrades: summary.openTrades,
    ...headlineMetrics(all),
    warnings: [...summary.warnings],
    manifest: {
      engineVersion: manifest.engineVersion,
      specHash: manifest.specHash,
      dataHash: manifest.dataHash,
      dataSource: manifest.dataSource,
      seed: manifest.seed,
    },
  };
}

/** The finished event of a download or backtest job; null for an import (see isContractKind). */
export function toFinishedPayload(finished: CoreJobFinished): Payload<'job.finished'> | null {
  const { jobId, kind } = finished;
  if (!isContractKind(kind)) return null;
  if (!finished.ok) return { jobId, kind, ok: false, error: toRpcError(finished.error) };
  const { result } = finished;
  if (result.kind === 'download') return { jobId, kind: 'download', ok: true, result: toDownloadSummary(result) };
  if (result.kind === 'backtest') return { jobId, kind: 'backtest', ok: true, result: toBacktestSummary(result) };
  if (result.kind === 'optimise') return { jobId, kind: 'optimise', ok: true, result: toOptimiseJobSummary(result) };
  return null;
}

export function toImportReport(summary: ImportSummary): Output<'cache.import'> {
  return {
    files: summary.files.map((file) => ({
      file: file.file,
      key: { ...file.key },
      format: file.format,
      candles: file.candles,
      from: file.from,
      to: file.to,
      checksumVerified: file.checksumVerified,
    })),
    candles: summary.candles,
  };
}
