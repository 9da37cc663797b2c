/**
 * Volatility indicators: true range, ATR, Bollinger Bands, standard deviation, Keltner and
 * Donchian channels, and rolling highest/lowest. The computations live in true-range.ts,
 * deviation.ts and rolling-extremes.ts; this module adds Keltner channels and registers all of
 * them. Conventions are documented in docs/indicators.md.
 */
import { periodParam, multiplierParam } from './params.ts';
import { sourceIndicator } from './definition-helpers.ts';
import { ema, emaStream, type SeededSmoothingStream } from './moving-averages.ts';
import { atr, atrSeed, AtrStream, trueRange, trueRangeOf, TrueRangeStream } from './true-range.ts';
import { bollinger, BollingerStream, stdev, WindowStatisticsStream } from './deviation.ts';
import { donchian, DonchianStream, rollingMax, rollingMin, RollingExtremeStream, type Channel } from './rolling-extremes.ts';
import type { Bar, IndicatorDefinition, StreamingIndicator } from './types.ts';

export { atr, AtrStream, trueRange, trueRangeOf, TrueRangeStream } from './true-range.ts';
export { bollinger, BollingerStream, stdev, WindowStatisticsStream, type BollingerBands } from './deviation.ts';
export { donchian, DonchianStream, rollingMax, rollingMin, RollingExtremeStream, type Channel } from './rolling-extremes.ts';

/**
 * Keltner channel: EMA of the source, bands `multiplier` Wilder ATRs away (TradingView's
 * defaults). The ATR is computed inside the band loop, with atr()'s arithmetic, rather than
 * stored in a column of its own.
 */
export function keltner(
  source: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  multiplier: number,
  atrPeriod: number,
): Channel {
  atrPeriod |= 0;
  const n = source.length;
  const middle = ema(source, period);
  const upper = new Float64Array(n).fill(Number.NaN, 0, atrPeriod);
  const lower = new Float64Array(n).fill(Number.NaN, 0, atrPeriod);
  if (atrPeriod >= n) return { upper, middle, lower };
  let range = atrSeed(high, low, close, atrPeriod);
  upper[atrPeriod] = middle[atrPeriod] + multiplier * range;
  lower[atrPeriod] = middle[atrPeriod] - multiplier * range;
  const alpha = 1 / atrPeriod;
  for (let i = atrPeriod + 1; i < n; i++) {
    range += alpha * (trueRangeOf(high[i], low[i], close[i - 1]) - range);
    upper[i] = middle[i] + multiplier * range;
    lower[i] = middle[i] - multiplier * range;
  }
  return { upper, middle, lower };
}

export class KeltnerStream implements StreamingIndicator {
  private readonly average: SeededSmoothingStream;
  private readonly range: AtrStream;
  private readonly multiplier: number;

  constructor(period: number, multiplier: number, atrPeriod: number) {
    this.average = emaStream(period);
    this.range = new AtrStream(atrPeriod);
    this.multiplier = multiplier;
  }

  push(bar: Bar, source: number): readonly number[] {
    return this.bands(this.average.push(source), this.range.push(bar));
  }

  replaceLast(bar: Bar, source: number): readonly number[] {
    return this.bands(this.average.replaceLast(source), this.range.replaceLast(bar));
  }

  private bands(middle: number, range: number): readonly number[] {
    return [middle + this.multiplier * range, middle, middle - this.multiplier * range];
  }
}

export const volatilityIndicators: readonly IndicatorDefinition[] = [
  {
    kind: 'tr',
    title: 'True range',
    params: [],
    outputs: ['value'],
    usesSource: false,
    defaultSource: 'close',
    pane: 'own',
    batch: ({ candles }) => [trueRange(candles.high, candles.low, candles.close)],
    stream: () => {
      const ranges = new TrueRangeStream();
      return { push: (bar) => [ranges.push(bar)], replaceLast: (bar) => [ranges.replaceLast(bar)] };
    },
  },
  {
    kind: 'atr',
    title: 'Average true range (Wilder)',
    params: [periodParam(14)],
    outputs: ['value'],
    usesSource: false,
    defaultSource: 'close',
    pane: 'own',
    batch: ({ candles }, [period]) => [atr(candles.high, candles.low, candles.close, period)],
    stream: ([period]) => {
      const range = new AtrStream(period);
      return { push: (bar) => [range.push(bar)], replaceLast: (bar) => [range.replaceLast(bar)] };
    },
  },
  {
    kind: 'bb',
    title: 'Bollinger Bands',
    params: [periodParam(20), multiplierParam(2, 'multiplier', 'standard deviations from the middle band')],
    outputs: ['upper', 'middle', 'lower', 'percentB', 'bandwidth'],
    usesSource: true,
    defaultSource: 'close',
    pane: 'price',
    batch: ({ source }, [period, multiplier]) => {
      const bands = bollinger(source, period, multiplier);
      return [bands.upper, bands.middle, bands.lower, bands.percentB, bands.bandwidth];
    },
    stream: ([period, multiplier]) => new BollingerStream(period, multiplier),
  },
  sourceIndicator({
    kind: 'stdev',
    title: 'Standard deviation (population)',
    params: [periodParam(20)],
    pane: 'own',
    batch: (source, [period]) => stdev(source, period),
    stream: ([period]) => new WindowStatisticsStream(period),
  }),
  {
    kind: 'keltner',
    title: 'Keltner Channels',
    params: [
      periodParam(20, 'period', 'bars in the EMA middle line'),
      multiplierParam(2, 'multiplier', 'ATRs from the middle line'),
      periodParam(10, 'atrPeriod', 'bars in the ATR'),
    ],
    outputs: ['upper', 'middle', 'lower'],
    usesSource: true,
    defaultSource: 'close',
    pane: 'price',
    batch: ({ candles, source }, [period, multiplier, atrPeriod]) => {
      const channel = keltner(source, candles.high, candles.low, candles.close, period, multiplier, atrPeriod);
      return [channel.upper, channel.middle, channel.lower];
    },
    stream: ([period, multiplier, atrPeriod]) => new KeltnerStream(period, multiplier, atrPeriod),
  },
  {
    kind: 'donchian',
    title: 'Donchian Channels',
    params: [periodParam(20)],
    outputs: ['upper', 'middle', 'lower'],
    usesSource: false,
    defaultSource: 'close',
    pane: 'price',
    batch: ({ candles }, [period]) => {
      const channel = donchian(candles.high, candles.low, period);
      return [channel.upper, channel.middle, channel.lower];
    },
    stream: ([period]) => {
      const channel = new DonchianStream(period);
      return {
        push: (bar) => channel.push(bar.high, bar.low),
        replaceLast: (bar) => channel.replaceLast(bar.high, bar.low),
      };
    },
  },
  {
    ...sourceIndicator({
      kind: 'highest',
      title: 'Highest value',
      params: [periodParam(20)],
      pane: 'price',
      batch: (source, [period]) => rollingMax(source, period),
      stream: ([period]) => new RollingExtremeStream(period, 'max'),
    }),
    defaultSource: 'high',
  },
  {
    ...sourceIndicator({
      kind: 'lowest',
      title: 'Lowest value',
      params: [periodParam(20)],
      pane: 'price',
      batch: (source, [period]) => rollingMin(source, period),
      stream: ([period]) => new RollingExtremeStream(period, 'min'),
    }),
    defaultSource: 'low',
  },
];
