import { describe, expect, it } from 'vitest';
import { compileStrategy } from '../../../src-engine/strategy/compile.ts';
import { findTemplate } from '../../../src-main/host/templates.ts';
import { barsWhere, candlesFromCloses } from '../../support/strategy-fixtures.ts';

//                 bar: 0   1   2   3   4   5   6   7  8   9   10
const closes = [10, 11, 12, 13, 12, 11, 10, 9, 10, 11, 12];
// SMA(2) - SMA(3) from bar 2: +0.5, +0.5, +0.17, -0.5, -0.5, -0.5, -0.17, +0.5, +0.5
// so the fast SMA crosses below at bar 5 and back above at bar 9.

describe('strategy compiler', () => {
  const smaCross = findTemplate('sma-cross')?.spec;

  it('sma-cross: crosses are found on the exact bars, after warm-up', () => {
    const compiled = compileStrategy(smaCross, candlesFromCloses(closes), { params: { fast: 2, slow: 3 } });
    expect(compiled.warmupBars).toBe(2);
    expect(barsWhere(compiled.signals.longEntry)).toEqual([9]);
    expect(barsWhere(compiled.signals.shortEntry)).toEqual([5]);
    expect(barsWhere(compiled.signals.longExit)).toEqual([5]);
    expect(barsWhere(compiled.signals.shortExit)).toEqual([9]);
    expect(compiled.direction).toBe('both');
    expect(compiled.reverse).toBe(true);
    expect(compiled.parameters).toEqual({ fast: 2, slow: 3, direction: 'both', stopLossPct: 0, takeProfitPct: 0 });
    expect(compiled.risk.stopLoss).toBeUndefined();
  });

  it('direction long silences the short side; stops resolve from parameters', () => {
    const compiled = compileStrategy(smaCross, candlesFromCloses(closes), {
      params: { fast: 2, slow: 3, direction: 'long', stopLossPct: 5, takeProfitPct: 10 },
    });
    expect(barsWhere(compiled.signals.shortEntry)).toEqual([]);
    expect(barsWhere(compiled.signals.shortExit)).toEqual([]);
    expect(barsWhere(compiled.signals.longExit)).toEqual([5]);
    expect(compiled.risk.stopLoss).toEqual({ type: 'percent', percent: 5 });
    expect(compiled.risk.takeProfit).toEqual({ type: 'percent', percent: 10 });
  });

  it('barsAgo, arithmetic and rising/falling read the right bars', () => {
    const spec = {
      name: 'shapes',
      direction: 'both',
      entry: {
        long: { rising: { price: 'close' }, bars: 2 },
        short: { left: { price: 'close' }, op: '<', right: { mul: [{ price: 'close', barsAgo: 2 }, 0.8] } },
      },
      exit: { long: { falling: { price: 'close' }, bars: 3 } },
    };
    const compiled = compileStrategy(spec, candlesFromCloses([10, 11, 12, 13, 12, 11, 10, 8, 9, 10, 11]));
    // rising over 2 bars: close above both of the previous two closes
    expect(barsWhere(compiled.signals.longEntry)).toEqual([2, 3, 9, 10]);
    // close < 0.8 x close two bars ago: only bar 7 (8 < 0.8 x 11 = 8.8)
    expect(barsWhere(compiled.signals.shortEntry)).toEqual([7]);
    // falling for 3 bars: below each of the previous three closes
    expect(barsWhere(compiled.signals.longExit)).toEqual([5, 6, 7]);
    expect(compiled.warmupBars).toBe(2);
  });

  it('a confluence enters only when gates hold and weights reach the minimum confidence', () => {
    const spec = {
      name: 'weights',
      direction: 'long',
      entry: {
        long: {
          confluence: {
            gates: [{ left: { price: 'close' }, op: '>=', right: 2 }],
            rules: [
              { weight: 2, rule: { left: { price: 'close' }, op: '>', right: 3 } },
              { weight: 1, rule: { left: { price: 'volume' }, op: '>', right: 50 } },
              { weight: 1, rule: { left: { price: 'close' }, op: '==', right: 5 } },
            ],
            minConfidence: 0.75,
          },
        },
      },
    };
    // total weight 4; 0.75 needs a score of 3
    const closes5 = [1, 2, 4, 4, 5, 5, 9];
    const volumes = [99, 99, 99, 10, 10, 99, 99];
    const compiled = compileStrategy(spec, candlesFromCloses(closes5, volumes));
    // bar 0: gate fails. bar 1: score 1. bar 2: 2+1 = 3 -> yes. bar 3: 2. bar 4: 2+1 = 3 -> yes.
    // bar 5: 2+1+1 = 4 -> yes. bar 6: 2+1 = 3 -> yes.
    expect(barsWhere(compiled.signals.longEntry)).toEqual([2, 4, 5, 6]);
  });

  it('indicator sources chain: an SMA of RSI starts after both warm-ups', () => {
    const spec = {
      name: 'chain',
      indicators: [
        { id: 'rsi', kind: 'rsi', params: { period: 3 } },
        { id: 'smooth', kind: 'sma', params: { period: 2 }, source: { indicator: 'rsi' } },
      ],
      direction: 'long',
      entry: { long: { left: { indicator: 'smooth' }, op: '>', right: 0 } },
    };
    const compiled = compileStrategy(spec, candlesFromCloses([1, 2, 3, 2, 3, 4, 5, 4]));
    // RSI(3) needs 3 changes: first value at bar 3; SMA(2) of it at bar 4.
    expect(compiled.warmupBars).toBe(4);
    expect(barsWhere(compiled.signals.longEntry)).toEqual([4, 5, 6, 7]);
  });

  it('a shared cache computes an indicator once for equal parameters', () => {
    const cache = new Map<string, Float64Array[]>();
    const candles = candlesFromCloses(closes);
    const first = compileStrategy(smaCross, candles, { params: { fast: 2, slow: 3 }, cache });
    const second = compileStrategy(smaCross, candles, { params: { fast: 2, slow: 4 }, cache });
    expect(second.indicators.get('fast')?.outputs.value).toBe(first.indicators.get('fast')?.outputs.value);
    expect(cache.size).toBe(3);
  });
});
