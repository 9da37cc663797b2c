/**
 * The report's parts as HTML strings: the headline numbers, the metrics of all, long and short
 * trades side by side, the manifest (what the run was computed from) and the trade list. Every
 * piece of text is escaped here; numbers are formatted as the History page formats them.
 */
import type { SideMetrics } from '../../../src-engine/backtest/metrics.ts';
import type { Trade } from '../../../src-engine/backtest/types.ts';
import { formatMetric, formatParameters, metricInfo, metricKeys, type MetricValues, SIDES } from '../../../src-shared/run-compare.ts';
import type { RunManifest } from '../backtest/manifest.ts';
import type { StoredRun } from '../repositories/run-repository.ts';
import { escapeHtml } from './html-escape.ts';
import { utcMinute } from '../../../src-shared/time-text.ts';

const values = (side: SideMetrics): MetricValues => Object.fromEntries(Object.entries(side));

const HEADLINE = ['netProfit', 'totalReturnPct', 'maxDrawdownPct', 'winRatePct', 'profitFactor', 'sharpe', 'trades', 'finalEquity'] as const;

export function headlineSection(metrics: SideMetrics): string {
  const cells = HEADLINE.map((key) => {
    const info = metricInfo(key);
    const value = metrics[key];
    const tone = key === 'netProfit' || key === 'totalReturnPct' ? (value !== null && value > 0 ? ' class="pos"' : value !== null && value < 0 ? ' class="neg"' : '') : '';
    return `<div><dt>${escapeHtml(info.label)}</dt><dd${tone}>${escapeHtml(formatMetric(value, info.unit))}</dd></div>`;
  });
  return `<dl class="headline">${cells.join('')}</dl>`;
}

export function metricsSection(metrics: StoredRun['metrics']): string {
  const sides = SIDES.map((side) => values(metrics[side]));
  const rows = metricKeys(...sides).map((key) => {
    const info = metricInfo(key);
    const cells = sides.map((side) => `<td>${escapeHtml(formatMetric(side[key] ?? null, info.unit))}</td>`).join('');
    return `<tr><td>${escapeHtml(info.label)}</td>${cells}</tr>`;
  });
  return `<table class="metrics"><thead><tr><th>Metric</th><th>All</th><th>Long</th><th>Short</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function settingText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

export function manifestSection(manifest: RunManifest, createdAt: number): string {
  const period = manifest.firstBarTime === null || manifest.lastBarTime === null ? '—' : `${manifest.firstBarTime} – ${manifest.lastBarTime} (${manifest.bars} bars)`;
  const rows: [string, string][] = [
    ['Strategy', manifest.strategyName],
    ['Parameters', formatParameters(manifest.parameters) || '—'],
    ['Data source', manifest.dataSource],
    ['Period', period],
    ['Engine version', manifest.engineVersion],
    ['Spec hash', manifest.specHash],
    ['Data hash', manifest.dataHash],
    ['Seed', String(manifest.seed)],
    ['Created', `${utcMinute(createdAt)} UTC`],
    ...Object.entries(manifest.settings).map(([key, value]): [string, string] => [`Setting: ${key}`, settingText(value)]),
  ];
  const body = rows.map(([name, value]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(value)}</td></tr>`).join('');
  return `<table class="kv">${body}</table>`;
}

const TRADE_HEADER = ['#', 'Side', 'Qty', 'Entry (UTC)', 'Entry price', 'Exit (UTC)', 'Exit price', 'Fees', 'Funding', 'PnL', 'Return %', 'R', 'MAE %', 'MFE %', 'Bars', 'Exit reason'];

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
/** Ten significant digits: a price or quantity as exact as anyone reads it, without float noise. */
const plain = (value: number) => (Number.isFinite(value) ? String(Number(value.toPrecision(10))) : '—');

/**
 * One plain row per trade with the optional closing tags left out (valid HTML), so a run of
 * 100,000 trades stays a file a browser opens.
 */
export function tradesSection(trades: readonly Trade[]): string {
  if (trades.length === 0) return '<p class="empty">No closed trades.</p>';
  const rows = trades.map((t, i) =>
    [
      i + 1, t.side, plain(t.qty), utcMinute(t.entryTime), plain(t.entryPrice), utcMinute(t.exitTime), plain(t.exitPrice), fixed(t.entryFee + t.exitFee, 2),
      fixed(t.funding, 2), fixed(t.pnl, 2), fixed(t.returnPct, 2), fixed(t.rMultiple, 2), fixed(t.maePct, 2), fixed(t.mfePct, 2), t.barsHeld, escapeHtml(t.exitReason),
    ].join('<td>'),
  );
  return `<div class="wide"><table class="trades" data-trades="${trades.length}"><thead><tr><th>${TRADE_HEADER.join('<th>')}</thead><tbody>\n<tr><td>${rows.join('\n<tr><td>')}\n</tbody></table></div>`;
}
