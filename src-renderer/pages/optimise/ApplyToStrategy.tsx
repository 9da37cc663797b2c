/** "Apply to strategy": the chosen trial's parameters written as a saved strategy's defaults (optimise.applyToStrategy), after a confirmation. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { formatParameters } from '../../../src-shared/run-compare.ts';
import { requireClient } from '../../rpc/connection.ts';
import { loadCatalogue, loadSavedStrategy, useBacktestCatalogue } from '../../state/backtest-catalogue.ts';
import { notify, notifyError } from '../../state/notifications.ts';
import type { OptimisationDetail } from '../../state/optimise.ts';
import { Choice } from '../shared/fields.tsx';

export function ApplyToStrategy({ detail, window, trialIndex, params }: { detail: OptimisationDetail; window: number; trialIndex: number | null; params: Record<string, number | string> | null }) {
  const saved = useBacktestCatalogue((s) => s.saved);
  const [strategyId, setStrategyId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const target = saved.find((s) => s.id === strategyId) ?? saved.find((s) => s.name === detail.strategyName) ?? saved[0];
  if (trialIndex === null) {
    return (
      <Typography variant="body2" color="text.secondary">
        Choose a trial of the search (walk-forward: of the window shown) to apply its parameters.
      </Typography>
    );
  }
  if (saved.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        Save a strategy on the Strategies page (Ctrl+2) to send parameters to it.
      </Typography>
    );
  }
  const apply = async () => {
    setConfirming(false);
    if (trialIndex === null || target === undefined) return;
    try {
      const { parameters } = await requireClient().call('optimise.applyToStrategy', { id: detail.id, trialIndex, window, strategyId: target.id });
      notify('success', `${target.name}: defaults set to ${formatParameters(parameters)}`);
      await Promise.all([loadCatalogue(), loadSavedStrategy(target.id)]);
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
      <Choice label="Saved strategy" value={target?.id ?? ''} options={saved.map((s) => s.id)} labels={Object.fromEntries(saved.map((s) => [s.id, s.name]))} testId="optimise-apply-strategy" onChange={setStrategyId} minWidth={220} />
      <Button variant="outlined" disabled={trialIndex === null} onClick={() => setConfirming(true)} data-testid="optimise-apply">
        Apply trial #{trialIndex ?? '—'} to strategy
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} data-testid="optimise-apply-dialog">
        <DialogTitle>Change the strategy's defaults?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The declared parameters of “{target?.name}” will default to {params === null ? '' : formatParameters(params)}. Its other settings stay as they are.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} autoFocus data-testid="optimise-apply-cancel">
            Keep
          </Button>
          <Button variant="contained" onClick={() => void apply()} data-testid="optimise-apply-confirm">
            Apply
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
