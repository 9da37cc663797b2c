/**
 * The engine's door for live charts: an indicator overlay fed closed bars and a forming bar that
 * changes before it closes draws the batch numbers, and a strategy overlay recomputed after
 * every close marks, bar by bar as the bars close, exactly the entries and exits a backtest over
 * the same candles produces.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src-engine/backtest/simulator.ts';
import { type Candles, sliceCandles } from '../../../src-engine/candles.ts';
import { findIndicator } from '../../../src-engine/indicators/registry.ts';
import { sourceSeries } from '../../../src-engine/indicators/sources.ts';
import { type Bar, byBar, createLiveIndicator, MARK_SETTINGS, type StrategyMark, strategyMarks } from '../../../src-engine/for-windows.ts';
import { compileStrategy } from '../../../src-engine/strategy/compile.ts';
import { findTemplate } from '../../../src-main/host/templates.ts';
import { loadFixtureCandles } from '../../support/fixtures.ts';
import { expectSeriesClose } from '../../support/series-assertions.ts';

const candles = loadFixtureCandles('GOOG-1d.csv');

function barAt(c: Candles, i: number): Bar {
  return { time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i] };
}

describe('live indicator overlays', () => {
  it.each([
    ['sma', [20]],
    ['ema', [12]],
    ['rsi', [14]],
    ['bb', [20, 2]],
    ['macd', [12, 26, 9]],
  ])('%s %j: the forming bar replaced until it closes, the closed values equal the batch', (kind, params) => {
    const live = createLiveIndicator(kind, params);
    expect(live).not.toBeNull();
    const definition = findIndicator(kind)!;
    const batch = definition.batch({ candles, source: sourceSeries(candles, definition.usesSource ? definition.defaultSource : 'close') }, live!.params);
    const drawn = live!.outputs.map((name) => batch[definition.outputs.indexOf(name)]);
    const got = live!.outputs.map(() => new Float64Array(candles.time.length));
    for (let i = 0; i < candles.time.length; i++) {
      const bar = barAt(candles, i);
      // The forming bar as it looked earlier: the open only, then half-way.
      live!.forming({ ...bar, high: bar.open, low: bar.open, close: bar.open, volume: 0 });
      live!.forming({ ...bar, close: (bar.open + bar.close) / 2, volume: bar.volume / 2 });
      live!.closed(bar).forEach((value, o) => (got[o][i] = value));
    }
    got.forEach((series, o) => expectSeriesClose(`${kind} ${live!.outputs[o]}`, series, drawn[o], { relTol: 1e-9 }));
  });

  it('draws only the outputs a chart draws and refuses an unknown kind', () => {
    expect(createLiveIndicator('bb', [20, 2])?.outputs).toEqual(['upper', 'middle', 'lower']);
    expect(createLiveIndicator('nope', [])).toBeNull();
    expect(createLiveIndicator('sma', [1e9])?.params).toEqual([findIndicator('sma')!.params[0].max]);
  });
});

describe('strategy overlay', () => {
  const cases: Array<[string, Record<string, number>]> = [
    ['sma-cross', { stopLossPct: 3, takeProfitPct: 6 }],
    ['rsi-mean-reversion', {}],
    ['supertrend-flip', {}],
  ];

  it.each(cases)('%s: the marks made as each bar closes are the trades of one backtest over all the bars', (name, params) => {
    const template = findTemplate(name)!;
    const spec = withDefaults(template.spec, params);
    const backtest = runBacktest(compileStrategy(spec, candles), candles, MARK_SETTINGS);
    const expected: StrategyMark[] = [];
    for (const t of backtest.trades) {
      expected.push({ time: t.entryTime, bar: t.entryBar, side: t.side, action: 'entry', price: t.entryPrice });
      expected.push({ time: t.exitTime, bar: t.exitBar, side: t.side, action: 'exit', price: t.exitPrice, reason: t.exitReason });
    }
    for (const t of backtest.openTrades) expected.push({ time: t.entryTime, bar: t.entryBar, side: t.side, action: 'entry', price: t.entryPrice });
    expected.sort(byBar);
    expect(backtest.trades.length).toBeGreaterThan(5);

    // Live: after each close, the marks on the bar that just closed are the new signals. The
    // backtest over all bars decides nothing on its last bar, so that one is left out of both.
    const last = candles.time.length - 1;
    const live: StrategyMark[] = [];
    for (let n = 1; n <= last; n++) {
      live.push(...strategyMarks(spec, sliceCandles(candles, 0, n)).filter((mark) => mark.bar === n - 1));
    }
    expect(live).toEqual(expected.filter((mark) => mark.bar < last));
    expect(strategyMarks(spec, candles).filter((mark) => mark.bar < last)).toEqual(expected.filter((mark) => mark.bar < last));
  });
});

/** The template with some parameter defaults changed, as a saved strategy would hold them. */
function withDefaults(spec: unknown, params: Record<string, number>): unknown {
  const copy = structuredClone(spec) as { parameters?: Array<{ name: string; default: unknown }> };
  for (const p of copy.parameters ?? []) if (p.name in params) p.default = params[p.name];
  return copy;
}
