/**
 * A saved run as a file the user keeps: the trades as CSV (the same columns `bst backtest
 * --out` writes), the results as JSON (manifest, metrics, trades), or the HTML report. The
 * file name says which strategy ran on which data, and when.
 */
import { tradesCsv } from '../backtest/write-results.ts';
import type { StoredRun } from '../repositories/run-repository.ts';
import { renderHtmlReport } from '../report/html-report.ts';
import type { EquityOverview } from './run-chart.ts';

export type RunExportFormat = 'trades-csv' | 'results-json' | 'html-report';

export interface RunFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly text: string;
}

/** Points of the equity curve a report plots: enough for a page-wide line, small enough to mail. */
export const REPORT_EQUITY_POINTS = 2_000;

/** `equity` is needed for the HTML report only. */
export function exportRun(run: StoredRun, format: RunExportFormat, equity: EquityOverview | null): RunFile {
  const base = fileBase(run);
  switch (format) {
    case 'trades-csv':
      return { fileName: `${base}-trades.csv`, mimeType: 'text/csv', text: tradesCsv(run.trades) };
    case 'results-json':
      return { fileName: `${base}-results.json`, mimeType: 'application/json', text: `${JSON.stringify(resultsJson(run), null, 2)}\n` };
    case 'html-report':
      if (equity === null) throw new Error('the HTML report needs the equity curve');
      return { fileName: `${base}-report.html`, mimeType: 'text/html', text: renderHtmlReport({ run, equity }) };
  }
}

function resultsJson(run: StoredRun) {
  const { id, strategyName, parameters, dataSource, createdAt, manifest, metrics, trades } = run;
  // NaN (an R multiple without a stop) becomes null, as JSON has no NaN.
  return { id, strategyName, parameters, dataSource, createdAt: new Date(createdAt).toISOString(), manifest, metrics, trades };
}

/** "sma-cross_bybit-linear-BTCUSDT-1h_2026-11-21T0930": safe on Windows and everywhere else. */
function fileBase(run: StoredRun): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  const stamp = new Date(run.createdAt).toISOString().slice(0, 16).replace(':', '');
  return `${safe(run.strategyName)}_${safe(run.dataSource)}_${stamp}`;
}
