/**
 * The HTML report of a backtest that was not saved as a run (`bst backtest --out`): the same
 * report the app exports, from the run in memory, with the same thinned equity curve.
 */
import type { Candles } from '../../../src-engine/candles.ts';
import type { BacktestRun } from '../backtest/run-backtest.ts';
import { buildRunChart, equityOverview } from '../core/run-chart.ts';
import { REPORT_EQUITY_POINTS } from '../core/run-export.ts';
import { renderHtmlReport } from './html-report.ts';

export function backtestReportHtml(run: BacktestRun, candles: Candles, createdAt: number): string {
  const { manifest, metrics } = run;
  const equity = equityOverview(buildRunChart(run.spec, run.compiled, candles, run.result), REPORT_EQUITY_POINTS);
  const stored = {
    id: manifest.specHash,
    strategyName: manifest.strategyName,
    parameters: manifest.parameters,
    dataSource: manifest.dataSource,
    createdAt,
    metrics,
    manifest,
    trades: [...run.result.trades],
    warnings: [...run.result.warnings],
  };
  return renderHtmlReport({ run: stored, equity });
}
