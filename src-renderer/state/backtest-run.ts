/**
 * What the Backtest page shows and runs, as other pages set it: the saved run it shows (set when
 * a backtest finishes there, or when History reopens a run) and the strategy its form runs
 * (set by the Strategies page's "Backtest" action). The run's data is fetched by the page.
 */
import { create } from 'zustand';
import { showPage } from './navigation.ts';

/** A saved strategy by id, or a built-in template by name. */
export type StrategyChoice = { readonly kind: 'saved'; readonly id: string } | { readonly kind: 'template'; readonly name: string };

interface BacktestTargetStore {
  readonly runId: string | null;
  readonly strategy: StrategyChoice | null;
}

export const useBacktestTarget = create<BacktestTargetStore>(() => ({ runId: null, strategy: null }));

export function openRun(runId: string | null): void {
  useBacktestTarget.setState({ runId });
}

/** Opens a saved run on the Backtest page (History's "open"). */
export function showRun(runId: string): void {
  openRun(runId);
  showPage('backtest');
}

export function chooseStrategy(strategy: StrategyChoice): void {
  useBacktestTarget.setState({ strategy });
}

/** Goes to the Backtest page with this strategy chosen in its form. */
export function backtestStrategy(strategy: StrategyChoice): void {
  chooseStrategy(strategy);
  showPage('backtest');
}
