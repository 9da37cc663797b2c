/**
 * Trading costs, checked by hand against docs/engine.md: taker, maker and fixed fees, slippage
 * in basis points and ticks, funding, and leverage with isolated-margin liquidation.
 */
import { describe, expect, it } from 'vitest';
import { HOUR, SIG, bars, flat, instrument, simulate, type Row } from '../../support/simulator-scenarios.ts';

const FIXED_10 = { sizing: { mode: 'fixed-qty', qty: 10 } };
const px = (price: number): number => Math.round(price * 1e9) / 1e9;

/** Entry signal on bar 1, filled at bar 2's open 100; `rest` follows. */
const afterEntry = (code: number, ...rest: Row[]): Row[] => [flat(100), flat(100, code), [100, 101, 99, 100], ...rest];

describe('fees', () => {
  // 10 units; taker 0.1%, maker 0.02%, plus 2 per order.
  const fees = { takerFee: 0.001, makerFee: 0.0002, fixedFeePerOrder: 2 };

  it('a market entry pays taker + fixed; a take-profit pays maker + fixed', () => {
    const rows = afterEntry(SIG.longEntry, [105, 111, 104, 108]);
    const [trade] = simulate(rows, { ...FIXED_10, risk: { takeProfit: { percent: 10 } } }, fees).trades;
    expect([px(trade.exitPrice), trade.exitReason]).toEqual([110, 'take_profit']);
    // Entry 10 x 100 x 0.001 + 2 = 3; exit 10 x 110 x 0.0002 + 2 = 2.22.
    expect(trade.entryFee).toBeCloseTo(3, 12);
    expect(trade.exitFee).toBeCloseTo(2.22, 12);
    // 10 x 10 - 3 - 2.22 = 94.78; return (110/100 - 1) - 5.22 / 1,000 = 9.478%.
    expect(trade.pnl).toBeCloseTo(94.78, 10);
    expect(trade.returnPct).toBeCloseTo(9.478, 10);
  });

  it('a signal exit pays taker + fixed', () => {
    const rows = afterEntry(SIG.longEntry, flat(105, SIG.longExit), flat(105));
    const [trade] = simulate(rows, FIXED_10, fees).trades;
    // Exit 10 x 105 x 0.001 + 2 = 3.05; PnL 50 - 3 - 3.05.
    expect(trade.exitFee).toBeCloseTo(3.05, 12);
    expect(trade.pnl).toBeCloseTo(43.95, 10);
  });

  it('a stop-loss pays taker + fixed', () => {
    const rows = afterEntry(SIG.longEntry, [97, 98, 90, 92]);
    const [trade] = simulate(rows, { ...FIXED_10, risk: { stopLoss: { percent: 5 } } }, fees).trades;
    // Exit 10 x 95 x 0.001 + 2 = 2.95; PnL -50 - 3 - 2.95.
    expect(trade.exitFee).toBeCloseTo(2.95, 12);
    expect(trade.pnl).toBeCloseTo(-55.95, 10);
  });
});

describe('slippage', () => {
  const risk = { risk: { stopLoss: { percent: 5 }, takeProfit: { percent: 10 } } };
  // 20 bps on a 0.01 tick: a buy at 100 fills at 100.2; stop 100.2 x 0.95 = 95.19, target 110.22.
  const bps = { slippageBps: 20, instrument: instrument({ tickSize: 0.01 }) };

  it('bps: buys higher at the open; a stop sells lower, rounded to the tick', () => {
    const [trade] = simulate(afterEntry(SIG.longEntry, [97, 98, 90, 92]), { ...FIXED_10, ...risk }, bps).trades;
    expect(px(trade.entryPrice)).toBe(100.2);
    expect(px(trade.initialStop)).toBe(95.19);
    // Stop 95.19 sold 20 bps lower: 94.99962, rounded down (against the seller) to 94.99.
    expect([px(trade.exitPrice), trade.exitReason]).toEqual([94.99, 'stop_loss']);
    expect(trade.pnl).toBeCloseTo(10 * (94.99 - 100.2), 9); // -52.1
  });

  it('bps: a take-profit is a limit and fills at its level, no slippage', () => {
    const [trade] = simulate(afterEntry(SIG.longEntry, [105, 115, 104, 112]), { ...FIXED_10, ...risk }, bps).trades;
    expect([px(trade.exitPrice), trade.exitReason]).toEqual([110.22, 'take_profit']);
    expect(trade.pnl).toBeCloseTo(100.2, 9); // 10 x (110.22 - 100.2)
  });

  it('bps: a market exit sells lower; a short entry sells lower', () => {
    const [trade] = simulate(afterEntry(SIG.longEntry, flat(104, SIG.longExit), flat(104)), FIXED_10, bps).trades;
    // 104 x 0.998 = 103.792 -> 103.79.
    expect(px(trade.exitPrice)).toBe(103.79);
    const [short] = simulate(afterEntry(SIG.shortEntry, flat(100)), FIXED_10, bps).openTrades;
    expect(px(short.entryPrice)).toBe(99.8);
  });

  it('ticks: 3 ticks of 0.5 against the trader; levels on the tick grid', () => {
    const ticks = { slippageTicks: 3, instrument: instrument({ tickSize: 0.5 }) };
    const [stopped] = simulate(afterEntry(SIG.longEntry, [97, 98, 90, 92]), { ...FIXED_10, ...risk }, ticks).trades;
    // Buy 100 + 1.5 = 101.5; stop 101.5 x 0.95 = 96.425 -> 96.5 on the grid; sold 1.5 lower: 95.
    expect(stopped.entryPrice).toBe(101.5);
    expect(stopped.initialStop).toBe(96.5);
    expect(stopped.exitPrice).toBe(95);
    // Target 101.5 x 1.1 = 111.65 -> 111.5, filled there without slippage.
    const [target] = simulate(afterEntry(SIG.longEntry, [105, 115, 104, 112]), { ...FIXED_10, ...risk }, ticks).trades;
    expect([target.initialTarget, target.exitPrice, target.exitReason]).toEqual([111.5, 111.5, 'take_profit']);
    // A short sells 1.5 lower and buys back 1.5 higher.
    const [short] = simulate(afterEntry(SIG.shortEntry, flat(100, SIG.shortExit), flat(100)), FIXED_10, ticks).trades;
    expect([short.entryPrice, short.exitPrice]).toEqual([98.5, 101.5]);
  });

  it('a stop entry pays slippage, a limit entry does not', () => {
    const tick = { slippageTicks: 2, instrument: instrument({ tickSize: 0.5 }) };
    const stopEntry = { ...FIXED_10, entryOrder: { type: 'stop', offsetPercent: 2 } };
    const [viaStop] = simulate([flat(100), flat(100, SIG.longEntry), [100, 103, 99, 102], flat(102)], stopEntry, tick).openTrades;
    expect(viaStop.entryPrice).toBe(103); // 102 + 2 x 0.5
    const limitEntry = { ...FIXED_10, entryOrder: { type: 'limit', offsetPercent: 2 } };
    const [viaLimit] = simulate([flat(100), flat(100, SIG.longEntry), [100, 101, 97, 98], flat(98)], limitEntry, tick).openTrades;
    expect(viaLimit.entryPrice).toBe(98);
  });
});

describe('funding', () => {
  // 10 units bought at bar 2 open 100; exit signal on bar 4, sold at bar 5 open 125.
  const rowsFor = (entry: number, exit: number): Row[] => [
    flat(100),
    flat(100, entry),
    flat(100),
    [110, 112, 108, 111],
    [111, 121, 110, 120, exit],
    [125, 126, 124, 125],
    flat(125),
  ];
  const time = bars(rowsFor(SIG.longEntry, SIG.longExit)).time;
  const funding = {
    time: Float64Array.of(time[2], time[3], time[4] + HOUR / 2, time[5], time[6]),
    rate: Float64Array.of(0.01, 0.0001, 0.0002, 0.0001, 0.01),
  };
  // time[2]: settled before the entry at that open: nothing. time[3] at bar 3's open: 10 x 110 x
  // 0.0001 = 0.11. Inside bar 4, at its close: 10 x 120 x 0.0002 = 0.24. time[5] before the
  // exit at that open: 10 x 125 x 0.0001 = 0.125. time[6]: flat by then. Total 0.475.

  it('a long pays positive rates, at the open price on the hour and the close price inside a bar', () => {
    const result = simulate(rowsFor(SIG.longEntry, SIG.longExit), FIXED_10, { funding });
    const [trade] = result.trades;
    expect(trade.funding).toBeCloseTo(0.475, 12);
    expect(trade.pnl).toBeCloseTo(250 - 0.475, 10);
    // Return: 25% - 0.475 / 1,000.
    expect(trade.returnPct).toBeCloseTo(24.9525, 10);
    expect(result.equity[3]).toBeCloseTo(10_000 - 0.11 + 10 * 11, 10);
    expect(result.equity[4]).toBeCloseTo(10_000 - 0.35 + 10 * 20, 10);
    expect(result.equity[6]).toBeCloseTo(10_249.525, 10);
  });

  it('a short receives positive rates', () => {
    const result = simulate(rowsFor(SIG.shortEntry, SIG.shortExit), FIXED_10, { funding });
    const [trade] = result.trades;
    expect(trade.side).toBe('short');
    expect(trade.funding).toBeCloseTo(-0.475, 12);
    expect(trade.pnl).toBeCloseTo(-250 + 0.475, 10);
    expect(result.equity[6]).toBeCloseTo(10_000 - 249.525, 10);
  });

  it('a long receives negative rates', () => {
    const negative = { time: funding.time, rate: funding.rate.map((r) => -r) };
    const [trade] = simulate(rowsFor(SIG.longEntry, SIG.longExit), FIXED_10, { funding: negative }).trades;
    expect(trade.funding).toBeCloseTo(-0.475, 12);
  });

  it('an open trade carries its funding', () => {
    const rows = rowsFor(SIG.longEntry, SIG.none);
    const [open] = simulate(rows, FIXED_10, { funding }).openTrades;
    // 0.11 + 0.24 + 0.125 + 10 x 125 x 0.01 (time[6], bar 6's open) = 12.975.
    expect(open.funding).toBeCloseTo(12.975, 12);
  });
});

describe('leverage 10, isolated margin', () => {
  const lev = { leverage: 10, liquidationFeeRate: 0.01 };
  const FIXED_100 = { sizing: { mode: 'fixed-qty', qty: 100 } };

  it('a long is liquidated at entry x (1 - 1/10 + 0.005) = 90.5, paying the liquidation fee', () => {
    const result = simulate(afterEntry(SIG.longEntry, [95, 96, 90, 91]), FIXED_100, lev);
    const [trade] = result.trades;
    expect([px(trade.exitPrice), trade.exitReason, trade.exitBar]).toEqual([90.5, 'liquidation', 3]);
    // Fee 100 x 90.5 x 0.01 = 90.5; PnL 100 x (90.5 - 100) - 90.5 = -1,040.5.
    expect(trade.exitFee).toBeCloseTo(90.5, 9);
    expect(trade.pnl).toBeCloseTo(-1_040.5, 9);
    expect(result.liquidations).toBe(1);
    expect(result.equity[3]).toBeCloseTo(8_959.5, 9);
  });

  it('through a gap the liquidation still closes at its price', () => {
    const result = simulate(afterEntry(SIG.longEntry, [85, 86, 80, 82]), FIXED_100, lev);
    expect([px(result.trades[0].exitPrice), result.trades[0].exitReason]).toEqual([90.5, 'liquidation']);
    expect(result.liquidations).toBe(1);
  });

  it('a short is liquidated at entry x (1 + 1/10 - 0.005) = 109.5', () => {
    const result = simulate(afterEntry(SIG.shortEntry, [105, 110, 104, 108]), FIXED_100, lev);
    const [trade] = result.trades;
    expect([px(trade.exitPrice), trade.exitReason]).toEqual([109.5, 'liquidation']);
    expect(trade.pnl).toBeCloseTo(-950 - 109.5, 9); // fee 100 x 109.5 x 0.01
  });

  it('a liquidation pays no slippage: it closes at the price computed from the slipped fill', () => {
    const result = simulate(afterEntry(SIG.longEntry, [95, 96, 90, 91]), FIXED_100, { ...lev, slippageBps: 20 });
    // Entry 100.2; liquidation 100.2 x 0.905 = 90.681.
    const [trade] = result.trades;
    expect(trade.entryPrice).toBeCloseTo(100.2, 12);
    expect(trade.exitPrice).toBeCloseTo(90.681, 12);
    expect(trade.exitReason).toBe('liquidation');
  });

  it('a stop above the liquidation price is met first', () => {
    const result = simulate(afterEntry(SIG.longEntry, [95, 96, 90, 91]), { ...FIXED_100, risk: { stopLoss: { percent: 5 } } }, lev);
    expect([px(result.trades[0].exitPrice), result.trades[0].exitReason]).toEqual([95, 'stop_loss']);
    expect(result.liquidations).toBe(0);
  });

  it('all-equity sizing spends the equity as margin plus fee: 10,000 / (100 x (1/10 + 0.001))', () => {
    const [open] = simulate(afterEntry(SIG.longEntry, flat(100)), {}, { leverage: 10, takerFee: 0.001 }).openTrades;
    expect(open.qty).toBeCloseTo(10_000 / 10.1, 9); // 990.099...
    // Margin 990.099 x 100 / 10 plus fee 990.099 x 100 x 0.001 is the whole 10,000.
    expect((open.qty * 100) / 10 + open.entryFee).toBeCloseTo(10_000, 9);
  });

  it("the strategy's own leverage is used when the settings give none", () => {
    const [trade] = simulate(afterEntry(SIG.longEntry, [95, 96, 90, 91]), { ...FIXED_100, leverage: 10 }).trades;
    expect([px(trade.exitPrice), trade.exitReason]).toEqual([90.5, 'liquidation']);
  });
});
