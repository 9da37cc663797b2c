/**
 * What the monitor's overlay pickers offer: the strategy language's indicators and the saved
 * strategies (names only; a strategy's document is fetched when a chart picks it).
 */
import { create } from 'zustand';
import type { WorkstationClient } from '../../src-shared/contract/index.ts';
import type { StrategySpec } from '../../src-shared/strategy/spec.ts';
import { notifyError } from '../state/notifications.ts';

export interface IndicatorChoice {
  readonly kind: string;
  readonly title: string;
  readonly params: ReadonlyArray<{ readonly name: string; readonly default: number }>;
}

export interface StrategyChoice {
  readonly id: string;
  readonly name: string;
}

interface CatalogueStore {
  readonly indicators: readonly IndicatorChoice[];
  readonly strategies: readonly StrategyChoice[];
}

export const useCatalogue = create<CatalogueStore>(() => ({ indicators: [], strategies: [] }));

export async function loadCatalogue(client: WorkstationClient): Promise<void> {
  try {
    const [{ indicators }, { strategies }] = await Promise.all([client.call('indicators.list', {}), client.call('strategies.list', {})]);
    useCatalogue.setState({
      indicators: indicators.map(({ kind, title, params }) => ({ kind, title, params: params.map((p) => ({ name: p.name, default: p.default })) })),
      strategies: strategies.map(({ id, name }) => ({ id, name })),
    });
  } catch (error) {
    notifyError(error);
  }
}

const documents = new Map<string, Promise<StrategySpec>>();

/** A saved strategy's document, fetched once per window. */
export function strategyDocument(client: WorkstationClient, id: string): Promise<StrategySpec> {
  let document = documents.get(id);
  if (document === undefined) {
    document = client.call('strategies.get', { id }).then((saved) => saved.spec);
    document.catch(() => documents.delete(id));
    documents.set(id, document);
  }
  return document;
}
