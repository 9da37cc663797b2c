/**
 * The backtest the Backtest page started: its job id while it runs and the error it ended with.
 * When it finishes, its run is opened on the page.
 */
import { create } from 'zustand';
import type { StartBacktestInput } from '../../src-shared/backtest-view/request.ts';
import { requireClient } from '../rpc/connection.ts';
import { openRun } from './backtest-run.ts';
import { type JobFinished, jobStarted, useJobs } from './jobs.ts';
import { notifyError } from './notifications.ts';

interface BacktestJobStore {
  /** The job started here, while it runs. */
  readonly jobId: string | null;
  readonly starting: boolean;
  /** Why the last backtest failed (not a cancel); cleared by the next one. */
  readonly error: string | null;
}

export const useBacktestJob = create<BacktestJobStore>(() => ({ jobId: null, starting: false, error: null }));

export async function startBacktest(input: StartBacktestInput, title: string): Promise<void> {
  if (useBacktestJob.getState().jobId !== null || useBacktestJob.getState().starting) return;
  useBacktestJob.setState({ starting: true, error: null });
  try {
    const { jobId } = await requireClient().call('backtest.start', input);
    // Its events may already have arrived; they know better than a fresh "queued".
    if (useJobs.getState().jobs[jobId] === undefined) jobStarted(jobId, 'backtest', title);
    useBacktestJob.setState({ jobId });
  } catch (error) {
    useBacktestJob.setState({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    useBacktestJob.setState({ starting: false });
  }
}

export async function cancelBacktest(): Promise<void> {
  const { jobId } = useBacktestJob.getState();
  if (jobId === null) return;
  try {
    await requireClient().call('jobs.cancel', { jobId });
  } catch (error) {
    notifyError(error);
  }
}

/** Every backtest job's end (from sync.ts); only the one started here changes the page. */
export function backtestJobFinished(finished: JobFinished): void {
  if (finished.kind !== 'backtest' || finished.jobId !== useBacktestJob.getState().jobId) return;
  if (finished.ok) {
    useBacktestJob.setState({ jobId: null });
    openRun(finished.result.runId);
  } else {
    useBacktestJob.setState({ jobId: null, error: finished.error.code === 'cancelled' ? null : finished.error.message });
  }
}
