/**
 * The Backtest page: the run form (Ctrl+Enter runs from anywhere on the page, Esc cancels a
 * running backtest) above the results of the run shown (a finished run here, or one opened from
 * History).
 */
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { useConnection } from '../../rpc/connection.ts';
import { loadCatalogue } from '../../state/backtest-catalogue.ts';
import { cancelBacktest, useBacktestJob } from '../../state/backtest-job.ts';
import { useBacktestTarget } from '../../state/backtest-run.ts';
import { RunForm, runFromForm } from './RunForm.tsx';
import { RunResults } from './RunResults.tsx';
import { type RunFormModel, useRunForm } from './useRunForm.ts';

function usePageKeys(model: RunFormModel): void {
  const latest = useRef(model);
  latest.current = model;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        if (useBacktestJob.getState().jobId === null) runFromForm(latest.current);
      } else if (event.key === 'Escape' && !event.defaultPrevented && useBacktestJob.getState().jobId !== null) {
        event.preventDefault();
        void cancelBacktest();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function BacktestPage() {
  const connected = useConnection((s) => s.state === 'ready');
  const runId = useBacktestTarget((s) => s.runId);
  const model = useRunForm();
  usePageKeys(model);
  useEffect(() => {
    if (connected) void loadCatalogue();
  }, [connected]);
  return (
    <Stack spacing={2} data-testid="backtest-page">
      <Paper component="section" sx={{ p: 2 }} aria-label="Run a backtest">
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          Run a backtest
        </Typography>
        <RunForm model={model} />
      </Paper>
      <RunResults runId={runId} />
    </Stack>
  );
}
