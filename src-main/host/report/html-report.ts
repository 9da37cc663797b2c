/**
 * A run as one self-contained HTML file (no scripts, no external files): headline metrics,
 * equity and drawdown plots as inline SVG, the metrics of all, long and short trades, the
 * manifest and the trade list. It opens anywhere, prints, and can be mailed.
 */
import { formatMetric, formatParameters } from '../../../src-shared/run-compare.ts';
import type { EquityOverview } from '../core/run-chart.ts';
import type { StoredRun } from '../repositories/run-repository.ts';
import { escapeHtml } from './html-escape.ts';
import { REPORT_CSS } from './report-style.ts';
import { headlineSection, manifestSection, metricsSection, tradesSection } from './report-sections.ts';
import { svgLinePlot } from './svg-plot.ts';
import { utcMinute } from '../../../src-shared/time-text.ts';

export interface ReportInput {
  readonly run: StoredRun;
  /** The equity curve as the charts' overview has it (extremes kept). */
  readonly equity: EquityOverview;
}

export function renderHtmlReport(input: ReportInput): string {
  const { run, equity } = input;
  const title = `${run.strategyName} on ${run.dataSource}`;
  const parameters = formatParameters(run.parameters);
  const { firstBarTime, lastBarTime } = run.manifest;
  const period = firstBarTime === null || lastBarTime === null ? 'no bars' : `${firstBarTime.slice(0, 10)} to ${lastBarTime.slice(0, 10)}`;
  const subtitle = [parameters, period, `created ${utcMinute(run.createdAt)} UTC`].filter((part) => part !== '').join(' · ');
  const plots = [
    svgLinePlot({ title: 'Equity', time: equity.time, values: equity.equity, formatValue: (v) => formatMetric(v, 'money'), tone: 'equity' }),
    svgLinePlot({ title: 'Drawdown (% below the peak)', time: equity.time, values: equity.drawdownPct, formatValue: (v) => formatMetric(v, 'percent'), tone: 'drawdown' }),
  ];
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head><body>`,
    `<header><h1>${escapeHtml(title)}</h1><p class="sub">${escapeHtml(subtitle)}</p></header>`,
    headlineSection(run.metrics.all),
    `<h2>Equity and drawdown</h2>${plots.join('')}`,
    `<h2>Metrics</h2>${metricsSection(run.metrics)}`,
    `<h2>Manifest</h2>${manifestSection(run.manifest, run.createdAt)}`,
    `<h2>Trades (${run.trades.length})</h2>${tradesSection(run.trades)}`,
    '</body></html>',
    '',
  ].join('\n');
}
