/** How to search: method, budget and seed, objectives (two or more make a Pareto front), filters, workers and walk-forward windows. */
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { OPTIMISE_METHODS } from '../../../src-shared/contract/schemas/optimise.ts';
import type { FieldErrors } from '../../../src-shared/backtest-view/request.ts';
import { OBJECTIVE_METRICS } from '../../../src-shared/optimise-view/request.ts';
import { metricInfo } from '../../../src-shared/run-compare.ts';
import { addObjective, editSearch, editWalkForward, removeObjective, setObjective, useOptimiseForm } from '../../state/optimise-form.ts';
import { Choice, NumberField } from '../shared/fields.tsx';

const METRIC_LABELS = Object.fromEntries(OBJECTIVE_METRICS.map((m) => [m, metricInfo(m).label]));
const METHOD_LABELS = { grid: 'Grid (every set)', random: 'Random', bayes: 'Bayesian (TPE)' } as const;

function Objectives({ errors }: { errors: FieldErrors }) {
  const objectives = useOptimiseForm((s) => s.search.objectives);
  return (
    <Stack spacing={1}>
      {objectives.map((objective, i) => (
        <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <Choice label={i === 0 ? 'Objective (orders "best")' : `Objective ${i + 1}`} value={objective.metric} options={OBJECTIVE_METRICS} labels={METRIC_LABELS} testId={`optimise-objective-${i}`} onChange={(metric) => setObjective(i, { metric })} error={errors[`objective.${i}`]} minWidth={240} />
          <Choice label="Direction" value={objective.direction} options={['maximize', 'minimize'] as const} testId={`optimise-objective-${i}-direction`} onChange={(direction) => setObjective(i, { direction })} />
          {objectives.length > 1 && (
            <IconButton aria-label={`Remove objective ${i + 1}`} onClick={() => removeObjective(i)} data-testid={`optimise-objective-${i}-remove`} size="small" sx={{ mt: 0.5 }}>
              ×
            </IconButton>
          )}
        </Stack>
      ))}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button size="small" onClick={addObjective} data-testid="optimise-add-objective">
          Add objective
        </Button>
        <Typography variant="caption" color="text.secondary">
          {objectives.length > 1 ? 'Several objectives: the results show their Pareto front' : 'Add a second objective (e.g. max drawdown) for a Pareto front'}
        </Typography>
      </Stack>
    </Stack>
  );
}

function WalkForward({ errors }: { errors: FieldErrors }) {
  const wf = useOptimiseForm((s) => s.search.walkForward);
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <FormControlLabel control={<Checkbox checked={wf.enabled} onChange={(event) => editWalkForward({ enabled: event.target.checked })} slotProps={{ input: { 'data-testid': 'optimise-wf' } as object }} />} label="Walk-forward" />
      {wf.enabled && (
        <>
          <NumberField label="In-sample days" value={wf.inSampleDays} testId="optimise-wf-is" onChange={(inSampleDays) => editWalkForward({ inSampleDays })} error={errors['wf.inSampleDays']} min={0} width={130} />
          <NumberField label="Out-of-sample days" value={wf.outOfSampleDays} testId="optimise-wf-oos" onChange={(outOfSampleDays) => editWalkForward({ outOfSampleDays })} error={errors['wf.outOfSampleDays']} min={0} width={150} />
          <NumberField label="Step days" value={wf.stepDays} placeholder="out-of-sample" helperText="empty: out-of-sample" testId="optimise-wf-step" onChange={(stepDays) => editWalkForward({ stepDays })} error={errors['wf.stepDays']} min={0} width={130} />
          <FormControlLabel control={<Checkbox checked={wf.anchored} onChange={(event) => editWalkForward({ anchored: event.target.checked })} slotProps={{ input: { 'data-testid': 'optimise-wf-anchored' } as object }} />} label="Anchored (in-sample grows from the start)" />
        </>
      )}
    </Stack>
  );
}

export function SearchFields({ errors }: { errors: FieldErrors }) {
  const search = useOptimiseForm((s) => s.search);
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Choice label="Method" value={search.method} options={OPTIMISE_METHODS} labels={METHOD_LABELS} testId="optimise-method" onChange={(method) => editSearch({ method })} minWidth={180} />
        {search.method !== 'grid' && <NumberField label="Trials" value={search.trials} testId="optimise-trials" onChange={(trials) => editSearch({ trials })} error={errors.trials} min={1} step={1} width={110} />}
        <NumberField label="Seed" value={search.seed} testId="optimise-seed" onChange={(seed) => editSearch({ seed })} error={errors.seed} step={1} width={100} />
        <NumberField label="Min trades" value={search.minTrades} placeholder="none" testId="optimise-min-trades" onChange={(minTrades) => editSearch({ minTrades })} error={errors.minTrades} min={0} step={1} width={110} />
        <NumberField label="Max drawdown %" value={search.maxDrawdownPct} placeholder="none" testId="optimise-max-drawdown" onChange={(maxDrawdownPct) => editSearch({ maxDrawdownPct })} error={errors.maxDrawdownPct} min={0} width={130} />
        <NumberField label="Workers" value={search.workers} placeholder="all cores" helperText="empty: all cores" testId="optimise-workers" onChange={(workers) => editSearch({ workers })} error={errors.workers} min={1} max={256} step={1} width={110} />
      </Stack>
      <Objectives errors={errors} />
      <WalkForward errors={errors} />
    </Stack>
  );
}
