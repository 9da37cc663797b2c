/**
 * Checks a strategy document: its shape (zod, in src-shared) and its meaning: indicators that
 * exist with parameters in range, references to declared ids, outputs and parameters, no
 * circular sources, rules for every traded side. Every problem is reported with its path, what
 * is wrong and what is allowed, so a trader can fix a hand-written file.
 */
import { type SpecIssue, issuesFromZod } from '../../src-shared/strategy/issues.ts';
import { DIRECTIONS, type IndicatorSpec, type StrategySpec, strategySpecSchema } from '../../src-shared/strategy/spec.ts';
import { findIndicator, indicatorKinds } from '../indicators/registry.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import { isChoiceParameter, numberOf, type ParameterOverrides, type ParameterValues, resolveParameterValues } from './parameters.ts';

export type StrategyCheck =
  | { readonly ok: true; readonly spec: StrategySpec; readonly values: ParameterValues }
  | { readonly ok: false; readonly issues: readonly SpecIssue[] };

export class StrategyError extends Error {
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[]) {
    super(issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('\n'));
    this.name = 'StrategyError';
    this.issues = issues;
  }
}

/** Parses and checks a strategy document, resolving parameter values (defaults + overrides). */
export function checkStrategy(document: unknown, overrides: ParameterOverrides = {}): StrategyCheck {
  const parsed = strategySpecSchema.safeParse(document);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error, document) };
  const spec = parsed.data;
  const referenceIssues = checkReferences(spec);
  if (referenceIssues.length > 0) return { ok: false, issues: referenceIssues };
  const { values, issues } = resolveParameterValues(spec, overrides);
  if (issues.length > 0) return { ok: false, issues };
  const valueIssues = checkResolvedValues(spec, values);
  if (valueIssues.length > 0) return { ok: false, issues: valueIssues };
  return { ok: true, spec, values };
}

/** Like checkStrategy, but throws StrategyError: for callers that cannot continue anyway. */
export function requireStrategy(document: unknown, overrides: ParameterOverrides = {}): { spec: StrategySpec; values: ParameterValues } {
  const result = checkStrategy(document, overrides);
  if (!result.ok) throw new StrategyError(result.issues);
  return result;
}

function checkReferences(spec: StrategySpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  checkParameterDeclarations(spec, issues);
  checkParameterReferences(spec, issues);
  const definitions = checkIndicators(spec, issues);
  for (const side of ['entry', 'exit'] as const) {
    for (const dir of ['long', 'short'] as const) {
      const rule = spec[side]?.[dir];
      if (rule !== undefined) checkIndicatorRefs(rule, `${side}.${dir}`, spec, definitions, issues);
    }
  }
  for (const level of ['stopLoss', 'takeProfit'] as const) {
    const exit = spec.risk?.[level];
    if (exit !== undefined && 'indicator' in exit) {
      checkOutputRef(exit.indicator, exit.output, `risk.${level}`, spec, definitions, issues);
    }
  }
  checkSides(spec, issues);
  if (spec.sizing?.mode === 'risk-percent' && spec.risk?.stopLoss === undefined) {
    issues.push({ path: 'sizing', message: 'risk-percent sizing needs risk.stopLoss: the stop distance is what the risk is measured to' });
  }
  return issues;
}

function checkParameterDeclarations(spec: StrategySpec, issues: SpecIssue[]): void {
  const seen = new Set<string>();
  (spec.parameters ?? []).forEach((p, i) => {
    const path = `parameters[${i}]`;
    if (seen.has(p.name)) issues.push({ path, message: `parameter "${p.name}" is declared twice` });
    seen.add(p.name);
    if (isChoiceParameter(p)) {
      if (!p.options.includes(p.default)) {
        issues.push({ path, message: `default "${p.default}" is not one of the options: ${p.options.join(', ')}` });
      }
    } else if (p.min > p.max) {
      issues.push({ path, message: `min ${p.min} is greater than max ${p.max}` });
    } else if (p.default < p.min || p.default > p.max) {
      issues.push({ path, message: `default ${p.default} is outside ${p.min}..${p.max}` });
    } else if (p.integer && ![p.default, p.min, p.max].every(Number.isInteger)) {
      issues.push({ path, message: 'an integer parameter needs whole-number default, min and max' });
    }
  });
}

/** Every {"param": name} must name a declared parameter of the right kind. */
function checkParameterReferences(spec: StrategySpec, issues: SpecIssue[]): void {
  const declared = new Map((spec.parameters ?? []).map((p) => [p.name, p]));
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, `${path}[${i}]`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === 'param' && typeof record.param === 'string') {
      const p = declared.get(record.param);
      const wantsChoice = path === 'direction';
      if (p === undefined) {
        const known = [...declared.keys()].join(', ') || 'none';
        issues.push({ path, message: `unknown parameter "${record.param}"; declared parameters: ${known}` });
      } else if (wantsChoice && !isChoiceParameter(p)) {
        issues.push({ path, message: `direction needs a choice parameter with options among ${DIRECTIONS.join(', ')}` });
      } else if (wantsChoice && isChoiceParameter(p) && !p.options.every((o) => (DIRECTIONS as readonly string[]).includes(o))) {
        issues.push({ path, message: `parameter "${p.name}" has options that are not directions; allowed: ${DIRECTIONS.join(', ')}` });
      } else if (!wantsChoice && isChoiceParameter(p)) {
        issues.push({ path, message: `parameter "${p.name}" is a choice; a number is needed here` });
      }
      return;
    }
    for (const key of keys) {
      if (key === 'parameters') continue;
      visit(record[key], path === '' ? key : `${path}.${key}`);
    }
  };
  visit(spec, '');
}

function checkIndicators(spec: StrategySpec, issues: SpecIssue[]): Map<string, IndicatorDefinition> {
  const definitions = new Map<string, IndicatorDefinition>();
  const indicators = spec.indicators ?? [];
  indicators.forEach((ind, i) => {
    const path = `indicators[${i}]`;
    if (definitions.has(ind.id)) issues.push({ path: `${path}.id`, message: `indicator id "${ind.id}" is used twice` });
    const definition = findIndicator(ind.kind);
    if (definition === undefined) {
      issues.push({ path: `${path}.kind`, message: `unknown indicator kind "${ind.kind}"; available: ${indicatorKinds().join(', ')}` });
      return;
    }
    definitions.set(ind.id, definition);
    const allowed = definition.params.map((p) => p.name);
    for (const key of Object.keys(ind.params ?? {})) {
      if (!allowed.includes(key)) {
        issues.push({
          path: `${path}.params.${key}`,
          message: `${definition.kind} has no parameter "${key}"; its parameters: ${allowed.join(', ') || 'none'}`,
        });
      }
    }
    if (ind.source !== undefined && !definition.usesSource) {
      issues.push({ path: `${path}.source`, message: `${definition.kind} reads the candles itself and takes no source` });
    }
  });
  indicators.forEach((ind, i) => {
    if (typeof ind.source === 'object') {
      checkOutputRef(ind.source.indicator, ind.source.output, `indicators[${i}].source`, spec, definitions, issues);
    }
  });
  const cycle = findSourceCycle(indicators);
  if (cycle !== null) issues.push({ path: 'indicators', message: `indicator sources form a loop: ${cycle.join(' -> ')}` });
  return definitions;
}

function findSourceCycle(indicators: readonly IndicatorSpec[]): string[] | null {
  const sourceOf = new Map(indicators.map((ind) => [ind.id, typeof ind.source === 'object' ? ind.source.indicator : null]));
  for (const start of sourceOf.keys()) {
    const chain = [start];
    let next = sourceOf.get(start);
    while (next !== null && next !== undefined) {
      chain.push(next);
      if (next === start) return chain;
      if (chain.length > sourceOf.size + 1) break;
      next = sourceOf.get(next);
    }
  }
  return null;
}

function checkOutputRef(
  id: string,
  output: string | undefined,
  path: string,
  spec: StrategySpec,
  definitions: ReadonlyMap<string, IndicatorDefinition>,
  issues: SpecIssue[],
): void {
  const definition = definitions.get(id);
  if (definition === undefined) {
    if (!(spec.indicators ?? []).some((ind) => ind.id === id)) {
      const known = (spec.indicators ?? []).map((ind) => ind.id).join(', ') || 'none';
      issues.push({ path, message: `unknown indicator "${id}"; declared indicators: ${known}` });
    }
    return;
  }
  if (output === undefined) {
    if (definition.outputs.length > 1) {
      issues.push({ path, message: `${id} (${definition.kind}) has several outputs; name one with "output": ${definition.outputs.join(', ')}` });
    }
  } else if (!definition.outputs.includes(output)) {
    issues.push({ path: `${path}.output`, message: `${id} (${definition.kind}) has no output "${output}"; outputs: ${definition.outputs.join(', ')}` });
  }
}

function checkIndicatorRefs(
  node: unknown,
  path: string,
  spec: StrategySpec,
  definitions: ReadonlyMap<string, IndicatorDefinition>,
  issues: SpecIssue[],
): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => checkIndicatorRefs(child, `${path}[${i}]`, spec, definitions, issues));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.indicator === 'string') {
    checkOutputRef(record.indicator, record.output as string | undefined, path, spec, definitions, issues);
    return;
  }
  for (const [key, child] of Object.entries(record)) checkIndicatorRefs(child, `${path}.${key}`, spec, definitions, issues);
}

function checkSides(spec: StrategySpec, issues: SpecIssue[]): void {
  const possible = typeof spec.direction === 'string' ? [spec.direction] : directionOptions(spec, spec.direction.param);
  const needsLong = possible.some((d) => d === 'long' || d === 'both');
  const needsShort = possible.some((d) => d === 'short' || d === 'both');
  if (needsLong && spec.entry.long === undefined) {
    issues.push({ path: 'entry.long', message: 'the strategy can trade long but has no long entry rule' });
  }
  if (needsShort && spec.entry.short === undefined) {
    issues.push({ path: 'entry.short', message: 'the strategy can trade short but has no short entry rule' });
  }
}

function directionOptions(spec: StrategySpec, name: string): string[] {
  const p = (spec.parameters ?? []).find((candidate) => candidate.name === name);
  return p !== undefined && isChoiceParameter(p) ? p.options : [];
}

/** Checks that need the actual parameter values: indicator parameter ranges. */
function checkResolvedValues(spec: StrategySpec, values: ParameterValues): SpecIssue[] {
  const issues: SpecIssue[] = [];
  (spec.indicators ?? []).forEach((ind, i) => {
    const definition = findIndicator(ind.kind);
    if (definition === undefined) return;
    for (const p of definition.params) {
      const ref = ind.params?.[p.name];
      if (ref === undefined) continue;
      const value = numberOf(ref, values);
      const via = typeof ref === 'number' ? '' : ` (from parameter "${ref.param}")`;
      const path = `indicators[${i}].params.${p.name}`;
      if (value < p.min || value > p.max) {
        issues.push({ path, message: `${p.name}=${value}${via} is outside ${p.min}..${p.max} for ${definition.kind}` });
      } else if (p.integer && !Number.isInteger(value)) {
        issues.push({ path, message: `${p.name}=${value}${via} must be a whole number for ${definition.kind}` });
      }
    }
  });
  return issues;
}
