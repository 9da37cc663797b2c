/**
 * The Optimise page: the setup (Ctrl+Enter runs), the stored optimisations, and the opened one's
 * results. While the opened optimisation runs, its progress and best so far are refreshed.
 */
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { useConnection } from '../../rpc/connection.ts';
import { loadCatalogue } from '../../state/backtest-catalogue.ts';
import { refreshOpenSummary, refreshOptimisations, useOptimise } from '../../state/optimise.ts';
import { Results } from './Results.tsx';
import { OptimisationList } from './OptimisationList.tsx';
import { runOptimiseForm, SetupForm } from './SetupForm.tsx';
import { type OptimiseModel, useOptimiseModel } from './useOptimiseModel.ts';

/** How often a running optimisation's best so far is fetched. */
const REFRESH_MS = 1000;

function usePageKeys(model: OptimiseModel): void {
  const latest = useRef(model);
  latest.current = model;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        runOptimiseForm(latest.current);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

function useLiveSummary(running: boolean): void {
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => void refreshOpenSummary(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running]);
}

export function OptimisePage() {
  const connected = useConnection((s) => s.state === 'ready');
  const model = useOptimiseModel();
  const { detail, trials, loadingTrials, openId } = useOptimise();
  usePageKeys(model);
  useLiveSummary(detail?.state === 'running');
  useEffect(() => {
    if (connected) void Promise.all([loadCatalogue(), refreshOptimisations()]);
  }, [connected]);
  return (
    <Stack spacing={2} data-testid="optimise-page">
      <Paper component="section" sx={{ p: 2 }} aria-label="Optimise parameters">
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          Optimise parameters
        </Typography>
        <SetupForm model={model} />
      </Paper>
      <Paper component="section" sx={{ p: 2 }} aria-label="Optimisations">
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          Optimisations
        </Typography>
        <OptimisationList />
      </Paper>
      {detail !== null && detail.id === openId ? <Results detail={detail} table={trials} loading={loadingTrials} /> : openId !== null && <Typography color="text.secondary">Loading the optimisation…</Typography>}
    </Stack>
  );
}
