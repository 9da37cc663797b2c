/**
 * The Backtest form shows fees in percent, while the contract takes fractions: the conversions,
 * rounded so binary noise never shows, and numbers typed into fields (days: src-shared/time-text.ts).
 */

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

