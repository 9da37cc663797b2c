/**
 * Risk exits, sizing and the trade ledger, checked by hand against docs/engine.md: trailing
 * stops, break-even, maximum bars in trade, the five sizing modes, instrument rules and
 * rejected orders, R multiple, MAE/MFE and bars held; and the long/short equity split as a
 * property over random runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src-engine/backtest/simulator.ts';
import type { BacktestSettings } from '../../../src-engine/backtest/types.ts';
import { compileStrategy } from '../../../src-engine/strategy/compile.ts';
import { testSettings } from '../../support/backtest-settings.ts';
import { HOUR, SIG, T0, flat, instrument, signalStrategy, simulate, type Row } from '../../support/simulator-scenarios.ts';
import { seededRandom, syntheticCandles } from '../../support/synthetic-candles.ts';

const px = (price: number): number => Math.round(price * 1e9) / 1e9;

describe('trailing stop, break-even, maximum bars', () => {
  // 100 units bought at bar 2 open 100. Bar 2 (pessimistic, long): 100 -> 99 -> 110 -> 108;
  // bar 3: 107 -> 103 -> 108 -> 104.
  const rows: Row[] = [flat(99), [99, 101, 98, 100, SIG.longEntry], [100, 110, 99, 108], [107, 108, 103, 104], flat(104)];

  it('percent: 5% under the best price; it rises at the top of bar 2 and fills on bar 3', () => {
    const [trade] = simulate(rows, { risk: { trailingStop: { percent: 5 } } }).trades;
    // Best price 110 -> stop 110 x 0.95 = 104.5; bar 3 falls from 107 to 103 through it.
    expect([trade.exitBar, px(trade.exitPrice), trade.exitReason]).toEqual([3, 104.5, 'trailing_stop']);
    expect(trade.pnl).toBeCloseTo(450, 9);
    expect(trade.mfePct).toBeCloseTo(10, 10);
    expect(trade.maePct).toBeCloseTo(1, 10);
  });

  it('ATR: best price minus k x ATR at the signal bar', () => {
    // ATR(1) at bar 1 = true range = max(101, 99) - min(98, 99) = 3; 2 x 3 = 6: stop 110 - 6 = 104.
    const [trade] = simulate(rows, { risk: { trailingStop: { atr: 2, period: 1 } } }).trades;
    expect([trade.exitBar, px(trade.exitPrice), trade.exitReason]).toEqual([3, 104, 'trailing_stop']);
    expect(trade.pnl).toBeCloseTo(400, 9);
  });

  it('the trailing stop never moves down', () => {
    // Bar 3 [107, 109, 106, 108]: best 110 stays, stop stays at 104.5; bar 4 opens at 104: gap fill.
    const calm: Row[] = [...rows.slice(0, 3), [107, 109, 106, 108], [104, 105, 100, 101], flat(101)];
    const [trade] = simulate(calm, { risk: { trailingStop: { percent: 5 } } }).trades;
    expect([trade.exitBar, trade.exitPrice, trade.exitReason]).toEqual([4, 104, 'trailing_stop']);
  });

  it('break-even: after +5% the stop moves to the entry + 1%', () => {
    // Stop 95; bar 2 [100, 106, 99, 105] reaches 105 = 100 x 1.05: stop -> 101; bar 3 falls to 100.
    const beRows: Row[] = [flat(100), flat(100, SIG.longEntry), [100, 106, 99, 105], [104, 104, 100, 100], flat(100)];
    const [trade] = simulate(beRows, { risk: { stopLoss: { percent: 5 }, breakEven: { afterPercent: 5, offsetPercent: 1 } } }).trades;
    expect([trade.exitBar, px(trade.exitPrice), trade.exitReason]).toEqual([3, 101, 'break_even']);
    expect(trade.pnl).toBeCloseTo(100, 9);
    // R against the initial stop: 100 / (100 x 5) = 0.2.
    expect(px(trade.initialStop)).toBe(95);
    expect(trade.rMultiple).toBeCloseTo(0.2, 12);
  });

  it('break-even does not act before the trigger is reached', () => {
    // Bar 2 tops at 104.9 (< 105): the stop stays at 95 and bar 3's low of 100 takes nothing.
    const beRows: Row[] = [flat(100), flat(100, SIG.longEntry), [100, 104.9, 99, 104], [104, 104, 100, 100], flat(100)];
    const result = simulate(beRows, { risk: { stopLoss: { percent: 5 }, breakEven: { afterPercent: 5, offsetPercent: 1 } } });
    expect(result.trades).toEqual([]);
    expect(result.openTrades).toHaveLength(1);
  });

  const timeRows: Row[] = [flat(100), flat(100, SIG.longEntry), flat(100), flat(101), flat(102), [103, 104, 102, 103], flat(104)];

  it('maximum bars in trade: next-open exits at the open of entry bar + N', () => {
    const [trade] = simulate(timeRows, { risk: { maxBarsInTrade: 3 } }).trades;
    // Entry bar 2, exit at bar 5's open 103: 100 units x 3.
    expect([trade.entryBar, trade.exitBar, trade.exitPrice, trade.exitReason, trade.barsHeld]).toEqual([2, 5, 103, 'time_exit', 3]);
    expect(trade.pnl).toBeCloseTo(300, 9);
  });

  it('maximum bars in trade: fill at close exits at the close of entry bar + N', () => {
    const [trade] = simulate(timeRows, { risk: { maxBarsInTrade: 3 } }, { fill: 'close' }).trades;
    expect([trade.entryBar, trade.exitBar, trade.exitPrice, trade.exitReason, trade.barsHeld]).toEqual([1, 4, 102, 'time_exit', 3]);
  });
});

describe('sizing', () => {
  // Entry at 100, taker 0.1%, quantity step 0.01, stop 5% (95) where a mode needs it.
  const settings = { takerFee: 0.001, instrument: instrument({ qtyStep: 0.01 }) };
  const rows: Row[] = [flat(100), flat(100, SIG.longEntry), flat(100), flat(100)];
  const qtyFor = (sizing: unknown, extra: Partial<BacktestSettings> = {}): number =>
    simulate(rows, { sizing, risk: { stopLoss: { percent: 5 } } }, { ...settings, ...extra }).openTrades[0].qty;

  it('all equity: floor(10,000 / (100 x 1.001)) in steps = 99.90', () => {
    expect(qtyFor({ mode: 'all-equity' })).toBeCloseTo(99.9, 12);
  });

  it('all equity at leverage 5: 10,000 / (100 x (0.2 + 0.001)) = 497.512... -> 497.51', () => {
    expect(qtyFor({ mode: 'all-equity' }, { leverage: 5 })).toBeCloseTo(497.51, 12);
  });

  it('percent of equity: 50% of 99.9000999 = 49.95004... -> 49.95', () => {
    expect(qtyFor({ mode: 'percent-equity', percent: 50 })).toBeCloseTo(49.95, 12);
  });

  it('fixed quantity and fixed notional', () => {
    expect(qtyFor({ mode: 'fixed-qty', qty: 7 })).toBeCloseTo(7, 12);
    expect(qtyFor({ mode: 'fixed-notional', notional: 2_500 })).toBeCloseTo(25, 12); // 2,500 / 100
  });

  it('risk percent: 1% of 10,000 over the 5 distance to the stop = 20 units', () => {
    expect(qtyFor({ mode: 'risk-percent', percent: 1 })).toBeCloseTo(20, 12);
  });

  it('risk percent is capped at the all-equity size', () => {
    // 50% -> 5,000 / 5 = 1,000 units, more than the 99.90 all equity buys.
    expect(qtyFor({ mode: 'risk-percent', percent: 50 })).toBeCloseTo(99.9, 12);
  });

  it('sizes later trades on the equity of the time', () => {
    // Long 100 units 100 -> 110 (+1,000, no fees); the next all-equity buy at 110: 11,000 / 110.
    const two: Row[] = [flat(100), flat(100, SIG.longEntry), flat(100), flat(110, SIG.longExit), flat(110, SIG.longEntry), flat(110), flat(110)];
    const result = simulate(two);
    expect(result.openTrades[0].qty).toBeCloseTo(100, 12);
    const percent = simulate(two, { sizing: { mode: 'percent-equity', percent: 10 } });
    expect(percent.trades[0].qty).toBeCloseTo(10, 12);
    // 10% of 10,100 / 110.
    expect(percent.openTrades[0].qty).toBeCloseTo(1_010 / 110, 12);
  });
});

describe('instrument rules and rejected orders', () => {
  const rows: Row[] = [flat(100), flat(100, SIG.longEntry), flat(100), flat(100)];
  const rejected = (sizing: unknown, rules: Partial<BacktestSettings['instrument']>) => {
    const result = simulate(rows, { sizing }, { instrument: instrument(rules) });
    expect(result.trades).toEqual([]);
    expect(result.openTrades).toEqual([]);
    expect(Array.from(result.equity)).toEqual([10_000, 10_000, 10_000, 10_000]);
    expect(result.rejectedOrders).toHaveLength(1);
    return result.rejectedOrders[0];
  };

  it('quantities round down to the step', () => {
    // 1,000 / 100 = 10 units in steps of 0.3: 33 steps = 9.9.
    const [open] = simulate(rows, { sizing: { mode: 'fixed-notional', notional: 1_000 } }, { instrument: instrument({ qtyStep: 0.3 }) }).openTrades;
    expect(open.qty).toBeCloseTo(9.9, 12);
  });

  it('below the minimum quantity', () => {
    const order = rejected({ mode: 'all-equity' }, { minQty: 200 });
    expect(order).toEqual({ bar: 2, time: T0 + 2 * HOUR, side: 'long', qty: 100, price: 100, reason: 'quantity 100 is below the minimum 200' });
  });

  it('below the minimum notional', () => {
    const order = rejected({ mode: 'fixed-qty', qty: 1 }, { minNotional: 500 });
    expect(order.reason).toBe('notional 100 is below the minimum 500');
  });

  it('margin and fee above the equity', () => {
    const order = rejected({ mode: 'fixed-qty', qty: 150 }, {});
    expect([order.qty, order.reason]).toEqual([150, 'margin and fee 15000 exceed the equity 10000']);
  });

  it('a quantity that rounds to 0', () => {
    const order = rejected({ mode: 'fixed-qty', qty: 0.05 }, { qtyStep: 0.1 });
    expect([order.qty, order.reason]).toEqual([0, 'quantity rounds to 0 at this equity and quantity step']);
  });
});

describe('the trade ledger: R multiple, MAE, MFE, bars held', () => {
  it('a long: worst low 97 (3%), best high 108 (8%), R = 600 / (100 x 5)', () => {
    // The exit bar's range after its open (107) is not counted: the trade closed at the open.
    const rows: Row[] = [flat(100), flat(100, SIG.longEntry), [100, 104, 97, 103], [103, 108, 101, 106, SIG.longExit], [106, 107, 105, 106]];
    const [trade] = simulate(rows, { risk: { stopLoss: { percent: 5 } } }).trades;
    expect([trade.exitBar, trade.exitPrice, trade.barsHeld]).toEqual([4, 106, 2]);
    expect(trade.pnl).toBeCloseTo(600, 9);
    expect(trade.rMultiple).toBeCloseTo(1.2, 12);
    expect(trade.maePct).toBeCloseTo(3, 10);
    expect(trade.mfePct).toBeCloseTo(8, 10);
    expect(trade.returnPct).toBeCloseTo(6, 10);
  });

  it('a short mirrors it: worst high 103, best low 92', () => {
    const rows: Row[] = [flat(100), flat(100, SIG.shortEntry), [100, 103, 96, 97], [97, 99, 92, 94, SIG.shortExit], [94, 95, 90, 94]];
    const [trade] = simulate(rows, { risk: { stopLoss: { percent: 5 } } }).trades;
    expect([trade.side, trade.exitPrice, trade.barsHeld]).toEqual(['short', 94, 2]);
    expect(trade.pnl).toBeCloseTo(600, 9);
    expect(trade.rMultiple).toBeCloseTo(1.2, 12);
    expect(trade.maePct).toBeCloseTo(3, 10);
    expect(trade.mfePct).toBeCloseTo(8, 10);
    expect(trade.returnPct).toBeCloseTo(6, 10);
  });

  it('no stop: R multiple is empty (NaN)', () => {
    const rows: Row[] = [flat(100), flat(100, SIG.longEntry), flat(100), flat(101, SIG.longExit), flat(102)];
    const [trade] = simulate(rows).trades;
    expect(trade.rMultiple).toBeNaN();
    expect(trade.initialStop).toBeNaN();
  });
});

describe('equity split by side', () => {
  it('equityLong + equityShort - initial = equity at every bar, over random runs', () => {
    // Stop 0 (off), 0.1% or 0.3%; trailing 0 (off) or 0.2%: every exit kind occurs in 300 bars.
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fill: fc.constantFrom('next-open' as const, 'close' as const),
          intrabar: fc.constantFrom('pessimistic' as const, 'tradingview' as const),
          atEnd: fc.constantFrom('leave-open' as const, 'close-at-open' as const, 'close-at-close' as const),
          exitsLiveFrom: fc.constantFrom('entry-bar' as const, 'next-bar' as const),
          leverage: fc.constantFrom(1, 3),
          reverse: fc.boolean(),
          stop: fc.constantFrom(0, 0.1, 0.3),
          trail: fc.constantFrom(0, 0.2),
          // Without funding the simulator skips quiet bars; with it, it steps every bar.
          funded: fc.boolean(),
        }),
        (c) => {
          const candles = syntheticCandles({ bars: 300, seed: c.seed, intervalMs: 60_000 });
          const random = seededRandom(c.seed ^ 0x5bd1e995);
          for (let i = 0; i < candles.volume.length; i++) candles.volume[i] = random() < 0.85 ? 0 : 1 + Math.floor(random() * 7);
          const hourly = Array.from({ length: 5 }, (_, k) => candles.time[0] + k * HOUR);
          const funding = { time: Float64Array.from(hourly), rate: Float64Array.from(hourly, () => (random() - 0.4) * 0.001) };
          const spec = signalStrategy({
            reverse: c.reverse,
            risk: { stopLoss: { percent: c.stop }, takeProfit: { percent: 0.4 }, trailingStop: { percent: c.trail } },
            sizing: { mode: 'percent-equity', percent: 90 },
          });
          const settings = testSettings({
            takerFee: 0.00055,
            makerFee: 0.0002,
            fixedFeePerOrder: 0.01,
            slippageBps: 1,
            fill: c.fill,
            intrabar: c.intrabar,
            atEnd: c.atEnd,
            exitsLiveFrom: c.exitsLiveFrom,
            leverage: c.leverage,
            liquidationFeeRate: 0.005,
            funding: c.funded ? funding : undefined,
            instrument: instrument({ tickSize: 0.1, qtyStep: 0.0001 }),
          });
          const result = runBacktest(compileStrategy(spec, candles), candles, settings);
          for (let i = 0; i < candles.time.length; i++) {
            const split = result.equityLong[i] + result.equityShort[i] - settings.initialCapital;
            expect(Math.abs(split - result.equity[i])).toBeLessThanOrEqual(1e-9 * Math.abs(result.equity[i]));
          }
        },
      ),
      { numRuns: 60, seed: 20_240_101 },
    );
  });
});
