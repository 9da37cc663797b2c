/** Asks before deleting a saved run; the list is refreshed after. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { utcMinute } from '../../../src-shared/run-compare.ts';
import { deleteRun, type RunSummary } from '../../state/history.ts';
import { count } from '../../util/format.ts';

export function DeleteRunDialog({ run, onClose }: { run: RunSummary | null; onClose: () => void }) {
  return (
    <Dialog open={run !== null} onClose={onClose} data-testid="history-delete-dialog">
      <DialogTitle>Delete this run?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {run !== null && `${run.strategyName} on ${run.dataSource} (${utcMinute(run.createdAt)} UTC) and its ${count(run.metrics.trades)} trades will be deleted. This cannot be undone.`}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus data-testid="history-delete-cancel">
          Keep
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={() => {
            if (run !== null) void deleteRun(run);
            onClose();
          }}
          data-testid="history-delete-confirm"
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
