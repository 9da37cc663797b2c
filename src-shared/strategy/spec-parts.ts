/**
 * The kinds of each part of the strategy language an editor lets the user pick (operand, rule,
 * exit level, sizing, entry order, parameter) and what a part becomes when its kind changes.
 * Switching keeps what still fits (a rule wrapped into "all" stays inside it), so trying another
 * kind never throws work away. Reads are tolerant: a part that matches no kind reads as null.
 */
import { isRecord } from './editing.ts';
import type { EntryOrderSpec, ExitLevel, NumberRef, Operand, Rule, SizingSpec, StrategyParameter, TrailingStopSpec } from './spec.ts';

export type NumberRefKind = 'number' | 'param';

export function numberRefKind(value: unknown): NumberRefKind | null {
  if (typeof value === 'number') return 'number';
  return isRecord(value) && 'param' in value ? 'param' : null;
}

export const OPERAND_KINDS = ['number', 'param', 'price', 'indicator', 'add', 'sub', 'mul', 'div', 'abs'] as const;
export type OperandKind = (typeof OPERAND_KINDS)[number];
export const ARITHMETIC_KINDS = ['add', 'sub', 'mul', 'div'] as const;

export function operandKind(value: unknown): OperandKind | null {
  if (typeof value === 'number') return 'number';
  if (!isRecord(value)) return null;
  return OPERAND_KINDS.find((kind) => kind !== 'number' && kind in value) ?? null;
}

/** What the editor knows about the document when it makes a new part: names to point at. */
export interface PartContext {
  readonly indicator?: string;
  readonly param?: string;
}

/** An operand of `kind`; arithmetic keeps the previous operand as its first argument. */
export function defaultOperand(kind: OperandKind, context: PartContext, previous?: Operand): Operand {
  switch (kind) {
    case 'number':
      return 0;
    case 'param':
      return { param: context.param ?? '' };
    case 'price':
      return { price: 'close' };
    case 'indicator':
      return { indicator: context.indicator ?? '' };
    case 'abs':
      return { abs: previous ?? 0 };
    default:
      return { [kind]: [previous ?? 0, 0] } as Operand;
  }
}

export const RULE_KINDS = ['compare', 'all', 'any', 'not', 'rising', 'falling', 'confluence'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export function ruleKind(value: unknown): RuleKind | null {
  if (!isRecord(value)) return null;
  if ('op' in value || 'left' in value) return 'compare';
  return RULE_KINDS.find((kind) => kind in value) ?? null;
}

/** A rule of `kind`; groups, "not" and confluence wrap the previous rule rather than drop it. */
export function defaultRule(kind: RuleKind, context: PartContext, previous?: Rule): Rule {
  const compare: Rule = { left: { price: 'close' }, op: '>', right: context.indicator === undefined ? 0 : { indicator: context.indicator } };
  const inner = previous ?? compare;
  switch (kind) {
    case 'compare':
      return compare;
    case 'all':
      return { all: [inner] };
    case 'any':
      return { any: [inner] };
    case 'not':
      return { not: inner };
    case 'rising':
      return { rising: { price: 'close' }, bars: 1 };
    case 'falling':
      return { falling: { price: 'close' }, bars: 1 };
    case 'confluence':
      return { confluence: { rules: [{ weight: 1, rule: inner }], minConfidence: 0.5 } };
  }
}

export const EXIT_LEVEL_KINDS = ['percent', 'atr', 'indicator'] as const;
export type ExitLevelKind = (typeof EXIT_LEVEL_KINDS)[number];
export const TRAILING_KINDS = ['percent', 'atr'] as const;

export function exitLevelKind(value: unknown): ExitLevelKind | null {
  if (!isRecord(value)) return null;
  return EXIT_LEVEL_KINDS.find((kind) => kind in value) ?? null;
}

export function defaultExitLevel(kind: ExitLevelKind, context: PartContext): ExitLevel {
  if (kind === 'percent') return { percent: 2 };
  if (kind === 'atr') return { atr: 2, period: 14 };
  return { indicator: context.indicator ?? '' };
}

export function defaultTrailingStop(kind: (typeof TRAILING_KINDS)[number]): TrailingStopSpec {
  return kind === 'percent' ? { percent: 2 } : { atr: 3, period: 14 };
}

export const SIZING_MODES = ['all-equity', 'percent-equity', 'fixed-qty', 'fixed-notional', 'risk-percent'] as const;
export type SizingMode = (typeof SIZING_MODES)[number];

/** The one amount each sizing mode takes, and what it means. */
export const SIZING_AMOUNTS: Readonly<Record<Exclude<SizingMode, 'all-equity'>, { readonly field: string; readonly label: string; readonly value: number }>> = {
  'percent-equity': { field: 'percent', label: 'percent of equity', value: 10 },
  'fixed-qty': { field: 'qty', label: 'quantity', value: 1 },
  'fixed-notional': { field: 'notional', label: 'notional', value: 1000 },
  'risk-percent': { field: 'percent', label: 'percent of equity at risk', value: 1 },
};

export function defaultSizing(mode: SizingMode): SizingSpec {
  if (mode === 'all-equity') return { mode };
  const amount = SIZING_AMOUNTS[mode];
  return { mode, [amount.field]: amount.value } as SizingSpec;
}

export const ENTRY_ORDER_TYPES = ['market', 'limit', 'stop'] as const;
export type EntryOrderType = (typeof ENTRY_ORDER_TYPES)[number];

/** Limit and stop share their offset and validity, so switching between them keeps both. */
export function defaultEntryOrder(type: EntryOrderType, previous?: unknown): EntryOrderSpec {
  if (type === 'market') return { type };
  const offsetPercent = isRecord(previous) && 'offsetPercent' in previous ? (previous.offsetPercent as NumberRef) : 0.5;
  const validBars = isRecord(previous) && 'validBars' in previous ? (previous.validBars as NumberRef) : undefined;
  return validBars === undefined ? { type, offsetPercent } : { type, offsetPercent, validBars };
}

export type ParameterKind = 'numeric' | 'choice';

export function parameterKind(value: unknown): ParameterKind {
  return isRecord(value) && 'options' in value ? 'choice' : 'numeric';
}

/** Parameter names already declared in a document, of either kind or of one kind only. */
export function parameterNames(document: unknown, kind?: ParameterKind): string[] {
  const parameters = isRecord(document) && Array.isArray(document.parameters) ? document.parameters : [];
  return parameters
    .filter((p: unknown) => isRecord(p) && typeof p.name === 'string' && (kind === undefined || parameterKind(p) === kind))
    .map((p: Record<string, unknown>) => p.name as string);
}

export function indicatorIds(document: unknown): string[] {
  const indicators = isRecord(document) && Array.isArray(document.indicators) ? document.indicators : [];
  return indicators.filter((i: unknown) => isRecord(i) && typeof i.id === 'string').map((i: Record<string, unknown>) => i.id as string);
}

export function defaultParameter(kind: ParameterKind, name: string): StrategyParameter {
  if (kind === 'numeric') return { name, default: 10, min: 1, max: 100, step: 1, integer: true };
  return { name, default: 'both', options: ['long', 'short', 'both'] };
}

/** A choice parameter's options typed as one comma-separated line. */
export function parseOptions(text: string): string[] {
  return text
    .split(',')
    .map((option) => option.trim())
    .filter((option) => option !== '');
}

/** What an indicator kind offers, as indicators.list describes it (only what a new indicator needs). */
export interface IndicatorKindInfo {
  readonly kind: string;
  readonly params: readonly { readonly name: string; readonly default: number }[];
  readonly usesSource: boolean;
}

/**
 * The indicator after its kind changed: the new kind's parameters at their defaults (the old
 * ones rarely mean the same), its source kept only if the new kind reads one.
 */
export function withIndicatorKind(indicator: unknown, info: IndicatorKindInfo): Record<string, unknown> {
  const previous = isRecord(indicator) ? indicator : {};
  const next: Record<string, unknown> = { id: previous.id ?? info.kind, kind: info.kind };
  if (info.params.length > 0) next.params = Object.fromEntries(info.params.map((p) => [p.name, p.default]));
  if (info.usesSource && previous.source !== undefined) next.source = previous.source;
  return next;
}
