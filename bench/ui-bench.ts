/**
 * The workstation in browser mode, timed as a trader meets it: the built renderer served by the
 * web host over a seeded cache, driven in Debian's Chromium. Two numbers: from pressing
 * Ctrl+Enter on the Backtest page to the results of a 1,000,000-bar backtest on screen (metrics
 * and a painted chart; target <= 1.5 s), and the first paint of a 200,000-bar run's chart when
 * it is opened from History (target <= 1 s). The baseline is the same 1,000,000-bar backtest
 * run in this process straight through the core services, without the UI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CoreServices } from '../src-main/host/core/index.ts';
import { CandleStore } from '../src-main/host/store/candle-store.ts';
import { startWebHost } from '../src-main/web/web-host.ts';
import type { SeriesKey } from '../src-shared/market.ts';
import buildRendererIfStale from '../tests/e2e/global-setup.ts';
import { syntheticCandles } from '../tests/support/synthetic-candles.ts';
import { type BenchResult, median } from './harness.ts';

const RUNS = 5;
const MINUTE = 60_000;
const START = Date.UTC(2023, 0, 1);
const LONG: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };
const SHORT: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'ETHUSDT', interval: '1m' };
const LONG_BARS = 1_000_000;
const SHORT_BARS = 200_000;
const STRATEGY = 'sma-cross';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

export const UI_BENCHES = ['ui run->results 1M bars', 'ui chart first paint 200k bars', 'core backtest 1M bars (baseline)'] as const;

function seed(dataDir: string): void {
  const store = CandleStore.open(dataDir);
  try {
    for (const [key, bars, seedValue] of [[LONG, LONG_BARS, 11], [SHORT, SHORT_BARS, 12]] as const) {
      store.writeCandles(key, syntheticCandles({ bars, seed: seedValue, startTime: START, intervalMs: MINUTE }), { from: START, to: START + bars * MINUTE });
    }
  } finally {
    store.close();
  }
}

/** The same backtest as the UI runs, through the core services in this process. */
async function coreBaseline(dataDir: string): Promise<number[]> {
  const services = new CoreServices({ dataDir });
  try {
    const times: number[] = [];
    for (let r = 0; r <= RUNS; r++) {
      const start = performance.now();
      const { jobId } = await services.startBacktest({ strategy: STRATEGY, data: { key: LONG } });
      const finished = await services.waitForJob(jobId);
      if (!finished.ok) throw new Error(`baseline backtest failed: ${finished.error.message}`);
      if (r > 0) times.push(performance.now() - start);
    }
    return times;
  } finally {
    await services.close();
  }
}

export async function uiBenchmarks(filter: string): Promise<BenchResult[]> {
  if (!UI_BENCHES.some((name) => name.includes(filter))) return [];
  buildRendererIfStale();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'bst-ui-bench-'));
  const dataDir = path.join(folder, 'data');
  try {
    seed(dataDir);
    const baseline = await coreBaseline(dataDir);
    const host = await startWebHost({ dataDir, configDir: path.join(folder, 'config'), log: () => {} });
    const browser = await chromium.launch({ executablePath: process.env.BST_E2E_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(host.url);
      await page.getByTestId('status-core').filter({ hasText: 'ready' }).waitFor();
      await chooseRun(page, LONG);
      const runToResults: number[] = [];
      for (let r = 0; r <= RUNS; r++) {
        const ms = await timeRunToResults(page);
        if (r > 0) runToResults.push(ms);
      }
      await chooseRun(page, SHORT);
      await timeRunToResults(page);
      const shortRunId = await page.getByTestId('run-results').getAttribute('data-run-id');
      if (shortRunId === null) throw new Error('the 200,000-bar run shows no run id');
      const firstPaint: number[] = [];
      for (let r = 0; r <= RUNS; r++) {
        const ms = await timeOpenFromHistory(page, shortRunId);
        if (r > 0) firstPaint.push(ms);
      }
      return [
        { bench: UI_BENCHES[0], medianMs: median(runToResults), runs: RUNS, bars: LONG_BARS },
        { bench: UI_BENCHES[1], medianMs: median(firstPaint), runs: RUNS, bars: SHORT_BARS },
        { bench: UI_BENCHES[2], medianMs: median(baseline), runs: RUNS, bars: LONG_BARS },
      ];
    } finally {
      await browser.close();
      await host.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The page's globals this benchmark uses (the benchmarks compile without the DOM library). */
interface BenchWindow {
  benchStart: number;
  benchProbe: unknown;
  readonly __bstRunChart?: { readonly firstPaintMs: number | null };
  addEventListener(type: 'keydown' | 'pointerdown', listener: () => void, options: { capture: boolean; once: boolean }): void;
  requestAnimationFrame(callback: () => void): number;
}

/** Resolves in the page with the ms from the trigger (a key or a click) to a new chart's first painted window, two frames later. */
async function untilNewChartPainted(page: Page, trigger: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const bench = globalThis as unknown as BenchWindow;
    bench.benchProbe = bench.__bstRunChart;
    bench.benchStart = Number.NaN;
    const mark = () => {
      if (Number.isNaN(bench.benchStart)) bench.benchStart = performance.now();
    };
    bench.addEventListener('keydown', mark, { capture: true, once: true });
    bench.addEventListener('pointerdown', mark, { capture: true, once: true });
  });
  const painted = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const bench = globalThis as unknown as BenchWindow;
        const check = () => {
          const probe = bench.__bstRunChart;
          if (probe === undefined || probe === bench.benchProbe || probe.firstPaintMs === null) {
            bench.requestAnimationFrame(check);
            return;
          }
          bench.requestAnimationFrame(() => bench.requestAnimationFrame(() => resolve(performance.now() - bench.benchStart)));
        };
        check();
      }),
  );
  await trigger();
  return painted;
}

/** Sets the Backtest page's form to sma-cross (its default parameters) on one cached series; the form keeps it. */
async function chooseRun(page: Page, key: SeriesKey): Promise<void> {
  await page.getByTestId('nav-backtest').click();
  await choose(page, 'backtest-strategy', `template:${STRATEGY}`);
  await choose(page, 'backtest-series', `${key.exchange}-${key.market}-${key.symbol}-${key.interval}`);
}

/** From Ctrl+Enter on the Backtest page to the run's chart painted. */
async function timeRunToResults(page: Page): Promise<number> {
  await page.getByTestId('nav-backtest').click();
  await page.getByTestId('backtest-form').waitFor();
  const ms = await untilNewChartPainted(page, () => page.keyboard.press('Control+Enter'));
  await page.getByTestId('metric-netProfit').waitFor();
  return ms;
}

async function choose(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByTestId(`${testId}-option-${value}`).click();
  await page.getByTestId(`${testId}-option-${value}`).waitFor({ state: 'hidden' });
}

/** From the click on History's Open to the run's chart painted on the Backtest page. */
async function timeOpenFromHistory(page: Page, runId: string): Promise<number> {
  await page.getByTestId('nav-history').click();
  const open = page.getByTestId(`history-open-${runId}`);
  await open.waitFor();
  return untilNewChartPainted(page, () => open.click());
}
