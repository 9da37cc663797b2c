/**
 * Keeps several charts on one time axis: scrolling or zooming any of them moves the others to
 * the same logical range. All of them hold the same window of bars (one point per bar), so a
 * logical index is the same bar everywhere. An echo of a range just set is recognised and
 * dropped, which ends the ping-pong between charts.
 */
import type { IChartApi, LogicalRange, LogicalRangeChangeEventHandler } from 'lightweight-charts';

const SAME = 1e-6;

function sameLogical(a: LogicalRange | null, b: LogicalRange | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a.from - b.from) < SAME && Math.abs(a.to - b.to) < SAME;
}

export class RangeSync {
  readonly #charts: IChartApi[] = [];
  readonly #handlers = new Map<IChartApi, LogicalRangeChangeEventHandler>();
  #paused = false;

  add(chart: IChartApi): void {
    const handler: LogicalRangeChangeEventHandler = (range) => {
      if (this.#paused || range === null) return;
      for (const other of this.#charts) if (other !== chart) setIfDifferent(other, range);
    };
    this.#charts.push(chart);
    this.#handlers.set(chart, handler);
    chart.timeScale().subscribeVisibleLogicalRangeChange(handler);
  }

  /**
   * Sets every chart to `range` (logical indices; fractions allowed). Unconditionally: a chart
   * applies a range on its next frame, so comparing with what it shows now could keep an older
   * range it was about to apply.
   */
  setAll(range: { readonly from: number; readonly to: number }): void {
    for (const chart of this.#charts) chart.timeScale().setVisibleLogicalRange(range as LogicalRange);
  }

  /** Runs `work` (which may move several charts) without the charts echoing to each other. */
  pausedWhile(work: () => void): void {
    this.#paused = true;
    try {
      work();
    } finally {
      this.#paused = false;
    }
  }

  dispose(): void {
    for (const [chart, handler] of this.#handlers) chart.timeScale().unsubscribeVisibleLogicalRangeChange(handler);
    this.#handlers.clear();
    this.#charts.length = 0;
  }
}

function setIfDifferent(chart: IChartApi, range: LogicalRange): void {
  if (!sameLogical(chart.timeScale().getVisibleLogicalRange(), range)) chart.timeScale().setVisibleLogicalRange(range);
}
