/** Asks before deleting a series from the cache, then deletes it and refreshes the inventory. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
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
    <Dialog open={series !== null} onClose={onClose} data-testid="delete-dialog">
      <DialogTitle>Delete series?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {series !== null && `${describeSeries(series.key)}: ${count(series.count)} candles and its coverage will be removed from the cache.`}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus data-testid="delete-cancel">
          Keep
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={() => {
            if (series !== null) void deleteSeries(series);
            onClose();
          }}
          data-testid="delete-confirm"
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
