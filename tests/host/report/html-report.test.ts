/**
 * The HTML report of a real run (sma-cross on GOOG-1d): user text escaped exactly, the plots'
 * paths with one point per overview bar and the extremes on the plot's edges, every trade and
 * every metric listed, and nothing that would load or run anything (no script, no URL).
 */
import { describe, expect, it } from 'vitest';
import { type BacktestRun, loadStrategyDocument, runStrategyBacktest } from '../../../src-main/host/backtest/run-backtest.ts';
import { buildRunChart, equityOverview, type EquityOverview } from '../../../src-main/host/core/run-chart.ts';
import { REPORT_EQUITY_POINTS } from '../../../src-main/host/core/run-export.ts';
import type { StoredRun } from '../../../src-main/host/repositories/run-repository.ts';
import { escapeHtml } from '../../../src-main/host/report/html-escape.ts';
import { renderHtmlReport } from '../../../src-main/host/report/html-report.ts';
import { PLOT_FRAME, plotPoints } from '../../../src-main/host/report/svg-plot.ts';
import { METRICS } from '../../../src-shared/run-compare.ts';
import { testSettings } from '../../support/backtest-settings.ts';
import { loadFixtureCandles } from '../../support/fixtures.ts';

const NASTY = `<script>alert("x")</script> & 'sma'`;
const candles = loadFixtureCandles('GOOG-1d.csv');

function report(name: string, maxPoints = REPORT_EQUITY_POINTS): { html: string; run: BacktestRun; equity: EquityOverview } {
  const run = runStrategyBacktest({ strategy: loadStrategyDocument('sma-cross'), candles, settings: testSettings({ takerFee: 0.002 }), dataSource: `GOOG "1d" <csv>` });
  const equity = equityOverview(buildRunChart(run.spec, run.compiled, candles, run.result), maxPoints);
  const manifest = { ...run.manifest, strategyName: name };
  const stored: StoredRun = { id: 'r1', strategyName: name, parameters: manifest.parameters, dataSource: manifest.dataSource, createdAt: Date.UTC(2025, 5, 1, 12, 30), metrics: run.metrics, manifest, trades: [...run.result.trades], warnings: [] };
  return { html: renderHtmlReport({ run: stored, equity }), run, equity };
}

/** The points of the plot path in the SVG of class `tone`. */
function pathPoints(html: string, tone: string): { x: number; y: number }[] {
  const svg = new RegExp(`<svg class="plot ${tone}"[^>]*data-points="(\\d+)"[^>]*>.*?<path class="line" d="([^"]*)"`, 's').exec(html);
  if (svg === null) throw new Error(`no ${tone} plot`);
  const points = [...svg[2].matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  expect(points).toHaveLength(Number(svg[1]));
  return points;
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter, and nothing else', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a> ü`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; ü');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('renderHtmlReport', () => {
  const { html, run, equity } = report(NASTY);

  it('shows user text escaped, never raw', () => {
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;sma&#39;';
    expect(html).toContain(`<title>${escaped} on GOOG &quot;1d&quot; &lt;csv&gt;</title>`);
    expect(html).toContain(`<h1>${escaped} on GOOG &quot;1d&quot; &lt;csv&gt;</h1>`);
    expect(html).not.toContain(NASTY);
    expect(html.toLowerCase()).not.toContain('<script');
  });

  it('loads and runs nothing: no script, no URL, no external reference', () => {
    expect(html.toLowerCase()).not.toMatch(/<script|https?:|src=|href=|@import|url\(/);
  });

  it('plots equity and drawdown with one path point per overview bar, the extremes on the edges', () => {
    for (const [tone, values] of [['equity', equity.equity], ['drawdown', equity.drawdownPct]] as const) {
      const points = pathPoints(html, tone);
      expect(points).toHaveLength(equity.bar.length);
      expect(points).toEqual(plotPoints(equity.time, values));
      const ys = points.map((p) => p.y);
      const xs = points.map((p) => p.x);
      expect(Math.min(...xs)).toBe(PLOT_FRAME.left);
      expect(Math.max(...xs)).toBe(PLOT_FRAME.width - PLOT_FRAME.right);
      expect(Math.min(...ys)).toBe(PLOT_FRAME.top);
      expect(Math.max(...ys)).toBe(PLOT_FRAME.height - PLOT_FRAME.bottom);
      const highest = values.indexOf(Math.max(...values));
      const lowest = values.indexOf(Math.min(...values));
      expect(points[highest].y).toBe(PLOT_FRAME.top);
      expect(points[lowest].y).toBe(PLOT_FRAME.height - PLOT_FRAME.bottom);
    }
    expect(html).toContain('>2004-08-19</text>');
  });

  it('draws a thinned overview point for point', () => {
    const small = report('sma', 200);
    expect(small.equity.bar.length).toBeLessThan(run.result.equity.length);
    expect(pathPoints(small.html, 'equity')).toHaveLength(small.equity.bar.length);
  });

  it('lists every trade, every metric for all, long and short, and the manifest', () => {
    const trades = run.result.trades.length;
    expect(trades).toBe(93);
    expect(html).toContain(`<table class="trades" data-trades="${trades}">`);
    expect(html).toContain(`<h2>Trades (${trades})</h2>`);
    const tradesTable = html.slice(html.indexOf('<table class="trades"'));
    expect(tradesTable.match(/\n<tr><td>/g)).toHaveLength(trades);
    expect(tradesTable).toContain('\n<tr><td>1<td>short<td>');
    for (const { label } of METRICS) expect(html, label).toContain(`<tr><td>${escapeHtml(label)}</td>`);
    // A side without trades has no win rate: shown as a dash, never as null or NaN.
    expect(html).not.toMatch(/>(null|NaN|undefined)</);
    expect(html).toContain('<td>—</td>');
    expect(html).toContain(`<tr><td>Spec hash</td><td>${run.manifest.specHash}</td></tr>`);
    expect(html).toContain(`<tr><td>Data hash</td><td>${run.manifest.dataHash}</td></tr>`);
    expect(html).toContain('<tr><td>Engine version</td><td>0.1.0</td></tr>');
    expect(html).toContain('<tr><td>Parameters</td><td>fast=10, slow=20, direction=both, stopLossPct=0, takeProfitPct=0</td></tr>');
    expect(html).toContain('<tr><td>Setting: takerFee</td><td>0.002</td></tr>');
  });

  it('keeps 100,000 trades to plain rows of under 180 bytes each', () => {
    const trades = Array.from({ length: 100_000 }, () => run.result.trades[0]);
    const stored: StoredRun = { id: 'big', strategyName: 'big', parameters: {}, dataSource: 'x', createdAt: 0, metrics: run.metrics, manifest: run.manifest, trades, warnings: [] };
    const big = renderHtmlReport({ run: stored, equity });
    expect(big.match(/\n<tr><td>/g)).toHaveLength(100_000);
    expect((big.length - html.length) / 100_000).toBeLessThan(180);
  });
});
