/** Parsing of numeric and choice options with messages that name the option and the rule. */
import { UsageError } from './usage-error.ts';

export function numberOption(
  name: string,
  text: string | undefined,
  fallback: number,
  rule: { min?: number; max?: number; above?: number } = {},
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} ${text}: not a number`);
  if (rule.above !== undefined && !(value > rule.above)) throw new UsageError(`--${name} ${text}: must be greater than ${rule.above}`);
  if (rule.min !== undefined && value < rule.min) throw new UsageError(`--${name} ${text}: must be at least ${rule.min}`);
  if (rule.max !== undefined && value > rule.max) throw new UsageError(`--${name} ${text}: must be at most ${rule.max}`);
  return value;
}

export function choiceOption<T extends string>(name: string, text: string | undefined, choices: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`--${name} ${text}: expected one of ${choices.join(', ')}`);
  return text as T;
}

const TIME_PATTERN = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?(?:Z)?$/;

/** A UTC time: `2024-01-31`, `2024-01-31T12:00`, `2024-01-31 12:00:00Z`, or epoch milliseconds. */
export function timeOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d{10,14}$/.test(text)) return Number(text);
  if (!TIME_PATTERN.test(text)) throw new UsageError(`--${name} ${text}: expected a UTC date like 2024-01-31 or 2024-01-31T12:00, or epoch milliseconds`);
  const iso = text.replace(' ', 'T');
  const value = Date.parse(iso.endsWith('Z') ? iso : iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`);
  if (Number.isNaN(value)) throw new UsageError(`--${name} ${text}: not a real date`);
  return value;
}
