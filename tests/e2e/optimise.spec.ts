/**
 * The Optimise page in browser mode against the real core: a grid over sma-cross fast × slow
 * with "fast < slow" on the GOOG daily CSV (progress to the total, one table row per set, the
 * best equal to the table's maximum, one heatmap cell per set, a Monte Carlo fan over the best's
 * trades, its parameters applied to a saved strategy, the best opened as a backtest with the same
 * metric), and a walk-forward run showing its windows and each window's trials.
 */
import type { Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { createRpcClient, type WorkstationClient, webSocketUrl, workstationContract } from '../../src-shared/contract/index.ts';
import { connectWebSocketTransport } from '../../src-shared/contract/transports/websocket-client.ts';
import { findTemplate } from '../../src-main/host/templates.ts';
import { fixturePath } from '../support/fixtures.ts';
import { expect, test } from './fixtures.ts';

async function contractClient(port: number, token: string): Promise<WorkstationClient> {
  const socket = new WebSocket(webSocketUrl(`ws://127.0.0.1:${port}`, token), { origin: `http://127.0.0.1:${port}` });
  return createRpcClient(workstationContract, await connectWebSocketTransport(socket), { validateOutput: true });
}

async function choose(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByTestId(`${testId}-option-${value}`).click();
  await expect(page.getByTestId(`${testId}-option-${value}`)).toBeHidden();
}

/** The Optimise page with sma-cross on GOOG-1d.csv, fast and slow searched, the rest fixed. */
async function setUp(page: Page, fast: string, slow: string): Promise<void> {
  await page.keyboard.press('Control+4');
  await expect(page.getByTestId('optimise-page')).toBeVisible();
  await choose(page, 'optimise-strategy', 'template:sma-cross');
  await page.getByTestId('optimise-data-csv').click();
  await page.getByTestId('optimise-csv-path').fill(fixturePath('GOOG-1d.csv'));
  await page.getByTestId('optimise-param-fast').fill(fast);
  await page.getByTestId('optimise-param-slow').fill(slow);
  await page.getByTestId('optimise-constraints').fill('fast < slow');
  await page.getByTestId('optimise-workers').fill('2');
}

test('a grid over fast × slow: progress, trials, best, heatmap, Monte Carlo, apply to a strategy, a trial opened as a backtest', async ({ app }) => {
  const { page } = app;
  const client = await contractClient(app.host.port, app.host.token);
  const saved = await client.call('strategies.save', { spec: structuredClone(findTemplate('sma-cross')!.spec) });

  await setUp(page, '5:20:5', '10:40:10');
  // fast 5 with slow 10..40 (4), fast 10 and 15 with 20..40 (3 each), fast 20 with 30, 40 (2).
  await expect(page.getByTestId('optimise-grid-size')).toHaveAttribute('data-product', '16');
  await expect(page.getByTestId('optimise-grid-size')).toHaveAttribute('data-count', '12');
  await page.keyboard.press('Control+Enter');

  const progress = page.getByTestId('optimise-progress');
  await expect(progress).toHaveAttribute('data-state', 'finished', { timeout: 60_000 });
  await expect(progress).toHaveAttribute('data-done', '12');
  await expect(progress).toHaveAttribute('data-total', '12');
  const table = page.getByTestId('optimise-trials-table');
  await expect(table).toHaveAttribute('data-count', '12');
  await expect(table.getByRole('row')).toHaveCount(13);

  const scores = (await table.locator('[role=gridcell][data-column="score-0"]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))))).filter((v) => !Number.isNaN(v));
  const best = page.getByTestId('optimise-best');
  expect(Number(await best.getAttribute('data-score'))).toBe(Math.max(...scores));
  const bestTrial = Number(await best.getAttribute('data-trial'));
  const bestRow = page.getByTestId(`optimise-trial-row-${bestTrial}`);
  await expect(bestRow).toHaveAttribute('data-best', 'true');
  const fast = Number(await bestRow.locator('[data-column="param-fast"]').getAttribute('data-value'));
  const slow = Number(await bestRow.locator('[data-column="param-slow"]').getAttribute('data-value'));
  const sharpe = await bestRow.locator('[data-column="metric-sharpe"]').getAttribute('data-value');

  const heatmap = page.getByTestId('optimise-heatmap');
  await expect(heatmap).toHaveAttribute('data-x', 'fast');
  await expect(heatmap).toHaveAttribute('data-y', 'slow');
  await expect(heatmap).toHaveAttribute('data-cells', String(scores.length));

  await page.getByTestId('optimise-mc-simulations').fill('500');
  await page.getByTestId('optimise-mc-run').click();
  const fan = page.getByTestId('optimise-montecarlo');
  await expect(fan).toHaveAttribute('data-simulations', '500', { timeout: 30_000 });
  await expect(fan).toHaveAttribute('data-bands', '5');

  await page.getByTestId('optimise-apply').click();
  await page.getByTestId('optimise-apply-confirm').click();
  await expect(page.getByTestId('optimise-apply-dialog')).toBeHidden();
  await expect
    .poll(async () => {
      const { spec } = await client.call('strategies.get', { id: saved.id });
      return Object.fromEntries((spec.parameters ?? []).map((p) => [p.name, p.default]));
    })
    .toMatchObject({ fast, slow });
  client.close();

  await bestRow.click();
  await expect(page.getByTestId('backtest-page')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('run-parameters')).toContainText(`fast=${fast}, slow=${slow}`);
  await expect(page.getByTestId('metric-sharpe')).toHaveAttribute('data-value', String(sharpe));
});

test('a walk-forward run shows its windows and the stitched out-of-sample equity', async ({ app }) => {
  const { page } = app;
  await setUp(page, '5:15:5', '20:40:20');
  await page.getByTestId('optimise-wf').check();
  // About 2,150 trading days: windows of 730 in sample and 365 out, three fit.
  await page.getByTestId('optimise-wf-is').fill('730');
  await page.getByTestId('optimise-wf-oos').fill('365');
  await page.getByTestId('optimise-run').click();

  await expect(page.getByTestId('optimise-progress')).toHaveAttribute('data-state', 'finished', { timeout: 60_000 });
  const view = page.getByTestId('optimise-walk-forward');
  await expect(view).toHaveAttribute('data-windows', '3');
  await expect(page.getByTestId('optimise-wf-window-2')).toBeVisible();
  await expect(page.getByTestId('optimise-wf-equity')).not.toHaveAttribute('data-points', '0');
  // Each window searched its own 3 × 2 grid; the table shows one window at a time.
  await expect(page.getByTestId('optimise-trials-table')).toHaveAttribute('data-count', '6');
  await choose(page, 'optimise-window', '2');
  await expect(page.getByTestId('optimise-trial-row-2-5')).toBeVisible();
  await expect(page.getByTestId('optimise-trials-table')).toHaveAttribute('data-count', '6');
  await expect(page.getByTestId('optimise-list')).toHaveAttribute('data-count', '1');
});
