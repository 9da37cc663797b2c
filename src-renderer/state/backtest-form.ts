/**
 * The Backtest page's run form as typed, kept for the session: parameter texts per strategy (so
 * switching strategies and back keeps them), the data source and the simulator settings. The
 * chosen strategy itself is the shared target (backtest-run.ts), which other pages may set.
 */
import { create } from 'zustand';
import { DEFAULT_RUN_SETTINGS, type RunSettingsForm } from '../../src-shared/backtest-view/request.ts';
import type { StrategyChoice } from './backtest-run.ts';

export type DataKind = 'cache' | 'csv';

export interface BacktestForm {
  /** Field texts by strategy key, then parameter name; a missing text is the declared default. */
  readonly parameterTexts: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly dataKind: DataKind;
  /** The inventory's series id; blank or gone from the cache means the first cached series. */
  readonly seriesId: string;
  /** UTC days; blank is the series' own start or end. */
  readonly from: string;
  readonly to: string;
  readonly csvPath: string;
  readonly settings: RunSettingsForm;
  /** Run was asked for with problems: from then on the "choose ..." messages show too. */
  readonly attempted: boolean;
}

export const useBacktestForm = create<BacktestForm>(() => ({
  parameterTexts: {},
  dataKind: 'cache',
  seriesId: '',
  from: '',
  to: '',
  csvPath: '',
  settings: DEFAULT_RUN_SETTINGS,
  attempted: false,
}));

export function strategyKey(choice: StrategyChoice): string {
  return choice.kind === 'saved' ? `saved:${choice.id}` : `template:${choice.name}`;
}

export function parseStrategyKey(key: string): StrategyChoice | null {
  if (key.startsWith('saved:')) return { kind: 'saved', id: key.slice('saved:'.length) };
  if (key.startsWith('template:')) return { kind: 'template', name: key.slice('template:'.length) };
  return null;
}

export function editBacktestForm(change: Partial<Omit<BacktestForm, 'settings' | 'parameterTexts' | 'attempted'>>): void {
  useBacktestForm.setState(change);
}

export function editRunSettings(change: Partial<RunSettingsForm>): void {
  useBacktestForm.setState((form) => ({ settings: { ...form.settings, ...change } }));
}

export function editParameter(strategy: string, name: string, text: string): void {
  useBacktestForm.setState((form) => ({ parameterTexts: { ...form.parameterTexts, [strategy]: { ...form.parameterTexts[strategy], [name]: text } } }));
}

export function resetParameters(strategy: string): void {
  useBacktestForm.setState((form) => {
    const { [strategy]: _reset, ...rest } = form.parameterTexts;
    return { parameterTexts: rest };
  });
}

export function resetRunSettings(): void {
  useBacktestForm.setState({ settings: DEFAULT_RUN_SETTINGS });
}

export function markAttempted(attempted: boolean): void {
  useBacktestForm.setState({ attempted });
}
