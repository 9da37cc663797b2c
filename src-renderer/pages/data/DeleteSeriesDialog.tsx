/** Asks before deleting a series from the cache, then deletes it and refreshes the inventory. */
import { ConfirmDeleteDialog } from '../../app/ConfirmDeleteDialog.tsx';
import { describeSeries } from '../../../src-shared/market.ts';
import { requireClient } from '../../rpc/connection.ts';
import { refreshInventory, type SeriesInventory } from '../../state/inventory.ts';
import { notify, notifyError } from '../../state/notifications.ts';
import { refreshSystemInfo } from '../../state/status.ts';
import { count } from '../../util/format.ts';

async function deleteSeries(series: SeriesInventory): Promise<void> {
  try {
    const { deleted } = await requireClient().call('cache.deleteSeries', { key: series.key });
    notify(deleted ? 'success' : 'info', deleted ? `Deleted ${describeSeries(series.key)}` : `${describeSeries(series.key)} was already gone`);
  } catch (error) {
    notifyError(error);
  }
  await Promise.all([refreshInventory(), refreshSystemInfo()]);
}

export function DeleteSeriesDialog({ series, onClose }: { series: SeriesInventory | null; onClose: () => void }) {
  return (
    <ConfirmDeleteDialog
      open={series !== null}
      title="Delete series?"
      consequence={series === null ? '' : `${describeSeries(series.key)}: ${count(series.count)} candles and its coverage will be removed from the cache.`}
      testId="delete"
      onDelete={() => series !== null && void deleteSeries(series)}
      onClose={onClose}
    />
  );
}
