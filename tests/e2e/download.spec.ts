/**
 * Downloading from the exchange simulator through the Data page: progress, the inventory's
 * count, a gap the exchange has on the coverage bar, cancel and resume, and deleting a series.
 * Every expected count comes from the simulator's own truth for the same window.
 */
import type { SeriesKey } from '../../src-shared/market.ts';
import { BTC_1M, DataPage, expect, shown, test, utcDay } from './fixtures.ts';

const FROM = '2024-03-01';
const TO = '2024-03-03';
const KEY: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };
const TWO_DAYS_OF_MINUTES = 2 * 24 * 60;

test('download bybit linear BTCUSDT 1m for two days: progress, then the inventory row with the full count', async ({ app }) => {
  const { page, sim } = app;
  const truth = sim.truth(KEY, utcDay(FROM), utcDay(TO)).time.length;
  expect(truth).toBe(TWO_DAYS_OF_MINUTES);
  const data = new DataPage(page);
  await expect(page.getByTestId('inventory-empty')).toBeVisible();

  await data.fillDownloadForm(BTC_1M, FROM, TO);
  const progress = await data.startDownload();
  await expect(progress).toContainText('Download bybit');
  await expect(progress).toHaveAttribute('data-state', 'finished');
  await expect(progress.getByTestId('download-progress-message')).toHaveText('Finished');
  // The core delivers a job's last progress before it reports the job finished.
  await expect(progress.getByTestId('download-progress-count')).toHaveText(`${shown(truth)} / ${shown(truth)} candles`);
  await expect(page.getByTestId('notification')).toHaveAttribute('data-severity', 'success');
  await expect(page.getByTestId('notification')).toContainText(`${shown(truth)} candles written`);

  const row = data.inventoryRow(BTC_1M);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('inventory-empty')).toHaveCount(0);
  await expect(row.getByTestId('inventory-count')).toHaveText(shown(truth));
  await expect(row.getByTestId('inventory-expected')).toHaveText(shown(truth));
  await expect(row.getByTestId('coverage-gap')).toHaveCount(0);
  await expect(row.getByTestId('coverage-covered')).toHaveCount(1);
  await expect(row.getByTestId('coverage-covered')).toHaveAttribute('data-from', String(utcDay(FROM)));
  await expect(row.getByTestId('coverage-covered')).toHaveAttribute('data-to', String(utcDay(TO)));
  await expect(page.getByTestId('status-jobs')).toHaveText('0');

  await progress.getByTestId('download-dismiss').click();
  await expect(page.getByTestId('download-progress')).toHaveCount(0);
});

test('a gap at the exchange shows on the coverage bar with its exact range', async ({ app }) => {
  const { page, sim } = app;
  const gap = { from: Date.parse('2024-03-01T12:00:00Z'), to: Date.parse('2024-03-01T13:30:00Z') };
  sim.setFaults([{ kind: 'gap', ...gap, exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT' }]);
  const truth = sim.truth(KEY, utcDay(FROM), utcDay(TO)).time.length;
  expect(truth).toBe(TWO_DAYS_OF_MINUTES - 90);
  const data = new DataPage(page);

  await data.fillDownloadForm(BTC_1M, FROM, TO);
  const progress = await data.startDownload();
  await expect(progress).toHaveAttribute('data-state', 'finished');
  await expect(page.getByTestId('notification')).toContainText('90 missing at the exchange');

  const row = data.inventoryRow(BTC_1M);
  await expect(row.getByTestId('inventory-count')).toHaveText(shown(truth));
  await expect(row.getByTestId('inventory-expected')).toHaveText(shown(TWO_DAYS_OF_MINUTES));
  const gapBar = row.getByTestId('coverage-gap');
  await expect(gapBar).toHaveCount(1);
  await expect(gapBar).toHaveAttribute('data-from', String(gap.from));
  await expect(gapBar).toHaveAttribute('data-to', String(gap.to));
  await expect(row.getByTestId('coverage-uncovered')).toHaveCount(0);
});

test('cancel a slow download, then download again: it resumes and ends with the full count', async ({ app }) => {
  const { page, sim } = app;
  const truth = sim.truth(KEY, utcDay(FROM), utcDay(TO)).time.length;
  // Three pages of at most 1000 bars go out at once; the first kline request to arrive is held
  // (far longer than this test needs), so the job sits at "2 of 3 pages" until cancelled.
  sim.setFaults([{ kind: 'slow', delayMs: 25_000, path: '/v5/market/kline', count: 1 }]);
  const data = new DataPage(page);

  await data.fillDownloadForm(BTC_1M, FROM, TO);
  const progress = await data.startDownload();
  await expect(progress).toHaveAttribute('data-state', 'running');
  await expect(progress.getByTestId('download-progress-message')).toHaveText('2 of 3 pages');
  await expect(progress.getByTestId('download-progress-count')).toHaveText(new RegExp(`^[\\d,]+ / ${shown(truth)} candles$`));
  await expect(page.getByTestId('status-jobs')).toHaveText('1');

  await progress.getByTestId('download-cancel').click();
  await expect(progress).toHaveAttribute('data-state', 'cancelled');
  await expect(progress.getByTestId('download-progress-message')).toContainText('cancelled after 2 of 3 pages');
  await expect(page.getByTestId('status-jobs')).toHaveText('0');
  await expect(page.getByTestId('notification')).toHaveAttribute('data-severity', 'info');

  // The two pages that arrived are kept.
  const row = data.inventoryRow(BTC_1M);
  await page.getByTestId('inventory-refresh').click();
  await expect(row).toBeVisible();
  const kept = Number((await row.getByTestId('inventory-count').innerText()).replaceAll(',', ''));
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(truth);

  await progress.getByTestId('download-dismiss').click();
  await expect(page.getByTestId('download-progress')).toHaveCount(0);
  sim.setFaults([]);

  const resumed = await data.startDownload();
  await expect(resumed).toHaveAttribute('data-state', 'finished');
  // Only what the cancelled run had not written is fetched again.
  await expect(page.getByTestId('notification').filter({ hasText: 'Downloaded bybit' })).toContainText(`${shown(truth - kept)} candles written`);
  await expect(row.getByTestId('inventory-count')).toHaveText(shown(truth));
  await expect(row.getByTestId('inventory-expected')).toHaveText(shown(truth));
  await expect(row.getByTestId('coverage-covered')).toHaveCount(1);
  await expect(row.getByTestId('coverage-uncovered')).toHaveCount(0);
});

test('delete a series after confirming', async ({ app }) => {
  const { page } = app;
  const data = new DataPage(page);
  await data.fillDownloadForm(BTC_1M, FROM, '2024-03-02');
  const progress = await data.startDownload();
  await expect(progress).toHaveAttribute('data-state', 'finished');
  const row = data.inventoryRow(BTC_1M);
  await expect(row.getByTestId('inventory-count')).toHaveText(shown(24 * 60));
  // Out of the way, so the deletion's own notification shows next.
  await page.getByTestId('notification').filter({ hasText: 'Downloaded bybit' }).getByTestId('notification-close').click();

  // Keep first: nothing changes.
  await row.getByTestId('inventory-delete').click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('1,440 candles');
  await page.getByTestId('delete-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();

  await row.getByTestId('inventory-delete').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('delete-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('inventory-empty')).toBeVisible();
  await expect(page.getByTestId('notification').filter({ hasText: 'Deleted bybit' })).toHaveAttribute('data-severity', 'success');
});
