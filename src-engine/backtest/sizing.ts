/**
 * How many units an entry buys, and the exchange's instrument rules every order must pass.
 * An order that fails a rule is rejected with the reason, never silently resized or dropped.
 */
import type { ResolvedSizing } from '../strategy/compile.ts';
import type { InstrumentRules } from './types.ts';

/**
 * Units for an entry at `price`. "All equity" spends the equity, less any fixed fee, as margin
 * plus the entry fee: qty = (equity - fixedFee) / (price x (1 / leverage + feeRate)), which at
 * leverage 1 without a fixed fee is backtesting.py's floor(equity / (price x (1 + fee))). Risk
 * sizing puts `percent` of equity at risk to the stop, capped at what all equity affords.
 */
export function entryQuantity(
  sizing: ResolvedSizing,
  equity: number,
  price: number,
  stopDistance: number,
  leverage: number,
  fee: { rate: number; fixed: number },
): number {
  const affordable = Math.max(0, equity - fee.fixed) / (price * (1 / leverage + fee.rate));
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

/** Rounds a fill to the tick against the trader: a buy (side 1) up, a sell (side -1) down. */
export function roundToTickAgainst(price: number, tick: number, side: number): number {
  if (!(tick > 0)) return price;
  // The nudge keeps a price already on the grid (100.5 / 0.5 = 201.00000000000003) in place.
  const steps = price / tick;
  return (side > 0 ? Math.ceil(steps - 1e-9) : Math.floor(steps + 1e-9)) * tick;
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
