/**
 * Search spaces: domains from a strategy's declared parameters with the user's overrides
 * ("5:50:1", "5,10,20", "12"), their validation against the declarations, and counting and
 * enumerating the sets in one fixed order (first parameter slowest) that skips sets breaking a
 * constraint. Every sampler indexes the space through `domainValues`, so a value means the same
 * number everywhere (0.1 steps give 0.3, never 0.30000000000000004).
 */
import type { StrategyParameter, StrategySpec } from '../../src-shared/strategy/spec.ts';
import type { SpecIssue } from '../../src-shared/strategy/issues.ts';
import { isChoiceParameter } from '../strategy/parameters.ts';
import { compileConstraint, compileConstraints, ConstraintError } from './constraints.ts';
import type { ParameterDomain, ParameterSet, SearchSpace } from './types.ts';

/** Larger spaces (before constraints) are refused for grid search and for counting. */
export const MAX_ENUMERABLE = 10_000_000;

/** Problems with a space, listed together so a user fixes them in one go. */
export class SearchSpaceError extends Error {
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n'));
    this.name = 'SearchSpaceError';
    this.issues = issues;
  }
}

function decimals(x: number): number {
  const text = String(x);
  const e = text.indexOf('e-');
  if (e >= 0) return Number(text.slice(e + 2)) + Math.max(0, text.slice(0, e).split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/** The values a domain takes, in order. Range values are rounded to the decimals of min and step. */
export function domainValues(domain: ParameterDomain): readonly (number | string)[] {
  if (domain.kind === 'fixed') return [domain.value];
  if (domain.kind === 'list') return domain.values;
  const { min, max, step } = domain;
  const places = Math.min(12, Math.max(decimals(min), decimals(step)));
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(Number((min + i * step).toFixed(places)));
  return values;
}

/** Number of values of a range without building them. */
function domainLength(domain: ParameterDomain): number {
  if (domain.kind === 'fixed') return 1;
  if (domain.kind === 'list') return domain.values.length;
  return Math.floor((domain.max - domain.min) / domain.step + 1e-9) + 1;
}

/** Parameter sets in the space before constraints (may exceed MAX_ENUMERABLE). */
export function spaceSize(space: SearchSpace): number {
  let size = 1;
  for (const d of space.parameters) size *= domainLength(d);
  return size;
}

function parseNumber(name: string, text: string, what: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    throw new SearchSpaceError([{ path: name, message: `${what} "${text}" is not a number` }]);
  }
  return value;
}

/**
 * Reads a domain as typed on the command line or in a form: "min:max:step" (inclusive range),
 * "a,b,c" (list: numbers, or text for choice parameters) or a single value (fixed).
 * Throws SearchSpaceError with the parameter's name and what is wrong.
 */
export function parseDomain(name: string, text: string): ParameterDomain {
  const trimmed = text.trim();
  const fail = (message: string): never => {
    throw new SearchSpaceError([{ path: name, message }]);
  };
  if (trimmed === '') fail('no value given; write min:max:step, a list a,b,c or one value');
  if (trimmed.includes(':')) {
    const parts = trimmed.split(':');
    if (parts.length !== 3) fail(`"${text}" is not a range; write min:max:step, e.g. 5:50:1`);
    const [min, max, step] = [
      parseNumber(name, parts[0], 'min'),
      parseNumber(name, parts[1], 'max'),
      parseNumber(name, parts[2], 'step'),
    ];
    if (min > max) fail(`range ${min}:${max} has min above max`);
    if (!(step > 0)) fail(`step ${step} must be greater than 0`);
    const domain: ParameterDomain = { name, kind: 'range', min, max, step };
    if (domainLength(domain) > MAX_ENUMERABLE) fail(`range ${trimmed} has more than ${MAX_ENUMERABLE} values`);
    return domain;
  }
  if (trimmed.includes(',')) {
    const items = trimmed.split(',').map((item) => item.trim());
    if (items.some((item) => item === '')) fail(`list "${text}" has an empty item`);
    const values = items.map((item) => (Number.isFinite(Number(item)) ? Number(item) : item));
    const seen = new Set<number | string>();
    for (const v of values) {
      if (seen.has(v)) fail(`list "${text}" repeats ${v}`);
      seen.add(v);
    }
    return { name, kind: 'list', values };
  }
  const value = Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  return { name, kind: 'fixed', value };
}

/** The domain a declared parameter takes when the user does not narrow it. */
export function declaredDomain(p: StrategyParameter): ParameterDomain {
  if (isChoiceParameter(p)) {
    return p.options.length === 1 ? { name: p.name, kind: 'fixed', value: p.options[0] } : { name: p.name, kind: 'list', values: p.options };
  }
  if (p.max <= p.min) return { name: p.name, kind: 'fixed', value: p.min };
  const step = p.step ?? (p.integer ? 1 : (p.max - p.min) / 10);
  return { name: p.name, kind: 'range', min: p.min, max: p.max, step };
}

/**
 * A space over every declared parameter: each overridden one takes its override (text as for
 * parseDomain, or a domain), the others their declared range or options. Throws
 * SearchSpaceError listing every problem (unreadable or out-of-range overrides, unknown
 * names, bad constraints).
 */
export function spaceFromStrategy(
  spec: StrategySpec,
  overrides: Readonly<Record<string, string | ParameterDomain>> = {},
  constraints: readonly string[] = [],
): SearchSpace {
  const declared = spec.parameters ?? [];
  const issues: SpecIssue[] = [];
  const parameters: ParameterDomain[] = [];
  for (const p of declared) {
    const override = overrides[p.name];
    if (override === undefined) parameters.push(declaredDomain(p));
    else if (typeof override !== 'string') parameters.push(override);
    else {
      try {
        parameters.push(parseDomain(p.name, override));
      } catch (error) {
        if (!(error instanceof SearchSpaceError)) throw error;
        issues.push(...error.issues);
      }
    }
  }
  for (const name of Object.keys(overrides)) {
    if (!declared.some((p) => p.name === name)) {
      const known = declared.map((p) => p.name).join(', ') || 'none';
      issues.push({ path: name, message: `unknown parameter "${name}"; this strategy declares: ${known}` });
    }
  }
  const space: SearchSpace = { parameters, constraints: [...constraints] };
  issues.push(...checkSpace(spec, space));
  if (issues.length > 0) throw new SearchSpaceError(issues);
  return space;
}

function checkValue(p: StrategyParameter, value: number | string): string | null {
  if (isChoiceParameter(p)) {
    return p.options.includes(String(value)) ? null : `"${value}" is not an option; allowed: ${p.options.join(', ')}`;
  }
  if (typeof value !== 'number') return `"${value}" is not a number`;
  if (value < p.min || value > p.max) return `${value} is outside its declared range ${p.min}..${p.max}`;
  if (p.integer && !Number.isInteger(value)) return `${value} must be a whole number`;
  return null;
}

/**
 * Problems of a space against the strategy's declarations: unknown or repeated parameters,
 * values outside the declared range, options or integrality, malformed constraints or
 * constraints over unknown or choice parameters. Empty when the space is usable.
 */
export function checkSpace(spec: StrategySpec, space: SearchSpace): SpecIssue[] {
  const declared = spec.parameters ?? [];
  const issues: SpecIssue[] = [];
  const seen = new Set<string>();
  for (const domain of space.parameters) {
    const path = domain.name;
    if (seen.has(domain.name)) issues.push({ path, message: `"${domain.name}" is given twice` });
    seen.add(domain.name);
    const p = declared.find((d) => d.name === domain.name);
    if (!p) {
      issues.push({ path, message: `unknown parameter "${domain.name}"; this strategy declares: ${declared.map((d) => d.name).join(', ') || 'none'}` });
      continue;
    }
    if (domain.kind === 'range') {
      if (isChoiceParameter(p)) {
        issues.push({ path, message: `is a choice parameter; give a list of options (${p.options.join(',')})` });
        continue;
      }
      if (!(domain.step > 0) || !(domain.min <= domain.max)) {
        issues.push({ path, message: `range ${domain.min}:${domain.max}:${domain.step} needs min <= max and step > 0` });
        continue;
      }
      if (p.integer && !Number.isInteger(domain.step)) {
        issues.push({ path, message: `step ${domain.step} must be a whole number` });
      }
      for (const bound of [domain.min, domain.max]) {
        const problem = checkValue(p, bound);
        if (problem) issues.push({ path, message: problem });
      }
      if (domainLength(domain) > MAX_ENUMERABLE) {
        issues.push({ path, message: `has more than ${MAX_ENUMERABLE} values; use a larger step` });
      }
      continue;
    }
    const values = domain.kind === 'list' ? domain.values : [domain.value];
    if (values.length === 0) issues.push({ path, message: 'the list is empty' });
    for (const value of values) {
      const problem = checkValue(p, value);
      if (problem) issues.push({ path, message: problem });
    }
  }
  space.constraints.forEach((text, index) => {
    const path = `constraints[${index}]`;
    try {
      const compiled = compileConstraint(text);
      for (const name of compiled.names) {
        const p = declared.find((d) => d.name === name);
        if (!p || !seen.has(name)) {
          issues.push({ path, message: `constraint "${text}" names "${name}", which is not a parameter of this search` });
        } else if (isChoiceParameter(p)) {
          issues.push({ path, message: `constraint "${text}" names "${name}", a choice parameter; constraints compare numbers` });
        }
      }
    } catch (error) {
      if (!(error instanceof ConstraintError)) throw error;
      issues.push({ path, message: error.message });
    }
  });
  return issues;
}

/** A space's values and constraint test, prepared once for fast indexing. */
export interface IndexedSpace {
  readonly names: readonly string[];
  readonly values: readonly (readonly (number | string)[])[];
  /** Product of the domain lengths: the number of sets before constraints. */
  readonly size: number;
  readonly accepts: (set: ParameterSet) => boolean;
}

export function indexSpace(space: SearchSpace): IndexedSpace {
  const values = space.parameters.map(domainValues);
  return {
    names: space.parameters.map((d) => d.name),
    values,
    size: values.reduce((n, v) => n * v.length, 1),
    accepts: compileConstraints(space.constraints),
  };
}

/** The set at a position of the unconstrained product, the first parameter varying slowest. */
export function setAt(space: IndexedSpace, position: number): ParameterSet {
  const set: Record<string, number | string> = {};
  let rest = position;
  for (let p = space.names.length - 1; p >= 0; p--) {
    const n = space.values[p].length;
    set[space.names[p]] = space.values[p][rest % n];
    rest = Math.floor(rest / n);
  }
  // Rebuilt in declaration order so that every set lists its parameters alike.
  const ordered: Record<string, number | string> = {};
  for (const name of space.names) ordered[name] = set[name];
  return ordered;
}

/** A stable text key of a set, for telling apart sets already tried. */
export function setKey(space: IndexedSpace, set: ParameterSet): string {
  return space.names.map((name) => String(set[name])).join('\u0000');
}

function assertEnumerable(indexed: IndexedSpace): void {
  if (indexed.size > MAX_ENUMERABLE) {
    throw new RangeError(
      `the space has ${indexed.size} sets, more than ${MAX_ENUMERABLE} to enumerate; narrow the ranges or use random or bayes`,
    );
  }
}

/** Every set satisfying the constraints, in grid order. Throws for spaces over MAX_ENUMERABLE. */
export function* enumerateSpace(space: SearchSpace): Generator<ParameterSet> {
  const indexed = indexSpace(space);
  assertEnumerable(indexed);
  for (let i = 0; i < indexed.size; i++) {
    const set = setAt(indexed, i);
    if (indexed.accepts(set)) yield set;
  }
}

/** Sets satisfying the constraints. Throws for spaces over MAX_ENUMERABLE. */
export function countSpace(space: SearchSpace): number {
  const indexed = indexSpace(space);
  assertEnumerable(indexed);
  let count = 0;
  for (let i = 0; i < indexed.size; i++) if (indexed.accepts(setAt(indexed, i))) count++;
  return count;
}
