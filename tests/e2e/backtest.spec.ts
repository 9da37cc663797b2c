/**
 * The Backtest page in browser mode: a series downloaded from the exchange simulator, the
 * sma-cross template run with Ctrl+Enter, its progress and Esc, then the results checked against
 * the same backtest run through `bst backtest` on the same cache (metrics.json, trades.csv).
 * A failing backtest (a malformed CSV) shows its reason next to the form.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, WebSocketRoute } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../src-shared/contract/schemas/settings.ts';
import { runBst } from '../support/cli.ts';
import { DataPage, expect, type SeriesChoice, test } from './fixtures.ts';

const BTC_1H: SeriesChoice = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1h' };
const FROM = '2024-03-01';
const TO = '2024-03-08';
const SEVEN_DAYS_OF_HOURS = 7 * 24;

/**
 * Relays the page's WebSocket. While shut, the first job.finished of a backtest and every frame
 * after it are held back, so the page shows the backtest running for as long as the test needs
 * (a backtest of a few bars ends long before anyone could look). Page-to-core text frames are
 * recorded, to see which calls the page made.
 */
class FinishGate {
  readonly sent: string[] = [];
  readonly #held: Array<string | Buffer> = [];
  #shut = true;
  #holding = false;
  #route: WebSocketRoute | null = null;

  async install(page: Page): Promise<void> {
    await page.routeWebSocket(/\/rpc/, (route) => {
      this.#route = route;
      const core = route.connectToServer();
      route.onMessage((message) => {
        if (typeof message === 'string') this.sent.push(message);
        core.send(message);
      });
      core.onMessage((message) => {
        if (this.#shut && typeof message === 'string' && message.includes('"job.finished"') && message.includes('"kind":"backtest"')) this.#holding = true;
        if (this.#holding) this.#held.push(message);
        else route.send(message);
      });
    });
  }

  release(): void {
    this.#shut = false;
    this.#holding = false;
    for (const message of this.#held.splice(0)) this.#route?.send(message);
  }
}

async function choose(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByTestId(`${testId}-option-${value}`).click();
  await expect(page.getByTestId(`${testId}-option-${value}`)).toBeHidden();
}

/** The CLI's trades.csv as rows of named cells. */
function readTrades(file: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
}

test('sma-cross on a downloaded series: progress, Esc asks the core to cancel, results equal to bst backtest', async ({ app }) => {
  const { page } = app;
  const gate = new FinishGate();
  await gate.install(page);
  await page.reload();
  await expect(page.getByTestId('status-connection')).toHaveText('ready');

  const data = new DataPage(page);
  await data.fillDownloadForm(BTC_1H, FROM, TO);
  await expect(await data.startDownload()).toHaveAttribute('data-state', 'finished');

  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('backtest-page')).toBeVisible();
  await choose(page, 'backtest-strategy', 'template:sma-cross');
  await expect(page.getByTestId('backtest-strategy')).toHaveText('sma-cross');
  await expect(page.getByTestId('param-fast')).toHaveValue('10');
  await page.getByTestId('param-fast').fill('1');
  await expect(page.getByText('from 2 to 500')).toBeVisible();
  await page.getByTestId('param-fast').fill('5');
  await page.getByTestId('param-slow').fill('12');
  await expect(page.getByTestId('backtest-series')).toHaveText(`bybit linear BTCUSDT 1h · ${SEVEN_DAYS_OF_HOURS} bars`);

  await page.keyboard.press('Control+Enter');
  const progress = page.getByTestId('backtest-progress');
  await expect(progress).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('backtest-progress-message')).toHaveText('computing metrics');
  await page.keyboard.press('Escape');
  await expect.poll(() => gate.sent.filter((frame) => frame.includes('"jobs.cancel"')).length).toBe(1);
  // The core had finished already: the cancel comes too late, and the run opens.
  gate.release();
  await expect(page.getByTestId('run-results')).toBeVisible();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('backtest-error')).toHaveCount(0);
  await expect(page.getByTestId('run-strategy')).toHaveText('sma-cross');
  await expect(page.getByTestId('run-data-source')).toHaveText('bybit linear BTCUSDT 1h');
  await expect(page.getByTestId('run-bars')).toHaveText(String(SEVEN_DAYS_OF_HOURS));
  await expect(page.getByTestId('run-parameters')).toHaveText('fast=5, slow=12, direction=both, stopLossPct=0, takeProfitPct=0');

  const fees = DEFAULT_SETTINGS.defaultFees.bybit.linear;
  const out = path.join(app.folder, 'cli-run');
  const cli = await runBst(
    'backtest', '--exchange', 'bybit', '--market', 'linear', '--symbol', 'BTCUSDT', '--interval', '1h', '--data', app.dataDir,
    '--strategy', 'sma-cross', '--param', 'fast=5', '--param', 'slow=12', '--fee', String(fees.taker), '--maker-fee', String(fees.maker), '--out', out,
  );
  expect(cli.code, cli.err).toBe(0);
  const metrics = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8')) as Record<'all' | 'long' | 'short', Record<string, number | null>>;
  const raw = (value: number | null | undefined) => (value === null || value === undefined ? 'null' : String(value));
  for (const name of ['netProfit', 'trades', 'maxDrawdownPct', 'winRatePct', 'sharpe', 'totalFees', 'profitFactor']) {
    await expect(page.getByTestId(`metric-${name}`), name).toHaveAttribute('data-value', raw(metrics.all[name]));
  }
  await page.getByTestId('metrics-side-long').click();
  await expect(page.getByTestId('metric-netProfit')).toHaveAttribute('data-value', raw(metrics.long.netProfit));
  await expect(page.getByTestId('metric-trades')).toHaveAttribute('data-value', raw(metrics.long.trades));

  const trades = readTrades(path.join(out, 'trades.csv'));
  expect(trades.length).toBe(metrics.all.trades);
  expect(trades.length).toBeGreaterThan(3);
  const table = page.getByTestId('trades-table');
  await expect(table).toHaveAttribute('data-count', String(trades.length));
  // A few days of trades fit in the rendered window, so every trade has its row.
  await expect(table.locator('[data-testid^="trade-row-"]')).toHaveCount(trades.length);
  await expect(page.getByTestId('trade-row-0').locator('[data-column="exitReason"]')).toHaveText(trades[0].exit_reason);
  await expect(page.getByTestId('trade-row-0').locator('[data-column="side"]')).toHaveText(trades[0].side);

  await page.getByTestId('trade-row-2').click();
  await expect(page.getByTestId('trade-row-2')).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('run-chart')).toHaveAttribute('data-selected-trade', '2');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('trade-row-3')).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('trade-row-2')).toHaveAttribute('data-selected', 'false');
  await expect(page.getByTestId('run-chart')).toHaveAttribute('data-selected-trade', '3');

  // Sorted by P&L, largest first: the first row is the best trade, named by its index in the run.
  await page.getByTestId('trades-sort-pnl').click();
  await page.getByTestId('trades-sort-pnl').click();
  const pnls = trades.map((t) => Number(t.pnl));
  const best = pnls.indexOf(Math.max(...pnls));
  await expect(table.locator('[aria-rowindex="2"]')).toHaveAttribute('data-testid', `trade-row-${best}`);

  const reasons = page.getByTestId('exit-reasons');
  for (const reason of new Set(trades.map((t) => t.exit_reason))) {
    const count = trades.filter((t) => t.exit_reason === reason).length;
    await expect(reasons.getByTestId(`exit-reason-${reason}`).getByTestId('exit-reason-count')).toHaveText(String(count));
  }
});

test('invalid fields are named inline, and a backtest that fails shows why next to the form', async ({ app }) => {
  const { page } = app;
  const csv = path.join(app.folder, 'broken.csv');
  writeFileSync(csv, 'time,open,high,low,close,volume\n2024-03-01,1,2,0.5,1.5,10\n2024-03-02,1,2,0.5,oops,10\n');
  await page.keyboard.press('Control+3');
  await page.getByTestId('backtest-data-csv').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('enter the path of a candle CSV file')).toBeVisible();
  await page.getByTestId('backtest-csv-path').fill(csv);
  await page.getByTestId('backtest-taker-fee').fill('12');
  await expect(page.getByText('from 0 % to 10 %')).toBeVisible();
  await expect(page.getByTestId('backtest-run')).toBeEnabled();
  await page.getByTestId('backtest-taker-fee').fill('0.1');
  await page.getByTestId('backtest-run').click();
  await expect(page.getByTestId('backtest-error')).toContainText('broken.csv');
  await expect(page.getByTestId('backtest-error')).toContainText('line 3');
  await expect(page.getByTestId('run-none')).toBeVisible();
});
