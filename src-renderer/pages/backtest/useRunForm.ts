/**
 * The run form as one model: the strategy chosen (the shared target, else the first template),
 * its declared parameters and their texts, the cached series to pick from, and the
 * backtest.start input the form means or its messages by field.
 */
import { buildBacktestInput, type CachedSeries, type FieldErrors, type StartBacktestInput } from '../../../src-shared/backtest-view/request.ts';
import { describeSeries } from '../../../src-shared/market.ts';
import type { StrategyParameter } from '../../../src-shared/strategy/spec.ts';
import { useBacktestCatalogue } from '../../state/backtest-catalogue.ts';
import { strategyKey, useBacktestForm } from '../../state/backtest-form.ts';
import { type StrategyChoice, useBacktestTarget } from '../../state/backtest-run.ts';
import type { SeriesInventory } from '../../state/inventory.ts';
import { useCachedSeries, useResolvedStrategy } from '../shared/useRunSources.ts';

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

export function useRunForm(): RunFormModel {
  const target = useBacktestTarget((s) => s.strategy);
  const templates = useBacktestCatalogue((s) => s.templates);
  const form = useBacktestForm();

  const first = templates[0];
  const choice: StrategyChoice | null = target ?? (first === undefined ? null : { kind: 'template', name: first.name });
  const key = choice === null ? '' : strategyKey(choice);
  const { parameters, source, strategyName } = useResolvedStrategy(choice);
  const { series, selected } = useCachedSeries(form.seriesId);
  const texts = form.parameterTexts[key] ?? {};
  const data = form.dataKind === 'csv' ? { kind: 'csv' as const, csvPath: form.csvPath } : { kind: 'cache' as const, series: selected, from: form.from, to: form.to };
  const built = buildBacktestInput({ strategy: source, parameters, parameterTexts: texts, data, settings: form.settings });
  const on = form.dataKind === 'csv' ? (form.csvPath.split(/[\\/]/).pop() ?? form.csvPath) : selected === null ? '' : describeSeries(selected.key);
  return { choice, key, strategyName, parameters, texts, series, selected, built, title: `Backtest ${strategyName ?? ''} on ${on}` };
}
