/**
 * The run form as one model: the strategy chosen (the shared target, else the first template),
 * its declared parameters and their texts, the cached series to pick from, and the
 * backtest.start input the form means or its messages by field.
 */
import { useEffect } from 'react';
import { buildBacktestInput, type CachedSeries, type FieldErrors, type StartBacktestInput, type StrategySource } from '../../../src-shared/backtest-view/request.ts';
import { describeSeries } from '../../../src-shared/market.ts';
import type { StrategyParameter } from '../../../src-shared/strategy/spec.ts';
import { loadSavedStrategy, useBacktestCatalogue } from '../../state/backtest-catalogue.ts';
import { strategyKey, useBacktestForm } from '../../state/backtest-form.ts';
import { type StrategyChoice, useBacktestTarget } from '../../state/backtest-run.ts';
import { type SeriesInventory, seriesId, useInventory } from '../../state/inventory.ts';

export interface RunFormModel {
  readonly choice: StrategyChoice | null;
  /** The choice as a key ('' for none), for the select and the per-strategy parameter texts. */
  readonly key: string;
  readonly strategyName: string | null;
  readonly parameters: readonly StrategyParameter[];
  readonly texts: Readonly<Record<string, string>>;
  /** Cached series holding candles. */
  readonly series: readonly SeriesInventory[];
  readonly selected: CachedSeries | null;
  readonly built: { input: StartBacktestInput } | { errors: FieldErrors };
  /** "Backtest sma-cross on bybit linear BTCUSDT 1h", for the job list. */
  readonly title: string;
}

function cached(series: SeriesInventory): CachedSeries | null {
  return series.first === null || series.last === null || series.count === 0 ? null : { key: series.key, first: series.first, last: series.last };
}

export function useRunForm(): RunFormModel {
  const target = useBacktestTarget((s) => s.strategy);
  const { templates, saved, documents } = useBacktestCatalogue();
  const form = useBacktestForm();
  const inventory = useInventory((s) => s.rows);

  const first = templates[0];
  const choice: StrategyChoice | null = target ?? (first === undefined ? null : { kind: 'template', name: first.name });
  const key = choice === null ? '' : strategyKey(choice);
  const savedId = choice?.kind === 'saved' ? choice.id : null;
  useEffect(() => {
    if (savedId !== null) void loadSavedStrategy(savedId);
  }, [savedId]);

  let parameters: readonly StrategyParameter[] = [];
  let source: StrategySource | null = null;
  let strategyName: string | null = null;
  if (choice?.kind === 'template') {
    const template = templates.find((t) => t.name === choice.name);
    if (template !== undefined) {
      parameters = template.parameters;
      source = { template: template.name };
      strategyName = template.name;
    }
  } else if (choice?.kind === 'saved') {
    const document = documents[choice.id];
    if (document !== undefined) {
      parameters = document.parameters ?? [];
      source = { document };
    }
    strategyName = document?.name ?? saved.find((s) => s.id === choice.id)?.name ?? null;
  }

  const series = inventory.filter((s) => cached(s) !== null);
  const picked = series.find((s) => seriesId(s.key) === form.seriesId) ?? series[0];
  const selected = picked === undefined ? null : cached(picked);
  const texts = form.parameterTexts[key] ?? {};
  const data = form.dataKind === 'csv' ? { kind: 'csv' as const, csvPath: form.csvPath } : { kind: 'cache' as const, series: selected, from: form.from, to: form.to };
  const built = buildBacktestInput({ strategy: source, parameters, parameterTexts: texts, data, settings: form.settings });
  const on = form.dataKind === 'csv' ? (form.csvPath.split(/[\\/]/).pop() ?? form.csvPath) : selected === null ? '' : describeSeries(selected.key);
  return { choice, key, strategyName, parameters, texts, series, selected, built, title: `Backtest ${strategyName ?? ''} on ${on}` };
}
