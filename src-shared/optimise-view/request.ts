/**
 * The Optimise page's setup form as typed, and the optimise.start input it means: strategy,
 * data and settings checked as on the Backtest page, each parameter's domain, constraints, the
 * method and its budget, objectives, filters, workers and optional walk-forward windows, with a
 * message per field (keyed as 'param.<name>', 'objective.<i>', 'trials', 'wf.inSampleDays', ...).
 */
import type { z } from 'zod';
import type { OPTIMISE_METHODS, startOptimiseInputSchema } from '../contract/schemas/optimise.ts';
import { buildBacktestInput, type FieldErrors, type RunData, type RunSettingsForm, type StrategySource } from '../backtest-view/request.ts';
import { parseNumber } from '../backtest-view/units.ts';
import { METRICS, metricInfo } from '../run-compare.ts';
import type { StrategyParameter } from '../strategy/spec.ts';
import { parseDomainText } from './domains.ts';
import type { Direction } from './trials.ts';

export type StartOptimiseInput = z.infer<typeof startOptimiseInputSchema>;
export type OptimiseMethod = (typeof OPTIMISE_METHODS)[number];

export interface ObjectiveForm {
  readonly metric: string;
  readonly direction: Direction;
}

/** Metrics that can be optimised: every metric of a run but the times and the capital put in. */
export const OBJECTIVE_METRICS: readonly string[] = METRICS.filter((m) => m.unit !== 'time' && m.key !== 'initialCapital').map((m) => m.key);

/** Drawdowns, volatility, costs and losing streaks are minimised, everything else maximised. */
export function defaultDirection(metric: string): Direction {
  return metricInfo(metric).direction === 'lower' ? 'minimize' : 'maximize';
}

export interface WalkForwardForm {
  readonly enabled: boolean;
  readonly inSampleDays: string;
  readonly outOfSampleDays: string;
  /** Blank: the out-of-sample length. */
  readonly stepDays: string;
  readonly anchored: boolean;
}

export interface SearchForm {
  /** Domain texts by parameter name; a missing text is the declared default (fixed). */
  readonly domainTexts: Readonly<Record<string, string>>;
  /** One constraint per line; blank lines are ignored. */
  readonly constraints: string;
  readonly method: OptimiseMethod;
  readonly trials: string;
  readonly seed: string;
  readonly objectives: readonly ObjectiveForm[];
  readonly minTrades: string;
  readonly maxDrawdownPct: string;
  /** Blank: the machine's cores. */
  readonly workers: string;
  readonly walkForward: WalkForwardForm;
}

export const DEFAULT_SEARCH_FORM: SearchForm = {
  domainTexts: {},
  constraints: '',
  method: 'grid',
  trials: '100',
  seed: '1',
  objectives: [{ metric: 'sharpe', direction: 'maximize' }],
  minTrades: '',
  maxDrawdownPct: '',
  workers: '',
  walkForward: { enabled: false, inSampleDays: '180', outOfSampleDays: '30', stepDays: '', anchored: false },
};

export interface OptimiseRequest {
  readonly strategy: StrategySource | null;
  readonly parameters: readonly StrategyParameter[];
  readonly data: RunData;
  readonly settings: RunSettingsForm;
  readonly search: SearchForm;
}

/** The constraint lines that say something. */
export function constraintLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function wholeNumber(text: string, field: string, min: number, max: number, errors: FieldErrors): number | undefined {
  const value = parseNumber(text);
  if (value === null || !Number.isInteger(value)) errors[field] = 'enter a whole number';
  else if (value < min || value > max) errors[field] = `from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  else return value;
  return undefined;
}

function positive(text: string, field: string, errors: FieldErrors): number | undefined {
  const value = parseNumber(text);
  if (value === null || value <= 0) {
    errors[field] = 'enter a number above 0';
    return undefined;
  }
  return value;
}

function buildSearch(request: OptimiseRequest, errors: FieldErrors): StartOptimiseInput['search'] {
  const { search } = request;
  const parameters: Record<string, string> = {};
  for (const parameter of request.parameters) {
    const text = search.domainTexts[parameter.name] ?? String(parameter.default);
    const parsed = parseDomainText(parameter, text);
    if ('error' in parsed) errors[`param.${parameter.name}`] = parsed.error;
    parameters[parameter.name] = text.trim();
  }
  const metrics = new Set<string>();
  search.objectives.forEach((objective, i) => {
    if (metrics.has(objective.metric)) errors[`objective.${i}`] = 'already an objective';
    metrics.add(objective.metric);
  });
  if (search.objectives.length === 0) errors.objectives = 'choose an objective';
  const out: StartOptimiseInput['search'] = { method: search.method, parameters, objectives: search.objectives.map((o) => ({ metric: o.metric, direction: o.direction })) };
  const constraints = constraintLines(search.constraints);
  if (constraints.length > 0) out.constraints = constraints;
  if (search.method !== 'grid') out.trials = wholeNumber(search.trials, 'trials', 1, 1_000_000, errors);
  if (search.seed.trim() !== '') out.seed = wholeNumber(search.seed, 'seed', -2_147_483_648, 2_147_483_647, errors);
  if (search.workers.trim() !== '') out.workers = wholeNumber(search.workers, 'workers', 1, 256, errors);
  const filters: NonNullable<StartOptimiseInput['search']['filters']> = {};
  if (search.minTrades.trim() !== '') filters.minTrades = wholeNumber(search.minTrades, 'minTrades', 0, 1_000_000_000, errors);
  if (search.maxDrawdownPct.trim() !== '') filters.maxDrawdownPct = positive(search.maxDrawdownPct, 'maxDrawdownPct', errors);
  if (Object.keys(filters).length > 0) out.filters = filters;
  return out;
}

function buildWalkForward(form: WalkForwardForm, errors: FieldErrors): StartOptimiseInput['walkForward'] {
  if (!form.enabled) return undefined;
  const inSampleDays = positive(form.inSampleDays, 'wf.inSampleDays', errors);
  const outOfSampleDays = positive(form.outOfSampleDays, 'wf.outOfSampleDays', errors);
  const stepDays = form.stepDays.trim() === '' ? undefined : positive(form.stepDays, 'wf.stepDays', errors);
  return { inSampleDays, outOfSampleDays, ...(stepDays === undefined ? {} : { stepDays }), anchored: form.anchored };
}

export function buildOptimiseInput(request: OptimiseRequest): { input: StartOptimiseInput } | { errors: FieldErrors } {
  const base = buildBacktestInput({ strategy: request.strategy, parameters: [], parameterTexts: {}, data: request.data, settings: request.settings });
  const errors: FieldErrors = 'errors' in base ? { ...base.errors } : {};
  const search = buildSearch(request, errors);
  const walkForward = buildWalkForward(request.search.walkForward, errors);
  if ('errors' in base || Object.keys(errors).length > 0) return { errors };
  const { strategy, data, settings } = base.input;
  return { input: { strategy, data, settings, search, ...(walkForward === undefined ? {} : { walkForward }) } };
}
