/**
 * The Settings page against the core's settings (settings.get / settings.update): the web host
 * starts WITHOUT the simulator's endpoints, so a download reaches the simulator only if the
 * Bybit REST URL saved here is applied by the core. Also: an invalid URL is refused next to
 * its field and not stored, fees entered in percent survive a reload, and the theme switch
 * changes the app frame's background at once and after a reload. A new data folder is
 * recorded in config.json (in the test's own config folder) and announced as needing a restart.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { SeriesKey } from '../../src-shared/market.ts';
import { BTC_1M, DataPage, expect, shown, test, utcDay } from './fixtures.ts';

test.use({ hostUsesSimulator: false });

const DARK_BACKGROUND = 'rgb(19, 23, 34)'; // #131722
const LIGHT_BACKGROUND = 'rgb(240, 243, 250)'; // #f0f3fa

/** Shows the Settings page once the core's settings are in the form. */
async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('page-settings')).toBeVisible();
  await expect(page.getByTestId('settings-form')).toHaveAttribute('data-loaded', 'true');
}

/** Reloads the page (same URL and launch token) and waits for the connection. */
async function reload(page: Page): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('status-connection')).toHaveText('ready');
  await expect(page.getByTestId('status-core')).toHaveText('ready');
}

test('the Bybit REST URL saved in Settings is where the core downloads from', async ({ app }) => {
  const { page, sim, dataDir } = app;
  await openSettings(page);
  await expect(page.getByTestId('settings-data-dir')).toHaveValue(dataDir);
  await expect(page.getByTestId('settings-bybit-rest')).toHaveValue('');

  await page.getByTestId('settings-bybit-rest').fill(sim.endpoints.bybitRest);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await expect(page.getByTestId('settings-bybit-rest')).toHaveValue(sim.endpoints.bybitRest);

  const key: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };
  const from = '2024-03-01';
  const to = '2024-03-02';
  const truth = sim.truth(key, utcDay(from), utcDay(to)).time.length;
  expect(truth).toBe(24 * 60);

  await page.getByTestId('nav-data').click();
  const data = new DataPage(page);
  await data.fillDownloadForm(BTC_1M, from, to);
  const progress = await data.startDownload();
  await expect(progress).toHaveAttribute('data-state', 'finished');
  const row = data.inventoryRow(BTC_1M);
  await expect(row.getByTestId('inventory-count')).toHaveText(shown(truth));
  await expect(page.getByTestId('notification').filter({ hasText: 'Downloaded bybit' })).toContainText(`${shown(truth)} candles written`);
});

test('an invalid URL is refused with a message naming the field, and nothing is stored', async ({ app }) => {
  const { page } = app;
  await openSettings(page);

  await page.getByTestId('settings-bybit-rest').fill('not a url');
  await page.getByTestId('settings-fee-bybit-spot-maker').fill('0.08');
  await page.getByTestId('settings-save').click();

  await expect(page.getByTestId('settings-bybit-rest-helper')).toContainText('Bybit REST base URL');
  await expect(page.getByTestId('settings-bybit-rest-helper')).toContainText('http');
  await expect(page.getByTestId('settings-bybit-rest')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('settings-errors')).toContainText('Bybit REST base URL');
  await expect(page.getByTestId('settings-saved')).toHaveCount(0);
  // The form keeps what was typed, so it can be corrected.
  await expect(page.getByTestId('settings-bybit-rest')).toHaveValue('not a url');

  // A fee over the limit is named too (in percent, as entered).
  await page.getByTestId('settings-bybit-rest').fill('');
  await page.getByTestId('settings-fee-bybit-linear-taker').fill('12');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-fee-bybit-linear-taker-helper')).toContainText('10 %');
  await expect(page.getByTestId('settings-errors')).toContainText('Bybit USDT perpetuals (linear) taker fee');
  await expect(page.getByTestId('settings-bybit-rest-helper')).not.toContainText('http://');

  // Neither update was stored: the core still has the defaults.
  await reload(page);
  await openSettings(page);
  await expect(page.getByTestId('settings-bybit-rest')).toHaveValue('');
  await expect(page.getByTestId('settings-fee-bybit-spot-maker')).toHaveValue('0.1');
  await expect(page.getByTestId('settings-fee-bybit-linear-taker')).toHaveValue('0.055');
});

test('fees entered in percent are stored by the core and shown again after a reload; Reset restores the defaults', async ({ app }) => {
  const { page } = app;
  await openSettings(page);
  await expect(page.getByTestId('settings-fee-bybit-linear-maker')).toHaveValue('0.02');
  await expect(page.getByTestId('settings-fee-bybit-linear-taker')).toHaveValue('0.055');
  await expect(page.getByTestId('settings-fee-binance-linear-taker')).toHaveValue('0.05');

  const entered = {
    'settings-fee-bybit-linear-maker': '0.015',
    'settings-fee-bybit-linear-taker': '0.0425',
    'settings-fee-binance-spot-maker': '0.075',
    'settings-fee-binance-linear-taker': '0.045',
  };
  for (const [testId, value] of Object.entries(entered)) await page.getByTestId(testId).fill(value);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();

  await reload(page);
  await openSettings(page);
  for (const [testId, value] of Object.entries(entered)) await expect(page.getByTestId(testId)).toHaveValue(value);
  // Untouched fees keep their defaults.
  await expect(page.getByTestId('settings-fee-bybit-spot-taker')).toHaveValue('0.1');

  await page.getByTestId('settings-reset').click();
  await expect(page.getByTestId('settings-fee-bybit-linear-maker')).toHaveValue('0.02');
  await expect(page.getByTestId('settings-fee-binance-spot-maker')).toHaveValue('0.1');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();

  await reload(page);
  await openSettings(page);
  await expect(page.getByTestId('settings-fee-bybit-linear-maker')).toHaveValue('0.02');
  await expect(page.getByTestId('settings-fee-binance-linear-taker')).toHaveValue('0.05');
});

test('the theme switch changes the app frame at once, by keyboard, and the choice is kept', async ({ app }) => {
  const { page } = app;
  const frame = page.getByTestId('app-frame');
  await expect(frame).toHaveAttribute('data-theme', 'dark');
  await expect(frame).toHaveCSS('background-color', DARK_BACKGROUND);
  await openSettings(page);

  // From the last fee field, Tab reaches the theme switch (one tab stop, arrows between its
  // buttons), then Save.
  await page.getByTestId('settings-fee-binance-linear-taker').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('settings-theme-dark')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('settings-theme-light')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('settings-theme')).toHaveAttribute('data-value', 'light');
  await expect(frame).toHaveAttribute('data-theme', 'light');
  await expect(frame).toHaveCSS('background-color', LIGHT_BACKGROUND);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await page.keyboard.press('Tab');
  await expect(page.getByTestId('settings-save')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings-saved')).toBeVisible();

  await reload(page);
  await expect(frame).toHaveAttribute('data-theme', 'light');
  await expect(frame).toHaveCSS('background-color', LIGHT_BACKGROUND);

  await openSettings(page);
  await page.getByTestId('settings-theme-dark').click();
  await expect(frame).toHaveCSS('background-color', DARK_BACKGROUND);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await expect(frame).toHaveAttribute('data-theme', 'dark');
});

test('a new data folder is recorded in config.json for the next start, after a relative one is refused', async ({ app }) => {
  const { page, dataDir, configDir, folder } = app;
  await openSettings(page);
  const field = page.getByTestId('settings-data-dir');
  await expect(field).toHaveValue(dataDir);

  await field.fill(path.join('relative', 'data'));
  await page.getByTestId('settings-data-dir-apply').click();
  await expect(page.getByTestId('settings-data-dir-helper')).toContainText('absolute path');
  await expect(page.getByTestId('settings-data-dir-restart')).toBeHidden();

  const next = path.join(folder, 'next data');
  await field.fill(next);
  await page.getByTestId('settings-data-dir-apply').click();
  await expect(page.getByTestId('settings-data-dir-restart')).toContainText(next);
  await expect(page.getByTestId('settings-data-dir-restart')).toContainText('candles.sqlite');
  expect(JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'))).toEqual({ dataDir: next });
  expect(existsSync(next)).toBe(true);
  // Still the folder in use until a restart.
  await expect(page.getByTestId('settings-data-dir-helper')).toContainText(`The next start uses ${next}`);
});
