/**
 * A strategy's declared parameters as form fields: the default text of each, and each field's
 * text checked against its declaration (range, whole number, step grid from min, options) with
 * a message for the user, before anything is sent to the core.
 */
import type { StrategyParameter } from '../strategy/spec.ts';
import { parseNumber } from './units.ts';

export type ParameterValue = number | string;

export function isChoice(parameter: StrategyParameter): parameter is Extract<StrategyParameter, { options: string[] }> {
  return 'options' in parameter;
}

/** Field text by parameter name, each the declared default. */
export function parameterDefaults(parameters: readonly StrategyParameter[]): Record<string, string> {
  return Object.fromEntries(parameters.map((p) => [p.name, String(p.default)]));
}

/** The value a field's text means, or why it cannot be run. */
export function checkParameter(parameter: StrategyParameter, text: string): { value: ParameterValue } | { error: string } {
  if (isChoice(parameter)) {
    return parameter.options.includes(text) ? { value: text } : { error: `choose one of ${parameter.options.join(', ')}` };
  }
  const value = parseNumber(text);
  if (value === null) return { error: 'enter a number' };
  if (value < parameter.min || value > parameter.max) return { error: `from ${parameter.min} to ${parameter.max}` };
  if (parameter.integer === true && !Number.isInteger(value)) return { error: 'a whole number' };
  if (parameter.step !== undefined && !onGrid(value, parameter.min, parameter.step)) return { error: `in steps of ${parameter.step} from ${parameter.min}` };
  return { value };
}

/** Tolerant of decimal steps such as 0.1, whose multiples are not exact in binary. */
function onGrid(value: number, min: number, step: number): boolean {
  const steps = (value - min) / step;
  return Math.abs(steps - Math.round(steps)) <= 1e-9 * Math.max(1, Math.abs(steps));
}

/** Every declared parameter's value (a missing text is its default), and messages by name for the bad ones. */
export function parameterValues(
  parameters: readonly StrategyParameter[],
  texts: Readonly<Record<string, string>>,
): { values: Record<string, ParameterValue>; errors: Record<string, string> } {
  const values: Record<string, ParameterValue> = {};
  const errors: Record<string, string> = {};
  for (const parameter of parameters) {
    const checked = checkParameter(parameter, texts[parameter.name] ?? String(parameter.default));
    if ('error' in checked) errors[parameter.name] = checked.error;
    else values[parameter.name] = checked.value;
  }
  return { values, errors };
}
