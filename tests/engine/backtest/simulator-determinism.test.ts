/**
 * The simulator is deterministic (docs/engine.md: the same inputs give byte-identical trades,
 * equity and metrics), and every shipped template runs on real data with fees and keeps its
 * books: final equity = capital + closed PnL + open unrealised PnL - open fees and funding.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest, SimulationBuffers } from '../../../src-engine/backtest/simulator.ts';
import type { BacktestResult, BacktestSettings } from '../../../src-engine/backtest/types.ts';
import { compileStrategy } from '../../../src-engine/strategy/compile.ts';
import { loadTemplates } from '../../../src-main/host/templates.ts';
import { testSettings } from '../../support/backtest-settings.ts';
import { loadFixtureCandles } from '../../support/fixtures.ts';
import { instrument } from '../../support/simulator-scenarios.ts';

const candles = loadFixtureCandles('BTCUSD-1d.csv');
const templates = loadTemplates();

/** JSON of a result with typed arrays as plain arrays and NaN spelled out, so nothing is lost. */
function serialise(result: BacktestResult): string {
  return JSON.stringify(result, (_key, value: unknown) => {
    if (value instanceof Float64Array || value instanceof Uint8Array) return Array.from(value, (x) => (Number.isNaN(x) ? 'NaN' : x));
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  });
}

// No fixed fee: all-equity sizing spends equity / (price x (1 + fee rate)), so any fixed fee
// on top exceeds the equity and every all-equity order would be rejected.
const withFees: BacktestSettings = testSettings({
  takerFee: 0.00055,
  makerFee: 0.0002,
  slippageBps: 2,
  instrument: instrument({ tickSize: 0.01, qtyStep: 0.000001 }),
});

/** Funding every 8 hours over the whole fixture, at a rate that changes sign. */
function fundingSeries(): NonNullable<BacktestSettings['funding']> {
  const start = candles.time[0];
  const end = candles.time[candles.time.length - 1];
  const times: number[] = [];
  for (let t = start; t <= end; t += 8 * 3_600_000) times.push(t);
  return { time: Float64Array.from(times), rate: Float64Array.from(times, (_t, k) => 0.0001 * Math.sin(k / 7)) };
}

describe('determinism', () => {
  it('the same inputs twice give byte-identical results', () => {
    const template = templates.find((t) => t.name === 'sma-cross');
    expect(template).toBeDefined();
    const settings = { ...withFees, funding: fundingSeries(), leverage: 2, intrabar: 'tradingview' as const };
    const params = { stopLossPct: '3', takeProfitPct: '9' };
    const first = runBacktest(compileStrategy(template?.spec, candles, { params }), candles, settings);
    const second = runBacktest(compileStrategy(template?.spec, candles, { params }), candles, settings);
    expect(first.trades.length).toBeGreaterThan(10);
    expect(serialise(second)).toBe(serialise(first));
  });

  it('reused buffers, left dirty by other runs, give byte-identical results', () => {
    const buffers = new SimulationBuffers(candles.time.length);
    buffers.equity.fill(Number.NaN);
    buffers.inPosition.fill(1);
    for (const template of templates) {
      const compiled = compileStrategy(template.spec, candles);
      const fresh = serialise(runBacktest(compiled, candles, withFees));
      expect(serialise(runBacktest(compiled, candles, withFees, buffers)), template.name).toBe(fresh);
    }
    expect(() => runBacktest(compileStrategy(templates[0].spec, candles), candles, withFees, new SimulationBuffers(3))).toThrow(`the buffers hold 3 bars but the candles have ${candles.time.length}`);
  });

  it('one compiled strategy run twice gives byte-identical results', () => {
    const compiled = compileStrategy(templates[0].spec, candles);
    expect(serialise(runBacktest(compiled, candles, withFees))).toBe(serialise(runBacktest(compiled, candles, withFees)));
  });
});

describe('skipping quiet bars changes nothing', () => {
  // A funding series, even an empty one, makes the simulator step through every bar; without
  // one it skips runs of bars where nothing can happen. Everything, the long/short equity
  // split included, must be byte-identical.
  const none = { time: new Float64Array(0), rate: new Float64Array(0) };
  function expectSame(skipped: BacktestResult, stepped: BacktestResult): void {
    expect(serialise(skipped)).toBe(serialise(stepped));
  }

  for (const template of templates) {
    it(`${template.name}: stepped and skipped runs are byte-identical`, () => {
      const compiled = compileStrategy(template.spec, candles);
      for (const settings of [withFees, { ...withFees, fill: 'close' as const, atEnd: 'close-at-open' as const, leverage: 3 }]) {
        expectSame(runBacktest(compiled, candles, settings), runBacktest(compiled, candles, { ...settings, funding: none }));
      }
    });
  }

  it('with stops, targets and a time exit too', () => {
    const template = templates.find((t) => t.name === 'sma-cross');
    const params = { stopLossPct: '4', takeProfitPct: '12' };
    const spec = { ...template?.spec, risk: { ...template?.spec.risk, maxBarsInTrade: 15 } };
    const compiled = compileStrategy(spec, candles, { params });
    for (const exitsLiveFrom of ['entry-bar', 'next-bar'] as const) {
      const settings = { ...withFees, exitsLiveFrom, leverage: 5, liquidationFeeRate: 0.005 };
      const skipped = runBacktest(compiled, candles, settings);
      expect(skipped.trades.some((t) => t.exitReason === 'time_exit')).toBe(true);
      expect(skipped.trades.some((t) => t.exitReason === 'stop_loss')).toBe(true);
      expectSame(skipped, runBacktest(compiled, candles, { ...settings, funding: none }));
    }
  });
});

describe('every template on BTCUSD-1d with default parameters and fees', () => {
  it('finds the templates', () => {
    expect(templates.length).toBeGreaterThanOrEqual(8);
  });

  const counts = new Map<string, number>();

  for (const template of templates) {
    for (const atEnd of ['leave-open', 'close-at-close'] as const) {
      it(`${template.name} (${atEnd}) runs and keeps its books`, () => {
        const settings = { ...withFees, atEnd, funding: fundingSeries() };
        const result = runBacktest(compileStrategy(template.spec, candles), candles, settings);
        expect(result.equity).toHaveLength(candles.time.length);
        for (let i = 0; i < result.equity.length; i++) {
          if (!Number.isFinite(result.equity[i])) throw new Error(`equity at bar ${i} is ${result.equity[i]}`);
        }
        const closed = result.trades.reduce((sum, trade) => sum + trade.pnl, 0);
        const open = result.openTrades.reduce((sum, trade) => sum + trade.unrealizedPnl - trade.entryFee - trade.funding, 0);
        const expected = settings.initialCapital + closed + open;
        const final = result.equity[result.equity.length - 1];
        // Relative to the size of the books: a run can end near 0 (bollinger-reversion is
        // liquidated down to cents), where the sum of -10,000 of PnL cancels to ~1e-12.
        expect(Math.abs(final - expected)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(expected), settings.initialCapital));
        if (atEnd === 'close-at-close') expect(result.openTrades).toEqual([]);
        counts.set(`${template.name} ${atEnd}`, result.trades.length + result.openTrades.length);
        for (const trade of result.trades) {
          // PnL = side x qty x (exit - entry) - entry fee - exit fee - funding.
          const side = trade.side === 'long' ? 1 : -1;
          const pnl = side * trade.qty * (trade.exitPrice - trade.entryPrice) - trade.entryFee - trade.exitFee - trade.funding;
          expect(Math.abs(trade.pnl - pnl)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(pnl)));
          expect(trade.barsHeld).toBe(trade.exitBar - trade.entryBar);
        }
      });
    }
  }

  it('the checks above are not vacuous: nearly every template trades', () => {
    const trading = [...counts.values()].filter((n) => n > 0).length;
    expect(counts.size).toBe(2 * templates.length);
    expect(trading).toBeGreaterThanOrEqual(counts.size - 2);
  });
});
