/** Settings builders for simulator tests: a neutral baseline that each test overrides. */
import type { BacktestSettings } from '../../src-engine/backtest/types.ts';

export function testSettings(overrides: Partial<BacktestSettings> = {}): BacktestSettings {
  return {
    initialCapital: 10_000,
    takerFee: 0,
    makerFee: 0,
    fixedFeePerOrder: 0,
    slippageBps: 0,
    slippageTicks: 0,
    maintenanceMarginRate: 0.005,
    liquidationFeeRate: 0,
    fill: 'next-open',
    exitsLiveFrom: 'entry-bar',
    intrabar: 'pessimistic',
    atEnd: 'leave-open',
    instrument: { tickSize: 0, qtyStep: 0, minQty: 0, minNotional: 0 },
    ...overrides,
  };
}
