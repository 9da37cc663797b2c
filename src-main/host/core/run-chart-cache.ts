/**
 * The charts of the last few runs opened, in memory: scrolling a chart asks for window after
 * window of the same run, which must not recompute it each time. A run not held is rebuilt
 * (replayed) once and then held; the least recently used one is dropped past the limit, since
 * a 1,000,000-bar run holds about 100 MB of columns.
 */
import type { RunChart } from './run-chart.ts';

export class RunChartCache {
  readonly #charts = new Map<string, RunChart>();
  readonly #keep: number;

  constructor(keep: number) {
    this.#keep = Math.max(1, keep);
  }

  hold(runId: string, chart: RunChart): void {
    this.#charts.delete(runId);
    this.#charts.set(runId, chart);
    for (const oldest of this.#charts.keys()) {
      if (this.#charts.size <= this.#keep) break;
      this.#charts.delete(oldest);
    }
  }

  get(runId: string, rebuild: () => RunChart): RunChart {
    const chart = this.#charts.get(runId) ?? rebuild();
    this.hold(runId, chart);
    return chart;
  }

  drop(runId: string): void {
    this.#charts.delete(runId);
  }
}
