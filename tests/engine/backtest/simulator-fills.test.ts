/**
 * The simulator's fills, checked by hand against docs/engine.md: the worked example to the
 * cent, fill timing, when attached exits start, gaps, and the intrabar path that decides
 * between a stop and a target inside one bar.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src-engine/backtest/simulator.ts';
import { allocateCandles, type Candles } from '../../../src-engine/candles.ts';
import { compileStrategy } from '../../../src-engine/strategy/compile.ts';
import { testSettings } from '../../support/backtest-settings.ts';
import { HOUR, SIG, T0, bars, flat, instrument, signalStrategy, simulate, type Row } from '../../support/simulator-scenarios.ts';

const STOP_5_TARGET_10 = { risk: { stopLoss: { percent: 5 }, takeProfit: { percent: 10 } } };
const FIXED_100 = { sizing: { mode: 'fixed-qty', qty: 100 } };
const FIXED_50 = { sizing: { mode: 'fixed-qty', qty: 50 } };

/** A price rounded to 1e-9, so 100 x 1.1 = 110.00000000000001 reads as 110. */
const px = (price: number): number => Math.round(price * 1e9) / 1e9;

describe('the worked example of docs/engine.md', () => {
  // Bar 0 is a quiet bar so that the doc's bar numbers 1..3 are the row numbers here.
  const rows: Row[] = [
    flat(99),
    [99, 101, 98, 100, SIG.longEntry],
    [100, 102, 99, 101],
    [101, 103, 94, 96],
  ];
  const settings = { takerFee: 0.001, makerFee: 0.001, instrument: instrument({ qtyStep: 0.01 }) };
  const result = simulate(rows, STOP_5_TARGET_10, settings);
  const trade = result.trades[0];

  it('buys 99.90 units at bar 2 open and is stopped at 95 on bar 3', () => {
    expect(result.trades).toHaveLength(1);
    expect(result.openTrades).toEqual([]);
    expect(trade.side).toBe('long');
    // 10,000 / (100 x 1.001) = 99.9000999 -> 99.90 in steps of 0.01.
    expect(trade.qty).toBeCloseTo(99.9, 12);
    expect([trade.entryBar, trade.entryTime, trade.entryPrice]).toEqual([2, T0 + 2 * HOUR, 100]);
    expect([trade.exitBar, trade.exitTime, trade.exitPrice]).toEqual([3, T0 + 3 * HOUR, 95]);
    expect(trade.exitReason).toBe('stop_loss');
    // Stop 100 x 0.95 = 95, target 100 x 1.10 = 110.
    expect(trade.initialStop).toBeCloseTo(95, 12);
    expect(trade.initialTarget).toBeCloseTo(110, 12);
    expect(trade.barsHeld).toBe(1);
  });

  it('charges the fees and books the PnL, return and R multiple of the doc', () => {
    // Entry fee 99.90 x 100 x 0.001 = 9.99; exit fee 99.90 x 95 x 0.001 = 9.4905.
    expect(trade.entryFee).toBeCloseTo(9.99, 10);
    expect(trade.exitFee).toBeCloseTo(9.4905, 10);
    expect(trade.funding).toBe(0);
    // 99.90 x (95 - 100) - 9.99 - 9.4905 = -518.9805.
    expect(trade.pnl).toBeCloseTo(-518.9805, 9);
    // (95/100 - 1) - 19.4805 / 9,990 = -0.05195.
    expect(trade.returnPct).toBeCloseTo(-5.195, 10);
    // -518.9805 / (99.90 x 5) = -1.039.
    expect(trade.rMultiple).toBeCloseTo(-1.039, 12);
    // Lowest traded while open: the stop fill at 95 (5%); highest: bar 2's high 102 (2%).
    expect(trade.maePct).toBeCloseTo(5, 10);
    expect(trade.mfePct).toBeCloseTo(2, 10);
  });

  it('marks equity 10,089.91 at bar 2 and 9,481.0195 after the stop', () => {
    // Bar 2: 10,000 - 9.99 + 99.90 x (101 - 100) = 10,089.91. Bar 3: 10,000 - 518.9805.
    expect(result.equity[0]).toBe(10_000);
    expect(result.equity[1]).toBe(10_000);
    expect(result.equity[2]).toBeCloseTo(10_089.91, 9);
    expect(result.equity[3]).toBeCloseTo(9_481.0195, 9);
    expect(Array.from(result.inPosition)).toEqual([0, 0, 1, 1]);
    expect(result.liquidations).toBe(0);
    expect(result.rejectedOrders).toEqual([]);
  });
});

describe('fill timing', () => {
  const rows: Row[] = [flat(100), flat(100, SIG.longEntry), [104, 106, 103, 105], flat(105, SIG.longExit), flat(107)];

  it('next-open: a signal on bar N fills at bar N+1 open', () => {
    const result = simulate(rows);
    const [trade] = result.trades;
    // Buy at bar 2 open 104 with all 10,000; sell at bar 4 open 107.
    expect([trade.entryBar, trade.entryPrice, trade.exitBar, trade.exitPrice]).toEqual([2, 104, 4, 107]);
    expect(trade.qty).toBeCloseTo(10_000 / 104, 12);
    expect(trade.pnl).toBeCloseTo((10_000 / 104) * 3, 9); // 288.4615...
    expect(trade.exitReason).toBe('signal');
    // Bar 2 close 105: 10,000 / 104 x 105.
    expect(result.equity[2]).toBeCloseTo((10_000 / 104) * 105, 9);
    expect(result.equity[4]).toBeCloseTo(10_000 + (10_000 / 104) * 3, 9);
  });

  it('close: a signal on bar N fills at bar N close, and shows in equity from bar N+1', () => {
    const result = simulate(rows, {}, { fill: 'close', takerFee: 0.001, instrument: instrument({ qtyStep: 0.01 }) });
    const [trade] = result.trades;
    // Buy 99.90 at bar 1 close 100 (fee 9.99), sell at bar 3 close 105 (fee 99.9 x 105 x 0.001 = 10.4895).
    expect([trade.entryBar, trade.entryPrice, trade.exitBar, trade.exitPrice]).toEqual([1, 100, 3, 105]);
    expect(trade.qty).toBeCloseTo(99.9, 12);
    expect(trade.pnl).toBeCloseTo(99.9 * 5 - 9.99 - 10.4895, 9); // 479.0205
    // The fill and its fee at bar 1's close show from bar 2; the exit at bar 3's close from bar 4.
    expect(result.equity[1]).toBe(10_000);
    expect(result.equity[2]).toBeCloseTo(10_000 - 9.99 + 99.9 * 5, 9); // 10,489.51
    expect(result.equity[3]).toBeCloseTo(10_000 - 9.99 + 99.9 * 5, 9);
    expect(result.equity[4]).toBeCloseTo(10_479.0205, 9);
  });
});

describe('when attached exits start', () => {
  // Entry at bar 2 open 100, stop 95; bar 2's low 94 passes the stop, bar 3's low 93 too.
  const rows: Row[] = [flat(100), flat(100, SIG.longEntry), [100, 101, 94, 97], [97, 98, 93, 94], flat(94)];

  it('entry-bar: the entry bar low stops the trade out in the bar that filled it', () => {
    const result = simulate(rows, { risk: { stopLoss: { percent: 5 } } });
    const [trade] = result.trades;
    expect([trade.entryBar, trade.exitBar, trade.exitPrice, trade.exitReason]).toEqual([2, 2, 95, 'stop_loss']);
    expect(trade.pnl).toBeCloseTo(-500, 9); // 100 units x (95 - 100)
    expect(trade.barsHeld).toBe(0);
    expect(result.equity[2]).toBeCloseTo(9_500, 9);
  });

  it('next-bar: the stop is placed after the entry bar closes and fills on bar 3', () => {
    const result = simulate(rows, { risk: { stopLoss: { percent: 5 } } }, { exitsLiveFrom: 'next-bar' });
    const [trade] = result.trades;
    expect([trade.entryBar, trade.exitBar, trade.exitPrice, trade.exitReason]).toEqual([2, 3, 95, 'stop_loss']);
    // Held through bar 2: 10,000 + 100 x (97 - 100).
    expect(result.equity[2]).toBeCloseTo(9_700, 9);
    expect(result.equity[3]).toBeCloseTo(9_500, 9);
  });
});

describe('gaps fill where trading resumed', () => {
  // Fixed 50 units, entry at bar 2 open 100; taker 0.1% (entry fee 50 x 100 x 0.001 = 5), maker 0.02%.
  const fees = { takerFee: 0.001, makerFee: 0.0002 };
  const opening = (code: number): Row[] => [flat(100), flat(100, code), [100, 101, 99, 100]];
  const run = (code: number, gapBar: Row) => simulate([...opening(code), gapBar], { ...STOP_5_TARGET_10, ...FIXED_50 }, fees).trades[0];

  it('a long stop at min(open, stop): opens at 93 under the stop at 95', () => {
    const trade = run(SIG.longEntry, [93, 94, 90, 92]);
    expect([trade.exitPrice, trade.exitReason]).toEqual([93, 'stop_loss']);
    // Taker exit fee 50 x 93 x 0.001 = 4.65; PnL 50 x (93 - 100) - 5 - 4.65.
    expect(trade.exitFee).toBeCloseTo(4.65, 10);
    expect(trade.pnl).toBeCloseTo(-359.65, 9);
  });

  it('a long target at max(open, target): opens at 112 over the target at 110, maker fee', () => {
    const trade = run(SIG.longEntry, [112, 115, 111, 113]);
    expect([trade.exitPrice, trade.exitReason]).toEqual([112, 'take_profit']);
    // Maker exit fee 50 x 112 x 0.0002 = 1.12; PnL 50 x 12 - 5 - 1.12.
    expect(trade.exitFee).toBeCloseTo(1.12, 10);
    expect(trade.pnl).toBeCloseTo(593.88, 9);
  });

  it('a short stop at max(open, stop): opens at 107 over the stop at 105', () => {
    const trade = run(SIG.shortEntry, [107, 110, 106, 108]);
    expect(trade.side).toBe('short');
    expect([px(trade.initialStop), px(trade.initialTarget)]).toEqual([105, 90]);
    expect([trade.exitPrice, trade.exitReason]).toEqual([107, 'stop_loss']);
    // -50 x (107 - 100) - 5 - 50 x 107 x 0.001.
    expect(trade.pnl).toBeCloseTo(-360.35, 9);
  });

  it('a short target at min(open, target): opens at 88 under the target at 90', () => {
    const trade = run(SIG.shortEntry, [88, 89, 85, 87]);
    expect([trade.exitPrice, trade.exitReason]).toEqual([88, 'take_profit']);
    // 50 x (100 - 88) - 5 - 50 x 88 x 0.0002.
    expect(trade.pnl).toBeCloseTo(594.12, 9);
  });
});

describe('a bar containing both the stop and the target', () => {
  // Long entry at bar 2 open 100, stop 95, target 110; bar 3 reaches both.
  const run = (code: number, bar3: Row, intrabar: 'pessimistic' | 'tradingview') =>
    simulate([flat(100), flat(100, code), [100, 101, 99, 100], bar3], { ...STOP_5_TARGET_10, ...FIXED_100 }, { intrabar }).trades[0];
  const exit = (trade: { exitPrice: number; exitReason: string }) => [px(trade.exitPrice), trade.exitReason];

  it('pessimistic: the stop wins even when the open sits next to the high', () => {
    // Path 108 -> 94 -> 111 -> 100: the stop at 95 comes first.
    expect(exit(run(SIG.longEntry, [108, 111, 94, 100], 'pessimistic'))).toEqual([95, 'stop_loss']);
  });

  it('pessimistic, short: the high comes first, so the short stop at 105 wins', () => {
    expect(exit(run(SIG.shortEntry, [92, 106, 89, 100], 'pessimistic'))).toEqual([105, 'stop_loss']);
  });

  it('tradingview: the extreme nearer the open first', () => {
    // Open 108: the high is 3 away, the low 14: 108 -> 111 -> ..., the target at 110 fills.
    expect(exit(run(SIG.longEntry, [108, 111, 94, 100], 'tradingview'))).toEqual([110, 'take_profit']);
    // Open 96: the low is 2 away: the stop first.
    expect(exit(run(SIG.longEntry, [96, 111, 94, 100], 'tradingview'))).toEqual([95, 'stop_loss']);
    // Short, open 92: the low (3 away) first, the short's target at 90 fills.
    expect(exit(run(SIG.shortEntry, [92, 106, 89, 100], 'tradingview'))).toEqual([90, 'take_profit']);
  });

  it('tradingview: a tie goes low first', () => {
    // Open 102: high 111 and low 93 are both 9 away.
    expect(exit(run(SIG.longEntry, [102, 111, 93, 100], 'tradingview'))).toEqual([95, 'stop_loss']);
    // Short, open 100: high 111 and low 89 both 11 away: low first, the target at 90 fills.
    expect(exit(run(SIG.shortEntry, [100, 111, 89, 100], 'tradingview'))).toEqual([90, 'take_profit']);
  });
});

describe('the magnifier path', () => {
  // Bar 3 [100, 111, 94, 100] reaches stop 95 and target 110; tradingview goes low first (6 < 11).
  const rows: Row[] = [flat(100), flat(100, SIG.longEntry), [100, 101, 99, 100], [100, 111, 94, 100]];
  const QUARTER = HOUR / 4;
  function lowerTimeframe(start: number, candles: readonly Row[]): Candles {
    const out = allocateCandles(candles.length);
    candles.forEach(([o, h, l, c], k) => {
      out.time[k] = start + k * QUARTER;
      out.open[k] = o;
      out.high[k] = h;
      out.low[k] = l;
      out.close[k] = c;
    });
    return out;
  }
  const run = (magnifier?: Candles) => simulate(rows, { ...STOP_5_TARGET_10, ...FIXED_100 }, { intrabar: 'magnifier', magnifier });

  it('walks the lower-timeframe candles: up to the target first', () => {
    const result = run(lowerTimeframe(T0 + 3 * HOUR, [[100, 111, 100, 110], [110, 110, 94, 96], [96, 100, 96, 100]]));
    expect([px(result.trades[0].exitPrice), result.trades[0].exitReason]).toEqual([110, 'take_profit']);
    expect(result.warnings).toEqual([]);
  });

  it('walks the lower-timeframe candles: down to the stop first', () => {
    const result = run(lowerTimeframe(T0 + 3 * HOUR, [[100, 100, 94, 96], [96, 111, 96, 110], [110, 110, 100, 100]]));
    expect([px(result.trades[0].exitPrice), result.trades[0].exitReason]).toEqual([95, 'stop_loss']);
    expect(result.warnings).toEqual([]);
  });

  it('falls back to tradingview on a bar without lower-timeframe candles, and says so', () => {
    // Lower-timeframe candles only inside bar 2 (where nothing happens): bar 3 has none.
    const result = run(lowerTimeframe(T0 + 2 * HOUR, [[100, 100, 99, 100], [100, 101, 100, 100]]));
    expect([px(result.trades[0].exitPrice), result.trades[0].exitReason]).toEqual([95, 'stop_loss']);
    expect(result.warnings).toEqual(['1 bar(s) had no lower-timeframe candles; the tradingview path was used for them']);
  });

  it('without any lower-timeframe candles uses tradingview and warns', () => {
    const result = run(undefined);
    expect([px(result.trades[0].exitPrice), result.trades[0].exitReason]).toEqual([95, 'stop_loss']);
    expect(result.warnings).toEqual(['magnifier path chosen without lower-timeframe candles: used the tradingview path']);
  });
});

describe('end of data', () => {
  // Entry at bar 2 open 100 (99.90 units, fee 9.99); the last bar opens at 104 and closes at 105.
  const rows: Row[] = [flat(100), flat(100, SIG.longEntry), [100, 102, 99, 101], [104, 106, 103, 105]];
  const fees = { takerFee: 0.001, makerFee: 0.001, instrument: instrument({ qtyStep: 0.01 }) };

  it('leave-open: the position stays in the equity and is reported as an open trade only', () => {
    const result = simulate(rows, {}, { ...fees, atEnd: 'leave-open' });
    expect(result.trades).toEqual([]);
    expect(result.openTrades).toHaveLength(1);
    const open = result.openTrades[0];
    expect([open.side, open.entryBar, open.entryTime, open.entryPrice, open.markPrice, open.funding]).toEqual([
      'long',
      2,
      T0 + 2 * HOUR,
      100,
      105,
      0,
    ]);
    expect(open.qty).toBeCloseTo(99.9, 12);
    expect(open.entryFee).toBeCloseTo(9.99, 10);
    expect(open.unrealizedPnl).toBeCloseTo(499.5, 9); // 99.9 x (105 - 100)
    expect(result.equity[3]).toBeCloseTo(10_000 - 9.99 + 499.5, 9);
  });

  it('close-at-open: closed at the last open, reason end_of_data, and counted', () => {
    const result = simulate(rows, {}, { ...fees, atEnd: 'close-at-open' });
    expect(result.openTrades).toEqual([]);
    const [trade] = result.trades;
    expect([trade.exitBar, trade.exitPrice, trade.exitReason]).toEqual([3, 104, 'end_of_data']);
    // 99.9 x 4 - 9.99 - 99.9 x 104 x 0.001 = 399.6 - 9.99 - 10.3896.
    expect(trade.pnl).toBeCloseTo(379.2204, 9);
    expect(result.equity[3]).toBeCloseTo(10_379.2204, 9);
  });

  it('close-at-close: closed at the last close, and counted', () => {
    const result = simulate(rows, {}, { ...fees, atEnd: 'close-at-close' });
    expect(result.openTrades).toEqual([]);
    const [trade] = result.trades;
    expect([trade.exitBar, trade.exitPrice, trade.exitReason]).toEqual([3, 105, 'end_of_data']);
    // 99.9 x 5 - 9.99 - 99.9 x 105 x 0.001 = 499.5 - 9.99 - 10.4895.
    expect(trade.pnl).toBeCloseTo(479.0205, 9);
    expect(result.equity[3]).toBeCloseTo(10_479.0205, 9);
  });

  it('a compiled strategy run straight through runBacktest gives the same as the helper', () => {
    const candles = bars(rows);
    const direct = runBacktest(compileStrategy(signalStrategy(), candles), candles, testSettings({ ...fees, atEnd: 'close-at-close' }));
    expect(direct.trades[0].pnl).toBeCloseTo(479.0205, 9);
  });
});
