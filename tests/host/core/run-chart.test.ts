/** The charts' view of a run: drawdown below the running peak, windows of bars, the thinned equity overview. */
import { describe, expect, it } from 'vitest';
import { chartWindow, drawdownPercent, equityOverview, type RunChart } from '../../../src-main/host/core/run-chart.ts';
import { syntheticCandles } from '../../support/synthetic-candles.ts';

function chartOf(equity: number[]): RunChart {
  const candles = syntheticCandles({ bars: equity.length, seed: 1 });
  const column = Float64Array.from(equity);
  return { candles, equity: column, drawdownPct: drawdownPercent(column), warmupBars: 2, indicators: [{ id: 'fast', kind: 'sma', output: 'value', pane: 'price', values: column.map((v) => v / 2) }] };
}

describe('run charts', () => {
  it('measure drawdown in percent below the running peak, 0 at new highs', () => {
    expect(Array.from(drawdownPercent(Float64Array.of(100, 120, 90, 120, 130, 104)))).toEqual([0, 0, -25, 0, 0, -20]);
  });

  it('cut windows of every column, clamped to the run', () => {
    const chart = chartOf([100, 101, 102, 103, 104]);
    const window = chartWindow(chart, 3, 99);
    expect([window.from, window.to, window.totalBars, window.warmupBars]).toEqual([3, 5, 5, 2]);
    expect(Array.from(window.equity)).toEqual([103, 104]);
    expect(Array.from(window.candles.time)).toEqual(Array.from(chart.candles.time.subarray(3)));
    expect(Array.from(window.indicators[0].values)).toEqual([51.5, 52]);
    expect(window.equity.buffer).not.toBe(chart.equity.buffer);
    expect(chartWindow(chart, 7, 9).candles.time.length).toBe(0);
  });

  it("keep every bar of a short run, and each bucket's extremes and deepest drawdown of a long one", () => {
    expect(Array.from(equityOverview(chartOf([1, 2, 3]), 16).bar)).toEqual([0, 1, 2]);
    // 4 buckets of 8 bars: first bar, highest, lowest and deepest drawdown of each, and the last bar.
    const equity = Array.from({ length: 32 }, (_, i) => 100 + (i % 8 === 5 ? 50 : 0) - (i % 8 === 6 ? 40 : 0));
    const overview = equityOverview(chartOf(equity), 16);
    expect(Array.from(overview.bar)).toEqual([0, 5, 6, 8, 13, 14, 16, 21, 22, 24, 29, 30, 31]);
    expect(Math.max(...overview.equity)).toBe(150);
    expect(Math.min(...overview.equity)).toBe(60);
    expect(Math.min(...overview.drawdownPct)).toBe(-60);
  });
});
