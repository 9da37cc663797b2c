/**
 * What a run form's choices resolve to, shared by the Backtest and Optimise pages: a strategy
 * choice as its declared parameters, the source the core runs and its name (a saved strategy's
 * document is fetched when chosen), and the cached series to pick from with the one in use.
 */
import { useEffect } from 'react';
import type { CachedSeries, StrategySource } from '../../../src-shared/backtest-view/request.ts';
import type { StrategyParameter } from '../../../src-shared/strategy/spec.ts';
import { loadSavedStrategy, useBacktestCatalogue } from '../../state/backtest-catalogue.ts';
import type { StrategyChoice } from '../../state/backtest-run.ts';
import { type SeriesInventory, seriesId, useInventory } from '../../state/inventory.ts';

export interface ResolvedStrategy {
  readonly parameters: readonly StrategyParameter[];
  /** Null while none is chosen or a saved strategy's document is loading. */
  readonly source: StrategySource | null;
  readonly strategyName: string | null;
}

export function useResolvedStrategy(choice: StrategyChoice | null): ResolvedStrategy {
  const { templates, saved, documents } = useBacktestCatalogue();
  const savedId = choice?.kind === 'saved' ? choice.id : null;
  useEffect(() => {
    if (savedId !== null) void loadSavedStrategy(savedId);
  }, [savedId]);
  if (choice?.kind === 'template') {
    const template = templates.find((t) => t.name === choice.name);
    return template === undefined ? { parameters: [], source: null, strategyName: null } : { parameters: template.parameters, source: { template: template.name }, strategyName: template.name };
  }
  if (choice?.kind === 'saved') {
    const document = documents[choice.id];
    const strategyName = document?.name ?? saved.find((s) => s.id === choice.id)?.name ?? null;
    return document === undefined ? { parameters: [], source: null, strategyName } : { parameters: document.parameters ?? [], source: { document }, strategyName };
  }
  return { parameters: [], source: null, strategyName: null };
}

function cached(series: SeriesInventory): CachedSeries | null {
  return series.first === null || series.last === null || series.count === 0 ? null : { key: series.key, first: series.first, last: series.last };
}

export interface CachedChoice {
  /** Cached series holding candles. */
  readonly series: readonly SeriesInventory[];
  readonly selected: CachedSeries | null;
}

/** The series with this id, else the first cached one. */
export function useCachedSeries(id: string): CachedChoice {
  const inventory = useInventory((s) => s.rows);
  const series = inventory.filter((s) => cached(s) !== null);
  const picked = series.find((s) => seriesId(s.key) === id) ?? series[0];
  return { series, selected: picked === undefined ? null : cached(picked) };
}
