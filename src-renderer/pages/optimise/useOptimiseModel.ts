/**
 * The Optimise setup as one model: the strategy chosen (else the first template) with its
 * declared parameters and domain texts, the cached series, the optimise.start input the form
 * means or its messages by field, and the grid size before running. Constraints are compiled
 * with the engine's own parser, so the preview counts exactly the sets the search will run.
 */
import { useMemo } from 'react';
import type { CachedSeries, FieldErrors } from '../../../src-shared/backtest-view/request.ts';
import { type DomainValue, type GridPreview, gridPreview, parseDomainText } from '../../../src-shared/optimise-view/domains.ts';
import { buildOptimiseInput, constraintLines, type StartOptimiseInput } from '../../../src-shared/optimise-view/request.ts';
import { describeSeries } from '../../../src-shared/market.ts';
import type { StrategyParameter } from '../../../src-shared/strategy/spec.ts';
import { compileConstraints } from '../../../src-engine/for-windows.ts';
import { useBacktestCatalogue } from '../../state/backtest-catalogue.ts';
import { strategyKey } from '../../state/backtest-form.ts';
import type { StrategyChoice } from '../../state/backtest-run.ts';
import type { SeriesInventory } from '../../state/inventory.ts';
import { useOptimiseForm } from '../../state/optimise-form.ts';
import { useCachedSeries, useResolvedStrategy } from '../shared/useRunSources.ts';

export interface OptimiseModel {
  readonly key: string;
  readonly strategyName: string | null;
  readonly parameters: readonly StrategyParameter[];
  readonly texts: Readonly<Record<string, string>>;
  readonly series: readonly SeriesInventory[];
  readonly selected: CachedSeries | null;
  readonly built: { input: StartOptimiseInput } | { errors: FieldErrors };
  /** Null while a domain or constraint cannot be read. */
  readonly grid: GridPreview | null;
  readonly title: string;
}

const NO_TEXTS: Readonly<Record<string, string>> = {};

function useGrid(parameters: readonly StrategyParameter[], texts: Readonly<Record<string, string>>, constraints: string): { grid: GridPreview | null; constraintError?: string } {
  return useMemo(() => {
    const domains: { name: string; values: DomainValue[] }[] = [];
    for (const parameter of parameters) {
      const parsed = parseDomainText(parameter, texts[parameter.name] ?? String(parameter.default));
      if ('error' in parsed) return { grid: null };
      domains.push({ name: parameter.name, values: parsed.values });
    }
    const lines = constraintLines(constraints);
    try {
      return { grid: gridPreview(domains, lines.length === 0 ? null : compileConstraints(lines)) };
    } catch (error) {
      return { grid: null, constraintError: error instanceof Error ? error.message : String(error) };
    }
  }, [parameters, texts, constraints]);
}

export function useOptimiseModel(): OptimiseModel {
  const form = useOptimiseForm();
  const templates = useBacktestCatalogue((s) => s.templates);
  const first = templates[0];
  const choice: StrategyChoice | null = form.strategy ?? (first === undefined ? null : { kind: 'template', name: first.name });
  const key = choice === null ? '' : strategyKey(choice);
  const { parameters, source, strategyName } = useResolvedStrategy(choice);
  const { series, selected } = useCachedSeries(form.data.seriesId);
  const texts = form.domainTexts[key] ?? NO_TEXTS;
  const { data: dataForm } = form;
  const data = dataForm.dataKind === 'csv' ? { kind: 'csv' as const, csvPath: dataForm.csvPath } : { kind: 'cache' as const, series: selected, from: dataForm.from, to: dataForm.to };
  const built = buildOptimiseInput({ strategy: source, parameters, data, settings: form.settings, search: { ...form.search, domainTexts: texts } });
  const { grid, constraintError } = useGrid(parameters, texts, form.search.constraints);
  const final = constraintError === undefined ? built : { errors: { ...('errors' in built ? built.errors : {}), constraints: constraintError } };
  const on = dataForm.dataKind === 'csv' ? (dataForm.csvPath.split(/[\\/]/).pop() ?? dataForm.csvPath) : selected === null ? '' : describeSeries(selected.key);
  return { key, strategyName, parameters, texts, series, selected, built: final, grid, title: `Optimise ${strategyName ?? ''} on ${on}` };
}
