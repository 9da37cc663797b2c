/**
 * A chart of one curve per bar under the price chart: the account equity (an area) or its
 * drawdown in percent below the running peak (filled down from zero). It holds the same
 * window of bars as the price chart, so their logical ranges match.
 */
import { AreaSeries, type AutoscaleInfo, BaselineSeries, createChart, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { baseChartOptions, type ChartColours } from './chart-theme.ts';
import { lineData } from './series-data.ts';

export type CurveKind = 'equity' | 'drawdown';

export class CurveChart {
  readonly chart: IChartApi;
  readonly #kind: CurveKind;
  readonly #series: { readonly kind: 'equity'; readonly api: ISeriesApi<'Area'> } | { readonly kind: 'drawdown'; readonly api: ISeriesApi<'Baseline'> };
  #points = 0;

  constructor(element: HTMLElement, kind: CurveKind, colours: ChartColours) {
    this.#kind = kind;
    this.chart = createChart(element, baseChartOptions(colours));
    this.#series =
      kind === 'equity'
        ? { kind, api: this.chart.addSeries(AreaSeries, { lineWidth: 2, priceLineVisible: false }) }
        : {
            kind,
            api: this.chart.addSeries(BaselineSeries, {
              baseValue: { type: 'price', price: 0 },
              lineWidth: 1,
              priceLineVisible: false,
              // The shaded area runs from 0 down to the curve: 0 stays in view so it reads as depth.
              autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => {
                const info = original();
                if (info === null || info.priceRange === null) return info;
                return { ...info, priceRange: { minValue: Math.min(info.priceRange.minValue, 0), maxValue: Math.max(info.priceRange.maxValue, 0) } };
              },
              priceFormat: { type: 'custom', formatter: (value: number) => `${value.toFixed(2)}%` },
            }),
          };
    this.applyColours(colours);
  }

  get points(): number {
    return this.#points;
  }

  setValues(times: Float64Array, values: Float64Array): void {
    this.#series.api.setData(lineData(times, values));
    this.#points = times.length;
  }

  applyColours(colours: ChartColours): void {
    const base = baseChartOptions(colours);
    // Only the bottom chart shows the time axis; the one above would repeat it.
    this.chart.applyOptions({ ...base, timeScale: { ...base.timeScale, visible: this.#kind === 'drawdown' } });
    if (this.#series.kind === 'equity') {
      this.#series.api.applyOptions({ lineColor: colours.equityLine, topColor: colours.equityFill, bottomColor: 'rgba(0,0,0,0)' });
    } else {
      this.#series.api.applyOptions({
        topLineColor: colours.drawdownLine,
        bottomLineColor: colours.drawdownLine,
        topFillColor1: 'rgba(0,0,0,0)',
        topFillColor2: 'rgba(0,0,0,0)',
        bottomFillColor1: colours.drawdownFill,
        bottomFillColor2: colours.drawdownFill,
      });
    }
  }

  dispose(): void {
    this.chart.remove();
  }
}
