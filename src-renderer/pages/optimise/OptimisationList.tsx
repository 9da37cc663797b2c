/** The stored optimisations, newest first: open one, resume a paused one (also after a restart), or delete it. */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { formatMetric, metricInfo } from '../../../src-shared/run-compare.ts';
import { ConfirmDeleteDialog } from '../../app/ConfirmDeleteDialog.tsx';
import { deleteOptimisation, openOptimisation, type OptimisationSummary, resumeOptimisation, useOptimise } from '../../state/optimise.ts';
import { count } from '../../util/format.ts';
import { utcMinute } from '../../../src-shared/time-text.ts';

function bestText(summary: OptimisationSummary): string {
  const objective = summary.objectives[0];
  if (summary.best === null || objective === undefined) return '—';
  const info = metricInfo(objective.metric);
  return `${info.label} ${formatMetric(summary.best.scores[0], info.unit)}`;
}

export function OptimisationList() {
  const { list, openId } = useOptimise();
  const [deleting, setDeleting] = useState<OptimisationSummary | null>(null);
  if (list.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="optimise-list" data-count={0}>
        No optimisations yet.
      </Typography>
    );
  }
  return (
    <>
      <Table size="small" data-testid="optimise-list" data-count={list.length} aria-label="Optimisations">
        <TableHead>
          <TableRow>
            <TableCell>Created (UTC)</TableCell>
            <TableCell>Strategy</TableCell>
            <TableCell>Data</TableCell>
            <TableCell>Method</TableCell>
            <TableCell>State</TableCell>
            <TableCell align="right">Trials</TableCell>
            <TableCell>Best</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {list.map((summary) => (
            <TableRow key={summary.id} selected={summary.id === openId} data-testid={`optimise-list-row-${summary.id}`} data-state={summary.state}>
              <TableCell>{utcMinute(summary.createdAt)}</TableCell>
              <TableCell>{summary.strategyName}</TableCell>
              <TableCell>{summary.dataSource}</TableCell>
              <TableCell>
                {summary.method}
                {summary.mode === 'walk-forward' ? ' · walk-forward' : ''}
              </TableCell>
              <TableCell>{summary.state}</TableCell>
              <TableCell align="right">
                {count(summary.progress.done)} / {count(summary.progress.total)}
              </TableCell>
              <TableCell>{bestText(summary)}</TableCell>
              <TableCell>
                <Stack direction="row" spacing={0.5}>
                  <Button size="small" onClick={() => void openOptimisation(summary.id)} data-testid={`optimise-open-${summary.id}`}>
                    Open
                  </Button>
                  {summary.state !== 'running' && summary.state !== 'finished' && (
                    <Button size="small" onClick={() => void resumeOptimisation(summary.id)} data-testid={`optimise-resume-${summary.id}`}>
                      Resume
                    </Button>
                  )}
                  <Button size="small" color="error" onClick={() => setDeleting(summary)} data-testid={`optimise-delete-${summary.id}`}>
                    Delete
                  </Button>
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ConfirmDeleteDialog
        open={deleting !== null}
        title="Delete this optimisation?"
        consequence={deleting === null ? '' : `${deleting.strategyName} on ${deleting.dataSource} and its ${count(deleting.progress.done)} stored trials will be deleted${deleting.state === 'running' ? ' (it is cancelled first)' : ''}. This cannot be undone.`}
        testId="optimise-delete"
        onDelete={() => deleting !== null && void deleteOptimisation(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
