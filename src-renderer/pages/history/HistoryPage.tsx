/**
 * The History page: every saved backtest run, sortable, with open, download and delete per run;
 * tick two to compare them side by side. The list is re-read on arrival and whenever a
 * backtest finishes (the run it saved appears at the top).
 */
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useConnection } from '../../rpc/connection.ts';
import { refreshRuns, type RunSummary, startCompare, useHistory } from '../../state/history.ts';
import { CompareView } from './CompareView.tsx';
import { DeleteRunDialog } from './DeleteRunDialog.tsx';
import { RunsTable } from './RunsTable.tsx';

function RunList() {
  const [toDelete, setToDelete] = useState<RunSummary | null>(null);
  const runs = useHistory((s) => s.runs);
  const loaded = useHistory((s) => s.loaded);
  const loading = useHistory((s) => s.loading);
  const selected = useHistory((s) => s.selected);
  const connected = useConnection((s) => s.state === 'ready');
  return (
    <Paper component="section" sx={{ p: 2 }} aria-label="Saved runs">
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1.5, gap: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }}>
          Saved runs
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="history-selection">
          {selected.length === 2 ? 'Two runs ticked' : `Tick two runs to compare (${selected.length} of 2)`}
        </Typography>
        <Button variant="contained" size="small" disabled={selected.length !== 2} onClick={startCompare} data-testid="history-compare">
          Compare
        </Button>
        <Button size="small" onClick={() => void refreshRuns()} disabled={!connected || loading} data-testid="history-refresh">
          Refresh
        </Button>
      </Stack>
      {loading && !loaded && <LinearProgress aria-label="Loading the runs" />}
      {loaded && runs.length === 0 ? (
        <Typography color="text.secondary" sx={{ py: 2 }} data-testid="history-empty">
          No saved runs yet: every backtest run on the Backtest page is saved here.
        </Typography>
      ) : (
        <RunsTable onDelete={setToDelete} />
      )}
      <DeleteRunDialog run={toDelete} onClose={() => setToDelete(null)} />
    </Paper>
  );
}

export function HistoryPage() {
  const client = useConnection((s) => s.client);
  const comparing = useHistory((s) => s.comparing);
  useEffect(() => {
    if (client === null) return undefined;
    void refreshRuns();
    return client.on('job.finished', (finished) => {
      if (finished.kind === 'backtest') void refreshRuns();
    });
  }, [client]);
  return comparing === null ? <RunList /> : <CompareView idA={comparing[0]} idB={comparing[1]} />;
}
