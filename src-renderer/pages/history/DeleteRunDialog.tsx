/** Asks before deleting a saved run; the list is refreshed after. */
import { ConfirmDeleteDialog } from '../../app/ConfirmDeleteDialog.tsx';
import { deleteRun, type RunSummary } from '../../state/history.ts';
import { count } from '../../util/format.ts';
import { utcMinute } from '../../../src-shared/time-text.ts';

export function DeleteRunDialog({ run, onClose }: { run: RunSummary | null; onClose: () => void }) {
  return (
    <ConfirmDeleteDialog
      open={run !== null}
      title="Delete this run?"
      consequence={run === null ? '' : `${run.strategyName} on ${run.dataSource} (${utcMinute(run.createdAt)} UTC) and its ${count(run.metrics.trades)} trades will be deleted. This cannot be undone.`}
      testId="history-delete"
      onDelete={() => run !== null && void deleteRun(run)}
      onClose={onClose}
    />
  );
}
