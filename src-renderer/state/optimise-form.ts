/**
 * The Optimise page's setup form as typed, kept for the session: the strategy, domain texts per
 * strategy (switching strategies and back keeps them), data, simulator settings and the search
 * (method, budget, objectives, filters, workers, walk-forward).
 */
import { create } from 'zustand';
import { DEFAULT_RUN_SETTINGS, type RunSettingsForm } from '../../src-shared/backtest-view/request.ts';
import { DEFAULT_SEARCH_FORM, defaultDirection, type ObjectiveForm, type SearchForm, type WalkForwardForm } from '../../src-shared/optimise-view/request.ts';
import type { DataForm } from '../pages/shared/DataFields.tsx';
import type { StrategyChoice } from './backtest-run.ts';

export type SearchFields = Omit<SearchForm, 'domainTexts'>;

export interface OptimiseForm {
  /** Null: the first template. */
  readonly strategy: StrategyChoice | null;
  /** Domain texts by strategy key, then parameter name; a missing text is the declared default. */
  readonly domainTexts: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly data: DataForm;
  readonly settings: RunSettingsForm;
  readonly search: SearchFields;
  /** Run was asked for with problems: from then on the "choose ..." messages show too. */
  readonly attempted: boolean;
}

const { domainTexts: _none, ...SEARCH_DEFAULTS } = DEFAULT_SEARCH_FORM;

export const useOptimiseForm = create<OptimiseForm>(() => ({
  strategy: null,
  domainTexts: {},
  data: { dataKind: 'cache', seriesId: '', from: '', to: '', csvPath: '' },
  settings: DEFAULT_RUN_SETTINGS,
  search: SEARCH_DEFAULTS,
  attempted: false,
}));

export function chooseOptimiseStrategy(strategy: StrategyChoice): void {
  useOptimiseForm.setState({ strategy });
}

export function editOptimiseData(change: Partial<DataForm>): void {
  useOptimiseForm.setState((form) => ({ data: { ...form.data, ...change } }));
}

export function editOptimiseSettings(change: Partial<RunSettingsForm>): void {
  useOptimiseForm.setState((form) => ({ settings: { ...form.settings, ...change } }));
}

export function resetOptimiseSettings(): void {
  useOptimiseForm.setState({ settings: DEFAULT_RUN_SETTINGS });
}

export function editSearch(change: Partial<SearchFields>): void {
  useOptimiseForm.setState((form) => ({ search: { ...form.search, ...change } }));
}

export function editWalkForward(change: Partial<WalkForwardForm>): void {
  useOptimiseForm.setState((form) => ({ search: { ...form.search, walkForward: { ...form.search.walkForward, ...change } } }));
}

export function editDomain(strategy: string, name: string, text: string): void {
  useOptimiseForm.setState((form) => ({ domainTexts: { ...form.domainTexts, [strategy]: { ...form.domainTexts[strategy], [name]: text } } }));
}

export function resetDomains(strategy: string): void {
  useOptimiseForm.setState((form) => {
    const { [strategy]: _reset, ...rest } = form.domainTexts;
    return { domainTexts: rest };
  });
}

/** A new metric takes its natural direction. */
export function setObjective(index: number, change: Partial<ObjectiveForm>): void {
  useOptimiseForm.setState((form) => ({
    search: {
      ...form.search,
      objectives: form.search.objectives.map((o, i) => (i !== index ? o : change.metric !== undefined && change.direction === undefined ? { metric: change.metric, direction: defaultDirection(change.metric) } : { ...o, ...change })),
    },
  }));
}

/** A second objective starts as the max drawdown (the usual return-versus-risk front). */
export function addObjective(): void {
  useOptimiseForm.setState((form) => {
    const used = new Set(form.search.objectives.map((o) => o.metric));
    const metric = ['maxDrawdownPct', 'netProfit', 'sharpe', 'trades'].find((m) => !used.has(m)) ?? 'sortino';
    return { search: { ...form.search, objectives: [...form.search.objectives, { metric, direction: defaultDirection(metric) }] } };
  });
}

export function removeObjective(index: number): void {
  useOptimiseForm.setState((form) => ({ search: { ...form.search, objectives: form.search.objectives.filter((_, i) => i !== index) } }));
}

export function markOptimiseAttempted(attempted: boolean): void {
  useOptimiseForm.setState({ attempted });
}
