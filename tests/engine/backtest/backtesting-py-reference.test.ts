/**
 * Proof against an independent engine: backtesting.py 0.6.6 ran SmaCross on real GOOG data in
 * six configurations; our sma-cross template, configured the same way, must reproduce every
 * trade (bars, prices, sizes, PnL, fees) and the equity curve.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src-engine/backtest/simulator.ts';
import type { BacktestSettings } from '../../../src-engine/backtest/types.ts';
import { compileStrategy } from '../../../src-engine/strategy/compile.ts';
import { findTemplate } from '../../../src-main/host/templates.ts';
import { testSettings } from '../../support/backtest-settings.ts';
import { fixturePath, loadFixtureCandles } from '../../support/fixtures.ts';
import { relativeDifference } from '../../support/series-assertions.ts';

const candles = loadFixtureCandles('GOOG-1d.csv');
const smaCross = findTemplate('sma-cross')?.spec;

interface Variant {
  readonly name: string;
  readonly params: Record<string, string>;
  readonly settings: Partial<BacktestSettings>;
}

const reference: BacktestSettings = testSettings({ takerFee: 0.002, makerFee: 0.002, instrument: { tickSize: 0, qtyStep: 1, minQty: 0, minNotional: 0 } });

const variants: Variant[] = [
  { name: 'smacross_base', params: {}, settings: {} },
  { name: 'smacross_comm0', params: {}, settings: { takerFee: 0, makerFee: 0 } },
  { name: 'smacross_sltp_entry', params: { stopLossPct: '5', takeProfitPct: '10' }, settings: { exitsLiveFrom: 'next-bar' } },
  { name: 'smacross_trade_on_close', params: {}, settings: { fill: 'close' } },
  { name: 'smacross_finalize', params: {}, settings: { atEnd: 'close-at-open' } },
  { name: 'longonly', params: { direction: 'long' }, settings: {} },
];

function readCsv(variant: string, file: string): string[][] {
  const text = readFileSync(fixturePath(`backtesting-py/GOOG-1d/${variant}/${file}`), 'utf8');
  return text.trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
}

function expectClose(label: string, actual: number, expected: number): void {
  if (relativeDifference(actual, expected) > 1e-6) throw new Error(`${label}: expected ${expected}, got ${actual}`);
}

describe('reproduces backtesting.py on GOOG-1d, trade for trade', () => {
  for (const variant of variants) {
    it(variant.name, () => {
      const compiled = compileStrategy(smaCross, candles, { params: { fast: '10', slow: '20', ...variant.params } });
      const result = runBacktest(compiled, candles, { ...reference, ...variant.settings });
      const trades = readCsv(variant.name, 'trades.csv');
      expect(result.trades).toHaveLength(trades.length);
      trades.forEach((row, k) => {
        const [size, entryBar, exitBar, entryPrice, exitPrice, , , pnl, commission, returnPct] = row.map(Number);
        const trade = result.trades[k];
        const label = `${variant.name} trade ${k}`;
        expect(trade.side, label).toBe(size > 0 ? 'long' : 'short');
        expect(trade.qty, label).toBe(Math.abs(size));
        expect([trade.entryBar, trade.exitBar], label).toEqual([entryBar, exitBar]);
        expectClose(`${label} entry price`, trade.entryPrice, entryPrice);
        expectClose(`${label} exit price`, trade.exitPrice, exitPrice);
        expectClose(`${label} pnl`, trade.pnl, pnl);
        if (commission !== 0) expectClose(`${label} fees`, trade.entryFee + trade.exitFee, commission);
        expectClose(`${label} return`, trade.returnPct / 100, returnPct);
      });
      const equity = readCsv(variant.name, 'equity.csv').map((row) => Number(row[1]));
      expect(result.equity).toHaveLength(equity.length);
      equity.forEach((value, i) => expectClose(`${variant.name} equity at bar ${i}`, result.equity[i], value));
      const stillOpen = variant.name === 'smacross_finalize' || variant.name === 'smacross_sltp_entry' ? 0 : 1;
      expect(result.openTrades).toHaveLength(stillOpen);
    });
  }

  it('trades the same bars with a crypto quantity step of 0.00000001, sized in fractions', () => {
    const compiled = compileStrategy(smaCross, candles, { params: { fast: '10', slow: '20' } });
    const result = runBacktest(compiled, candles, { ...reference, instrument: { tickSize: 0, qtyStep: 0.00000001, minQty: 0, minNotional: 0 } });
    const trades = readCsv('smacross_base', 'trades.csv');
    expect(result.trades.map((t) => [t.entryBar, t.exitBar])).toEqual(trades.map((row) => [Number(row[1]), Number(row[2])]));
    // The first entry spends all 10,000: qty = floor(10000 / (169.02 x 1.002) / 1e-8) x 1e-8.
    const first = result.trades[0];
    expect(first.qty).toBeCloseTo(Math.floor(10_000 / (169.02 * 1.002) / 1e-8) * 1e-8, 12);
    expect(first.qty * first.entryPrice + first.entryFee).toBeLessThanOrEqual(10_000);
    expect(first.qty * first.entryPrice + first.entryFee).toBeGreaterThan(10_000 - 169.02 * 1.002 * 1e-8);
    expect(Number.isInteger(first.qty)).toBe(false);
  });
});
