/**
 * The live monitor in browser mode: opened from the nav rail in a window of its own, three
 * preset charts stream from the exchange simulator, a dropped connection turns their dots amber
 * and then green again with the bar that closed meanwhile filled in (no gap); the layout and a
 * strategy overlay survive a reload, and the overlay marks exactly the signals the engine's
 * backtest finds over the same candles. The simulator runs on the wall clock (the core has no
 * other), so the first test waits for one real minute boundary.
 */
import type { Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { strategyMarks } from '../../src-engine/for-windows.ts';
import { findTemplate } from '../../src-main/host/templates.ts';
import { createRpcClient, webSocketUrl, workstationContract } from '../../src-shared/contract/index.ts';
import { connectWebSocketTransport } from '../../src-shared/contract/transports/websocket-client.ts';
import type { SeriesKey } from '../../src-shared/market.ts';
import { expect, test } from './fixtures.ts';

const MINUTE = 60_000;

test.use({ simOptions: { streamRate: 10 } });

async function openMonitor(page: Page): Promise<Page> {
  const [monitor] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('nav-monitor').click()]);
  await expect(monitor.getByTestId('monitor-page')).toBeVisible();
  expect(new URL(monitor.url()).hash).toMatch(/token=.+&view=monitor$/);
  return monitor;
}

async function attr(page: Page, testId: string, name: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute(name));
}

/** The page's window as far as these tests use it (the tests are compiled without the DOM's types). */
interface MonitorProbeHost {
  readonly __bstMonitor?: { closedTimes(chartId: string): number[] | null };
}

async function closedTimes(page: Page, index: number): Promise<number[]> {
  const id = await page.getByTestId(`monitor-chart-${index}`).getAttribute('data-chart-id');
  return page.evaluate((chartId) => (globalThis as MonitorProbeHost).__bstMonitor?.closedTimes(chartId as string) ?? [], id);
}

test('three charts stream live; a dropped connection goes amber, then green, with no gap in the bars', async ({ app }) => {
  test.setTimeout(150_000);
  const monitor = await openMonitor(app.page);
  for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']) await monitor.getByTestId(`monitor-preset-${symbol}`).click();
  const charts = [0, 1, 2].map((n) => monitor.getByTestId(`monitor-chart-${n}`));
  for (const [n, symbol] of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].entries()) {
    await expect(charts[n]).toHaveAttribute('data-status', 'live');
    await expect(monitor.getByTestId(`monitor-chart-${n}-symbol`)).toHaveValue(symbol);
    await expect(monitor.getByTestId(`monitor-chart-${n}-status-dot`)).toHaveAttribute('data-state', 'live');
    await expect(monitor.getByTestId(`monitor-chart-${n}-price`)).toHaveText(/^[\d,.]+$/);
    await expect(monitor.getByTestId(`monitor-chart-${n}-change`)).toHaveText(/^[+-]\d+\.\d\d%$/);
  }
  // The recent history from the cache (the core fills 500 bars per series), then the live bars.
  expect(await attr(monitor, 'monitor-chart-0', 'data-bars')).toBeGreaterThanOrEqual(500);
  const updates = await attr(monitor, 'monitor-chart-0', 'data-updates');
  await expect.poll(() => attr(monitor, 'monitor-chart-0', 'data-updates')).toBeGreaterThan(updates + 5);

  // Cut the connections shortly before a minute ends and keep them down until it has ended.
  const before = await attr(monitor, 'monitor-chart-0', 'data-last-time');
  const boundary = Math.floor(app.sim.now() / MINUTE) * MINUTE + MINUTE;
  await monitor.waitForTimeout(Math.max(0, boundary - app.sim.now() - 2_500));
  app.sim.setStreamFaults({ refuseConnections: true });
  app.sim.dropAllSockets();
  for (let n = 0; n < 3; n++) await expect(monitor.getByTestId(`monitor-chart-${n}-status-dot`)).toHaveAttribute('data-state', 'reconnecting');
  await expect(monitor.getByTestId('monitor-chart-0-status-dot')).toHaveAttribute('title', /.+/);
  await monitor.waitForTimeout(Math.max(0, boundary - app.sim.now() + 1_000));
  app.sim.setStreamFaults({});
  for (let n = 0; n < 3; n++) await expect(monitor.getByTestId(`monitor-chart-${n}-status-dot`)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });

  for (let n = 0; n < 3; n++) {
    await expect.poll(() => attr(monitor, `monitor-chart-${n}`, 'data-last-time')).toBeGreaterThanOrEqual(boundary - MINUTE);
    expect(await attr(monitor, `monitor-chart-${n}`, 'data-gaps')).toBe(0);
    const times = await closedTimes(monitor, n);
    const steps = new Set(times.slice(1).map((t, i) => t - times[i]));
    expect([...steps]).toEqual([MINUTE]);
    expect(times.at(-1)).toBeGreaterThanOrEqual(before + MINUTE);
  }
});

test('the layout and a strategy overlay survive a reload; the overlay marks what a backtest over the same candles finds', async ({ app }) => {
  const { port, token } = app.host;
  const socket = new WebSocket(webSocketUrl(`ws://127.0.0.1:${port}`, token), { origin: `http://127.0.0.1:${port}` });
  const client = createRpcClient(workstationContract, await connectWebSocketTransport(socket));
  const spec = structuredClone(findTemplate('sma-cross')!.spec);
  const saved = await client.call('strategies.save', { spec });
  client.close();

  const monitor = await openMonitor(app.page);
  await monitor.getByTestId('monitor-preset-ETHUSDT').click();
  await monitor.getByTestId('monitor-add').click();
  await monitor.getByTestId('monitor-chart-0-duplicate').click();
  // The copy lands right after its original: ETH, ETH, BTC; then the copy goes.
  await expect(monitor.getByTestId('monitor-chart-2-symbol')).toHaveValue('BTCUSDT');
  await expect(monitor.getByTestId('monitor-chart-1-symbol')).toHaveValue('ETHUSDT');
  await monitor.getByTestId('monitor-chart-1-remove').click();
  await expect(monitor.getByTestId('monitor-chart-2')).toHaveCount(0);
  // Keyboard: focus the second chart's "move left" and press Enter.
  await monitor.getByTestId('monitor-chart-1-left').focus();
  await monitor.keyboard.press('Enter');
  await expect(monitor.getByTestId('monitor-chart-0-symbol')).toHaveValue('BTCUSDT');
  await monitor.getByTestId('monitor-chart-0-interval').click();
  await monitor.getByTestId('monitor-chart-0-interval-option-5m').click();
  await monitor.getByTestId('monitor-chart-0-indicator-params').fill('50');
  await monitor.getByTestId('monitor-chart-0-indicator-add').click();
  await expect(monitor.getByTestId('monitor-chart-0-indicator-0')).toHaveText('sma(50)');
  await monitor.getByTestId('monitor-chart-1-strategy').click();
  await monitor.getByTestId(`monitor-chart-1-strategy-option-${saved.id}`).click();
  await expect(monitor.getByTestId('monitor-chart-1')).toHaveAttribute('data-status', 'live');

  await monitor.waitForTimeout(500);
  await monitor.reload();
  await expect(monitor.getByTestId('monitor-chart-0-symbol')).toHaveValue('BTCUSDT');
  await expect(monitor.getByTestId('monitor-chart-0-interval')).toHaveText('5m');
  await expect(monitor.getByTestId('monitor-chart-0-indicator-0')).toHaveText('sma(50)');
  await expect(monitor.getByTestId('monitor-chart-1-symbol')).toHaveValue('ETHUSDT');
  await expect(monitor.getByTestId('monitor-chart-1-strategy')).toHaveText('sma-cross');
  await expect(monitor.getByTestId('monitor-chart-2')).toHaveCount(0);

  const chart = monitor.getByTestId('monitor-chart-1');
  await expect(chart).toHaveAttribute('data-status', 'live');
  await expect.poll(() => attr(monitor, 'monitor-chart-1', 'data-bars')).toBeGreaterThanOrEqual(500);
  // The chart's closed candles are the simulator's; the marks must be the engine's over them.
  const read = async () => {
    const times = await closedTimes(monitor, 1);
    return { times, signals: await attr(monitor, 'monitor-chart-1', 'data-signals'), last: await attr(monitor, 'monitor-chart-1', 'data-last-time') };
  };
  let view = await read();
  while (view.times.at(-1) !== view.last) view = await read();
  const key: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'ETHUSDT', interval: '1m' };
  const candles = app.sim.truth(key, view.times[0], view.last + MINUTE);
  expect(Array.from(candles.time)).toEqual(view.times);
  const expected = strategyMarks(spec, candles);
  expect(expected.length).toBeGreaterThan(10);
  expect(view.signals).toBe(expected.length);
});
