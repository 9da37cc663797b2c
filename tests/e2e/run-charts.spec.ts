/**
 * The run charts on the Backtest page, read through their test attributes (never pixels): a
 * short run held whole with every trade's two markers, the sma-cross lines over price, equity
 * and drawdown per bar; a long run loaded as windows of at most 20,000 bars, where scrolling to
 * an early bar pages in a window holding it and selecting a trade brings it into view. The runs
 * are sma-cross backtests of generated one-minute candle files; the expected markers come from
 * the run's trades as the core returns them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { createRpcClient, webSocketUrl, workstationContract, type WorkstationClient } from '../../src-shared/contract/index.ts';
import { connectWebSocketTransport } from '../../src-shared/contract/transports/websocket-client.ts';
import { expect, test, type Workstation } from './fixtures.ts';

const WINDOW_CAP = 20_000;
const MINUTE = 60_000;

/** A deterministic random walk of one-minute candles as a generic OHLCV CSV. */
function writeCandles(file: string, bars: number): void {
  let seed = 42;
  const random = () => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  const start = Date.parse('2024-01-01T00:00:00Z');
  const lines = ['time,open,high,low,close,volume'];
  let price = 100;
  for (let i = 0; i < bars; i++) {
    const open = price;
    price *= 1 + (random() - 0.5) * 0.01;
    const high = Math.max(open, price) * (1 + random() * 0.002);
    const low = Math.min(open, price) * (1 - random() * 0.002);
    lines.push(`${start + i * MINUTE},${open.toFixed(4)},${high.toFixed(4)},${low.toFixed(4)},${price.toFixed(4)},${(random() * 100).toFixed(3)}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Runs sma-cross (default parameters) on a CSV through the Backtest page; answers the run's id. */
async function backtestCsv(page: Page, csv: string): Promise<string> {
  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('backtest-page')).toBeVisible();
  await page.getByTestId('backtest-strategy').click();
  await page.getByTestId('backtest-strategy-option-template:sma-cross').click();
  await expect(page.getByTestId('backtest-strategy')).toHaveText('sma-cross');
  await page.getByTestId('backtest-data-csv').click();
  await page.getByTestId('backtest-csv-path').fill(csv);
  await page.getByTestId('backtest-run').click();
  const results = page.getByTestId('run-results');
  await expect(results).toBeVisible();
  return (await results.getAttribute('data-run-id')) ?? '';
}

/** A client of the test's own, to read the run as the core has it. */
async function coreClient(app: Workstation): Promise<{ client: WorkstationClient; close(): void }> {
  const { port, token } = app.host;
  const transport = await connectWebSocketTransport(new WebSocket(webSocketUrl(`ws://127.0.0.1:${port}`, token), { origin: `http://127.0.0.1:${port}` }));
  return { client: createRpcClient(workstationContract, transport), close: () => transport.close() };
}

async function trades(app: Workstation, runId: string) {
  const core = await coreClient(app);
  try {
    return (await core.client.call('runs.get', { id: runId })).trades;
  } finally {
    core.close();
  }
}

/** Markers a window [from, to) should hold: each trade's entry and exit that fall inside it. */
function markersIn(columns: { entryBar: Float64Array; exitBar: Float64Array }, from: number, to: number): number {
  const inside = (bar: number) => bar >= from && bar < to;
  return columns.entryBar.filter(inside).length + columns.exitBar.filter(inside).length;
}

async function numberAttribute(locator: Locator, name: string): Promise<number> {
  return Number(await locator.getAttribute(name));
}

/** The page's window as far as these tests use it (the tests are compiled without the DOM's types). */
interface ChartProbeHost {
  readonly __bstRunChart?: { scrollToBar(bar: number): void; visibleRange(): { from: number; to: number } | null };
}

function visibleRange(page: Page) {
  return page.evaluate(() => (globalThis as ChartProbeHost).__bstRunChart?.visibleRange() ?? null);
}

test('a short run is held whole: every bar, two markers per trade, the two SMA lines, equity and drawdown per bar', async ({ app }) => {
  const { page } = app;
  const bars = 3_000;
  const csv = path.join(app.folder, 'short.csv');
  writeCandles(csv, bars);
  const runId = await backtestCsv(page, csv);
  const ledger = await trades(app, runId);
  expect(ledger.side.length).toBeGreaterThan(10);

  const chart = page.getByTestId('run-chart');
  await expect(chart).toHaveAttribute('data-ready', 'true');
  await expect(chart).toHaveAttribute('data-total-bars', String(bars));
  await expect(chart).toHaveAttribute('data-loaded-from', '0');
  await expect(chart).toHaveAttribute('data-loaded-to', String(bars));
  await expect(chart).toHaveAttribute('data-bars', String(bars));
  await expect(chart).toHaveAttribute('data-markers', String(2 * ledger.side.length));
  await expect(chart).toHaveAttribute('data-indicator-lines', '2');
  await expect(chart).toHaveAttribute('data-selected-trade', '');
  await expect(page.getByTestId('run-equity-chart')).toHaveAttribute('data-points', String(bars));
  await expect(page.getByTestId('run-drawdown-chart')).toHaveAttribute('data-points', String(bars));
  // Opens on the latest bars, like TradingView.
  expect(await visibleRange(page)).toEqual({ from: bars - 500, to: bars });

  // A trade picked in the table is brought into view on the chart.
  await page.getByTestId('trade-row-3').click();
  await expect(chart).toHaveAttribute('data-selected-trade', '3');
  await expect.poll(async () => {
    const range = await visibleRange(page);
    return range !== null && range.from <= ledger.entryBar[3] && ledger.exitBar[3] < range.to;
  }).toBe(true);
  await expect(chart).toHaveAttribute('data-markers', String(2 * ledger.side.length));

  // The keyboard scrolls the chart: End goes back to the last bar.
  await chart.focus();
  await page.keyboard.press('End');
  await expect.poll(async () => (await visibleRange(page))?.to).toBe(bars);
});

test('a long run is paged: at most 20,000 bars held, scrolling to an early bar loads a window holding it', async ({ app }) => {
  const { page } = app;
  const bars = 60_000;
  const csv = path.join(app.folder, 'long.csv');
  writeCandles(csv, bars);
  const runId = await backtestCsv(page, csv);
  const ledger = await trades(app, runId);

  const chart = page.getByTestId('run-chart');
  await expect(chart).toHaveAttribute('data-ready', 'true');
  await expect(chart).toHaveAttribute('data-total-bars', String(bars));
  await expect(chart).toHaveAttribute('data-loaded-to', String(bars));
  const held = async () => {
    const from = await numberAttribute(chart, 'data-loaded-from');
    const to = await numberAttribute(chart, 'data-loaded-to');
    return { from, to, bars: await numberAttribute(chart, 'data-bars'), markers: await numberAttribute(chart, 'data-markers') };
  };
  const first = await held();
  expect(first.from).toBeGreaterThan(0);
  expect(first.bars).toBe(first.to - first.from);
  expect(first.bars).toBeLessThanOrEqual(WINDOW_CAP);
  expect(first.markers).toBe(markersIn(ledger, first.from, first.to));
  expect((await visibleRange(page))?.to).toBe(bars);

  const early = 1_234;
  await page.evaluate((bar) => (globalThis as ChartProbeHost).__bstRunChart?.scrollToBar(bar), early);
  await expect.poll(async () => (await numberAttribute(chart, 'data-loaded-from')) <= early && early < (await numberAttribute(chart, 'data-loaded-to'))).toBe(true);
  const paged = await held();
  expect(paged.bars).toBe(paged.to - paged.from);
  expect(paged.bars).toBeLessThanOrEqual(WINDOW_CAP);
  expect(paged.markers).toBe(markersIn(ledger, paged.from, paged.to));
  await expect(page.getByTestId('run-equity-chart')).toHaveAttribute('data-points', String(paged.bars));
  await expect(page.getByTestId('run-drawdown-chart')).toHaveAttribute('data-points', String(paged.bars));
  const range = await visibleRange(page);
  expect(range !== null && range.from <= early && early < range.to).toBe(true);

  // The table's last trade (End, Enter) is far from this window: selecting it pages its window in and shows it.
  await page.getByTestId('trades-table').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(chart).not.toHaveAttribute('data-selected-trade', '');
  const last = await numberAttribute(chart, 'data-selected-trade');
  expect(ledger.entryBar[last]).toBeGreaterThan(paged.to);
  await expect.poll(async () => {
    const shown = await visibleRange(page);
    return shown !== null && shown.from <= ledger.entryBar[last] && ledger.exitBar[last] < shown.to;
  }).toBe(true);
  const around = await held();
  expect(around.from).toBeLessThanOrEqual(ledger.entryBar[last]);
  expect(around.bars).toBeLessThanOrEqual(WINDOW_CAP);
  expect(around.markers).toBe(markersIn(ledger, around.from, around.to));
});
