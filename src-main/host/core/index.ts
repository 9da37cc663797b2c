/** The core services the core worker serves over the RPC contract, and the job and error types they speak. */
export { CoreServices, type CoreEvent, type CoreInfo, type CoreJobFinished, type CoreServicesOptions, type ImportFilesOptions, type JobSummary, type TemplateInfo } from './core-services.ts';
export type { BacktestDataSource, BacktestJobRequest, BacktestSummary } from './backtest-job.ts';
export type { BacktestSettingsOverrides } from './backtest-settings.ts';
export type { DownloadSummary } from './download-job.ts';
export type { ImportSummary } from './import-job.ts';
export { CORE_ERROR_CODES, CoreError, type CoreErrorCode, type CoreErrorInfo, toCoreError } from './errors.ts';
export { JOB_KINDS, JobManager, type JobContext, type JobEvent, type JobFinished, type JobInfo, type JobKind, type JobProgress, type JobSpec, type JobState } from './job-manager.ts';
