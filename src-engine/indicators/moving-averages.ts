/**
 * Moving averages: SMA, EMA and RMA (Wilder), the building blocks most other indicators
 * smooth with. Conventions follow TradingView and TA-Lib: EMA and RMA are seeded with the SMA
 * of their first `period` values, so the first value appears at bar `period - 1` of the source
 * (counted from its first finite value) and nothing is ever seeded with 0. Integer parameters
 * are coerced with `| 0` on entry, for int32 index arithmetic (see oscillators.ts).
 */
import { periodParam } from './params.ts';
import type { IndicatorDefinition, ValueStream } from './types.ts';
import { firstFinite } from './types.ts';
import { sourceIndicator } from './definition-helpers.ts';
import { UndoableRing } from './undoable-ring.ts';

export function sma(source: Float64Array, period: number): Float64Array {
  period |= 0;
  const n = source.length;
  const start = firstFinite(source);
  const first = start + period - 1;
  const out = new Float64Array(n).fill(Number.NaN, 0, first);
  let sum = 0;
  let i = start;
  // Warm-up and steady state in separate loops: no per-bar test of where the window is.
  for (; i < first && i < n; i++) sum += source[i];
  if (i < n) {
    sum += source[i];
    out[i] = sum / period;
  }
  for (i++; i < n; i++) {
    sum += source[i];
    sum -= source[i - period];
    out[i] = sum / period;
  }
  return out;
}

/** Exponential smoothing with factor `alpha`, seeded with the SMA of the first `period` values. */
export function smoothSeededBySma(source: Float64Array, period: number, alpha: number): Float64Array {
  period |= 0;
  const n = source.length;
  const start = firstFinite(source);
  const seedEnd = start + period - 1;
  const out = new Float64Array(n).fill(Number.NaN, 0, seedEnd);
  if (seedEnd >= n) return out;
  let value = seededSmoothingAt(source, start, period, alpha, seedEnd);
  out[seedEnd] = value;
  for (let i = seedEnd + 1; i < n; i++) {
    value += alpha * (source[i] - value);
    out[i] = value;
  }
  return out;
}

/**
 * The value smoothSeededBySma(source, period, alpha) takes at bar `end` (its seed bar or later),
 * by the same operations in the same order, for fused loops that continue from there; `start`
 * is the source's first finite bar.
 */
export function seededSmoothingAt(source: Float64Array, start: number, period: number, alpha: number, end: number): number {
  const seedEnd = start + period - 1;
  let sum = 0;
  for (let i = start; i <= seedEnd; i++) sum += source[i];
  let value = sum / period;
  for (let i = seedEnd + 1; i <= end; i++) value += alpha * (source[i] - value);
  return value;
}

export function ema(source: Float64Array, period: number): Float64Array {
  return smoothSeededBySma(source, period, 2 / (period + 1));
}

export function rma(source: Float64Array, period: number): Float64Array {
  return smoothSeededBySma(source, period, 1 / period);
}

/** Streaming SMA: the running sum updated in the batch version's order, so values match bit for bit. */
export class SmaStream implements ValueStream {
  private readonly ring: UndoableRing;
  private sum = 0;
  private undoSum = 0;

  constructor(period: number) {
    this.ring = new UndoableRing(period);
  }

  push(value: number): number {
    this.undoSum = this.sum;
    const ring = this.ring;
    if (!ring.push(value)) return Number.NaN;
    this.sum += value;
    if (ring.count > ring.period) this.sum -= ring.displaced;
    return ring.full ? this.sum / ring.period : Number.NaN;
  }

  replaceLast(value: number): number {
    this.ring.undo();
    this.sum = this.undoSum;
    return this.push(value);
  }
}

/** Streaming counterpart of smoothSeededBySma. */
export class SeededSmoothingStream implements ValueStream {
  private count = 0;
  private value = 0;
  private undoCount = 0;
  private undoValue = 0;
  private readonly period: number;
  private readonly alpha: number;

  constructor(period: number, alpha: number) {
    this.period = period;
    this.alpha = alpha;
  }

  push(input: number): number {
    this.undoCount = this.count;
    this.undoValue = this.value;
    if (this.count === 0 && !Number.isFinite(input)) return Number.NaN;
    this.count++;
    if (this.count < this.period) {
      this.value += input;
      return Number.NaN;
    }
    if (this.count === this.period) {
      this.value = (this.value + input) / this.period;
      return this.value;
    }
    this.value += this.alpha * (input - this.value);
    return this.value;
  }

  replaceLast(input: number): number {
    this.count = this.undoCount;
    this.value = this.undoValue;
    return this.push(input);
  }
}

export function emaStream(period: number): SeededSmoothingStream {
  return new SeededSmoothingStream(period, 2 / (period + 1));
}

export function rmaStream(period: number): SeededSmoothingStream {
  return new SeededSmoothingStream(period, 1 / period);
}

export const movingAverageIndicators: readonly IndicatorDefinition[] = [
  sourceIndicator({
    kind: 'sma',
    title: 'Simple moving average',
    params: [periodParam(20)],
    pane: 'price',
    batch: (source, [period]) => sma(source, period),
    stream: ([period]) => new SmaStream(period),
  }),
  sourceIndicator({
    kind: 'ema',
    title: 'Exponential moving average',
    params: [periodParam(20)],
    pane: 'price',
    batch: (source, [period]) => ema(source, period),
    stream: ([period]) => emaStream(period),
  }),
  sourceIndicator({
    kind: 'rma',
    title: "Wilder's moving average (RMA, SMMA)",
    params: [periodParam(14)],
    pane: 'price',
    batch: (source, [period]) => rma(source, period),
    stream: ([period]) => rmaStream(period),
  }),
];
