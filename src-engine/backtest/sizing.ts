/**
 * How many units an entry buys, and the exchange's instrument rules every order must pass.
 * An order that fails a rule is rejected with the reason, never silently resized or dropped.
 */
import type { ResolvedSizing } from '../strategy/compile.ts';
import type { InstrumentRules } from './types.ts';

/**
 * Units for an entry at `price`. "All equity" spends the equity as margin plus the entry fee:
 * qty = equity / (price x (1 / leverage + feeRate)), which at leverage 1 is backtesting.py's
 * floor(equity / (price x (1 + fee))). Risk sizing puts `percent` of equity at risk to the
 * stop, capped at what all equity affords.
 */
export function entryQuantity(
  sizing: ResolvedSizing,
  equity: number,
  price: number,
  stopDistance: number,
  leverage: number,
  feeRate: number,
): number {
  const affordable = equity / (price * (1 / leverage + feeRate));
  switch (sizing.mode) {
    case 'all-equity':
      return affordable;
    case 'percent-equity':
      return (affordable * sizing.percent) / 100;
    case 'fixed-qty':
      return sizing.qty;
    case 'fixed-notional':
      return sizing.notional / price;
    case 'risk-percent':
      return stopDistance > 0 ? Math.min(affordable, (equity * sizing.percent) / 100 / stopDistance) : Number.NaN;
  }
}

/**
 * Rounds down to the quantity step. The relative nudge absorbs division error only (0.3 / 0.1 is
 * 2.9999999999999996 in binary and must give 3 steps, not 2).
 */
export function roundToStep(qty: number, step: number): number {
  if (!(step > 0)) return qty;
  return Math.floor((qty / step) * (1 + 1e-12)) * step;
}

export function roundToTick(price: number, tick: number): number {
  if (!(tick > 0)) return price;
  return Math.round(price / tick) * tick;
}

/** Why an order of `qty` at `price` breaks the instrument rules or the margin, or null. */
export function orderRejection(qty: number, price: number, rules: InstrumentRules, marginNeeded: number, equity: number): string | null {
  if (!Number.isFinite(qty)) return 'no stop distance to size the risk against';
  if (qty <= 0) return 'quantity rounds to 0 at this equity and quantity step';
  if (rules.minQty > 0 && qty < rules.minQty) return `quantity ${qty} is below the minimum ${rules.minQty}`;
  if (rules.minNotional > 0 && qty * price < rules.minNotional) {
    return `notional ${qty * price} is below the minimum ${rules.minNotional}`;
  }
  if (marginNeeded > equity * (1 + 1e-12)) return `margin and fee ${marginNeeded} exceed the equity ${equity}`;
  return null;
}
