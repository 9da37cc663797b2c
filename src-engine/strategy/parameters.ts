/**
 * Declared strategy parameters: resolving the values a run uses (defaults, then overrides such
 * as `--param fast=12`) and reading numeric fields that may reference them.
 */
import type { NumberRef, StrategyParameter, StrategySpec } from '../../src-shared/strategy/spec.ts';
import type { SpecIssue } from '../../src-shared/strategy/issues.ts';

export type ParameterValues = Readonly<Record<string, number | string>>;
export type ParameterOverrides = Readonly<Record<string, number | string>>;

export function isChoiceParameter(p: StrategyParameter): p is Extract<StrategyParameter, { options: string[] }> {
  return 'options' in p;
}

/**
 * Defaults overlaid with overrides, each checked against its declaration. Numeric overrides may
 * arrive as text (from the command line) and are parsed here, so every caller gets the same
 * messages.
 */
export function resolveParameterValues(
  spec: StrategySpec,
  overrides: ParameterOverrides = {},
): { values: ParameterValues; issues: SpecIssue[] } {
  const declared = spec.parameters ?? [];
  const values: Record<string, number | string> = {};
  const issues: SpecIssue[] = [];
  for (const p of declared) values[p.name] = p.default;
  for (const [name, raw] of Object.entries(overrides)) {
    const index = declared.findIndex((p) => p.name === name);
    if (index < 0) {
      const known = declared.map((p) => p.name).join(', ') || 'none';
      issues.push({ path: `parameters`, message: `unknown parameter "${name}"; this strategy declares: ${known}` });
      continue;
    }
    const p = declared[index];
    const path = `parameters[${index}]`;
    if (isChoiceParameter(p)) {
      const text = String(raw);
      if (!p.options.includes(text)) {
        issues.push({ path, message: `${name}="${text}" is not an option; allowed: ${p.options.join(', ')}` });
      } else values[name] = text;
      continue;
    }
    const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (String(raw).trim() === '' || !Number.isFinite(value)) {
      issues.push({ path, message: `${name}="${raw}" is not a number` });
    } else if (value < p.min || value > p.max) {
      issues.push({ path, message: `${name}=${value} is outside its declared range ${p.min}..${p.max}` });
    } else if (p.integer && !Number.isInteger(value)) {
      issues.push({ path, message: `${name}=${value} must be a whole number` });
    } else values[name] = value;
  }
  return { values, issues };
}

/** Reads a numeric field; the spec was validated, so a reference always names a numeric parameter. */
export function numberOf(ref: NumberRef, values: ParameterValues): number {
  if (typeof ref === 'number') return ref;
  const value = values[ref.param];
  if (typeof value !== 'number') throw new Error(`parameter "${ref.param}" is not numeric`);
  return value;
}
