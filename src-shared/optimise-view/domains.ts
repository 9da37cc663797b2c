/**
 * The Optimise form's parameter ranges: each declared parameter's whole range as text, each typed
 * domain ("5:50:1", "5,10,20" or "12") read into its values and checked against the declaration
 * with a message for the field, and the grid size shown before a run (the product of the domain
 * sizes, and the sets left by the constraints where that is cheap to count). The semantics are
 * those of the engine's search space (docs/optimisation.md), so the preview matches the run.
 */
import type { StrategyParameter } from '../strategy/spec.ts';

export type DomainValue = number | string;

/** Spaces up to this many sets (before constraints) are counted exactly under the constraints. */
export const COUNTABLE_SETS = 2_000_000;

function isChoice(parameter: StrategyParameter): parameter is Extract<StrategyParameter, { options: string[] }> {
  return 'options' in parameter;
}

function decimals(x: number): number {
  const text = String(x);
  const e = text.indexOf('e-');
  if (e >= 0) return Number(text.slice(e + 2)) + (text.slice(0, e).split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/** A readable step: a tenth of the range, to six significant digits. */
function tenth(min: number, max: number): number {
  return Number(((max - min) / 10).toPrecision(6));
}

/** The declared range with its step (whole steps for whole numbers, else a tenth), or the options: what "search it all" means. */
export function declaredRangeText(parameter: StrategyParameter): string {
  if (isChoice(parameter)) return parameter.options.join(',');
  if (parameter.max <= parameter.min) return String(parameter.min);
  const step = parameter.step ?? (parameter.integer === true ? 1 : tenth(parameter.min, parameter.max));
  return `${parameter.min}:${parameter.max}:${step}`;
}

function rangeValues(min: number, max: number, step: number): number[] {
  const places = Math.min(12, Math.max(decimals(min), decimals(step)));
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  return Array.from({ length: count }, (_, i) => Number((min + i * step).toFixed(places)));
}

function checkValue(parameter: StrategyParameter, value: DomainValue): string | null {
  if (isChoice(parameter)) return parameter.options.includes(String(value)) ? null : `"${value}" is not an option (${parameter.options.join(', ')})`;
  if (typeof value !== 'number') return `"${value}" is not a number`;
  if (value < parameter.min || value > parameter.max) return `${value} is outside ${parameter.min} to ${parameter.max}`;
  if (parameter.integer === true && !Number.isInteger(value)) return `${value} is not a whole number`;
  return null;
}

const MAX_RANGE_VALUES = 10_000_000;

/** The values a domain text means for this parameter, or why it cannot be searched. */
export function parseDomainText(parameter: StrategyParameter, text: string): { values: DomainValue[] } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'write min:max:step, a list a,b,c or one value' };
  let values: DomainValue[];
  if (trimmed.includes(':')) {
    const parts = trimmed.split(':').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
    if (parts.length !== 3) return { error: 'a range is min:max:step, e.g. 5:50:1' };
    const [min, max, step] = parts;
    if (!parts.every(Number.isFinite)) return { error: 'min, max and step must be numbers' };
    if (min > max) return { error: 'min is above max' };
    if (!(step > 0)) return { error: 'step must be above 0' };
    if ((max - min) / step + 1 > MAX_RANGE_VALUES) return { error: `more than ${MAX_RANGE_VALUES.toLocaleString('en-US')} values` };
    values = rangeValues(min, max, step);
  } else if (trimmed.includes(',')) {
    const items = trimmed.split(',').map((item) => item.trim());
    if (items.some((item) => item === '')) return { error: 'the list has an empty item' };
    values = items.map((item) => (Number.isFinite(Number(item)) ? Number(item) : item));
    if (new Set(values).size !== values.length) return { error: 'the list repeats a value' };
  } else {
    values = [Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed];
  }
  for (const value of values) {
    const problem = checkValue(parameter, value);
    if (problem !== null) return { error: problem };
  }
  return { values };
}

export interface GridPreview {
  /** Sets before the constraints: the product of the domain sizes. */
  readonly product: number;
  /** Sets satisfying the constraints; null when the space is too large to count here. */
  readonly count: number | null;
}

/**
 * Size of the grid over these domains. `accepts` is the constraints' test (none: every set);
 * sets are visited in grid order, the first parameter varying slowest, as the engine does.
 */
export function gridPreview(domains: readonly { readonly name: string; readonly values: readonly DomainValue[] }[], accepts: ((set: Readonly<Record<string, DomainValue>>) => boolean) | null, limit = COUNTABLE_SETS): GridPreview {
  const product = domains.reduce((n, d) => n * d.values.length, 1);
  if (accepts === null) return { product, count: product };
  if (product > limit) return { product, count: null };
  let count = 0;
  const set: Record<string, DomainValue> = {};
  for (let position = 0; position < product; position++) {
    let rest = position;
    for (let p = domains.length - 1; p >= 0; p--) {
      const { name, values } = domains[p];
      set[name] = values[rest % values.length];
      rest = Math.floor(rest / values.length);
    }
    if (accepts(set)) count++;
  }
  return { product, count };
}
