/**
 * What the Backtest form can run: the built-in templates (with their parameters) and the saved
 * strategies, whose documents are fetched when one is chosen.
 */
import { create } from 'zustand';
import type { OutputOf, WorkstationContract } from '../../src-shared/contract/index.ts';
import type { StrategySpec } from '../../src-shared/strategy/spec.ts';
import { requireClient } from '../rpc/connection.ts';
import { notifyError } from './notifications.ts';

export type TemplateInfo = OutputOf<WorkstationContract, 'templates.list'>['templates'][number];
export type SavedStrategyInfo = OutputOf<WorkstationContract, 'strategies.list'>['strategies'][number];

interface CatalogueStore {
  readonly templates: readonly TemplateInfo[];
  readonly saved: readonly SavedStrategyInfo[];
  readonly loaded: boolean;
  /** Saved strategies' documents by id, as last fetched. */
  readonly documents: Readonly<Record<string, StrategySpec>>;
}

export const useBacktestCatalogue = create<CatalogueStore>(() => ({ templates: [], saved: [], loaded: false, documents: {} }));

export async function loadCatalogue(): Promise<void> {
  try {
    const client = requireClient();
    const [{ templates }, { strategies }] = await Promise.all([client.call('templates.list', {}), client.call('strategies.list', {})]);
    useBacktestCatalogue.setState({ templates, saved: strategies, loaded: true });
  } catch (error) {
    notifyError(error);
  }
}

/** Fetches a saved strategy's document, also again after it was edited elsewhere. */
export async function loadSavedStrategy(id: string): Promise<void> {
  try {
    const { spec } = await requireClient().call('strategies.get', { id });
    useBacktestCatalogue.setState(({ documents }) => ({ documents: { ...documents, [id]: spec } }));
  } catch (error) {
    notifyError(error);
  }
}
