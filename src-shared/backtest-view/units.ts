/**
 * The Backtest form shows fees in percent and dates as UTC days, while the contract takes fees
 * as fractions and times in epoch ms: the conversions, rounded so binary noise never shows.
 */

const DAY_MS = 86_400_000;

export function percentToFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

export function fractionToPercent(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

/** A number typed into a field; null when blank or not a number. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The UTC day (YYYY-MM-DD) an epoch ms falls on. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD day as the epoch ms of its UTC midnight; null when malformed. */
export function parseUtcDay(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** The day after (a range's exclusive end day). */
export function nextUtcDay(day: string): string {
  const ms = parseUtcDay(day);
  return ms === null ? day : utcDay(ms + DAY_MS);
}
