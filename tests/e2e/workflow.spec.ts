/**
 * A trader's first session from end to end, in browser mode against the exchange simulator:
 * download a series, make a strategy from a template and change a parameter, backtest it, find
 * the same metrics as `bst backtest` with the exported spec on the same cache, see the bars and
 * trade markers on the chart, click a trade, run a second variant, compare the two in History
 * and export the report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../src-shared/contract/schemas/settings.ts';
import { runBst } from '../support/cli.ts';
import { DataPage, expect, test } from './fixtures.ts';

const SERIES = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1h' } as const;
const BARS = 7 * 24;

async function runBacktest(page: Page, previousRunId: string | null): Promise<string> {
  await page.keyboard.press('Control+Enter');
  const results = page.getByTestId('run-results');
  if (previousRunId !== null) await expect(results).not.toHaveAttribute('data-run-id', previousRunId);
  await expect(page.getByTestId('metric-netProfit')).toBeVisible();
  await expect(page.getByTestId('run-chart')).toHaveAttribute('data-ready', 'true');
  return (await results.getAttribute('data-run-id')) ?? '';
}

test('download, strategy from a template, backtest equal to the CLI, chart, trade, compare, report', async ({ app }) => {
  const { page } = app;
  const data = new DataPage(page);
  await data.fillDownloadForm(SERIES, '2024-03-01', '2024-03-08');
  await expect(await data.startDownload()).toHaveAttribute('data-state', 'finished');

  await page.keyboard.press('Control+2');
  await page.getByTestId('strategy-new-from-template').click();
  await page.getByTestId('template-option-sma-cross').click();
  await page.getByTestId('param-fast-default').fill('6');
  await page.getByTestId('param-slow-default').fill('15');
  await expect(page.getByTestId('strategy-issues')).toHaveAttribute('data-checking', 'false');
  await expect(page.getByTestId('strategy-issues')).toHaveAttribute('data-count', '0');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('strategy-save-reason')).toHaveText('No unsaved changes');
  const exported = page.waitForEvent('download');
  await page.getByTestId('strategy-export').click();
  const specFile = path.join(app.folder, 'my-strategy.json');
  writeFileSync(specFile, readFileSync(await (await exported).path(), 'utf8'));
  await page.getByTestId('strategy-backtest').click();

  await expect(page.getByTestId('backtest-page')).toBeVisible();
  await expect(page.getByTestId('param-fast')).toHaveValue('6');
  const first = await runBacktest(page, null);
  await expect(page.getByTestId('run-parameters')).toContainText('fast=6, slow=15');

  const fees = DEFAULT_SETTINGS.defaultFees.bybit.linear;
  const out = path.join(app.folder, 'cli');
  const cli = await runBst(
    'backtest', '--exchange', 'bybit', '--market', 'linear', '--symbol', 'BTCUSDT', '--interval', '1h', '--data', app.dataDir,
    '--strategy', specFile, '--fee', String(fees.taker), '--maker-fee', String(fees.maker), '--out', out,
  );
  expect(cli.code, cli.err).toBe(0);
  const metrics = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8')) as { all: Record<string, number | null> };
  for (const name of ['netProfit', 'trades', 'maxDrawdownPct', 'winRatePct', 'sharpe', 'totalFees']) {
    await expect(page.getByTestId(`metric-${name}`), name).toHaveAttribute('data-value', String(metrics.all[name]));
  }
  const trades = Number(metrics.all.trades);
  expect(trades).toBeGreaterThan(2);

  // A week of hours fits in one window: every bar, two markers a trade, the two SMA lines.
  const chart = page.getByTestId('run-chart');
  await expect(chart).toHaveAttribute('data-total-bars', String(BARS));
  await expect(chart).toHaveAttribute('data-bars', String(BARS));
  await expect(chart).toHaveAttribute('data-markers', String(2 * trades));
  await expect(chart).toHaveAttribute('data-indicator-lines', '2');
  await page.getByTestId('trade-row-1').click();
  await expect(chart).toHaveAttribute('data-selected-trade', '1');

  await page.getByTestId('param-fast').fill('4');
  const second = await runBacktest(page, first);
  await expect(page.getByTestId('run-parameters')).toContainText('fast=4, slow=15');
  const secondProfit = Number(await page.getByTestId('metric-netProfit').getAttribute('data-value'));

  await page.keyboard.press('Control+5');
  await page.getByTestId(`history-select-${first}`).click();
  await page.getByTestId(`history-select-${second}`).click();
  await page.getByTestId('history-compare').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  const profit = page.getByTestId('compare-metric-all-netProfit');
  const [a, b] = [Number(await profit.getAttribute('data-a')), Number(await profit.getAttribute('data-b'))];
  expect([a, b].sort()).toEqual([Number(metrics.all.netProfit), secondProfit].sort());
  expect(Number(await profit.getAttribute('data-diff'))).toBeCloseTo(b - a, 9);
  await expect(page.getByTestId('compare-equity-chart')).toHaveAttribute('data-series', '2');

  await page.getByTestId('compare-back').click();
  const report = page.waitForEvent('download');
  await page.getByTestId(`history-export-html-report-${first}`).click();
  const html = readFileSync(await (await report).path(), 'utf8');
  expect(html).toContain('<h1>sma-cross on bybit linear BTCUSDT 1h</h1>');
  expect(html).toContain('<svg class="plot equity"');
  expect(html.match(/\n<tr><td>/g)?.length).toBe(trades);
});
