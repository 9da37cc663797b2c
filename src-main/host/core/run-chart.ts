/**
 * A run as the charts draw it: the candles, the strategy's indicator lines (each output with
 * the pane it belongs in), the account equity and its drawdown per bar. Charts ask for windows
 * of bars (a 1,000,000-bar run is never sent whole) and for an overview of the equity curve
 * that keeps every bucket's extremes, so no peak or trough a person would look for is lost.
 */
import type { BacktestResult } from '../../../src-engine/backtest/types.ts';
import type { Candles } from '../../../src-engine/candles.ts';
import { chartOutputs } from '../../../src-engine/indicators/chart-outputs.ts';
import { findIndicator } from '../../../src-engine/indicators/registry.ts';
import type { CompiledStrategy } from '../../../src-engine/strategy/compile.ts';
import type { StrategySpec } from '../../../src-shared/strategy/spec.ts';

export interface IndicatorLine {
  /** The indicator's id in the strategy. */
  readonly id: string;
  readonly kind: string;
  readonly output: string;
  readonly pane: 'price' | 'own';
  readonly values: Float64Array;
}

export interface RunChart {
  readonly candles: Candles;
  readonly indicators: readonly IndicatorLine[];
  readonly equity: Float64Array;
  /** Percent below the running equity peak, 0 or negative (−12.5 is 12.5% under the peak). */
  readonly drawdownPct: Float64Array;
  readonly warmupBars: number;
}

/** Columns copied out of the run: they cross a thread or a socket. */
type Column = Float64Array<ArrayBuffer>;

export interface ChartWindow {
  readonly from: number;
  readonly to: number;
  readonly totalBars: number;
  readonly warmupBars: number;
  readonly candles: { readonly [F in keyof Candles]: Column };
  readonly indicators: (Omit<IndicatorLine, 'values'> & { readonly values: Column })[];
  readonly equity: Column;
  readonly drawdownPct: Column;
}

export function buildRunChart(spec: StrategySpec, compiled: CompiledStrategy, candles: Candles, result: BacktestResult): RunChart {
  const indicators: IndicatorLine[] = [];
  for (const { id } of spec.indicators ?? []) {
    const computed = compiled.indicators.get(id);
    const definition = computed === undefined ? undefined : findIndicator(computed.kind);
    if (computed === undefined || definition === undefined) continue;
    for (const output of chartOutputs(definition)) {
      indicators.push({ id, kind: computed.kind, output, pane: definition.pane, values: computed.outputs[output] });
    }
  }
  return { candles, indicators, equity: result.equity, drawdownPct: drawdownPercent(result.equity), warmupBars: result.warmupBars };
}

export function drawdownPercent(equity: Float64Array): Float64Array {
  const drawdown = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    if (equity[i] > peak) peak = equity[i];
    drawdown[i] = peak > 0 && equity[i] < peak ? ((equity[i] - peak) / peak) * 100 : 0;
  }
  return drawdown;
}

/** Bars [from, to) clamped to the run. */
export function chartWindow(chart: RunChart, from: number, to: number): ChartWindow {
  const totalBars = chart.equity.length;
  const start = Math.min(Math.max(0, from), totalBars);
  const end = Math.min(Math.max(start, to), totalBars);
  const cut = (column: Float64Array): Column => Float64Array.prototype.slice.call(column, start, end) as Column;
  const { candles } = chart;
  return {
    from: start,
    to: end,
    totalBars,
    warmupBars: chart.warmupBars,
    candles: { time: cut(candles.time), open: cut(candles.open), high: cut(candles.high), low: cut(candles.low), close: cut(candles.close), volume: cut(candles.volume) },
    equity: cut(chart.equity),
    drawdownPct: cut(chart.drawdownPct),
    indicators: chart.indicators.map((line) => ({ ...line, values: cut(line.values) })),
  };
}

export interface EquityOverview {
  /** The bars kept, ascending. */
  readonly bar: Column;
  readonly time: Column;
  readonly equity: Column;
  readonly drawdownPct: Column;
}

/**
 * At most about `maxPoints` bars of the equity curve: every bar when the run is short enough,
 * otherwise per bucket its first bar, its highest and lowest equity and its deepest drawdown.
 */
export function equityOverview(chart: RunChart, maxPoints: number): EquityOverview {
  const n = chart.equity.length;
  const keep: number[] = [];
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) keep.push(i);
  } else {
    const buckets = Math.max(1, Math.floor(maxPoints / 4));
    const size = Math.ceil(n / buckets);
    for (let start = 0; start < n; start += size) {
      const end = Math.min(n, start + size);
      let high = start;
      let low = start;
      let deepest = start;
      for (let i = start + 1; i < end; i++) {
        if (chart.equity[i] > chart.equity[high]) high = i;
        if (chart.equity[i] < chart.equity[low]) low = i;
        if (chart.drawdownPct[i] < chart.drawdownPct[deepest]) deepest = i;
      }
      keep.push(...new Set([start, high, low, deepest]));
    }
    keep.push(n - 1);
  }
  const bars = Float64Array.from(new Set(keep)).sort();
  const pick = (column: Float64Array): Column => Float64Array.from(bars, (bar) => column[bar]);
  return { bar: bars, time: pick(chart.candles.time), equity: pick(chart.equity), drawdownPct: pick(chart.drawdownPct) };
}
