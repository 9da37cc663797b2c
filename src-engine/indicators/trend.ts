/**
 * Trend indicators: ADX/DMI, SuperTrend, Parabolic SAR, Ichimoku and Heikin-Ashi candles. The
 * larger ones live in their own modules (directional-movement.ts, supertrend.ts,
 * parabolic-sar.ts, ichimoku.ts); this module adds Heikin-Ashi and registers all of them.
 * Conventions are documented in docs/indicators.md.
 */
import { adx, AdxStream } from './directional-movement.ts';
import { ichimoku, IchimokuStream } from './ichimoku.ts';
import { parabolicSar, ParabolicSarStream } from './parabolic-sar.ts';
import { periodParam, multiplierParam } from './params.ts';
import { supertrend, SuperTrendStream } from './supertrend.ts';
import type { Bar, IndicatorDefinition, IndicatorParam, StreamingIndicator } from './types.ts';

export { adx, AdxStream, type DirectionalMovementSeries } from './directional-movement.ts';
export { ichimoku, IchimokuStream, type IchimokuSeries } from './ichimoku.ts';
export { parabolicSar, ParabolicSarStream, type ParabolicSarSeries } from './parabolic-sar.ts';
export { supertrend, SuperTrendStream, type SuperTrendSeries } from './supertrend.ts';

export interface HeikinAshiCandles {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/**
 * Heikin-Ashi candles: close = ohlc4; open = midpoint of the previous HA open and close, seeded
 * with (open + close) / 2 on the first bar; high/low extend the real high/low to cover both.
 */
export function heikinAshi(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): HeikinAshiCandles {
  const n = open.length;
  const haOpen = new Float64Array(n);
  const haHigh = new Float64Array(n);
  const haLow = new Float64Array(n);
  const haClose = new Float64Array(n);
  if (n === 0) return { open: haOpen, high: haHigh, low: haLow, close: haClose };
  const pick = new Float64Array(3);
  // The first bar is peeled off: a loop that reassigned o and c only from the second bar on
  // kept them boxed and ran at half speed.
  let o = (open[0] + close[0]) / 2;
  let c = (open[0] + high[0] + low[0] + close[0]) / 4;
  for (let i = 0; ; ) {
    haOpen[i] = o;
    haClose[i] = c;
    haHigh[i] = largest(pick, high[i], o, c);
    haLow[i] = smallest(pick, low[i], o, c);
    if (++i === n) break;
    o = (o + c) / 2;
    c = (open[i] + high[i] + low[i] + close[i]) / 4;
  }
  return { open: haOpen, high: haHigh, low: haLow, close: haClose };
}

/**
 * Math.max(a, b, c) for finite numbers, without a branch: the comparisons index a scratch array
 * holding the candidates. HA bodies change colour every few bars and the real high often falls
 * inside the body, so branches (Math.max's too) were mispredicted; this measured faster.
 */
function largest(pick: Float64Array, a: number, b: number, c: number): number {
  pick[0] = a;
  pick[1] = b;
  pick[2] = c;
  const k = +(b > a);
  return pick[k + (2 - k) * +(c > pick[k])];
}

/** Math.min(a, b, c) for finite numbers, as largest(). */
function smallest(pick: Float64Array, a: number, b: number, c: number): number {
  pick[0] = a;
  pick[1] = b;
  pick[2] = c;
  const k = +(b < a);
  return pick[k + (2 - k) * +(c < pick[k])];
}

/** Live Heikin-Ashi: outputs [open, high, low, close]. */
export class HeikinAshiStream implements StreamingIndicator {
  /** HA open and close of the bar before the forming one (NaN while the forming bar is the first). */
  private previousOpen = Number.NaN;
  private previousClose = Number.NaN;
  private formingOpen = Number.NaN;
  private formingClose = Number.NaN;
  private undoPreviousOpen = Number.NaN;
  private undoPreviousClose = Number.NaN;

  push(bar: Bar): readonly number[] {
    this.undoPreviousOpen = this.previousOpen;
    this.undoPreviousClose = this.previousClose;
    this.previousOpen = this.formingOpen;
    this.previousClose = this.formingClose;
    const c = (bar.open + bar.high + bar.low + bar.close) / 4;
    const o = Number.isNaN(this.previousOpen) ? (bar.open + bar.close) / 2 : (this.previousOpen + this.previousClose) / 2;
    this.formingOpen = o;
    this.formingClose = c;
    return [o, Math.max(bar.high, o, c), Math.min(bar.low, o, c), c];
  }

  replaceLast(bar: Bar): readonly number[] {
    this.formingOpen = this.previousOpen;
    this.formingClose = this.previousClose;
    this.previousOpen = this.undoPreviousOpen;
    this.previousClose = this.undoPreviousClose;
    return this.push(bar);
  }
}

function factorParam(name: string, defaultValue: number, description: string): IndicatorParam {
  return { name, default: defaultValue, min: 0, max: 1, integer: false, description };
}

export const trendIndicators: readonly IndicatorDefinition[] = [
  {
    kind: 'adx',
    title: 'Average directional index (DMI)',
    params: [periodParam(14)],
    outputs: ['adx', 'plusDi', 'minusDi', 'dx'],
    usesSource: false,
    defaultSource: 'close',
    pane: 'own',
    batch: ({ candles }, [period]) => {
      const series = adx(candles.high, candles.low, candles.close, period);
      return [series.adx, series.plusDi, series.minusDi, series.dx];
    },
    stream: ([period]) => new AdxStream(period),
  },
  {
    kind: 'supertrend',
    title: 'SuperTrend',
    params: [periodParam(10, 'atrPeriod', 'bars in the ATR'), multiplierParam(3, 'multiplier', 'ATRs from hl2 to the bands')],
    outputs: ['value', 'direction'],
    usesSource: false,
    defaultSource: 'close',
    pane: 'price',
    batch: ({ candles }, [atrPeriod, multiplier]) => {
      const series = supertrend(candles.high, candles.low, candles.close, atrPeriod, multiplier);
      return [series.value, series.direction];
    },
    stream: ([atrPeriod, multiplier]) => new SuperTrendStream(atrPeriod, multiplier),
  },
  {
    kind: 'psar',
    title: 'Parabolic SAR',
    params: [
      factorParam('start', 0.02, 'acceleration factor at the start of a trend'),
      factorParam('increment', 0.02, 'acceleration added at each new extreme'),
      factorParam('maximum', 0.2, 'largest acceleration factor'),
    ],
    outputs: ['value', 'direction'],
    usesSource: false,
    defaultSource: 'close',
    pane: 'price',
    batch: ({ candles }, [start, increment, maximum]) => {
      const series = parabolicSar(candles.high, candles.low, candles.close, start, increment, maximum);
      return [series.value, series.direction];
    },
    stream: ([start, increment, maximum]) => new ParabolicSarStream(start, increment, maximum),
  },
  {
    kind: 'ichimoku',
    title: 'Ichimoku Cloud',
    params: [
      periodParam(9, 'conversionPeriod', 'bars in the conversion line (tenkan)'),
      periodParam(26, 'basePeriod', 'bars in the base line (kijun)'),
      periodParam(52, 'spanBPeriod', 'bars in leading span B'),
      periodParam(26, 'displacement', 'bars the leading spans are drawn ahead, counting the current bar'),
    ],
    outputs: ['conversion', 'base', 'spanA', 'spanB', 'lagging'],
    usesSource: false,
    defaultSource: 'close',
    pane: 'price',
    batch: ({ candles }, [conversionPeriod, basePeriod, spanBPeriod, displacement]) => {
      const lines = ichimoku(candles.high, candles.low, candles.close, conversionPeriod, basePeriod, spanBPeriod, displacement);
      return [lines.conversion, lines.base, lines.spanA, lines.spanB, lines.lagging];
    },
    stream: ([conversionPeriod, basePeriod, spanBPeriod, displacement]) =>
      new IchimokuStream(conversionPeriod, basePeriod, spanBPeriod, displacement),
  },
  {
    kind: 'ha',
    title: 'Heikin-Ashi candles',
    params: [],
    outputs: ['open', 'high', 'low', 'close'],
    usesSource: false,
    defaultSource: 'close',
    pane: 'price',
    batch: ({ candles }) => {
      const ha = heikinAshi(candles.open, candles.high, candles.low, candles.close);
      return [ha.open, ha.high, ha.low, ha.close];
    },
    stream: () => new HeikinAshiStream(),
  },
];
