/**
 * The end-to-end fixtures: for every test a fresh exchange simulator (rate limits off), a web
 * host started in this process on a temp data dir with the simulator's endpoints, and the
 * built renderer opened at the host's URL (with its launch token) in Chromium. The core's
 * config folder (where Settings records a new data folder) is in the same temp folder, so no
 * test touches the real default folder. Everything is closed and the temp folder removed after
 * the test, so no test sees another's cache or faults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page, test as base } from '@playwright/test';
import { startWebHost, type WebHost } from '../../src-main/web/web-host.ts';
import { type ExchangeSimulator, type ExchangeSimulatorOptions, startExchangeSimulator } from '../exchange-sim/index.ts';

export interface Workstation {
  readonly page: Page;
  readonly sim: ExchangeSimulator;
  readonly host: WebHost;
  readonly dataDir: string;
  /** Where config.json goes when the data folder is changed in Settings. */
  readonly configDir: string;
  /** The test's temp folder, holding dataDir and configDir; removed after the test. */
  readonly folder: string;
}

interface Options {
  /**
   * Whether the web host is started with the simulator's endpoints (the default). A test that
   * points the core at the simulator through the Settings page turns this off with
   * `test.use({ hostUsesSimulator: false })`, so the host starts with the public endpoints.
   */
  hostUsesSimulator: boolean;
  /** Extra simulator options, e.g. `test.use({ simOptions: { streamRate: 10 } })` for faster live klines. */
  simOptions: Partial<ExchangeSimulatorOptions>;
}

interface Fixtures {
  sim: ExchangeSimulator;
  host: WebHost & { readonly dataDir: string; readonly configDir: string; readonly folder: string };
  app: Workstation;
}

export const test = base.extend<Fixtures & Options>({
  hostUsesSimulator: [true, { option: true }],
  simOptions: [{}, { option: true }],
  sim: async ({ simOptions }, use) => {
    const sim = await startExchangeSimulator({ seed: 7, rateLimits: 'off', ...simOptions });
    try {
      await use(sim);
    } finally {
      await sim.close();
    }
  },
  host: async ({ sim, hostUsesSimulator }, use) => {
    const folder = mkdtempSync(path.join(tmpdir(), 'bst-e2e-'));
    const dataDir = path.join(folder, 'data');
    const configDir = path.join(folder, 'config');
    const host = await startWebHost(hostUsesSimulator ? { dataDir, configDir, endpoints: sim.endpoints } : { dataDir, configDir });
    try {
      if (!host.rendererBuilt) throw new Error('dist/renderer has no index.html: run npm run build:renderer');
      await use({ ...host, dataDir, configDir, folder });
    } finally {
      await host.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
  app: async ({ page, sim, host }, use) => {
    await page.goto(host.url);
    await expect(page.getByTestId('status-connection')).toHaveText('ready');
    await expect(page.getByTestId('status-core')).toHaveText('ready');
    await use({ page, sim, host, dataDir: host.dataDir, configDir: host.configDir, folder: host.folder });
    // Close the page before the host goes, so the socket ends on the browser's side first.
    await page.close();
  },
});

export { expect };

/** Epoch ms of a UTC day (YYYY-MM-DD), as the download form means it. */
export function utcDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export interface SeriesChoice {
  readonly exchange: string;
  readonly market: string;
  readonly symbol: string;
  readonly interval: string;
}

export const BTC_1M: SeriesChoice = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };

export function seriesRowId(series: SeriesChoice): string {
  return `inventory-row-${series.exchange}-${series.market}-${series.symbol}-${series.interval}`;
}

/** A count as the UI prints it (en-US grouping). */
export function shown(count: number): string {
  return count.toLocaleString('en-US');
}

/** The Data page, driven through its test ids. */
export class DataPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens one of the download form's menus and picks `value`. */
  async choose(testId: string, value: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.page.getByTestId(`${testId}-option-${value}`).click();
    await expect(this.page.getByTestId(`${testId}-option-${value}`)).toBeHidden();
    await expect(this.page.getByTestId(testId)).toHaveText(value);
  }

  async fillDownloadForm(series: SeriesChoice, from: string, to: string): Promise<void> {
    await this.choose('download-exchange', series.exchange);
    await this.choose('download-market', series.market);
    const symbol = this.page.getByTestId('symbol-search');
    await symbol.fill(series.symbol);
    await symbol.press('Escape');
    await expect(symbol).toHaveValue(series.symbol);
    await this.choose('download-interval', series.interval);
    await this.page.getByTestId('download-from').fill(from);
    await this.page.getByTestId('download-to').fill(to);
  }

  /** Starts the download the form describes and returns its progress row. */
  async startDownload(): Promise<Locator> {
    const rows = this.page.getByTestId('download-progress');
    const before = await rows.count();
    await expect(this.page.getByTestId('download-start')).toBeEnabled();
    await this.page.getByTestId('download-start').click();
    await expect(rows).toHaveCount(before + 1);
    const row = rows.nth(before);
    await expect(row).toHaveAttribute('data-job-id', /.+/);
    return row;
  }

  inventoryRow(series: SeriesChoice): Locator {
    return this.page.getByTestId(seriesRowId(series));
  }
}
