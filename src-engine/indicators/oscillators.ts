/**
 * Oscillators drawn in their own pane: RSI, MACD, the stochastic and stochastic RSI here, and
 * (re-exported from momentum-oscillators.ts so the registry has a single list) CCI,
 * Williams %R, ROC, momentum and MFI. Conventions follow TradingView, which agrees with
 * TA-Lib on these except where noted at the function.
 *
 * Integer parameters are coerced with `| 0` on entry: a number read from an object field that
 * has ever held a fraction (as parameter defaults do) is a double to the JIT, and index
 * arithmetic on doubles measured up to 2x slower.
 */
import { periodParam } from './params.ts';
import type { IndicatorDefinition, ValueStream } from './types.ts';
import { firstFinite, nanArray } from './types.ts';
import { sourceIndicator } from './definition-helpers.ts';
import { emaStream, rmaStream, seededSmoothingAt, SmaStream, type SeededSmoothingStream } from './moving-averages.ts';
import { momentumOscillatorIndicators } from './momentum-oscillators.ts';
import { RollingRange } from './rolling-extremes.ts';
import { completeHighLow, firstCompleteBar, positionInRange, RangeWindowStream } from './rolling-windows.ts';

export { cci, momentum, moneyFlowIndex, rateOfChange, williamsR } from './momentum-oscillators.ts';

/**
 * Wilder's RSI: gains and losses of the source smoothed by RMA, each seeded with the simple
 * average of the first `period` changes, so the first value is at bar `period` (counted from
 * the first finite value). 100 * gain / (gain + loss); when both are 0 (no change at all since
 * the start) it is 50. TradingView reports 100 there and TA-Lib 0, but a market that has not
 * moved is neither overbought nor oversold, and 50 is what keeps it out of either signal.
 * The arithmetic is exactly that of two RMA streams, so the live value is the batch value.
 */
export function rsi(source: Float64Array, period: number): Float64Array {
  period |= 0;
  const n = source.length;
  const out = nanArray(n);
  const start = firstFinite(source);
  const seedEnd = start + period;
  if (seedEnd >= n) return out;
  let gain = 0;
  let loss = 0;
  for (let i = start + 1; i < seedEnd; i++) {
    const change = source[i] - source[i - 1];
    gain += gainOf(change);
    loss += lossOf(change);
  }
  const lastChange = source[seedEnd] - source[seedEnd - 1];
  gain = (gain + gainOf(lastChange)) / period;
  loss = (loss + lossOf(lastChange)) / period;
  out[seedEnd] = rsiValue(gain, loss);
  const alpha = 1 / period;
  for (let i = seedEnd + 1; i < n; i++) {
    const change = source[i] - source[i - 1];
    gain += alpha * (gainOf(change) - gain);
    loss += alpha * (lossOf(change) - loss);
    out[i] = rsiValue(gain, loss);
  }
  return out;
}

/**
 * max(change, 0) and max(-change, 0) without a branch (the sign of a price change is a coin
 * flip a branch predictor cannot learn); both are exact: x + |x| is 2x or 0.
 */
function gainOf(change: number): number {
  return 0.5 * (change + Math.abs(change));
}

function lossOf(change: number): number {
  return 0.5 * (Math.abs(change) - change);
}

/** The ratio is taken first so that rounding cannot carry RSI past 100. */
function rsiValue(gain: number, loss: number): number {
  const total = gain + loss;
  return total === 0 ? 50 : 100 * (gain / total);
}

export class RsiStream implements ValueStream {
  private readonly gains: SeededSmoothingStream;
  private readonly losses: SeededSmoothingStream;
  private started = false;
  private previous = Number.NaN;
  private undoStarted = false;
  private undoPrevious = Number.NaN;

  constructor(period: number) {
    this.gains = rmaStream(period);
    this.losses = rmaStream(period);
  }

  push(value: number): number {
    this.undoStarted = this.started;
    this.undoPrevious = this.previous;
    const [gain, loss] = this.advance(value);
    return rsiValue(this.gains.push(gain), this.losses.push(loss));
  }

  replaceLast(value: number): number {
    this.started = this.undoStarted;
    this.previous = this.undoPrevious;
    const [gain, loss] = this.advance(value);
    return rsiValue(this.gains.replaceLast(gain), this.losses.replaceLast(loss));
  }

  /** The gain and loss since the previous value; NaN before there is one, leaving the RMAs unseeded. */
  private advance(value: number): [gain: number, loss: number] {
    if (!this.started) {
      this.started = Number.isFinite(value);
      this.previous = value;
      return [Number.NaN, Number.NaN];
    }
    const change = value - this.previous;
    this.previous = value;
    return [gainOf(change), lossOf(change)];
  }
}

/**
 * MACD line = EMA(fast) - EMA(slow), signal = EMA(signal) of the MACD line starting at its
 * first value, histogram = line - signal. Every EMA is seeded with the SMA of its own first
 * values (TradingView); TA-Lib instead starts both price EMAs on the same bar, so its first
 * values differ until the seeds have decayed (~100 bars).
 */
export function macd(
  source: Float64Array,
  fast: number,
  slow: number,
  signal: number,
): [macd: Float64Array, signal: Float64Array, histogram: Float64Array] {
  fast |= 0;
  slow |= 0;
  signal |= 0;
  const n = source.length;
  const start = firstFinite(source);
  const lineStart = start + Math.max(fast, slow) - 1;
  const signalStart = lineStart + signal - 1;
  const line = new Float64Array(n).fill(Number.NaN, 0, lineStart);
  const signalLine = new Float64Array(n).fill(Number.NaN, 0, signalStart);
  const histogram = new Float64Array(n).fill(Number.NaN, 0, signalStart);
  if (lineStart >= n) return [line, signalLine, histogram];
  // One pass for the three EMAs, with ema()'s operations in its order (the seeds included).
  const fastAlpha = 2 / (fast + 1);
  const slowAlpha = 2 / (slow + 1);
  const signalAlpha = 2 / (signal + 1);
  let fastValue = seededSmoothingAt(source, start, fast, fastAlpha, lineStart);
  let slowValue = seededSmoothingAt(source, start, slow, slowAlpha, lineStart);
  let value = fastValue - slowValue;
  line[lineStart] = value;
  let signalValue = value;
  let i = lineStart + 1;
  for (; i <= signalStart && i < n; i++) {
    const price = source[i];
    fastValue += fastAlpha * (price - fastValue);
    slowValue += slowAlpha * (price - slowValue);
    value = fastValue - slowValue;
    line[i] = value;
    signalValue += value;
  }
  if (signalStart >= n) return [line, signalLine, histogram];
  signalValue /= signal;
  signalLine[signalStart] = signalValue;
  histogram[signalStart] = value - signalValue;
  for (; i < n; i++) {
    const price = source[i];
    fastValue += fastAlpha * (price - fastValue);
    slowValue += slowAlpha * (price - slowValue);
    value = fastValue - slowValue;
    signalValue += signalAlpha * (value - signalValue);
    line[i] = value;
    signalLine[i] = signalValue;
    histogram[i] = value - signalValue;
  }
  return [line, signalLine, histogram];
}

export class MacdStream {
  private readonly fast: SeededSmoothingStream;
  private readonly slow: SeededSmoothingStream;
  private readonly signal: SeededSmoothingStream;

  constructor(fast: number, slow: number, signal: number) {
    this.fast = emaStream(fast);
    this.slow = emaStream(slow);
    this.signal = emaStream(signal);
  }

  push(value: number): number[] {
    const line = this.fast.push(value) - this.slow.push(value);
    const signal = this.signal.push(line);
    return [line, signal, line - signal];
  }

  replaceLast(value: number): number[] {
    const line = this.fast.replaceLast(value) - this.slow.replaceLast(value);
    const signal = this.signal.replaceLast(line);
    return [line, signal, line - signal];
  }
}

/**
 * Stochastic oscillator: raw %K = 100 * (close - lowest low) / (highest high - lowest low)
 * over `kPeriod` bars, %K = SMA(raw, kSmoothing) (1 gives the fast stochastic), %D =
 * SMA(%K, dPeriod). A window with no range (see positionInRange) gives raw 50, the middle;
 * TA-Lib gives 0, and TradingView divides by zero. Leading NaN in the inputs is warm-up, so
 * the stochastic of an indicator (stochastic RSI) starts at the indicator's first value.
 */
export function stochastic(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  kPeriod: number,
  kSmoothing: number,
  dPeriod: number,
): [k: Float64Array, d: Float64Array] {
  const n = close.length;
  const start = firstCompleteBar(high, low, close);
  const range = new RollingRange(high, low, start, kPeriod);
  const smoothing = new StochasticSmoothing(range, close, start + range.period - 1, kSmoothing, dPeriod);
  for (let from = start; from < n; from += range.chunkBars) smoothing.fill(from, from + range.fill(from));
  return [smoothing.k, smoothing.d];
}

/**
 * Raw %K, %K and %D of the bars of each RollingRange chunk (see RollingRange on why per chunk),
 * in one pass: the raw values the %K sum must take away are kept in a ring, the %K values the
 * %D sum takes away are read back from k. The bars up to the first %D have a loop of their
 * own, so that the steady loop has no branch around its divisions (V8 ran it markedly slower
 * with one).
 */
class StochasticSmoothing {
  readonly k: Float64Array;
  readonly d: Float64Array;
  private readonly range: RollingRange;
  private readonly close: Float64Array;
  private readonly rawFirst: number;
  private readonly kFirst: number;
  private readonly dFirst: number;
  private readonly kSmoothing: number;
  private readonly dPeriod: number;
  private readonly raws: Float64Array;
  private slot = 0;
  private kSum = 0;
  private dSum = 0;

  constructor(range: RollingRange, close: Float64Array, rawFirst: number, kSmoothing: number, dPeriod: number) {
    kSmoothing |= 0;
    dPeriod |= 0;
    const n = close.length;
    this.range = range;
    this.close = close;
    this.rawFirst = rawFirst;
    this.kFirst = rawFirst + kSmoothing - 1;
    this.dFirst = this.kFirst + dPeriod - 1;
    this.kSmoothing = kSmoothing;
    this.dPeriod = dPeriod;
    this.raws = new Float64Array(kSmoothing);
    this.k = new Float64Array(n).fill(Number.NaN, 0, this.kFirst);
    this.d = new Float64Array(n).fill(Number.NaN, 0, this.dFirst);
  }

  fill(from: number, end: number): void {
    const { range, close, k, d, raws, kSmoothing, dPeriod, kFirst, dFirst } = this;
    let { slot, kSum, dSum } = this;
    let i = Math.max(from, this.rawFirst);
    let r = range.index(from, i);
    for (; i < end && i <= dFirst; i++, r += 4) {
      const raw = positionInRange(range.highest(r), range.lowest(r), close[i]);
      kSum += raw;
      if (i > kFirst) kSum -= raws[slot];
      raws[slot] = raw;
      slot = slot + 1 === kSmoothing ? 0 : slot + 1;
      if (i < kFirst) continue;
      const smoothed = smoothedPercent(raw, kSum, kSmoothing);
      k[i] = smoothed;
      dSum += smoothed;
      if (i === dFirst) d[i] = smoothedPercent(smoothed, dSum, dPeriod);
    }
    for (; i < end; i++, r += 4) {
      const raw = positionInRange(range.highest(r), range.lowest(r), close[i]);
      kSum += raw;
      kSum -= raws[slot];
      raws[slot] = raw;
      slot = slot + 1 === kSmoothing ? 0 : slot + 1;
      const smoothed = smoothedPercent(raw, kSum, kSmoothing);
      k[i] = smoothed;
      dSum += smoothed;
      dSum -= k[i - dPeriod];
      d[i] = smoothedPercent(smoothed, dSum, dPeriod);
    }
    this.slot = slot;
    this.kSum = kSum;
    this.dSum = dSum;
  }
}

/**
 * The SMA of percentages whose latest value is `latest` and whose running sum over `period`
 * values is `sum` (SmaStream's running sum), clamped to [0, 100] because a running sum can drift
 * a few ulps outside; a 1-bar SMA is the latest value unchanged, not a sum that has added and
 * taken away every earlier value.
 */
function smoothedPercent(latest: number, sum: number, period: number): number {
  const mean = clampPercent(sum / period);
  return period === 1 ? latest : mean;
}

function clampPercent(value: number): number {
  return value > 100 ? 100 : value < 0 ? 0 : value;
}

/** Streaming form of the %K and %D smoothing in stochastic(). */
class PercentSmaStream implements ValueStream {
  private readonly sums: SmaStream;
  private readonly period: number;

  constructor(period: number) {
    this.period = period;
    this.sums = new SmaStream(period);
  }

  push(value: number): number {
    const mean = this.sums.push(value);
    return this.period === 1 ? value : clampPercent(mean);
  }

  replaceLast(value: number): number {
    const mean = this.sums.replaceLast(value);
    return this.period === 1 ? value : clampPercent(mean);
  }
}

export class StochasticStream {
  private readonly range: RangeWindowStream;
  private readonly k: PercentSmaStream;
  private readonly d: PercentSmaStream;

  constructor(kPeriod: number, kSmoothing: number, dPeriod: number) {
    this.range = new RangeWindowStream(kPeriod);
    this.k = new PercentSmaStream(kSmoothing);
    this.d = new PercentSmaStream(dPeriod);
  }

  push(high: number, low: number, close: number): number[] {
    const [highest, lowest] = this.range.push(...completeHighLow(high, low, close));
    const k = this.k.push(positionInRange(highest, lowest, close));
    return [k, this.d.push(k)];
  }

  replaceLast(high: number, low: number, close: number): number[] {
    const [highest, lowest] = this.range.replaceLast(...completeHighLow(high, low, close));
    const k = this.k.replaceLast(positionInRange(highest, lowest, close));
    return [k, this.d.replaceLast(k)];
  }
}

/**
 * Stochastic RSI as TradingView draws it: the stochastic of RSI values (RSI as high, low and
 * close) over `stochPeriod`, %K smoothed by `kSmoothing`, %D = SMA(%K, dPeriod).
 */
export function stochasticRsi(
  source: Float64Array,
  rsiPeriod: number,
  stochPeriod: number,
  kSmoothing: number,
  dPeriod: number,
): [k: Float64Array, d: Float64Array] {
  const values = rsi(source, rsiPeriod);
  return stochastic(values, values, values, stochPeriod, kSmoothing, dPeriod);
}

export class StochasticRsiStream {
  private readonly rsi: RsiStream;
  private readonly stochastic: StochasticStream;

  constructor(rsiPeriod: number, stochPeriod: number, kSmoothing: number, dPeriod: number) {
    this.rsi = new RsiStream(rsiPeriod);
    this.stochastic = new StochasticStream(stochPeriod, kSmoothing, dPeriod);
  }

  push(value: number): number[] {
    const strength = this.rsi.push(value);
    return this.stochastic.push(strength, strength, strength);
  }

  replaceLast(value: number): number[] {
    const strength = this.rsi.replaceLast(value);
    return this.stochastic.replaceLast(strength, strength, strength);
  }
}

const coreOscillatorIndicators: readonly IndicatorDefinition[] = [
  sourceIndicator({
    kind: 'rsi',
    title: 'Relative strength index',
    params: [periodParam(14)],
    pane: 'own',
    batch: (source, [period]) => rsi(source, period),
    stream: ([period]) => new RsiStream(period),
  }),
  {
    kind: 'macd',
    title: 'MACD',
    params: [
      periodParam(12, 'fast', 'bars in the fast EMA'),
      periodParam(26, 'slow', 'bars in the slow EMA'),
      periodParam(9, 'signal', 'bars in the signal EMA of the MACD line'),
    ],
    outputs: ['macd', 'signal', 'histogram'],
    usesSource: true,
    defaultSource: 'close',
    pane: 'own',
    batch: ({ source }, [fast, slow, signal]) => macd(source, fast, slow, signal),
    stream: ([fast, slow, signal]) => {
      const values = new MacdStream(fast, slow, signal);
      return {
        push: (_bar, source) => values.push(source),
        replaceLast: (_bar, source) => values.replaceLast(source),
      };
    },
  },
  {
    kind: 'stoch',
    title: 'Stochastic oscillator',
    params: [
      periodParam(14, 'kPeriod', 'bars in the high-low window'),
      periodParam(3, 'kSmoothing', 'bars in the SMA of raw %K (1 = fast stochastic)'),
      periodParam(3, 'dPeriod', 'bars in the SMA of %K that gives %D'),
    ],
    outputs: ['k', 'd'],
    usesSource: false,
    defaultSource: 'close',
    pane: 'own',
    batch: ({ candles }, [kPeriod, kSmoothing, dPeriod]) =>
      stochastic(candles.high, candles.low, candles.close, kPeriod, kSmoothing, dPeriod),
    stream: ([kPeriod, kSmoothing, dPeriod]) => {
      const values = new StochasticStream(kPeriod, kSmoothing, dPeriod);
      return {
        push: (bar) => values.push(bar.high, bar.low, bar.close),
        replaceLast: (bar) => values.replaceLast(bar.high, bar.low, bar.close),
      };
    },
  },
  {
    kind: 'stochrsi',
    title: 'Stochastic RSI',
    params: [
      periodParam(14, 'rsiPeriod', 'bars in the RSI'),
      periodParam(14, 'stochPeriod', 'RSI values in the high-low window'),
      periodParam(3, 'kSmoothing', 'bars in the SMA of raw %K'),
      periodParam(3, 'dPeriod', 'bars in the SMA of %K that gives %D'),
    ],
    outputs: ['k', 'd'],
    usesSource: true,
    defaultSource: 'close',
    pane: 'own',
    batch: ({ source }, [rsiPeriod, stochPeriod, kSmoothing, dPeriod]) =>
      stochasticRsi(source, rsiPeriod, stochPeriod, kSmoothing, dPeriod),
    stream: ([rsiPeriod, stochPeriod, kSmoothing, dPeriod]) => {
      const values = new StochasticRsiStream(rsiPeriod, stochPeriod, kSmoothing, dPeriod);
      return {
        push: (_bar, source) => values.push(source),
        replaceLast: (_bar, source) => values.replaceLast(source),
      };
    },
  },
];

export const oscillatorIndicators: readonly IndicatorDefinition[] = [
  ...coreOscillatorIndicators,
  ...momentumOscillatorIndicators,
];
