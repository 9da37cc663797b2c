/**
 * Backtest settings as the UI sends them: any subset of BacktestSettings, checked field by field
 * (unknown names are refused, so a typo never silently runs with a default), over the same
 * defaults `bst backtest` uses and the instrument rules and funding the cache holds.
 */
import { z } from 'zod';
import type { BacktestSettings } from '../../../src-engine/backtest/types.ts';
import type { MarketDefaults } from './cached-market-data.ts';
import { checkInput } from './inputs.ts';

const range = (min: number, max: number) => z.number().min(min).max(max).optional();
const atLeastZero = z.number().min(0).finite().optional();

const overridesSchema = z.strictObject({
  initialCapital: z.number().positive().finite().optional(),
  takerFee: range(0, 0.1),
  makerFee: range(0, 0.1),
  fixedFeePerOrder: atLeastZero,
  slippageBps: range(0, 10_000),
  slippageTicks: atLeastZero,
  leverage: range(1, 125),
  maintenanceMarginRate: range(0, 0.5),
  liquidationFeeRate: range(0, 0.1),
  fill: z.enum(['next-open', 'close']).optional(),
  exitsLiveFrom: z.enum(['entry-bar', 'next-bar']).optional(),
  // The magnifier path needs lower-timeframe candles, which the core does not load yet.
  intrabar: z.enum(['pessimistic', 'tradingview']).optional(),
  atEnd: z.enum(['leave-open', 'close-at-open', 'close-at-close']).optional(),
  instrument: z
    .strictObject({ tickSize: atLeastZero, qtyStep: atLeastZero, minQty: atLeastZero, minNotional: atLeastZero })
    .optional(),
});

export type BacktestSettingsOverrides = z.infer<typeof overridesSchema>;

/** Throws CoreError 'invalid-input' naming the first bad field. */
export function checkSettingsOverrides(overrides: unknown): BacktestSettingsOverrides {
  return checkInput('settings', overridesSchema.safeParse(overrides ?? {}));
}

/**
 * Each fee the request leaves out comes from the market's default fees (the settings' fees of
 * the exchange market, for cached data); without those (CSV data, the CLI) the CLI's rule
 * holds: taker 0.0006 and maker equal to taker.
 */
export function resolveBacktestSettings(overrides: BacktestSettingsOverrides, market: MarketDefaults): BacktestSettings {
  const rules = market.instrument;
  const takerFee = overrides.takerFee ?? market.fees?.taker ?? 0.0006;
  return {
    initialCapital: overrides.initialCapital ?? 10_000,
    takerFee,
    makerFee: overrides.makerFee ?? market.fees?.maker ?? takerFee,
    fixedFeePerOrder: overrides.fixedFeePerOrder ?? 0,
    slippageBps: overrides.slippageBps ?? 0,
    slippageTicks: overrides.slippageTicks ?? 0,
    leverage: overrides.leverage,
    maintenanceMarginRate: overrides.maintenanceMarginRate ?? 0.005,
    liquidationFeeRate: overrides.liquidationFeeRate ?? 0,
    fill: overrides.fill ?? 'next-open',
    exitsLiveFrom: overrides.exitsLiveFrom ?? 'entry-bar',
    intrabar: overrides.intrabar ?? 'pessimistic',
    atEnd: overrides.atEnd ?? 'leave-open',
    instrument: {
      tickSize: overrides.instrument?.tickSize ?? rules?.tickSize ?? 0,
      qtyStep: overrides.instrument?.qtyStep ?? rules?.qtyStep ?? 0,
      minQty: overrides.instrument?.minQty ?? rules?.minQty ?? 0,
      minNotional: overrides.instrument?.minNotional ?? rules?.minNotional ?? 0,
    },
    funding: market.funding,
  };
}
