/**
 * The History page against real saved runs: two backtests started through the web host's
 * contract (as the Backtest page starts them) on CSV fixtures over different periods. The list
 * shows them (the second appears by itself when its job finishes), the compare view's metric
 * differences equal B − A of runs.get for every metric of all, long and short trades and its
 * chart draws both curves, the HTML report and the trades CSV download, and a deleted run is
 * gone after a reload.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { createRpcClient, type WorkstationClient, webSocketUrl, workstationContract } from '../../src-shared/contract/index.ts';
import { connectWebSocketTransport } from '../../src-shared/contract/transports/websocket-client.ts';
import { fixturePath } from '../support/fixtures.ts';
import { expect, test } from './fixtures.ts';

/** The CLI's trades.csv header (see tests/cli/backtest.test.ts). */
const TRADES_HEADER = 'side,qty,entry_bar,entry_time,entry_price,exit_bar,exit_time,exit_price,fees,entry_fee,exit_fee,funding,pnl,return_pct,r_multiple,mae_pct,mfe_pct,bars_held,exit_reason';

async function contractClient(port: number, token: string): Promise<WorkstationClient> {
  const socket = new WebSocket(webSocketUrl(`ws://127.0.0.1:${port}`, token), { origin: `http://127.0.0.1:${port}` });
  return createRpcClient(workstationContract, await connectWebSocketTransport(socket), { validateOutput: true });
}

/** Runs a template on a fixture CSV through backtest.start and returns the saved run's id. */
async function backtest(client: WorkstationClient, template: string, csv: string, params: Record<string, number>): Promise<string> {
  const finished = new Promise<string>((resolve, reject) => {
    const stop = client.on('job.finished', (event) => {
      stop();
      if (event.ok && event.kind === 'backtest') resolve(event.result.runId);
      else reject(new Error(`backtest failed: ${JSON.stringify(event)}`));
    });
  });
  await client.call('backtest.start', { strategy: { template }, params, data: { csvPath: fixturePath(csv) }, settings: { takerFee: 0.001 } });
  return finished;
}

async function openHistory(page: Page): Promise<void> {
  await page.keyboard.press('Control+5');
  await expect(page.getByTestId('page-history')).toBeVisible();
}

test('lists, compares, exports and deletes saved runs', async ({ app }) => {
  const { page, host } = app;
  const client = await contractClient(host.port, host.token);
  try {
    const idA = await backtest(client, 'sma-cross', 'GOOG-1d.csv', { fast: 10, slow: 20 });
    await openHistory(page);
    await expect(page.getByTestId(`history-row-${idA}`)).toBeVisible();

    // Started while the page shows: its row appears when the job finishes, newest first.
    const idB = await backtest(client, 'ema-cross', 'BTCUSD-1d.csv', {});
    await expect(page.getByTestId(/^history-row-/)).toHaveCount(2);
    await expect(page.getByTestId(/^history-row-/).first()).toHaveAttribute('data-testid', `history-row-${idB}`);
    const [runA, runB] = [await client.call('runs.get', { id: idA }), await client.call('runs.get', { id: idB })];
    await expect(page.getByTestId(`history-row-${idA}`).getByTestId('history-strategyName')).toHaveText(runA.strategyName);
    await expect(page.getByTestId(`history-row-${idA}`).getByTestId('history-trades')).toHaveText(String(runA.metrics.all.trades));
    await expect(page.getByTestId(`history-row-${idB}`).getByTestId('history-dataSource')).toHaveText('BTCUSD-1d.csv');

    // Sorting by net profit, ascending after a second click.
    const lowFirst = (runA.metrics.all.netProfit ?? 0) < (runB.metrics.all.netProfit ?? 0) ? [idA, idB] : [idB, idA];
    await page.getByTestId('history-sort-netProfit').click();
    await page.getByTestId('history-sort-netProfit').click();
    await expect(page.getByTestId('history-table')).toHaveAttribute('data-sort', 'netProfit-asc');
    await expect(page.getByTestId(/^history-row-/).first()).toHaveAttribute('data-testid', `history-row-${lowFirst[0]}`);

    // Compare: A is the first ticked. Keyboard: Space ticks a focused box.
    await expect(page.getByTestId('history-compare')).toBeDisabled();
    await page.getByTestId(`history-select-${idA}`).focus();
    await page.keyboard.press('Space');
    await page.getByTestId(`history-select-${idB}`).check();
    await page.getByTestId('history-compare').click();
    const view = page.getByTestId('compare-view');
    await expect(view).toHaveAttribute('data-state', 'ready');
    const shown = await page.locator('[data-testid^="compare-metric-"]').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-testid'), row.getAttribute('data-a'), row.getAttribute('data-b'), row.getAttribute('data-diff')]),
    );
    const expected = (['all', 'long', 'short'] as const).flatMap((side) =>
      Object.keys(runA.metrics[side]).map((key) => {
        const [a, b] = [runA.metrics[side][key], runB.metrics[side][key]];
        const raw = (value: number | null) => (value === null ? '' : String(value));
        return [`compare-metric-${side}-${key}`, raw(a), raw(b), a === null || b === null ? '' : String(b - a)];
      }),
    );
    expect(shown).toEqual(expected);
    expect(shown.length).toBeGreaterThan(150);
    await expect(page.getByTestId('compare-metric-all-maxDrawdownPct')).toHaveAttribute('data-verdict', /better|worse/);
    const chart = page.getByTestId('compare-equity-chart');
    await expect(chart).toHaveAttribute('data-series', '2');
    const [equityA, equityB] = [await client.call('runs.equity', { id: idA, maxPoints: 2000 }), await client.call('runs.equity', { id: idB, maxPoints: 2000 })];
    await expect(chart).toHaveAttribute('data-points-a', String(equityA.time.length));
    await expect(chart).toHaveAttribute('data-points-b', String(equityB.time.length));
    await expect(chart.locator('canvas').first()).toBeVisible();
    await expect(page.getByTestId('compare-legend')).toContainText(`A: ${runA.strategyName} · GOOG-1d.csv`);
    await page.getByTestId('compare-back').click();

    // Exports arrive as downloads.
    const report = page.waitForEvent('download');
    await page.getByTestId(`history-export-html-report-${idA}`).click();
    const reportFile = await report;
    expect(reportFile.suggestedFilename()).toMatch(/^sma-cross_GOOG-1d\.csv_.*-report\.html$/);
    const html = readFileSync(await reportFile.path(), 'utf8');
    expect(html).toContain(`<h1>${runA.strategyName} on GOOG-1d.csv</h1>`);
    expect(html).toContain('<svg class="plot equity"');
    const trades = page.waitForEvent('download');
    await page.getByTestId(`history-export-trades-csv-${idA}`).click();
    const csv = readFileSync(await (await trades).path(), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(TRADES_HEADER);
    expect(csv).toHaveLength(runA.trades.side.length + 1);

    // Delete A after confirming; it stays gone after a reload.
    await page.getByTestId(`history-delete-${idA}`).click();
    await expect(page.getByTestId('history-delete-dialog')).toContainText(runA.strategyName);
    await page.getByTestId('history-delete-confirm').click();
    await expect(page.getByTestId(`history-row-${idA}`)).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('status-connection')).toHaveText('ready');
    await openHistory(page);
    await expect(page.getByTestId(`history-row-${idB}`)).toBeVisible();
    await expect(page.getByTestId(`history-row-${idA}`)).toHaveCount(0);

    // Open shows the run on the Backtest page.
    await page.getByTestId(`history-open-${idB}`).click();
    await expect(page.getByTestId('page-backtest')).toBeVisible();
  } finally {
    client.close();
  }
});
