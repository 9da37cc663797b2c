/**
 * The opened optimisation: what it searched, its progress and best, the trial chosen for the
 * actions (the best by default), then the trials table, the landscape, the Pareto front
 * (several objectives), the walk-forward view, robustness, Monte Carlo and "Apply to strategy".
 */
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { bestRow, rowParams, trialWindows, type TrialTable, windowTrials } from '../../../src-shared/optimise-view/trials.ts';
import { formatParameters, metricInfo } from '../../../src-shared/run-compare.ts';
import { showRun } from '../../state/backtest-run.ts';
import { notifyError } from '../../state/notifications.ts';
import type { OptimisationDetail } from '../../state/optimise.ts';
import { trialRun, useTrialRuns } from '../../state/optimise-trial-run.ts';
import { Choice, NumberField } from '../shared/fields.tsx';
import { ApplyToStrategy } from './ApplyToStrategy.tsx';
import { Landscape } from './Landscape.tsx';
import { MonteCarloPanel } from './MonteCarloPanel.tsx';
import { ParetoPlot } from './ParetoPlot.tsx';
import { Robustness } from './Robustness.tsx';
import { RunStatus } from './RunStatus.tsx';
import { TrialsTable } from './TrialsTable.tsx';
import { WalkForwardView } from './WalkForwardView.tsx';
import { Section } from '../shared/Section.tsx';

function rowOfTrial(table: TrialTable, trialIndex: number): number | null {
  const row = table.index.indexOf(trialIndex);
  return row < 0 ? null : row;
}

async function openTrial(detail: OptimisationDetail, table: TrialTable, row: number): Promise<void> {
  try {
    showRun(await trialRun(detail, table.window[row], table.index[row], rowParams(table, row)));
  } catch (error) {
    notifyError(error);
  }
}

/** Walk-forward trials are shown one window at a time: indices restart per window, and each window is its own search. */
function useWindowTable(detail: OptimisationDetail, all: TrialTable): { table: TrialTable; windows: number[]; window: number; setWindow: (window: number) => void } {
  const windows = useMemo(() => trialWindows(all), [all]);
  const [chosen, setWindow] = useState<number | null>(null);
  useEffect(() => setWindow(null), [detail.id]);
  const window = chosen ?? windows[0] ?? 0;
  const table = useMemo(() => (detail.mode === 'walk-forward' ? windowTrials(all, window) : all), [detail.mode, all, window]);
  return { table, windows, window, setWindow };
}

export function Results({ detail, table: all, loading }: { detail: OptimisationDetail; table: TrialTable; loading: boolean }) {
  const walkForward = detail.mode === 'walk-forward';
  const { table, windows, window, setWindow } = useWindowTable(detail, all);
  const objective = detail.objectives[0];
  const windowBest = walkForward ? bestRow(table, 0, objective.direction) : null;
  const best = walkForward ? (windowBest === null ? null : table.index[windowBest]) : (detail.best?.trialIndex ?? null);
  const bestParams = useMemo(() => {
    const row = best === null ? null : rowOfTrial(table, best);
    return row === null ? {} : rowParams(table, row);
  }, [table, best]);
  const [chosenText, setChosenText] = useState('');
  useEffect(() => setChosenText(''), [detail.id, window]);
  const chosen = chosenText.trim() === '' ? best : Number(chosenText);
  const chosenRow = chosen === null || !Number.isInteger(chosen) ? null : rowOfTrial(table, chosen);
  const chosenParams = chosenRow === null ? null : rowParams(table, chosenRow);
  const pending = useTrialRuns((s) => s.pending);
  const objectives = detail.objectives.map((o) => `${metricInfo(o.metric).label} (${o.direction === 'maximize' ? 'max' : 'min'})`).join(', ');
  return (
    <Stack spacing={2} data-testid="optimise-results" data-id={detail.id}>
      <Paper sx={{ p: 2 }}>
        <Stack spacing={1.5}>
          <Typography variant="h6" data-testid="optimise-title">
            {detail.strategyName} on {detail.dataSource}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {detail.method}
            {detail.mode === 'walk-forward' ? ' · walk-forward' : ''} · objectives: {objectives} · parameters: {detail.parameterNames.join(', ') || '—'}
          </Typography>
          <RunStatus detail={detail} />
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
            {walkForward && windows.length > 0 && (
              <Choice label="Window" value={String(window)} options={windows.map(String)} labels={Object.fromEntries(windows.map((w) => [String(w), `window ${w + 1} (in sample)`]))} testId="optimise-window" onChange={(w) => setWindow(Number(w))} />
            )}
            <NumberField label="Chosen trial" value={chosenText} placeholder={best === null ? '' : String(best)} helperText="empty: the best" testId="optimise-chosen-trial" onChange={setChosenText} min={0} step={1} width={130} error={chosen !== null && chosenRow === null && table.count > 0 ? 'no such trial' : undefined} />
            <Typography variant="body2" data-testid="optimise-chosen-params">
              {chosenParams === null ? '' : formatParameters(chosenParams)}
            </Typography>
          </Stack>
        </Stack>
      </Paper>
      {pending !== null && pending.startsWith(`${detail.id}:`) && (
        <Alert severity="info" data-testid="optimise-opening">
          Backtesting trial #{pending.split(':').at(-1)}…
        </Alert>
      )}
      <Section title="Trials">{loading && table.count === 0 ? <LinearProgress aria-label="Loading trials" /> : <TrialsTable table={table} objectives={detail.objectives} bestTrial={best} walkForward={walkForward} onOpen={(row) => void openTrial(detail, table, row)} />}</Section>
      {table.count > 0 && (
        <Section title="Objective landscape">
          <Landscape key={detail.id} detail={detail} table={table} fixed={bestParams} />
        </Section>
      )}
      {detail.objectives.length > 1 && table.count > 0 && (
        <Section title="Pareto front">
          <ParetoPlot key={detail.id} detail={detail} table={table} />
        </Section>
      )}
      {detail.walkForward !== null && (
        <Section title="Walk-forward">
          <WalkForwardView detail={detail} walkForward={detail.walkForward} />
        </Section>
      )}
      <Section title="Robustness">
        <Robustness detail={detail} />
      </Section>
      <Section title="Monte Carlo on the chosen trial's trades">
        <MonteCarloPanel detail={detail} window={window} trialIndex={chosenRow === null ? null : chosen} params={chosenParams} />
      </Section>
      <Section title="Apply to a saved strategy">
        <ApplyToStrategy detail={detail} window={window} trialIndex={chosenRow === null ? null : chosen} params={chosenParams} />
      </Section>
    </Stack>
  );
}
