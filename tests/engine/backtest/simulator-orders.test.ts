/**
 * Orders and signals, checked by hand against docs/engine.md: limit and stop entries (price,
 * gaps, expiry, maker vs taker fee), reversals sized on the equity after the close, exit
 * reasons, conflicting signals and the last bar.
 */
import { describe, expect, it } from 'vitest';
import { HOUR, SIG, T0, flat, instrument, simulate, type Row } from '../../support/simulator-scenarios.ts';

const FIXED_10 = { sizing: { mode: 'fixed-qty', qty: 10 } };
const FEES = { takerFee: 0.001, makerFee: 0.0002 };
const px = (price: number): number => Math.round(price * 1e9) / 1e9;

describe('limit and stop entries', () => {
  // The signal bar closes at 100: a long limit 2% below (98), a long stop 2% above (102).
  const limit = (validBars: number) => ({ ...FIXED_10, entryOrder: { type: 'limit', offsetPercent: 2, validBars } });
  const stop = { ...FIXED_10, entryOrder: { type: 'stop', offsetPercent: 2 } };
  const opening = (code: number): Row[] => [flat(100), flat(100, code)];

  it('a long limit fills at its price on the bar that trades through it, with the maker fee', () => {
    const rows: Row[] = [...opening(SIG.longEntry), [100, 101, 99, 100], [99, 100, 97, 98], flat(98)];
    const result = simulate(rows, limit(2), FEES);
    expect(result.trades).toEqual([]);
    const [open] = result.openTrades;
    expect([open.side, open.entryBar, px(open.entryPrice), open.qty]).toEqual(['long', 3, 98, 10]);
    // Maker: 10 x 98 x 0.0002 = 0.196.
    expect(open.entryFee).toBeCloseTo(0.196, 12);
    // Bar 2 (no fill) is flat; bar 3 marks 10,000 - 0.196 + 10 x (98 - 98).
    expect(Array.from(result.inPosition)).toEqual([0, 0, 0, 1, 1]);
    expect(result.equity[3]).toBeCloseTo(9_999.804, 10);
  });

  it('a long limit fills at the open when the market opens below it (a better price)', () => {
    const rows: Row[] = [...opening(SIG.longEntry), [97, 99, 96, 98], flat(98)];
    const [open] = simulate(rows, limit(1), FEES).openTrades;
    expect([open.entryBar, open.entryPrice]).toEqual([2, 97]);
    expect(open.entryFee).toBeCloseTo(10 * 97 * 0.0002, 12);
  });

  it('a limit expires after validBars bars', () => {
    // Valid 1 bar: bar 2 never trades 98, bar 3 does, too late.
    const rows: Row[] = [...opening(SIG.longEntry), [100, 101, 99, 100], [99, 100, 97, 98], flat(98)];
    const result = simulate(rows, limit(1), FEES);
    expect(result.trades).toEqual([]);
    expect(result.openTrades).toEqual([]);
    expect(Array.from(result.equity)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('a short limit sits above the close: 102', () => {
    const rows: Row[] = [...opening(SIG.shortEntry), [100, 103, 99, 101], flat(101)];
    const [open] = simulate(rows, limit(1), FEES).openTrades;
    expect([open.side, open.entryBar, px(open.entryPrice)]).toEqual(['short', 2, 102]);
    expect(open.entryFee).toBeCloseTo(10 * 102 * 0.0002, 12);
  });

  it('a long stop entry fills at its price when traded through, with the taker fee', () => {
    const rows: Row[] = [...opening(SIG.longEntry), [100, 103, 99, 102], flat(102)];
    const [open] = simulate(rows, stop, FEES).openTrades;
    expect([open.entryBar, px(open.entryPrice)]).toEqual([2, 102]);
    // Taker: 10 x 102 x 0.001 = 1.02.
    expect(open.entryFee).toBeCloseTo(1.02, 12);
  });

  it('a long stop entry fills at the open when the market gapped above it (a worse price)', () => {
    const rows: Row[] = [...opening(SIG.longEntry), [104, 105, 103, 104], flat(104)];
    const [open] = simulate(rows, stop, FEES).openTrades;
    expect([open.entryBar, open.entryPrice]).toEqual([2, 104]);
    expect(open.entryFee).toBeCloseTo(1.04, 12);
  });

  it('a short stop entry sits below the close (98) and gaps fill at the open', () => {
    const through: Row[] = [...opening(SIG.shortEntry), [100, 101, 97, 98], flat(98)];
    expect(px(simulate(through, stop, FEES).openTrades[0].entryPrice)).toBe(98);
    const gap: Row[] = [...opening(SIG.shortEntry), [95, 96, 94, 95], flat(95)];
    expect(simulate(gap, stop, FEES).openTrades[0].entryPrice).toBe(95);
  });

  it('a limit entry filled inside a bar can be stopped out later in the same bar', () => {
    // Limit 98, stop 5% below the fill = 93.1; bar 2 path (pessimistic, long): 100 -> 92 -> 101 -> 95.
    const rows: Row[] = [...opening(SIG.longEntry), [100, 101, 92, 95], flat(95)];
    const result = simulate(rows, { ...limit(1), risk: { stopLoss: { percent: 5 } } });
    const [trade] = result.trades;
    expect([trade.entryBar, px(trade.entryPrice), trade.exitBar, px(trade.exitPrice), trade.exitReason]).toEqual([
      2,
      98,
      2,
      93.1,
      'stop_loss',
    ]);
    expect(trade.pnl).toBeCloseTo(10 * (93.1 - 98), 9);
  });
});

describe('reversals and exit reasons', () => {
  // Long 99.90 at bar 2 open 100 (fee 9.99); short signal at bar 3; reversed at bar 4 open 120.
  const rows: Row[] = [flat(100), flat(100, SIG.longEntry), flat(100), flat(110, SIG.shortEntry), flat(120), flat(120)];
  const settings = { takerFee: 0.001, makerFee: 0.001, instrument: instrument({ qtyStep: 0.01 }) };

  it('closes the old side, then sizes the new one on the equity after the close', () => {
    const result = simulate(rows, { reverse: true }, settings);
    expect(result.trades).toHaveLength(1);
    const [closed] = result.trades;
    expect([closed.side, closed.exitBar, closed.exitPrice, closed.exitReason]).toEqual(['long', 4, 120, 'reverse']);
    // 99.9 x 20 - 9.99 - 99.9 x 120 x 0.001 = 1,998 - 9.99 - 11.988 = 1,976.022.
    expect(closed.pnl).toBeCloseTo(1_976.022, 9);
    // Cash after the close 11,976.022: 11,976.022 / (120 x 1.001) = 99.7004... -> 99.70 units
    // (on the 9,990.01 before the close it would have been 83.16).
    const [open] = result.openTrades;
    expect([open.side, open.entryBar, open.entryPrice]).toEqual(['short', 4, 120]);
    expect(open.qty).toBeCloseTo(99.7, 12);
    expect(open.entryFee).toBeCloseTo(11.964, 10); // 99.7 x 120 x 0.001
    // Bar 4 equity: 11,976.022 - 11.964 + 0 (marked at its own fill price).
    expect(result.equity[4]).toBeCloseTo(11_964.058, 9);
  });

  it('without reversal an opposite entry is ignored while a position is open', () => {
    const result = simulate(rows, { reverse: false }, settings);
    expect(result.trades).toEqual([]);
    expect(result.openTrades.map((t) => [t.side, t.entryBar])).toEqual([['long', 2]]);
  });

  it('an exit signal closes with reason signal', () => {
    const exitRows: Row[] = [flat(100), flat(100, SIG.longEntry), flat(100), flat(110, SIG.longExit), flat(120), flat(120)];
    const result = simulate(exitRows, { reverse: true });
    expect(result.trades.map((t) => [t.exitBar, t.exitPrice, t.exitReason])).toEqual([[4, 120, 'signal']]);
    expect(result.openTrades).toEqual([]);
  });

  it('an exit signal together with an opposite entry, reversing, gives reason reverse', () => {
    const both: Row[] = [flat(100), flat(100, SIG.longEntry), flat(100), flat(110, SIG.longExitShortEntry), flat(120), flat(120)];
    const result = simulate(both, { reverse: true });
    expect(result.trades.map((t) => [t.side, t.exitBar, t.exitReason])).toEqual([['long', 4, 'reverse']]);
    // All 12,000 after the close go short at 120: 100 units.
    expect(result.openTrades.map((t) => [t.side, t.entryBar, t.qty])).toEqual([['short', 4, 100]]);
  });

  it('a short is reversed into a long the same way', () => {
    const shortFirst: Row[] = [flat(100), flat(100, SIG.shortEntry), flat(100), flat(90, SIG.longEntry), flat(80), flat(80)];
    const result = simulate(shortFirst, { reverse: true });
    // Short 100 units at 100, covered at 80: +2,000; the long buys 12,000 / 80 = 150 units.
    expect(result.trades.map((t) => [t.side, t.exitBar, t.exitPrice, t.pnl, t.exitReason])).toEqual([['short', 4, 80, 2_000, 'reverse']]);
    expect(result.openTrades.map((t) => [t.side, t.qty])).toEqual([['long', 150]]);
  });
});

describe('signal rules', () => {
  it('a bar with both a long and a short entry takes neither, and the run says so', () => {
    const rows: Row[] = [flat(100), flat(100, SIG.bothEntries), flat(100), flat(100)];
    const result = simulate(rows);
    expect(result.trades).toEqual([]);
    expect(result.openTrades).toEqual([]);
    expect(result.warnings).toEqual(['1 bar(s) had both a long and a short entry signal; no entry was taken on them']);
  });

  it('an entry on the side already held is ignored', () => {
    const rows: Row[] = [flat(100), flat(100, SIG.longEntry), flat(100), flat(110, SIG.longEntry), flat(120)];
    const result = simulate(rows, {}, { atEnd: 'close-at-close' });
    // One trade, 100 units from bar 2 to the end: +2,000.
    expect(result.trades.map((t) => [t.entryBar, t.exitBar, t.qty, t.pnl])).toEqual([[2, 4, 100, 2_000]]);
  });

  it('no new position on the last bar: a signal on its close is not taken (fill at close)', () => {
    const rows: Row[] = [flat(100), flat(100), flat(100, SIG.longEntry)];
    const result = simulate(rows, {}, { fill: 'close', atEnd: 'close-at-close' });
    expect(result.trades).toEqual([]);
    expect(result.openTrades).toEqual([]);
    expect(Array.from(result.inPosition)).toEqual([0, 0, 0]);
  });

  it('no new position on the last bar: a signal on its close is not taken (next open)', () => {
    const rows: Row[] = [flat(100), flat(100), flat(100, SIG.longEntry)];
    const result = simulate(rows);
    expect(result.trades).toEqual([]);
    expect(result.openTrades).toEqual([]);
  });

  it('records entry and exit times of the bars', () => {
    const rows: Row[] = [flat(100), flat(100, SIG.longEntry), flat(101), flat(102, SIG.longExit), flat(103)];
    const [trade] = simulate(rows).trades;
    expect([trade.entryTime, trade.exitTime]).toEqual([T0 + 2 * HOUR, T0 + 4 * HOUR]);
  });
});
