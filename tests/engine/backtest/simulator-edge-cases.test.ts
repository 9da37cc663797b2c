/**
 * Edge cases where an earlier version disagreed with docs/engine.md: each test pins the
 * documented behaviour with numbers computed by hand.
 */
import { describe, expect, it } from 'vitest';
import { entryQuantity } from '../../../src-engine/backtest/sizing.ts';
import { HOUR, instrument, SIG, simulate, T0, flat } from '../../support/simulator-scenarios.ts';

describe('edge cases', () => {
  it('an exit signal with an opposite entry, without reversal, exits on the signal and then opens the other side', () => {
    const result = simulate([flat(100), flat(100, SIG.longEntry), flat(100), flat(110, SIG.longExitShortEntry), flat(120), flat(120)]);
    const [long] = result.trades;
    expect([long.exitBar, long.exitPrice, long.exitReason]).toEqual([4, 120, 'signal']);
    expect(result.openTrades.map((t) => [t.side, t.entryBar, t.entryPrice])).toEqual([['short', 4, 120]]);
  });

  it('with reversal the same bar is labelled reverse', () => {
    const result = simulate([flat(100), flat(100, SIG.longEntry), flat(100), flat(110, SIG.longExitShortEntry), flat(120)], { reverse: true });
    expect(result.trades[0].exitReason).toBe('reverse');
  });

  it('an order decided on the second-to-last bar fills at the last open', () => {
    const result = simulate([flat(100), flat(100, SIG.longEntry), flat(101)]);
    expect(result.openTrades.map((t) => [t.entryBar, t.entryPrice])).toEqual([[2, 101]]);
  });

  it('funding settled after the last bar ends is outside the run', () => {
    const rows = [flat(100), flat(100, SIG.longEntry), flat(100), flat(100)];
    const funding = { time: Float64Array.of(T0 + 10 * HOUR), rate: Float64Array.of(0.01) };
    const result = simulate(rows, { sizing: { mode: 'fixed-qty', qty: 10 } }, { funding });
    expect(result.openTrades[0].funding).toBe(0);
    expect(result.equity[3]).toBe(10_000);
  });

  it('a gap through both the stop and the liquidation price liquidates at the liquidation price', () => {
    // Leverage 10: margin 1,000 on 100 units at 100; liquidation at 100 x (1 - 0.1 + 0.005) = 90.5.
    const rows = [flat(100), flat(100, SIG.longEntry), flat(100), [80, 81, 79, 80] as const];
    const result = simulate(rows, { sizing: { mode: 'fixed-qty', qty: 100 }, risk: { stopLoss: { percent: 5 } } }, { leverage: 10 });
    const [trade] = result.trades;
    expect([trade.exitPrice, trade.exitReason]).toEqual([90.5, 'liquidation']);
    expect(trade.pnl).toBeCloseTo(-950, 9);
    expect(result.liquidations).toBe(1);
  });

  it('trailing and break-even stops sit on the tick grid', () => {
    const tick = { instrument: instrument({ tickSize: 0.5 }) };
    // Trailing 5% from a best price of 111: 105.45 -> 105.5 on the grid; the next bar falls through it.
    const trailed = simulate([flat(100), flat(100, SIG.longEntry), [100, 111, 100, 110], [108, 108, 100, 101]], { risk: { trailingStop: { percent: 5 } } }, tick);
    expect([trailed.trades[0].exitPrice, trailed.trades[0].exitReason]).toEqual([105.5, 'trailing_stop']);
    // Break-even after +2% with a 1.3% offset: 101.3 -> 101.5 on the grid.
    const breakEven = simulate(
      [flat(100), flat(100, SIG.longEntry), [100, 103, 100, 102], [102, 102, 100, 100]],
      { risk: { breakEven: { afterPercent: 2, offsetPercent: 1.3 } } },
      tick,
    );
    expect([breakEven.trades[0].exitPrice, breakEven.trades[0].exitReason]).toEqual([101.5, 'break_even']);
  });

  it('slippage survives tick rounding: a 1 bp buy at 100 on a 0.5 tick costs 100.5', () => {
    const result = simulate([flat(100), flat(100, SIG.longEntry), flat(100)], { sizing: { mode: 'fixed-qty', qty: 1 } }, { slippageBps: 1, instrument: instrument({ tickSize: 0.5 }) });
    expect(result.openTrades[0].entryPrice).toBe(100.5);
  });

  it('all-equity sizing leaves room for a fixed fee', () => {
    // (10,000 - 1) / (100 x (1 + 0)) = 99.99 units; margin 9,999 plus the 1 fee is exactly the equity.
    expect(entryQuantity({ mode: 'all-equity' }, 10_000, 100, Number.NaN, 1, { rate: 0, fixed: 1 })).toBeCloseTo(99.99, 12);
    const result = simulate([flat(100), flat(100, SIG.longEntry), flat(100)], {}, { fixedFeePerOrder: 1 });
    expect(result.rejectedOrders).toEqual([]);
    expect(result.openTrades[0].qty).toBeCloseTo(99.99, 12);
  });
});
