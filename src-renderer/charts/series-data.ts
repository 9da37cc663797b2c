/**
 * A window of bars as lightweight-charts data. The charts' time axis is in UTC seconds; bar
 * times are epoch milliseconds, so they are divided exactly (a 1m bar's open is a whole
 * second). A NaN (an indicator in its warm-up) becomes a whitespace point, so every series
 * has one point per bar and a logical index means the same bar in every series and chart.
 */
import type { CandlestickData, HistogramData, LineData, UTCTimestamp, WhitespaceData } from 'lightweight-charts';
import type { RunWindow } from './types.ts';

function chartTime(epochMs: number): UTCTimestamp {
  return (epochMs / 1000) as UTCTimestamp;
}

/** Bar index of the window's bars by chart time and back, for markers and clicks. */
export class BarTimes {
  readonly from: number;
  readonly #times: Float64Array;

  constructor(window: Pick<RunWindow, 'from'> & { readonly candles: { readonly time: Float64Array } }) {
    this.from = window.from;
    this.#times = window.candles.time;
  }

  get to(): number {
    return this.from + this.#times.length;
  }

  has(bar: number): boolean {
    return bar >= this.from && bar < this.to;
  }

  /** The chart time of a bar inside the window. */
  timeOf(bar: number): UTCTimestamp {
    return chartTime(this.#times[bar - this.from]);
  }
}

export function candleData(window: RunWindow): CandlestickData<UTCTimestamp>[] {
  const { time, open, high, low, close } = window.candles;
  const data = new Array<CandlestickData<UTCTimestamp>>(time.length);
  for (let i = 0; i < time.length; i++) data[i] = { time: chartTime(time[i]), open: open[i], high: high[i], low: low[i], close: close[i] };
  return data;
}

/** Volume bars tinted like their candle (up or down). */
export function volumeData(window: RunWindow, upColour: string, downColour: string): HistogramData<UTCTimestamp>[] {
  const { time, open, close, volume } = window.candles;
  const data = new Array<HistogramData<UTCTimestamp>>(time.length);
  for (let i = 0; i < time.length; i++) data[i] = { time: chartTime(time[i]), value: volume[i], color: close[i] >= open[i] ? upColour : downColour };
  return data;
}

/** One column of values over the window's times; NaN and infinities are whitespace. */
export function lineData(times: Float64Array, values: Float64Array): (LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>)[] {
  const data = new Array<LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>>(times.length);
  for (let i = 0; i < times.length; i++) {
    const time = chartTime(times[i]);
    data[i] = Number.isFinite(values[i]) ? { time, value: values[i] } : { time };
  }
  return data;
}
