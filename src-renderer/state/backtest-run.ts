/**
 * Which saved run the Backtest page shows: set when a backtest finishes there, or when History
 * reopens a run. The run's data itself is fetched by the page (runs.get, runs.bars).
 */
import { create } from 'zustand';
import { showPage } from './navigation.ts';

interface OpenRunStore {
  readonly runId: string | null;
}

export const useOpenRun = create<OpenRunStore>(() => ({ runId: null }));

export function openRun(runId: string | null): void {
  useOpenRun.setState({ runId });
}

/** Opens a saved run on the Backtest page (History's "open"). */
export function showRun(runId: string): void {
  openRun(runId);
  showPage('backtest');
}
