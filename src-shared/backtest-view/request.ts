/**
 * The Backtest page's run form as the user typed it, and the backtest.start input it means:
 * every field checked with a message for the user (keyed by field), fees turned from percent
 * into fractions, and a cached series' day range kept within what the cache holds.
 */
import type { z } from 'zod';
import type { backtestSettingsSchema, startBacktestInputSchema, strategySourceSchema } from '../contract/schemas/backtest.ts';
import type { SeriesKey } from '../market.ts';
import type { StrategyParameter } from '../strategy/spec.ts';
import { parameterValues } from './parameters.ts';
import { nextUtcDay, parseUtcDay, utcDay } from '../time-text.ts';
import { parseNumber, percentToFraction } from './units.ts';

export type StartBacktestInput = z.infer<typeof startBacktestInputSchema>;
export type StrategySource = z.infer<typeof strategySourceSchema>;
type Settings = z.infer<typeof backtestSettingsSchema>;

export const FILL_TIMINGS = ['next-open', 'close'] as const;
/** The core refuses the magnifier path (it loads no lower-timeframe candles), so it is not offered. */
export const INTRABAR_PATHS = ['pessimistic', 'tradingview'] as const;
export const EXITS_LIVE_FROM = ['entry-bar', 'next-bar'] as const;
export const END_OF_DATA = ['leave-open', 'close-at-open', 'close-at-close'] as const;

export interface RunSettingsForm {
  readonly capital: string;
  /** Percent; blank takes the market's default fee from Settings (CSV data: the CLI's). */
  readonly takerFeePct: string;
  readonly makerFeePct: string;
  readonly slippageBps: string;
  /** Blank keeps the strategy's own leverage. */
  readonly leverage: string;
  readonly fill: (typeof FILL_TIMINGS)[number];
  readonly intrabar: (typeof INTRABAR_PATHS)[number];
  readonly exitsLiveFrom: (typeof EXITS_LIVE_FROM)[number];
  readonly atEnd: (typeof END_OF_DATA)[number];
}

export const DEFAULT_RUN_SETTINGS: RunSettingsForm = {
  capital: '10000',
  takerFeePct: '',
  makerFeePct: '',
  slippageBps: '0',
  leverage: '',
  fill: 'next-open',
  intrabar: 'pessimistic',
  exitsLiveFrom: 'entry-bar',
  atEnd: 'leave-open',
};

/** A cached series as the inventory lists it: the open times of its first and last bars. */
export interface CachedSeries {
  readonly key: SeriesKey;
  readonly first: number;
  readonly last: number;
}

/** The days a range may name: from the first bar's day to the day after the last bar's (exclusive end). */
export function seriesDays(series: CachedSeries): { readonly min: string; readonly max: string } {
  return { min: utcDay(series.first), max: nextUtcDay(utcDay(series.last)) };
}

export type RunData = { readonly kind: 'cache'; readonly series: CachedSeries | null; readonly from: string; readonly to: string } | { readonly kind: 'csv'; readonly csvPath: string };

export interface RunRequest {
  /** Null while no strategy is chosen or its document is still loading. */
  readonly strategy: StrategySource | null;
  readonly parameters: readonly StrategyParameter[];
  readonly parameterTexts: Readonly<Record<string, string>>;
  readonly data: RunData;
  readonly settings: RunSettingsForm;
}

/** Messages by field: 'strategy', 'param.<name>', 'series', 'from', 'to', 'csvPath', or a settings field's name. */
export type FieldErrors = Record<string, string>;

export function buildBacktestInput(request: RunRequest): { input: StartBacktestInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (request.strategy === null) errors.strategy = 'choose a strategy';
  const { values, errors: parameterErrors } = parameterValues(request.parameters, request.parameterTexts);
  for (const [name, message] of Object.entries(parameterErrors)) errors[`param.${name}`] = message;
  const data = buildData(request.data, errors);
  const settings = buildSettings(request.settings, errors);
  if (Object.keys(errors).length > 0 || request.strategy === null || data === null) return { errors };
  return { input: { strategy: request.strategy, params: values, data, settings } };
}

function buildData(data: RunData, errors: FieldErrors): StartBacktestInput['data'] | null {
  if (data.kind === 'csv') {
    const csvPath = data.csvPath.trim();
    if (csvPath === '') errors.csvPath = 'enter the path of a candle CSV file';
    return csvPath === '' ? null : { csvPath };
  }
  if (data.series === null) {
    errors.series = 'choose a cached series';
    return null;
  }
  const days = seriesDays(data.series);
  const from = dayWithin(data.from, days, 'from', errors);
  const to = dayWithin(data.to, days, 'to', errors);
  if (from !== undefined && to !== undefined && to <= from) errors.to = 'must be after the start day';
  return { series: data.series.key, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/** Blank is the series' own end; a day outside the cached span is refused. */
function dayWithin(text: string, days: { min: string; max: string }, field: 'from' | 'to', errors: FieldErrors): number | undefined {
  if (text === '') return undefined;
  const ms = parseUtcDay(text);
  if (ms === null) {
    errors[field] = 'enter a day as YYYY-MM-DD';
    return undefined;
  }
  const tooEarly = field === 'from' ? text < days.min : text <= days.min;
  const tooLate = field === 'from' ? text >= days.max : text > days.max;
  if (tooEarly || tooLate) errors[field] = `the cache holds ${days.min} to ${days.max}`;
  return ms;
}

function numberField(text: string, field: string, min: number, max: number, errors: FieldErrors, unit = ''): number | undefined {
  const value = parseNumber(text);
  if (value === null) {
    errors[field] = 'enter a number';
    return undefined;
  }
  if (value < min || value > max) errors[field] = `from ${min}${unit} to ${max}${unit}`;
  return value;
}

function buildSettings(form: RunSettingsForm, errors: FieldErrors): Settings {
  const settings: Settings = { fill: form.fill, intrabar: form.intrabar, exitsLiveFrom: form.exitsLiveFrom, atEnd: form.atEnd };
  const capital = parseNumber(form.capital);
  if (capital === null || capital <= 0) errors.capital = 'enter an amount above 0';
  else settings.initialCapital = capital;
  if (form.takerFeePct.trim() !== '') settings.takerFee = percentField(form.takerFeePct, 'takerFee', errors);
  if (form.makerFeePct.trim() !== '') settings.makerFee = percentField(form.makerFeePct, 'makerFee', errors);
  settings.slippageBps = numberField(form.slippageBps, 'slippageBps', 0, 10_000, errors, ' bps');
  if (form.leverage.trim() !== '') settings.leverage = numberField(form.leverage, 'leverage', 1, 125, errors, 'x');
  return settings;
}

function percentField(text: string, field: string, errors: FieldErrors): number | undefined {
  const percent = numberField(text, field, 0, 10, errors, ' %');
  return percent === undefined ? undefined : percentToFraction(percent);
}
