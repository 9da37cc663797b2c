/**
 * The saved backtest runs as the windows use them: stored when a backtest job ends (its charts
 * held in memory at once), listed, fetched, deleted, drawn window by window (a run not held is
 * computed again from its replay), exported as files, and put through Monte Carlo.
 */
import { monteCarlo, type MonteCarloMethod, type MonteCarloResult } from '../../../src-engine/optimise/monte-carlo.ts';
import type { CandleStore } from '../store/candle-store.ts';
import { type NewRun, type RunSummary, RunRepository, type StoredRun } from '../repositories/run-repository.ts';
import { replayRun } from './backtest-job.ts';
import { CoreError } from './errors.ts';
import { type ChartWindow, chartWindow, type EquityOverview, equityOverview, type RunChart } from './run-chart.ts';
import { RunChartCache } from './run-chart-cache.ts';
import { exportRun, REPORT_EQUITY_POINTS, type RunExportFormat, type RunFile } from './run-export.ts';

export interface MonteCarloOfRun extends MonteCarloResult {
  readonly trades: number;
  readonly initialCapital: number;
  readonly pnl: readonly number[];
}

function runNotFound(id: string): never {
  throw new CoreError('not-found', `no run ${id}`);
}

export class RunLibrary {
  readonly #runs: RunRepository;
  readonly #charts: RunChartCache;
  readonly #store: CandleStore;

  constructor(store: CandleStore, keepCharts: number) {
    this.#store = store;
    this.#runs = new RunRepository(store.connection);
    this.#charts = new RunChartCache(keepCharts);
  }

  /** Stores a finished run and holds its chart; returns its id. */
  save(run: NewRun, chart: RunChart): string {
    const id = this.#runs.insert(run);
    this.#charts.hold(id, chart);
    return id;
  }

  /** Newest first. */
  list(): RunSummary[] {
    return this.#runs.list();
  }

  get(id: string): StoredRun {
    return this.#runs.get(id) ?? runNotFound(id);
  }

  delete(id: string): boolean {
    this.#charts.drop(id);
    return this.#runs.delete(id);
  }

  chart(id: string): RunChart {
    return this.#charts.get(id, () => {
      const replay = this.#runs.replay(id);
      if (replay === undefined) return runNotFound(id);
      if (replay === null) throw new CoreError('not-found', 'this run was saved by an older version, which kept no chart data; run the backtest again');
      return replayRun(replay, this.#runs.manifest(id) ?? runNotFound(id), this.#store);
    });
  }

  bars(id: string, from: number, to: number): ChartWindow {
    return chartWindow(this.chart(id), from, to);
  }

  /** The last `bars` bars. */
  tail(id: string, bars: number): ChartWindow {
    const chart = this.chart(id);
    const total = chart.equity.length;
    return chartWindow(chart, total - bars, total);
  }

  equity(id: string, maxPoints: number): EquityOverview & { readonly totalBars: number } {
    const chart = this.chart(id);
    return { ...equityOverview(chart, maxPoints), totalBars: chart.equity.length };
  }

  /** The report needs the equity curve; the trades CSV and results JSON need only the stored run. */
  export(id: string, format: RunExportFormat): RunFile {
    const run = this.get(id);
    return exportRun(run, format, format === 'html-report' ? equityOverview(this.chart(id), REPORT_EQUITY_POINTS) : null);
  }

  /** Monte Carlo over the run's closed trades (their pnl, in order), from the run's initial capital. */
  monteCarlo(id: string, method: MonteCarloMethod, simulations: number, seed: number, skipPct?: number): MonteCarloOfRun {
    const run = this.get(id);
    const initialCapital = run.metrics.all.initialCapital;
    const pnl = run.trades.map((t) => t.pnl);
    const result = monteCarlo({ trades: pnl, kind: 'pnl', initialCapital, method, skipPct: method === 'skip' ? (skipPct ?? 10) : undefined, simulations, seed });
    return { ...result, trades: pnl.length, initialCapital, pnl };
  }
}
