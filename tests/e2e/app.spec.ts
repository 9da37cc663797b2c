/** Starting the app in browser mode, and the global keyboard shortcuts. */
import { expect, test } from './fixtures.ts';

test('the app starts connected, with the core ready and an empty cache', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('status-connection')).toHaveText('ready');
  await expect(page.getByTestId('status-core')).toHaveText('ready');
  await expect(page.getByTestId('status-jobs')).toHaveText('0');
  await expect(page.getByTestId('status-cache-size')).not.toHaveText('—');
  await expect(page.getByTestId('page-data')).toBeVisible();
  await expect(page.getByTestId('inventory-empty')).toBeVisible();
});

test('the navigation rail switches pages', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('nav-backtest').click();
  await expect(page.getByTestId('page-backtest')).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('page-settings')).toBeVisible();
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('page-data')).toBeVisible();
});

test('Ctrl+3 shows Backtest and Ctrl+1 shows Data again', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('page-data')).toBeVisible();
  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('page-backtest')).toBeVisible();
  await expect(page.getByTestId('page-data')).toHaveCount(0);
  await page.keyboard.press('Control+1');
  await expect(page.getByTestId('page-data')).toBeVisible();
  await expect(page.getByTestId('page-backtest')).toHaveCount(0);
});

test('Ctrl+K focuses the symbol search, from the Data page and from another page', async ({ app }) => {
  const { page } = app;
  const search = page.getByTestId('symbol-search');
  await expect(page.getByTestId('page-data')).toBeVisible();
  await expect(search).not.toBeFocused();
  await page.keyboard.press('Control+K');
  await expect(search).toBeFocused({ timeout: 5_000 });

  await search.blur();
  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('page-backtest')).toBeVisible();
  await page.keyboard.press('Control+K');
  await expect(page.getByTestId('page-data')).toBeVisible();
  await expect(search).toBeFocused({ timeout: 5_000 });
});
