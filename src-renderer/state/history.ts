/**
 * The History page's state: the saved runs (newest first from runs.list), the column they are
 * sorted by, the two runs ticked for comparing, and the actions on a run (delete, export as a
 * file download). The list is re-read when the page mounts and after every backtest.
 */
import { create } from 'zustand';
import type { InputOf, OutputOf, WorkstationContract } from '../../src-shared/contract/index.ts';
import type { RunSortKey, SortOrder } from '../../src-shared/run-compare.ts';
import { requireClient } from '../rpc/connection.ts';
import { notify, notifyError } from './notifications.ts';

export type RunSummary = OutputOf<WorkstationContract, 'runs.list'>['runs'][number];
export type RunExportFormat = InputOf<WorkstationContract, 'runs.export'>['format'];

interface HistoryStore {
  readonly runs: readonly RunSummary[];
  /** False until the first answer, so an empty list is not claimed before it is known. */
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly sortKey: RunSortKey;
  readonly sortOrder: SortOrder;
  /** Ticked runs in the order they were ticked: the first is A, the second B. */
  readonly selected: readonly string[];
  /** The pair shown side by side, or null while the list is shown. */
  readonly comparing: readonly [string, string] | null;
}

export const useHistory = create<HistoryStore>(() => ({
  runs: [],
  loaded: false,
  loading: false,
  sortKey: 'createdAt',
  sortOrder: 'desc',
  selected: [],
  comparing: null,
}));

export async function refreshRuns(): Promise<void> {
  useHistory.setState({ loading: true });
  try {
    const { runs } = await requireClient().call('runs.list', {});
    const ids = new Set(runs.map((run) => run.id));
    useHistory.setState(({ selected }) => ({ runs, loaded: true, selected: selected.filter((id) => ids.has(id)) }));
  } catch (error) {
    notifyError(error);
  } finally {
    useHistory.setState({ loading: false });
  }
}

/** A click on a column header: that column, descending first for numbers; again flips it. */
export function sortBy(key: RunSortKey): void {
  useHistory.setState(({ sortKey, sortOrder }) =>
    sortKey === key ? { sortOrder: sortOrder === 'asc' ? 'desc' : 'asc' } : { sortKey: key, sortOrder: key === 'strategyName' || key === 'parameters' || key === 'dataSource' ? 'asc' : 'desc' },
  );
}

/** Ticks or unticks a run; a third tick replaces the older of the two. */
export function toggleSelected(id: string): void {
  useHistory.setState(({ selected }) => ({ selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id].slice(-2) }));
}

export function startCompare(): void {
  const { selected } = useHistory.getState();
  if (selected.length === 2) useHistory.setState({ comparing: [selected[0], selected[1]] });
}

export function stopCompare(): void {
  useHistory.setState({ comparing: null });
}

export async function deleteRun(run: RunSummary): Promise<void> {
  try {
    const { deleted } = await requireClient().call('runs.delete', { id: run.id });
    notify(deleted ? 'success' : 'info', deleted ? `Deleted the ${run.strategyName} run` : 'That run was already gone');
  } catch (error) {
    notifyError(error);
  }
  await refreshRuns();
}

/** Asks the core for the file and hands it to the browser as a download. */
export async function exportRun(id: string, format: RunExportFormat): Promise<void> {
  try {
    const file = await requireClient().call('runs.export', { id, format });
    const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = file.fileName;
    anchor.style.display = 'none';
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // The browser has taken the file by the next task; the URL only holds memory after that.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  } catch (error) {
    notifyError(error);
  }
}
