/**
 * Walk-forward analysis: split the bars into in-sample / out-of-sample windows (rolling or
 * anchored), optimise on each in-sample part, run the winner on the out-of-sample part that
 * follows, and stitch the out-of-sample equity into one curve. The optimiser is handed the
 * in-sample candles only (views over bars [inSample.from, inSample.to)), so no later bar can
 * reach it; the out-of-sample run gets the bars up to its end, earlier ones for warm-up.
 */
import type { SideMetrics } from '../backtest/metrics.ts';
import { MS_PER_DAY } from '../backtest/metrics-returns.ts';
import type { Candles } from '../candles.ts';
import { sliceCandles } from '../candles.ts';
import type { Objective, ParameterSet, WalkForwardWindow } from './types.ts';

export interface WalkForwardLayout {
  readonly bars: number;
  /** Lengths in bars (see barsForDays). */
  readonly inSample: number;
  readonly outOfSample: number;
  /** Bars between window starts; the out-of-sample length by default, so OOS parts tile. */
  readonly step?: number;
  /** Anchored: every in-sample part starts at bar 0 and grows; rolling: it slides. */
  readonly anchored?: boolean;
}

/** Windows whose out-of-sample part fits entirely in the bars; a shorter tail is left out. */
export function walkForwardWindows(layout: WalkForwardLayout): WalkForwardWindow[] {
  const { bars, inSample, outOfSample } = layout;
  const step = layout.step ?? outOfSample;
  for (const [name, value] of [['inSample', inSample], ['outOfSample', outOfSample], ['step', step]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of bars >= 1, got ${value}`);
  }
  const windows: WalkForwardWindow[] = [];
  for (let start = 0; start + inSample + outOfSample <= bars; start += step) {
    const split = start + inSample;
    windows.push({
      index: windows.length,
      inSample: { from: layout.anchored ? 0 : start, to: split },
      outOfSample: { from: split, to: split + outOfSample },
    });
  }
  if (windows.length === 0) {
    throw new RangeError(`${bars} bars are too few for one window of ${inSample} in-sample and ${outOfSample} out-of-sample bars`);
  }
  return windows;
}

/**
 * Days as a number of bars of this series: days divided by the median spacing of bar times
 * (robust to the odd gap), rounded, at least 1.
 */
export function barsForDays(time: ArrayLike<number>, days: number): number {
  if (time.length < 2) throw new RangeError('need at least two bars to know their spacing');
  const gaps: number[] = [];
  for (let i = 1; i < time.length; i++) gaps.push(time[i] - time[i - 1]);
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
  return Math.max(1, Math.round((days * MS_PER_DAY) / median));
}

/** A length as typed: "180d" (days) or "500" / "500b" (bars). */
export type WalkForwardLength = { readonly bars: number } | { readonly days: number };

export interface WalkForwardSpec {
  readonly inSample: WalkForwardLength;
  readonly outOfSample: WalkForwardLength;
  readonly step?: WalkForwardLength;
  readonly anchored: boolean;
}

/** Reads "is=180d,oos=30d[,step=30d][,anchored|rolling]" as on the command line. */
export function parseWalkForward(text: string): WalkForwardSpec {
  const lengths: Record<string, WalkForwardLength> = {};
  let anchored = false;
  for (const part of text.split(',').map((p) => p.trim())) {
    if (part === 'anchored' || part === 'rolling') {
      anchored = part === 'anchored';
      continue;
    }
    const match = /^(is|oos|step)=(\d+(?:\.\d+)?)(d|b)?$/.exec(part);
    if (!match) {
      throw new Error(`walk-forward "${text}": cannot read "${part}"; write is=180d,oos=30d[,step=30d][,anchored]`);
    }
    const value = Number(match[2]);
    lengths[match[1]] = match[3] === 'd' ? { days: value } : { bars: value };
  }
  if (!lengths.is || !lengths.oos) throw new Error(`walk-forward "${text}": is= and oos= are required`);
  return { inSample: lengths.is, outOfSample: lengths.oos, step: lengths.step, anchored };
}

/** The windows of a parsed spec over a series, converting days with barsForDays. */
export function windowsForSpec(spec: WalkForwardSpec, time: ArrayLike<number>): WalkForwardWindow[] {
  const bars = (length: WalkForwardLength): number => ('bars' in length ? length.bars : barsForDays(time, length.days));
  return walkForwardWindows({
    bars: time.length,
    inSample: bars(spec.inSample),
    outOfSample: bars(spec.outOfSample),
    step: spec.step ? bars(spec.step) : undefined,
    anchored: spec.anchored,
  });
}

export interface InSampleBest {
  readonly params: ParameterSet;
  /** Metrics of the chosen set over the in-sample bars. */
  readonly metrics: SideMetrics;
}

export interface OutOfSampleRun {
  /** Equity at each out-of-sample bar's close: outOfSample.to - outOfSample.from values. */
  readonly equity: Float64Array;
  readonly metrics: SideMetrics;
}

export interface WalkForwardOptions {
  readonly candles: Candles;
  readonly windows: readonly WalkForwardWindow[];
  readonly objective: Objective;
  /** Finds the best set on `inSample`, which holds the window's in-sample bars and nothing else. */
  readonly optimise: (window: WalkForwardWindow, inSample: Candles) => Promise<InSampleBest>;
  /**
   * Runs `params` over the window's out-of-sample bars. `history` holds every bar up to the
   * out-of-sample end (bar i of history is bar i of the series), so indicators can warm up on
   * earlier bars; trading must start at outOfSample.from.
   */
  readonly runOutOfSample: (window: WalkForwardWindow, params: ParameterSet, history: Candles) => Promise<OutOfSampleRun>;
}

export interface WalkForwardWindowResult {
  readonly window: WalkForwardWindow;
  readonly params: ParameterSet;
  readonly inSampleScore: number | null;
  readonly outOfSampleScore: number | null;
  readonly inSampleAnnualReturnPct: number | null;
  readonly outOfSampleAnnualReturnPct: number | null;
  /** outOfSampleAnnualReturnPct / inSampleAnnualReturnPct; null unless the in-sample one is above 0. */
  readonly efficiency: number | null;
}

export interface WalkForwardResult {
  readonly windows: readonly WalkForwardWindowResult[];
  /** Out-of-sample equity of every window in turn, each continuing from the previous end. */
  readonly equity: Float64Array;
  /** Where each window's out-of-sample part starts in `equity`. */
  readonly equityStarts: readonly number[];
  /** Bar-weighted annualised out-of-sample return over bar-weighted annualised in-sample return. */
  readonly efficiency: number | null;
  /** Each parameter's chosen value per window. */
  readonly parameterPath: Readonly<Record<string, readonly (number | string)[]>>;
}

function metricOf(metrics: SideMetrics, objective: Objective): number | null {
  const value = metrics[objective.metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Annual returns combined as the growth they compound to, weighting each by its bars:
 * exp(Σ wᵢ ln(1 + aᵢ/100)) - 1. Null if any is undefined or at or below -100%.
 */
function weightedAnnualReturn(parts: readonly { readonly pct: number | null; readonly bars: number }[]): number | null {
  let logSum = 0;
  let weight = 0;
  for (const { pct, bars } of parts) {
    if (pct === null || pct <= -100) return null;
    logSum += bars * Math.log1p(pct / 100);
    weight += bars;
  }
  return weight > 0 ? Math.expm1(logSum / weight) * 100 : null;
}

export async function runWalkForward(options: WalkForwardOptions): Promise<WalkForwardResult> {
  const { candles, objective } = options;
  const results: WalkForwardWindowResult[] = [];
  const oosLength = options.windows.reduce((n, w) => n + (w.outOfSample.to - w.outOfSample.from), 0);
  const equity = new Float64Array(oosLength);
  const equityStarts: number[] = [];
  const parameterPath: Record<string, (number | string)[]> = {};
  let offset = 0;
  let level: number | null = null;
  for (const window of options.windows) {
    const best = await options.optimise(window, sliceCandles(candles, window.inSample.from, window.inSample.to));
    const run = await options.runOutOfSample(window, best.params, sliceCandles(candles, 0, window.outOfSample.to));
    const bars = window.outOfSample.to - window.outOfSample.from;
    if (run.equity.length !== bars) {
      throw new RangeError(`window ${window.index}: out-of-sample equity has ${run.equity.length} values for ${bars} bars`);
    }
    // Each window starts from its own initial capital; rescaling makes it continue the curve.
    const start: number = level ?? run.metrics.initialCapital;
    const scale = start / run.metrics.initialCapital;
    equityStarts.push(offset);
    for (let i = 0; i < bars; i++) equity[offset + i] = run.equity[i] * scale;
    offset += bars;
    level = equity[offset - 1];
    const isAnnual = best.metrics.annualReturnPct;
    const oosAnnual = run.metrics.annualReturnPct;
    results.push({
      window,
      params: best.params,
      inSampleScore: metricOf(best.metrics, objective),
      outOfSampleScore: metricOf(run.metrics, objective),
      inSampleAnnualReturnPct: isAnnual,
      outOfSampleAnnualReturnPct: oosAnnual,
      efficiency: isAnnual !== null && isAnnual > 0 && oosAnnual !== null ? oosAnnual / isAnnual : null,
    });
    for (const [name, value] of Object.entries(best.params)) (parameterPath[name] ??= []).push(value);
  }
  const isAnnual = weightedAnnualReturn(
    results.map((r) => ({ pct: r.inSampleAnnualReturnPct, bars: r.window.inSample.to - r.window.inSample.from })),
  );
  const oosAnnual = weightedAnnualReturn(
    results.map((r) => ({ pct: r.outOfSampleAnnualReturnPct, bars: r.window.outOfSample.to - r.window.outOfSample.from })),
  );
  const efficiency = isAnnual !== null && isAnnual > 0 && oosAnnual !== null ? oosAnnual / isAnnual : null;
  return { windows: results, equity, equityStarts, efficiency, parameterPath };
}
