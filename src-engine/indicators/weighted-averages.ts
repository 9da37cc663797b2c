/**
 * Moving averages beyond SMA/EMA/RMA: the linearly weighted WMA, Hull's HMA built from it, the
 * volume-weighted VWMA, and the lag-reduced DEMA and TEMA built from chained EMAs. Conventions
 * follow TradingView (and TA-Lib where it has the indicator): every stage starts at the first
 * value of the stage before it, and warm-up is NaN, never 0.
 *
 * Integer parameters are coerced with `| 0` on entry: a number read from an object field that
 * has ever held a fraction (as parameter defaults do) is a double to the JIT, and index
 * arithmetic on doubles measured up to 2x slower.
 */
import { periodParam } from './params.ts';
import type { IndicatorDefinition, ValueStream } from './types.ts';
import { firstFinite } from './types.ts';
import { sourceIndicator } from './definition-helpers.ts';
import { emaStream, type SeededSmoothingStream } from './moving-averages.ts';
import { UndoableRing } from './undoable-ring.ts';

/**
 * Weights 1..period, newest heaviest. The weighted sum is updated in O(1): moving the window
 * one bar adds `period * newest` and takes away the plain sum of the previous window (every
 * remaining value loses one unit of weight, the oldest drops to 0).
 */
export function wma(source: Float64Array, period: number): Float64Array {
  period |= 0;
  const n = source.length;
  const start = firstFinite(source);
  const first = start + period - 1;
  const out = new Float64Array(n).fill(Number.NaN, 0, first);
  const divisor = (period * (period + 1)) / 2;
  let sum = 0;
  let weighted = 0;
  for (let i = start; i < n; i++) {
    const value = source[i];
    weighted += period * value - sum;
    sum += value;
    if (i > first) sum -= source[i - period];
    const average = weighted / divisor;
    if (i >= first) out[i] = average;
  }
  return out;
}

/** Hull's lengths; a 1-bar HMA degenerates to the source itself rather than a 0-bar WMA. */
function hullLengths(period: number): [half: number, root: number] {
  return [Math.max(1, Math.floor(period / 2)), Math.max(1, Math.floor(Math.sqrt(period)))];
}

/** WMA(2 * WMA(n/2) - WMA(n), sqrt(n)), both lengths floored, as TradingView's ta.hma. */
export function hma(source: Float64Array, period: number): Float64Array {
  period |= 0;
  const [half, root] = hullLengths(period);
  return wma(hullRaw(source, half, period), root);
}

/**
 * 2 * WMA(half) - WMA(period), both WMAs run in one loop (wma()'s arithmetic) rather than
 * stored in columns of their own. NaN before the longer one's first value.
 */
function hullRaw(source: Float64Array, half: number, period: number): Float64Array {
  const n = source.length;
  const start = firstFinite(source);
  const first = start + period - 1;
  const out = new Float64Array(n).fill(Number.NaN, 0, first);
  const halfDivisor = (half * (half + 1)) / 2;
  const divisor = (period * (period + 1)) / 2;
  let halfSum = 0;
  let halfWeighted = 0;
  let sum = 0;
  let weighted = 0;
  for (let i = start; i < n; i++) {
    const value = source[i];
    halfWeighted += half * value - halfSum;
    halfSum += value;
    if (i >= start + half) halfSum -= source[i - half];
    weighted += period * value - sum;
    sum += value;
    if (i > first) sum -= source[i - period];
    const raw = 2 * (halfWeighted / halfDivisor) - weighted / divisor;
    if (i >= first) out[i] = raw;
  }
  return out;
}

/**
 * sum(source * volume) / sum(volume). A window whose volume is all zero has no weights, so it
 * falls back to the plain SMA of the source instead of 0/0. Counting the bars with volume
 * detects that exactly, and the volume sums are then reset to 0 so rounding left behind by
 * the running sums cannot masquerade as volume later.
 */
export function vwma(source: Float64Array, volume: Float64Array, period: number): Float64Array {
  period |= 0;
  const n = source.length;
  const start = firstFinite(source);
  const first = start + period - 1;
  const out = new Float64Array(n).fill(Number.NaN, 0, first);
  let priceVolume = 0;
  let volumeSum = 0;
  let priceSum = 0;
  let barsWithVolume = 0;
  for (let i = start; i < n; i++) {
    const value = source[i];
    const vol = volume[i];
    priceVolume += value * vol;
    volumeSum += vol;
    priceSum += value;
    barsWithVolume += +(vol !== 0);
    if (i > first) {
      const oldValue = source[i - period];
      const oldVolume = volume[i - period];
      priceVolume -= oldValue * oldVolume;
      volumeSum -= oldVolume;
      priceSum -= oldValue;
      barsWithVolume -= +(oldVolume !== 0);
    }
    if (barsWithVolume === 0) {
      priceVolume = 0;
      volumeSum = 0;
    }
    // Both means are computed and one is picked: a division inside a branch arm, even a
    // never-taken one, made V8's loop about four times slower.
    const plain = priceSum / period;
    const weighted = priceVolume / volumeSum;
    if (i >= first) out[i] = barsWithVolume === 0 ? plain : weighted;
  }
  return out;
}

/**
 * EMA(source), EMA of that, ... (`stages.length` EMAs, each seeded with the SMA of the first
 * `period` values of the one before, as ema() does) at bar `end`, written to `stages`, by ema()'s
 * operations in its order. Returns false when `end` comes before the last EMA's first value.
 * Lets DEMA and TEMA run their cascades in one loop without a column per stage.
 */
function emaCascadeAt(source: Float64Array, period: number, alpha: number, end: number, stages: Float64Array): boolean {
  const start = firstFinite(source);
  if (end < start + stages.length * (period - 1)) return false;
  const sums = new Float64Array(stages.length);
  for (let i = start; i <= end; i++) {
    let input = source[i];
    for (let k = 0; k < stages.length; k++) {
      const seed = start + (k + 1) * (period - 1);
      if (i < seed) {
        sums[k] += input;
        break;
      }
      if (i === seed) stages[k] = (sums[k] + input) / period;
      else stages[k] += alpha * (input - stages[k]);
      input = stages[k];
    }
  }
  return true;
}

/**
 * 2 * EMA - EMA(EMA); the second EMA starts at the first value of the first. Both EMAs run in
 * one loop (see emaCascadeAt), with the output as the only column.
 */
export function dema(source: Float64Array, period: number): Float64Array {
  period |= 0;
  const n = source.length;
  const first = firstFinite(source) + 2 * (period - 1);
  const out = new Float64Array(n).fill(Number.NaN, 0, first);
  const stages = new Float64Array(2);
  const alpha = 2 / (period + 1);
  if (first >= n || !emaCascadeAt(source, period, alpha, first, stages)) return out;
  let e1 = stages[0];
  let e2 = stages[1];
  out[first] = 2 * e1 - e2;
  for (let i = first + 1; i < n; i++) {
    e1 += alpha * (source[i] - e1);
    e2 += alpha * (e1 - e2);
    out[i] = 2 * e1 - e2;
  }
  return out;
}

/**
 * 3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA)), each EMA starting at the first value of the one
 * before, in one loop as dema().
 */
export function tema(source: Float64Array, period: number): Float64Array {
  period |= 0;
  const n = source.length;
  const first = firstFinite(source) + 3 * (period - 1);
  const out = new Float64Array(n).fill(Number.NaN, 0, first);
  const stages = new Float64Array(3);
  const alpha = 2 / (period + 1);
  if (first >= n || !emaCascadeAt(source, period, alpha, first, stages)) return out;
  let e1 = stages[0];
  let e2 = stages[1];
  let e3 = stages[2];
  out[first] = 3 * e1 - 3 * e2 + e3;
  for (let i = first + 1; i < n; i++) {
    e1 += alpha * (source[i] - e1);
    e2 += alpha * (e1 - e2);
    e3 += alpha * (e2 - e3);
    out[i] = 3 * e1 - 3 * e2 + e3;
  }
  return out;
}

/** Streaming WMA: the batch recurrence over a ring buffer, with an exact undo for replaceLast. */
export class WmaStream implements ValueStream {
  private readonly ring: UndoableRing;
  private readonly divisor: number;
  private sum = 0;
  private weighted = 0;
  private undoSum = 0;
  private undoWeighted = 0;

  constructor(period: number) {
    this.ring = new UndoableRing(period);
    this.divisor = (period * (period + 1)) / 2;
  }

  push(value: number): number {
    this.undoSum = this.sum;
    this.undoWeighted = this.weighted;
    const ring = this.ring;
    if (!ring.push(value)) return Number.NaN;
    this.weighted += ring.period * value - this.sum;
    this.sum += value;
    if (ring.count > ring.period) this.sum -= ring.displaced;
    return ring.full ? this.weighted / this.divisor : Number.NaN;
  }

  replaceLast(value: number): number {
    this.ring.undo();
    this.sum = this.undoSum;
    this.weighted = this.undoWeighted;
    return this.push(value);
  }
}

export class HmaStream implements ValueStream {
  private readonly fast: WmaStream;
  private readonly slow: WmaStream;
  private readonly smooth: WmaStream;

  constructor(period: number) {
    const [half, root] = hullLengths(period);
    this.fast = new WmaStream(half);
    this.slow = new WmaStream(period);
    this.smooth = new WmaStream(root);
  }

  push(value: number): number {
    return this.smooth.push(2 * this.fast.push(value) - this.slow.push(value));
  }

  replaceLast(value: number): number {
    return this.smooth.replaceLast(2 * this.fast.replaceLast(value) - this.slow.replaceLast(value));
  }
}

/** Streaming VWMA; the volume comes with each bar, so it has its own two-argument interface. */
export class VwmaStream {
  private readonly values: Float64Array;
  private readonly volumes: Float64Array;
  private readonly period: number;
  private count = 0;
  private priceVolume = 0;
  private volumeSum = 0;
  private priceSum = 0;
  private barsWithVolume = 0;
  private undoCount = 0;
  private undoPriceVolume = 0;
  private undoVolumeSum = 0;
  private undoPriceSum = 0;
  private undoBarsWithVolume = 0;
  private undoSlotValue = 0;
  private undoSlotVolume = 0;

  constructor(period: number) {
    this.period = period;
    this.values = new Float64Array(period);
    this.volumes = new Float64Array(period);
  }

  push(value: number, volume: number): number {
    this.undoCount = this.count;
    this.undoPriceVolume = this.priceVolume;
    this.undoVolumeSum = this.volumeSum;
    this.undoPriceSum = this.priceSum;
    this.undoBarsWithVolume = this.barsWithVolume;
    if (this.count === 0 && !Number.isFinite(value)) return Number.NaN;
    const slot = this.count % this.period;
    this.undoSlotValue = this.values[slot];
    this.undoSlotVolume = this.volumes[slot];
    this.priceVolume += value * volume;
    this.volumeSum += volume;
    this.priceSum += value;
    if (volume !== 0) this.barsWithVolume++;
    if (this.count >= this.period) {
      const oldValue = this.values[slot];
      const oldVolume = this.volumes[slot];
      this.priceVolume -= oldValue * oldVolume;
      this.volumeSum -= oldVolume;
      this.priceSum -= oldValue;
      if (oldVolume !== 0) this.barsWithVolume--;
    }
    if (this.barsWithVolume === 0) {
      this.priceVolume = 0;
      this.volumeSum = 0;
    }
    this.values[slot] = value;
    this.volumes[slot] = volume;
    this.count++;
    if (this.count < this.period) return Number.NaN;
    return this.barsWithVolume === 0 ? this.priceSum / this.period : this.priceVolume / this.volumeSum;
  }

  replaceLast(value: number, volume: number): number {
    if (this.undoCount !== this.count) {
      const slot = this.undoCount % this.period;
      this.values[slot] = this.undoSlotValue;
      this.volumes[slot] = this.undoSlotVolume;
    }
    this.count = this.undoCount;
    this.priceVolume = this.undoPriceVolume;
    this.volumeSum = this.undoVolumeSum;
    this.priceSum = this.undoPriceSum;
    this.barsWithVolume = this.undoBarsWithVolume;
    return this.push(value, volume);
  }
}

export class DemaStream implements ValueStream {
  private readonly e1: SeededSmoothingStream;
  private readonly e2: SeededSmoothingStream;

  constructor(period: number) {
    this.e1 = emaStream(period);
    this.e2 = emaStream(period);
  }

  push(value: number): number {
    const v1 = this.e1.push(value);
    return 2 * v1 - this.e2.push(v1);
  }

  replaceLast(value: number): number {
    const v1 = this.e1.replaceLast(value);
    return 2 * v1 - this.e2.replaceLast(v1);
  }
}

export class TemaStream implements ValueStream {
  private readonly e1: SeededSmoothingStream;
  private readonly e2: SeededSmoothingStream;
  private readonly e3: SeededSmoothingStream;

  constructor(period: number) {
    this.e1 = emaStream(period);
    this.e2 = emaStream(period);
    this.e3 = emaStream(period);
  }

  push(value: number): number {
    const v1 = this.e1.push(value);
    const v2 = this.e2.push(v1);
    return 3 * v1 - 3 * v2 + this.e3.push(v2);
  }

  replaceLast(value: number): number {
    const v1 = this.e1.replaceLast(value);
    const v2 = this.e2.replaceLast(v1);
    return 3 * v1 - 3 * v2 + this.e3.replaceLast(v2);
  }
}

export const extraMovingAverageIndicators: readonly IndicatorDefinition[] = [
  sourceIndicator({
    kind: 'wma',
    title: 'Weighted moving average',
    params: [periodParam(20)],
    pane: 'price',
    batch: (source, [period]) => wma(source, period),
    stream: ([period]) => new WmaStream(period),
  }),
  sourceIndicator({
    kind: 'hma',
    title: 'Hull moving average',
    params: [periodParam(9)],
    pane: 'price',
    batch: (source, [period]) => hma(source, period),
    stream: ([period]) => new HmaStream(period),
  }),
  {
    kind: 'vwma',
    title: 'Volume-weighted moving average',
    params: [periodParam(20)],
    outputs: ['value'],
    usesSource: true,
    defaultSource: 'close',
    pane: 'price',
    batch: ({ candles, source }, [period]) => [vwma(source, candles.volume, period)],
    stream: ([period]) => {
      const values = new VwmaStream(period);
      return {
        push: (bar, source) => [values.push(source, bar.volume)],
        replaceLast: (bar, source) => [values.replaceLast(source, bar.volume)],
      };
    },
  },
  sourceIndicator({
    kind: 'dema',
    title: 'Double exponential moving average',
    params: [periodParam(20)],
    pane: 'price',
    batch: (source, [period]) => dema(source, period),
    stream: ([period]) => new DemaStream(period),
  }),
  sourceIndicator({
    kind: 'tema',
    title: 'Triple exponential moving average',
    params: [periodParam(20)],
    pane: 'price',
    batch: (source, [period]) => tema(source, period),
    stream: ([period]) => new TemaStream(period),
  }),
];
