/**
 * A trial as a saved run: the optimisation's strategy, data and settings backtested with the
 * trial's parameters (backtest.start), waited for, and remembered per trial for the session,
 * so opening a trial on the Backtest page or simulating it again reuses the same run.
 */
import { create } from 'zustand';
import type { WorkstationClient } from '../../src-shared/contract/index.ts';
import { requireClient } from '../rpc/connection.ts';
import { type JobFinished, jobStarted } from './jobs.ts';
import type { OptimisationDetail } from './optimise.ts';

type Params = Record<string, number | string>;

interface TrialRunStore {
  /** Run ids by "optimisation id:window:trial index". */
  readonly runs: Readonly<Record<string, string>>;
  /** The trial whose backtest is running, as that key. */
  readonly pending: string | null;
}

export const useTrialRuns = create<TrialRunStore>(() => ({ runs: {}, pending: null }));

export function trialKey(optimisationId: string, window: number, trialIndex: number): string {
  return `${optimisationId}:${window}:${trialIndex}`;
}

/** Single values of the request's domains: parameters held fixed, which trials may not list. */
function fixedParameters(detail: OptimisationDetail): Params {
  const fixed: Params = {};
  for (const [name, text] of Object.entries(detail.request.search.parameters)) {
    const trimmed = text.trim();
    if (!trimmed.includes(':') && !trimmed.includes(',')) fixed[name] = Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  }
  return fixed;
}

/** Starts a job and waits for its end, catching an end that arrives before the start answers. */
async function untilFinished(client: WorkstationClient, start: () => Promise<string>): Promise<JobFinished> {
  const early = new Map<string, JobFinished>();
  let wanted: string | null = null;
  let settle: (finished: JobFinished) => void = () => undefined;
  const ended = new Promise<JobFinished>((resolve) => {
    settle = resolve;
  });
  const off = client.on('job.finished', (finished) => {
    if (wanted === null) early.set(finished.jobId, finished);
    else if (finished.jobId === wanted) settle(finished);
  });
  try {
    wanted = await start();
    const already = early.get(wanted);
    if (already !== undefined) settle(already);
    return await ended;
  } finally {
    off();
  }
}

/** The run of this trial, backtesting it first when this session has none; throws with the backtest's error. */
export async function trialRun(detail: OptimisationDetail, window: number, trialIndex: number, params: Params): Promise<string> {
  const key = trialKey(detail.id, window, trialIndex);
  const known = useTrialRuns.getState().runs[key];
  if (known !== undefined) return known;
  const client = requireClient();
  const { strategy, data, settings } = detail.request;
  useTrialRuns.setState({ pending: key });
  try {
    const finished = await untilFinished(client, async () => {
      const { jobId } = await client.call('backtest.start', { strategy, params: { ...fixedParameters(detail), ...params }, data, settings });
      jobStarted(jobId, 'backtest', `Backtest ${detail.strategyName} trial #${trialIndex}`);
      return jobId;
    });
    if (!finished.ok) throw new Error(finished.error.message);
    if (finished.kind !== 'backtest') throw new Error(`job ${finished.jobId} is not a backtest`);
    const { runId } = finished.result;
    useTrialRuns.setState(({ runs }) => ({ runs: { ...runs, [key]: runId } }));
    return runId;
  } finally {
    useTrialRuns.setState({ pending: null });
  }
}
