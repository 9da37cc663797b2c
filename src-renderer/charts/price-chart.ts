/**
 * The price chart: candlesticks, volume on its own scale at the bottom of the price pane, the
 * strategy's indicator lines (price-pane ones over the candles, each other indicator in a pane
 * of its own below, its outputs together), the trade markers, and price lines for the selected
 * trade's entry, initial stop and initial target.
 */
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  LineStyle,
  type MouseEventHandler,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { baseChartOptions, type ChartColours, lineColour } from './chart-theme.ts';
import { tradeOfMarker } from './markers.ts';
import { candleData, lineData, volumeData } from './series-data.ts';
import type { IndicatorLine, RunWindow } from './types.ts';

/** The prices a selected trade is drawn with; stop and target are null when it had none. */
export interface TradeLevels {
  readonly entry: number;
  readonly stop: number | null;
  readonly target: number | null;
}

interface IndicatorSeries {
  readonly id: string;
  readonly output: string;
  readonly series: ISeriesApi<'Line'>;
}

const VOLUME_SCALE = 'volume';
/** The price pane gets this many times the height of an indicator pane. */
const PRICE_PANE_STRETCH = 3;

export class PriceChart {
  readonly chart: IChartApi;
  readonly #candles: ISeriesApi<'Candlestick'>;
  readonly #volume: ISeriesApi<'Histogram'>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  readonly #onClick: MouseEventHandler<Time>;
  #lines: IndicatorSeries[] = [];
  #levels: IPriceLine[] = [];
  #colours: ChartColours;
  #bars = 0;
  #markerCount = 0;

  constructor(element: HTMLElement, colours: ChartColours, onMarkerClick: (trade: number) => void) {
    this.#colours = colours;
    this.chart = createChart(element, baseChartOptions(colours));
    this.#candles = this.chart.addSeries(CandlestickSeries, {});
    this.#volume = this.chart.addSeries(HistogramSeries, { priceScaleId: VOLUME_SCALE, priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    // Candles keep clear of the volume band at the bottom of the pane.
    this.#candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.2 } });
    this.#volume.priceScale().applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    this.#markers = createSeriesMarkers(this.#candles, []);
    this.#onClick = (event) => {
      const trade = tradeOfMarker(event.hoveredInfo?.objectId);
      if (trade !== null) onMarkerClick(trade);
    };
    this.chart.subscribeClick(this.#onClick);
    this.applyColours(colours);
  }

  get bars(): number {
    return this.#bars;
  }

  get markerCount(): number {
    return this.#markerCount;
  }

  get lineCount(): number {
    return this.#lines.length;
  }

  /** Creates the indicator series once, from the first window's list of lines. */
  ensureLines(indicators: readonly Pick<IndicatorLine, 'id' | 'output' | 'pane'>[]): void {
    if (this.#lines.length > 0 || indicators.length === 0) return;
    const ownPanes = [...new Set(indicators.filter((line) => line.pane === 'own').map((line) => line.id))];
    const multiOutput = new Set(indicators.filter((line, i) => indicators.findIndex((other) => other.id === line.id) !== i).map((line) => line.id));
    this.#lines = indicators.map((line, n) => ({
      id: line.id,
      output: line.output,
      series: this.chart.addSeries(
        LineSeries,
        { color: lineColour(this.#colours, n), lineWidth: 1, priceLineVisible: false, title: multiOutput.has(line.id) ? `${line.id} ${line.output}` : line.id },
        line.pane === 'own' ? 1 + ownPanes.indexOf(line.id) : 0,
      ),
    }));
    const panes = this.chart.panes();
    panes[0]?.setStretchFactor(PRICE_PANE_STRETCH);
    for (const pane of panes.slice(1)) pane.setStretchFactor(1);
  }

  setWindow(window: RunWindow): void {
    this.ensureLines(window.indicators);
    this.#candles.setData(candleData(window));
    this.#volume.setData(volumeData(window, this.#colours.upVolume, this.#colours.downVolume));
    for (const line of this.#lines) {
      const values = window.indicators.find((candidate) => candidate.id === line.id && candidate.output === line.output)?.values;
      line.series.setData(values === undefined ? [] : lineData(window.candles.time, values));
    }
    this.#bars = window.candles.time.length;
  }

  setMarkers(markers: SeriesMarker<UTCTimestamp>[]): void {
    this.#markers.setMarkers(markers);
    this.#markerCount = markers.length;
  }

  /** Draws the selected trade's levels (or clears them with null). */
  showLevels(levels: TradeLevels | null): void {
    for (const line of this.#levels) this.#candles.removePriceLine(line);
    this.#levels = [];
    if (levels === null) return;
    const { accent, down, up } = this.#colours;
    const add = (price: number, color: string, title: string, lineStyle: LineStyle) =>
      this.#levels.push(this.#candles.createPriceLine({ price, color, title, lineStyle, lineWidth: 1, axisLabelVisible: true }));
    add(levels.entry, accent, 'entry', LineStyle.Solid);
    if (levels.stop !== null) add(levels.stop, down, 'stop', LineStyle.Dashed);
    if (levels.target !== null) add(levels.target, up, 'target', LineStyle.Dashed);
  }

  /** New theme colours; volume bars carry their colour per point, so the caller sets the window again. */
  applyColours(colours: ChartColours): void {
    this.#colours = colours;
    this.chart.applyOptions(baseChartOptions(colours));
    this.#candles.applyOptions({ upColor: colours.up, downColor: colours.down, borderUpColor: colours.up, borderDownColor: colours.down, wickUpColor: colours.up, wickDownColor: colours.down });
    this.#lines.forEach((line, n) => line.series.applyOptions({ color: lineColour(colours, n) }));
  }

  dispose(): void {
    this.chart.unsubscribeClick(this.#onClick);
    this.chart.remove();
  }
}
