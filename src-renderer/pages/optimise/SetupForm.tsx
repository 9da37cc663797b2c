/** The setup: strategy and parameter ranges, data, settings, the search, then Run (Ctrl+Enter). */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useConnection } from '../../rpc/connection.ts';
import { chooseOptimiseStrategy, editOptimiseData, editOptimiseSettings, markOptimiseAttempted, resetOptimiseSettings, useOptimiseForm } from '../../state/optimise-form.ts';
import { startOptimisation, useOptimise } from '../../state/optimise.ts';
import { DataFields } from '../shared/DataFields.tsx';
import { FormPart, shownErrors } from '../shared/FormPart.tsx';
import { SettingsFields } from '../shared/SettingsFields.tsx';
import { StrategySelect } from '../shared/StrategySelect.tsx';
import { ParameterRanges } from './ParameterRanges.tsx';
import { SearchFields } from './SearchFields.tsx';
import type { OptimiseModel } from './useOptimiseModel.ts';

export function runOptimiseForm(model: OptimiseModel): void {
  if ('errors' in model.built) {
    markOptimiseAttempted(true);
    return;
  }
  markOptimiseAttempted(false);
  void startOptimisation(model.built.input, model.title);
}

export function SetupForm({ model }: { model: OptimiseModel }) {
  const connected = useConnection((s) => s.state === 'ready');
  const form = useOptimiseForm();
  const { starting, error } = useOptimise();
  const all = 'errors' in model.built ? model.built.errors : {};
  const errors = shownErrors(all, form.attempted);
  return (
    <Stack spacing={2} data-testid="optimise-form">
      <FormPart title="Strategy and parameter ranges">
        <Stack spacing={1.5}>
          <StrategySelect prefix="optimise" value={model.key} strategyName={model.strategyName} onChoose={chooseOptimiseStrategy} error={errors.strategy} />
          <ParameterRanges model={model} errors={errors} />
        </Stack>
      </FormPart>
      <FormPart title="Data">
        <DataFields prefix="optimise" form={form.data} onChange={editOptimiseData} series={model.series} selected={model.selected} errors={errors} />
      </FormPart>
      <FormPart title="Settings">
        <SettingsFields prefix="optimise" settings={form.settings} onChange={editOptimiseSettings} onReset={resetOptimiseSettings} feeKey={form.data.dataKind === 'cache' ? model.selected?.key : undefined} errors={errors} />
      </FormPart>
      <FormPart title="Search">
        <SearchFields errors={errors} />
      </FormPart>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" onClick={() => runOptimiseForm(model)} disabled={!connected || starting} data-testid="optimise-run" title="Ctrl+Enter">
          Run optimisation
        </Button>
        <Typography variant="caption" color="text.secondary">
          Ctrl+Enter
        </Typography>
        {form.attempted && 'errors' in model.built && (
          <Typography variant="body2" color="error" data-testid="optimise-form-invalid">
            Fix the fields marked in red first.
          </Typography>
        )}
      </Stack>
      {error !== null && (
        <Alert severity="error" data-testid="optimise-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
