/**
 * Exact decimals for prices and volumes. The simulator keeps every amount as an integer count
 * of a smallest unit (ticks, volume units), so sums over a day or a month stay exact and the
 * strings it serves parse back to exactly the numbers truth() reports.
 */

/** Digits after the point in a decimal string: "0.010" -> 3, "5" -> 0. */
export function decimalsOf(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/** A decimal string as an integer count of 10^-decimals: ("0.5", 2) -> 50. */
export function toUnits(text: string, decimals: number): number {
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > decimals) throw new Error(`${text} has more than ${decimals} decimals`);
  return Number(whole + fraction.padEnd(decimals, '0'));
}

/** `units` x 10^-decimals with exactly `decimals` digits after the point (Binance style). */
export function fixedDecimal(units: number, decimals: number): string {
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** The same without trailing zeros (Bybit style: "17055.5", "17071"). */
export function trimmedDecimal(units: number, decimals: number): string {
  const text = fixedDecimal(units, decimals);
  return decimals === 0 ? text : text.replace(/\.?0+$/, '');
}

/** The number a client parses from the decimal: division is correctly rounded, like parseFloat. */
export function decimalValue(units: number, decimals: number): number {
  return units / 10 ** decimals;
}

/** `units` x 10^-decimals shown with `shown` >= decimals digits after the point ("0.01" -> "0.01000000"). */
export function paddedDecimal(units: number, decimals: number, shown: number): string {
  const text = fixedDecimal(units, decimals);
  if (shown <= decimals) return text;
  return (decimals === 0 ? `${text}.` : text) + '0'.repeat(shown - decimals);
}
