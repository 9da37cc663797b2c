/**
 * Summaries of jobs this page knows about (from jobs.list and the job events), keyed by id.
 * Progress numbers only: results stay in the notifications and the refreshed inventory.
 */
import { create } from 'zustand';
import type { OutputOf, PayloadOf, WorkstationContract } from '../../src-shared/contract/index.ts';

type JobInfo = OutputOf<WorkstationContract, 'jobs.list'>['jobs'][number];
export type JobProgress = PayloadOf<WorkstationContract, 'job.progress'>;
export type JobFinished = PayloadOf<WorkstationContract, 'job.finished'>;
export type JobState = JobInfo['state'];

export interface JobSummary {
  readonly jobId: string;
  readonly kind: JobInfo['kind'];
  readonly title: string;
  readonly state: JobState;
  readonly done: number;
  readonly total: number;
  readonly etaMs: number | null;
  readonly message: string;
}

interface JobsStore {
  readonly jobs: Readonly<Record<string, JobSummary>>;
}

export const useJobs = create<JobsStore>(() => ({ jobs: {} }));

export function isActive(job: JobSummary): boolean {
  return job.state === 'queued' || job.state === 'running';
}

function put(job: JobSummary): void {
  useJobs.setState(({ jobs }) => ({ jobs: { ...jobs, [job.jobId]: job } }));
}

export function jobsListed(list: readonly JobInfo[]): void {
  const jobs: Record<string, JobSummary> = {};
  for (const info of list) {
    jobs[info.jobId] = {
      jobId: info.jobId,
      kind: info.kind,
      title: info.title,
      state: info.state,
      done: info.progress?.done ?? 0,
      total: info.progress?.total ?? 0,
      etaMs: info.progress?.etaMs ?? null,
      message: info.progress?.message ?? '',
    };
  }
  useJobs.setState({ jobs });
}

/** A job this page started: shown at once, before its first progress event. */
export function jobStarted(jobId: string, kind: JobSummary['kind'], title: string): void {
  put({ jobId, kind, title, state: 'queued', done: 0, total: 0, etaMs: null, message: 'Starting' });
}

export function jobProgressed(progress: JobProgress): void {
  const known = useJobs.getState().jobs[progress.jobId];
  put({
    jobId: progress.jobId,
    kind: progress.kind,
    title: known?.title ?? progress.message,
    state: 'running',
    done: progress.done,
    total: progress.total,
    etaMs: progress.etaMs,
    message: progress.message,
  });
}

export function jobEnded(finished: JobFinished): JobSummary {
  const known = useJobs.getState().jobs[finished.jobId];
  const state: JobState = finished.ok ? 'finished' : finished.error.code === 'cancelled' ? 'cancelled' : 'failed';
  const job: JobSummary = {
    jobId: finished.jobId,
    kind: finished.kind,
    title: known?.title ?? `${finished.kind} ${finished.jobId}`,
    state,
    done: known?.done ?? 0,
    total: known?.total ?? 0,
    etaMs: null,
    message: finished.ok ? 'Finished' : finished.error.message,
  };
  put(job);
  return job;
}

export function forgetJob(jobId: string): void {
  useJobs.setState(({ jobs }) => {
    const { [jobId]: _forgotten, ...rest } = jobs;
    return { jobs: rest };
  });
}
