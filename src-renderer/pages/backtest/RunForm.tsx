/**
 * The run form: strategy and parameters, data, settings, then Run (Ctrl+Enter) with the job's
 * progress and Cancel (Esc) while it runs, and the reason when a backtest fails.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { FieldErrors } from '../../../src-shared/backtest-view/request.ts';
import { useConnection } from '../../rpc/connection.ts';
import { editBacktestForm, editRunSettings, markAttempted, resetRunSettings, useBacktestForm } from '../../state/backtest-form.ts';
import { cancelBacktest, startBacktest, useBacktestJob } from '../../state/backtest-job.ts';
import { useJobs } from '../../state/jobs.ts';
import { DataFields } from '../shared/DataFields.tsx';
import { FormPart, shownErrors } from '../shared/FormPart.tsx';
import { SettingsFields } from '../shared/SettingsFields.tsx';
import { StrategyFields } from './StrategyFields.tsx';
import type { RunFormModel } from './useRunForm.ts';

export function runFromForm(model: RunFormModel): void {
  if ('errors' in model.built) {
    markAttempted(true);
    return;
  }
  markAttempted(false);
  void startBacktest(model.built.input, model.title);
}

function RunProgress({ jobId }: { jobId: string }) {
  const job = useJobs((s) => s.jobs[jobId]);
  const percent = job !== undefined && job.total > 0 ? Math.min(100, (job.done / job.total) * 100) : 0;
  return (
    <Box data-testid="backtest-progress" data-state={job?.state ?? 'queued'} sx={{ flex: 1, minWidth: 200 }}>
      <Typography variant="body2" color="text.secondary" data-testid="backtest-progress-message">
        {job?.message ?? 'Starting'}
      </Typography>
      <LinearProgress variant={percent === 0 ? 'indeterminate' : 'determinate'} value={percent} aria-label="Backtest progress" />
    </Box>
  );
}

export function RunForm({ model }: { model: RunFormModel }) {
  const connected = useConnection((s) => s.state === 'ready');
  const form = useBacktestForm();
  const { attempted } = form;
  const { jobId, starting, error } = useBacktestJob();
  const all: FieldErrors = 'errors' in model.built ? model.built.errors : {};
  const errors = shownErrors(all, attempted);
  const busy = jobId !== null || starting;
  return (
    <Stack spacing={2} data-testid="backtest-form">
      <FormPart title="Strategy">
        <StrategyFields model={model} errors={errors} />
      </FormPart>
      <FormPart title="Data">
        <DataFields prefix="backtest" form={form} onChange={editBacktestForm} series={model.series} selected={model.selected} errors={errors} />
      </FormPart>
      <FormPart title="Settings">
        <SettingsFields
          prefix="backtest"
          settings={form.settings}
          onChange={editRunSettings}
          onReset={resetRunSettings}
          feeKey={form.dataKind === 'cache' ? model.selected?.key : undefined}
          errors={errors}
        />
      </FormPart>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" onClick={() => runFromForm(model)} disabled={!connected || busy} data-testid="backtest-run" title="Ctrl+Enter">
          Run backtest
        </Button>
        {jobId !== null && (
          <>
            <RunProgress jobId={jobId} />
            <Button color="error" onClick={() => void cancelBacktest()} data-testid="backtest-cancel" title="Esc">
              Cancel
            </Button>
          </>
        )}
        <Typography variant="caption" color="text.secondary">
          {jobId === null ? 'Ctrl+Enter' : 'Esc cancels'}
        </Typography>
        {jobId === null && attempted && 'errors' in model.built && (
          <Typography variant="body2" color="error" data-testid="backtest-form-invalid">
            Fix the fields marked in red first.
          </Typography>
        )}
      </Stack>
      {error !== null && (
        <Alert severity="error" data-testid="backtest-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
