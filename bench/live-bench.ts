/**
 * The live monitor under load, in browser mode: 20 charts (five symbols on Bybit and Binance,
 * spot and perpetual, one minute) fed by the exchange simulator at 20 kline messages per second
 * each, for 60 seconds (BST_LIVE_BENCH_SECONDS for a quicker run). Measured: the latency from
 * the simulator writing a message to the page applying it (or a newer state of the same
 * series) to its chart, p50 and p99 (target p99 <= 50 ms); candles dropped, i.e. bars the
 * simulator closed that a chart lacks (target 0); and the page's JS heap after a GC at the start
 * and at the end (target: no growth beyond 10 %). Both clocks are performance.timeOrigin + now,
 * on the same machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { startWebHost } from '../src-main/web/web-host.ts';
import { createRpcClient, webSocketUrl, workstationContract } from '../src-shared/contract/index.ts';
import type { MonitorChart } from '../src-shared/contract/schemas/settings.ts';
import { connectWebSocketTransport } from '../src-shared/contract/transports/websocket-client.ts';
import type { Exchange, Market } from '../src-shared/market.ts';
import buildRendererIfStale from '../tests/e2e/global-setup.ts';
import { type KlineSent, startExchangeSimulator } from '../tests/exchange-sim/index.ts';
import type { BenchResult } from './harness.ts';

export const LIVE_BENCHES = ['live p50 latency', 'live p99 latency'] as const;

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT'];
const VENUES: ReadonlyArray<readonly [Exchange, Market]> = [
  ['bybit', 'linear'],
  ['bybit', 'spot'],
  ['binance', 'spot'],
  ['binance', 'linear'],
];
const MESSAGES_PER_SECOND = 20;
const WARM_UP_MS = 5_000;
/** Messages sent this close to the end may not have arrived yet: they are not counted. */
const TAIL_MS = 1_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

interface Applied {
  readonly series: string;
  readonly time: number;
  readonly close: number;
  readonly volume: number;
  readonly at: number;
}

interface ProbeHost {
  __bstMonitor?: { record: boolean; applied: Applied[]; closedTimes(chartId: string): number[] | null };
}

export interface LiveBenchReport {
  readonly seconds: number;
  readonly charts: number;
  readonly messages: number;
  readonly updatesApplied: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly unapplied: number;
  readonly droppedCandles: number;
  readonly heapStartBytes: number;
  readonly heapEndBytes: number;
}

function seriesName(exchange: string, market: string, symbol: string): string {
  return `${exchange} ${market} ${symbol} 1m`;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * For every message: the first update applied at or after it that shows its state or a newer
 * one. An update is matched to the latest message with its bar time, close and volume sent
 * before it was applied.
 */
function latencies(sent: readonly KlineSent[], applied: readonly Applied[], until: number): { values: number[]; unapplied: number } {
  const bySeries = new Map<string, KlineSent[]>();
  for (const message of sent) {
    const name = seriesName(message.spec.exchange, message.spec.market, message.spec.symbol);
    let list = bySeries.get(name);
    if (list === undefined) bySeries.set(name, (list = []));
    list.push(message);
  }
  const values: number[] = [];
  let unapplied = 0;
  for (const [name, messages] of bySeries) {
    const updates = applied.filter((update) => update.series === name);
    // Index of the message each update shows.
    const shown: Array<{ readonly index: number; readonly at: number }> = [];
    for (const update of updates) {
      for (let i = messages.length - 1; i >= 0; i--) {
        const m = messages[i];
        if (m.at > update.at) continue;
        if (m.openTime === update.time && m.close === update.close && m.volume === update.volume) {
          shown.push({ index: i, at: update.at });
          break;
        }
      }
    }
    let u = 0;
    for (let i = 0; i < messages.length; i++) {
      if (messages[i].at > until) break;
      while (u < shown.length && shown[u].index < i) u++;
      if (u === shown.length) {
        unapplied++;
        continue;
      }
      values.push(shown[u].at - messages[i].at);
    }
  }
  return { values, unapplied };
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  } finally {
    await cdp.detach();
  }
}

async function drain(page: Page): Promise<Applied[]> {
  return page.evaluate(() => {
    const hooks = (globalThis as ProbeHost).__bstMonitor;
    return hooks === undefined ? [] : hooks.applied.splice(0);
  });
}

export async function runLiveBench(seconds: number): Promise<LiveBenchReport> {
  buildRendererIfStale();
  let sent: KlineSent[] = [];
  let recording = false;
  const sim = await startExchangeSimulator({ seed: 7, rateLimits: 'off', streamRate: MESSAGES_PER_SECOND, onKlineSent: (message) => recording && sent.push(message) });
  const folder = mkdtempSync(path.join(os.tmpdir(), 'bst-live-bench-'));
  const host = await startWebHost({ dataDir: path.join(folder, 'data'), configDir: path.join(folder, 'config'), endpoints: sim.endpoints, log: () => {} });
  const browser = await chromium.launch({ executablePath: process.env.BST_E2E_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const charts: MonitorChart[] = VENUES.flatMap(([exchange, market]) =>
      SYMBOLS.map((symbol) => ({ id: `${exchange}-${market}-${symbol}`, key: { exchange, market, symbol, interval: '1m' as const }, indicators: [], strategyId: null, notify: false })),
    );
    const socket = new WebSocket(webSocketUrl(`ws://127.0.0.1:${host.port}`, host.token), { origin: `http://127.0.0.1:${host.port}` });
    const client = createRpcClient(workstationContract, await connectWebSocketTransport(socket));
    await client.call('settings.update', { monitorLayout: { charts } });
    client.close();

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${host.url}&view=monitor`);
    for (let n = 0; n < charts.length; n++) {
      const card = page.getByTestId(`monitor-chart-${n}`);
      await card.and(page.locator('[data-status="live"]')).waitFor({ timeout: 60_000 });
    }
    await page.waitForTimeout(WARM_UP_MS);
    const heapStartBytes = await heapUsed(page);

    await page.evaluate(() => {
      const hooks = (globalThis as ProbeHost).__bstMonitor;
      if (hooks !== undefined) {
        hooks.applied.length = 0;
        hooks.record = true;
      }
    });
    sent = [];
    recording = true;
    const start = performance.timeOrigin + performance.now();
    const applied: Applied[] = [];
    const end = start + seconds * 1000;
    while (performance.timeOrigin + performance.now() < end) {
      await page.waitForTimeout(Math.min(5_000, end - (performance.timeOrigin + performance.now())));
      applied.push(...(await drain(page)));
    }
    recording = false;
    await page.waitForTimeout(TAIL_MS);
    await page.evaluate(() => {
      const hooks = (globalThis as ProbeHost).__bstMonitor;
      if (hooks !== undefined) hooks.record = false;
    });
    applied.push(...(await drain(page)));
    const heapEndBytes = await heapUsed(page);

    const { values, unapplied } = latencies(sent, applied, end - TAIL_MS);
    values.sort((a, b) => a - b);

    // Dropped: bars the simulator closed during the run that a chart does not hold.
    let droppedCandles = 0;
    for (const chart of charts) {
      const times = new Set(await page.evaluate((id) => (globalThis as ProbeHost).__bstMonitor?.closedTimes(id) ?? [], chart.id));
      const closedSent = new Set(sent.filter((m) => m.closed && m.spec.exchange === chart.key.exchange && m.spec.market === chart.key.market && m.spec.symbol === chart.key.symbol).map((m) => m.openTime));
      for (const time of closedSent) if (!times.has(time)) droppedCandles++;
      droppedCandles += Number(await page.getByTestId(`monitor-chart-${charts.indexOf(chart)}`).getAttribute('data-gaps'));
    }
    return {
      seconds,
      charts: charts.length,
      messages: sent.length,
      updatesApplied: applied.length,
      p50Ms: percentile(values, 50),
      p99Ms: percentile(values, 99),
      maxMs: values.at(-1) ?? Number.NaN,
      unapplied,
      droppedCandles,
      heapStartBytes,
      heapEndBytes,
    };
  } finally {
    await browser.close();
    await host.close();
    await sim.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export function printLiveReport(report: LiveBenchReport): void {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const growth = (report.heapEndBytes / report.heapStartBytes - 1) * 100;
  console.log(`\nLive monitor (${report.charts} charts x ${MESSAGES_PER_SECOND} messages/s for ${report.seconds} s, browser mode; targets p99 <= 50 ms, 0 dropped, heap growth <= 10 %)`);
  console.log(`messages sent ${report.messages.toLocaleString('en-US')}, chart updates applied ${report.updatesApplied.toLocaleString('en-US')}, messages never shown ${report.unapplied}`);
  console.log(`latency p50 ${report.p50Ms.toFixed(1)} ms, p99 ${report.p99Ms.toFixed(1)} ms, max ${report.maxMs.toFixed(1)} ms`);
  console.log(`dropped candles ${report.droppedCandles}`);
  console.log(`renderer JS heap ${mb(report.heapStartBytes)} at the start, ${mb(report.heapEndBytes)} at the end (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %)`);
}

/** For bench/run.ts: the two latencies as results (median_ms holds the percentile), the rest printed. */
export async function liveBenchmarks(filter: string): Promise<BenchResult[]> {
  if (!LIVE_BENCHES.some((name) => name.includes(filter))) return [];
  const seconds = Number(process.env.BST_LIVE_BENCH_SECONDS ?? 60);
  const report = await runLiveBench(seconds);
  printLiveReport(report);
  const messages = report.messages;
  return [
    { bench: LIVE_BENCHES[0], medianMs: report.p50Ms, runs: 1, bars: messages },
    { bench: LIVE_BENCHES[1], medianMs: report.p99Ms, runs: 1, bars: messages },
  ];
}

if (import.meta.main) printLiveReport(await runLiveBench(Number(process.env.BST_LIVE_BENCH_SECONDS ?? 60)));
