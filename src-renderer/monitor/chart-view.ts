/**
 * The drawing side of a live chart: lightweight-charts candlesticks, a volume histogram at the
 * bottom of the price pane, indicator lines (price-pane ones over the candles, the others in a
 * pane each) and the strategy's marks. It knows nothing of subscriptions: the controller tells
 * it what to draw.
 */
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { LiveCandle } from '../../src-shared/contract/schemas/live.ts';
import type { LiveIndicator, OverlayValues, StrategyMark } from '../../src-engine/for-windows.ts';
import { baseChartOptions, type ChartColours, lineColour } from '../charts/chart-theme.ts';

const VOLUME_SCALE = 'volume';

function seconds(ms: number): UTCTimestamp {
  return (ms / 1000) as UTCTimestamp;
}

interface DrawnIndicator {
  readonly lines: Array<ISeriesApi<'Line'>>;
}

export class ChartView {
  readonly #chart: IChartApi;
  readonly #candles: ISeriesApi<'Candlestick'>;
  readonly #volume: ISeriesApi<'Histogram'>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  #indicators: DrawnIndicator[] = [];
  #colours: ChartColours;

  constructor(element: HTMLElement, colours: ChartColours) {
    this.#colours = colours;
    this.#chart = createChart(element, { ...baseChartOptions(colours), rightPriceScale: { borderColor: colours.border } });
    this.#candles = this.#chart.addSeries(CandlestickSeries, {});
    this.#volume = this.#chart.addSeries(HistogramSeries, { priceScaleId: VOLUME_SCALE, priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    this.#candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.2 } });
    this.#volume.priceScale().applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    this.#markers = createSeriesMarkers(this.#candles, []);
    this.applyColours(colours);
  }

  applyColours(colours: ChartColours): void {
    this.#colours = colours;
    this.#chart.applyOptions(baseChartOptions(colours));
    this.#candles.applyOptions({ upColor: colours.up, downColor: colours.down, borderUpColor: colours.up, borderDownColor: colours.down, wickUpColor: colours.up, wickDownColor: colours.down });
  }

  /** Replaces everything with `candles` (closed then forming), oldest first. */
  setCandles(candles: readonly LiveCandle[]): void {
    this.#candles.setData(candles.map((c) => ({ time: seconds(c.time), open: c.open, high: c.high, low: c.low, close: c.close })));
    this.#volume.setData(candles.map((c) => this.#volumeBar(c)));
  }

  /** A newer candle, or the newest one changed. */
  update(candle: LiveCandle): void {
    const time = seconds(candle.time);
    this.#candles.update({ time, open: candle.open, high: candle.high, low: candle.low, close: candle.close });
    this.#volume.update(this.#volumeBar(candle));
  }

  /** New indicator lines, with their values at each of `times`. */
  setIndicators(indicators: readonly LiveIndicator[], times: readonly number[], values: ReadonlyArray<readonly OverlayValues[]>): void {
    for (const drawn of this.#indicators) for (const line of drawn.lines) this.#chart.removeSeries(line);
    let pane = 0;
    let colour = 0;
    this.#indicators = indicators.map((indicator, k) => {
      const paneIndex = indicator.pane === 'price' ? 0 : ++pane;
      const lines = indicator.outputs.map((output, o) => {
        const line = this.#chart.addSeries(
          LineSeries,
          { color: lineColour(this.#colours, colour++), lineWidth: 1, priceLineVisible: false, lastValueVisible: false, title: indicator.outputs.length > 1 ? output : indicator.kind },
          paneIndex,
        );
        line.setData(times.map((t, i) => linePoint(t, values[k][i][o])));
        return line;
      });
      return { lines };
    });
  }

  /** The indicators' values at the newest bar. */
  updateIndicators(time: number, values: readonly OverlayValues[]): void {
    this.#indicators.forEach((drawn, k) => drawn.lines.forEach((line, o) => line.update(linePoint(time, values[k][o]))));
  }

  setMarks(marks: readonly StrategyMark[]): void {
    const markers: Array<SeriesMarker<Time>> = marks.map((mark) => {
      const long = mark.side === 'long';
      if (mark.action === 'entry') {
        return { time: seconds(mark.time), position: long ? 'belowBar' : 'aboveBar', shape: long ? 'arrowUp' : 'arrowDown', color: long ? this.#colours.up : this.#colours.down, text: long ? 'Long' : 'Short' };
      }
      return { time: seconds(mark.time), position: long ? 'aboveBar' : 'belowBar', shape: 'circle', color: this.#colours.warn, text: `Exit ${mark.reason ?? ''}`.trim() };
    });
    this.#markers.setMarkers(markers);
  }

  dispose(): void {
    this.#markers.detach();
    this.#chart.remove();
  }

  #volumeBar(c: LiveCandle) {
    return { time: seconds(c.time), value: c.volume, color: c.close >= c.open ? this.#colours.upVolume : this.#colours.downVolume };
  }
}

/** A line point; a warm-up value is a whitespace point, so the line starts where values do. */
function linePoint(time: number, value: number) {
  return Number.isFinite(value) ? { time: seconds(time), value } : { time: seconds(time) };
}
