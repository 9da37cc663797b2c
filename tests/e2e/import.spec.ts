/**
 * Importing candle files through the Data page's import panel in browser mode: the page reads
 * the picked file and uploads its bytes. A good CSV lands in the named series; a malformed one
 * is refused with an error that names the file and the line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, seriesRowId, shown, test } from './fixtures.ts';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'BTCUSD-1d.csv');
const SERIES = { exchange: 'binance', market: 'spot', symbol: 'BTCUSD', interval: '1d' };

/** Data rows of a CSV: every non-empty line after the header. */
function dataRows(text: string): string[] {
  return text.split(/\r?\n/).slice(1).filter((line) => line.trim() !== '');
}

async function chooseImportTarget(page: Page, series: typeof SERIES): Promise<void> {
  await page.getByTestId('import-target-exchange').selectOption(series.exchange);
  await page.getByTestId('import-target-market').selectOption(series.market);
  await page.getByTestId('import-target-symbol').fill(series.symbol);
  await page.getByTestId('import-target-interval').selectOption(series.interval);
}

test('import tests/fixtures/BTCUSD-1d.csv into a named series and see it in the inventory', async ({ app }) => {
  const { page } = app;
  const rows = dataRows(readFileSync(FIXTURE, 'utf8'));
  const first = Date.parse(`${rows[0].split(',')[0]}T00:00:00Z`);
  const last = Date.parse(`${rows.at(-1)!.split(',')[0]}T00:00:00Z`);
  await expect(page.getByTestId('inventory-empty')).toBeVisible();

  await chooseImportTarget(page, SERIES);
  await page.getByTestId('import-file-input').setInputFiles(FIXTURE);

  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible();
  const file = result.getByTestId('import-result-file');
  await expect(file).toHaveCount(1);
  await expect(file).toHaveAttribute('data-file', 'BTCUSD-1d.csv');
  await expect(file).toHaveAttribute('data-candles', String(rows.length));
  await expect(file).toContainText(`BTCUSD-1d.csv: ${shown(rows.length)} candles into binance spot BTCUSD 1d`);
  await expect(page.getByTestId('notification')).toHaveAttribute('data-severity', 'success');
  await expect(page.getByTestId('notification')).toContainText(`Imported ${shown(rows.length)} candles from 1 file(s)`);

  const row = page.getByTestId(seriesRowId(SERIES));
  await expect(row).toBeVisible();
  await expect(row.getByTestId('inventory-count')).toHaveText(shown(rows.length));
  await expect(row.getByTestId('inventory-expected')).toHaveText(shown((last - first) / 86_400_000 + 1));
  await expect(row.getByTestId('inventory-first')).toHaveText(`${rows[0].split(',')[0]} 00:00`);
  await expect(row.getByTestId('inventory-last')).toHaveText(`${rows.at(-1)!.split(',')[0]} 00:00`);
  await expect(row.getByTestId('coverage-covered')).not.toHaveCount(0);
});

test('a malformed CSV is refused with an error naming the file and the line', async ({ app }) => {
  const { page } = app;
  const good = readFileSync(FIXTURE, 'utf8').split('\n');
  // Line 4 (counting the header as line 1) gets a close that is not a number.
  const cells = good[3].split(',');
  cells[4] = 'not-a-price';
  const broken = [...good.slice(0, 3), cells.join(','), ...good.slice(4, 10)].join('\n') + '\n';

  await chooseImportTarget(page, SERIES);
  await page.getByTestId('import-file-input').setInputFiles({ name: 'broken-prices.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });

  const error = page.getByTestId('notification');
  await expect(error).toHaveAttribute('data-severity', 'error');
  await expect(error).toContainText('broken-prices.csv');
  await expect(error).toContainText('line 4');
  await expect(page.getByTestId('import-result')).toHaveCount(0);
  await expect(page.getByTestId('import-drop-area')).toHaveAttribute('data-busy', 'false');
  // Nothing of the file is kept.
  await expect(page.getByTestId(seriesRowId(SERIES))).toHaveCount(0);
  await expect(page.getByTestId('inventory-empty')).toBeVisible();

  // The error stays until dismissed.
  await page.getByTestId('notification-close').click();
  await expect(error).toHaveCount(0);
});

test('a CSV dropped on the drop area is imported too', async ({ app }) => {
  const { page } = app;
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  const month = [...lines.slice(0, 31)].join('\n') + '\n';
  const series = { ...SERIES, exchange: 'bybit', symbol: 'BTCUSDT' };
  await chooseImportTarget(page, series);

  // Written as page source: the tests are typed without the DOM library.
  const dataTransfer = await page.evaluateHandle(`(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([${JSON.stringify(month)}], 'september.csv', { type: 'text/csv' }));
    return transfer;
  })()`);
  await page.getByTestId('import-drop-area').dispatchEvent('drop', { dataTransfer });

  const file = page.getByTestId('import-result').getByTestId('import-result-file');
  await expect(file).toHaveAttribute('data-file', 'september.csv');
  await expect(file).toHaveAttribute('data-candles', '30');
  await expect(page.getByTestId(seriesRowId(series)).getByTestId('inventory-count')).toHaveText('30');
});
