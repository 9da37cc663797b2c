/**
 * The Optimise page's optimisations: the stored list (optimise.list), the one opened (its
 * detail and all its trials as columns), and the actions on them: start, pause, resume, cancel,
 * delete. While the opened one runs, its summary (progress, best so far) is refreshed.
 */
import { create } from 'zustand';
import type { OutputOf, WorkstationContract } from '../../src-shared/contract/index.ts';
import { MAX_TRIALS_PAGE } from '../../src-shared/contract/schemas/optimise.ts';
import type { StartOptimiseInput } from '../../src-shared/optimise-view/request.ts';
import { EMPTY_TRIALS, joinTrialPages, type TrialPage, type TrialTable } from '../../src-shared/optimise-view/trials.ts';
import { requireClient } from '../rpc/connection.ts';
import { type JobFinished, jobStarted, useJobs } from './jobs.ts';
import { notifyError } from './notifications.ts';

export type OptimisationSummary = OutputOf<WorkstationContract, 'optimise.list'>['optimisations'][number];
export type OptimisationDetail = OutputOf<WorkstationContract, 'optimise.get'>;

interface OptimiseStore {
  readonly list: readonly OptimisationSummary[];
  readonly openId: string | null;
  readonly detail: OptimisationDetail | null;
  readonly trials: TrialTable;
  readonly loadingTrials: boolean;
  readonly starting: boolean;
  /** Why the last start was refused. */
  readonly error: string | null;
}

export const useOptimise = create<OptimiseStore>(() => ({ list: [], openId: null, detail: null, trials: EMPTY_TRIALS, loadingTrials: false, starting: false, error: null }));

export async function refreshOptimisations(): Promise<void> {
  try {
    const { optimisations } = await requireClient().call('optimise.list', {});
    useOptimise.setState({ list: optimisations });
  } catch (error) {
    notifyError(error);
  }
}

async function fetchTrials(id: string): Promise<TrialTable> {
  const client = requireClient();
  const pages: TrialPage[] = [];
  let offset = 0;
  for (;;) {
    const page = await client.call('optimise.trials', { id, offset, limit: MAX_TRIALS_PAGE });
    pages.push(page);
    offset += page.index.length;
    if (page.index.length === 0 || offset >= page.total) break;
  }
  return joinTrialPages(pages);
}

/** The detail (progress, best so far) and the trials stored since the last look, while it runs. */
export async function refreshOpenSummary(): Promise<void> {
  const { openId, trials } = useOptimise.getState();
  if (openId === null) return;
  try {
    const client = requireClient();
    const [detail, page] = await Promise.all([client.call('optimise.get', { id: openId }), client.call('optimise.trials', { id: openId, offset: trials.count, limit: MAX_TRIALS_PAGE })]);
    const now = useOptimise.getState();
    if (now.openId !== openId) return;
    // Trials are stored append-only in evaluation order, so new ones extend the table.
    const fresh = now.trials.count === trials.count && page.offset === trials.count && page.index.length > 0;
    useOptimise.setState(fresh ? { detail, trials: joinTrialPages(trials.count === 0 ? [page] : [trials, page]) } : { detail });
  } catch (error) {
    notifyError(error);
  }
}

/** Opens an optimisation: its detail and every stored trial. */
export async function openOptimisation(id: string): Promise<void> {
  useOptimise.setState((s) => (s.openId === id ? { loadingTrials: true } : { openId: id, detail: null, trials: EMPTY_TRIALS, loadingTrials: true }));
  try {
    const [detail, trials] = await Promise.all([requireClient().call('optimise.get', { id }), fetchTrials(id)]);
    if (useOptimise.getState().openId === id) useOptimise.setState({ detail, trials });
  } catch (error) {
    notifyError(error);
  } finally {
    if (useOptimise.getState().openId === id) useOptimise.setState({ loadingTrials: false });
  }
}

export function closeOptimisation(): void {
  useOptimise.setState({ openId: null, detail: null, trials: EMPTY_TRIALS });
}

export async function startOptimisation(input: StartOptimiseInput, title: string): Promise<void> {
  if (useOptimise.getState().starting) return;
  useOptimise.setState({ starting: true, error: null });
  try {
    const { jobId, optimisationId } = await requireClient().call('optimise.start', input);
    if (useJobs.getState().jobs[jobId] === undefined) jobStarted(jobId, 'optimise', title);
    useOptimise.setState({ openId: optimisationId, detail: null, trials: EMPTY_TRIALS });
    await Promise.all([refreshOptimisations(), refreshOpenSummary()]);
  } catch (error) {
    useOptimise.setState({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    useOptimise.setState({ starting: false });
  }
}

async function act(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    notifyError(error);
  }
  await Promise.all([refreshOptimisations(), refreshOpenSummary()]);
}

export function pauseOptimisation(id: string): Promise<void> {
  return act(() => requireClient().call('optimise.pause', { id }));
}

export function resumeOptimisation(id: string): Promise<void> {
  return act(async () => {
    const { jobId } = await requireClient().call('optimise.resume', { id });
    if (useJobs.getState().jobs[jobId] === undefined) jobStarted(jobId, 'optimise', `Optimisation ${id} (resumed)`);
    await openOptimisation(id);
  });
}

export function cancelOptimisation(jobId: string): Promise<void> {
  return act(() => requireClient().call('jobs.cancel', { jobId }));
}

export function deleteOptimisation(id: string): Promise<void> {
  if (useOptimise.getState().openId === id) closeOptimisation();
  return act(() => requireClient().call('optimise.delete', { id }));
}

/** Every optimisation job's end (from sync.ts): the list changes, and the opened one is reloaded whole. */
export function optimiseJobFinished(finished: JobFinished): void {
  if (finished.kind !== 'optimise') return;
  void refreshOptimisations();
  const { openId, detail } = useOptimise.getState();
  const id = finished.ok ? finished.result.optimisationId : detail?.jobId === finished.jobId ? detail.id : null;
  if (id !== null && id === openId) void openOptimisation(id);
}
