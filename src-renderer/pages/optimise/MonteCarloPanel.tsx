/**
 * Monte Carlo on the chosen trial's trades (robustness.monteCarlo over its run, backtested
 * first when needed): method (reshuffle, bootstrap, skip N %), simulations and seed, then the
 * fan chart and the percentiles of final equity and maximum drawdown against the run's own.
 */
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { OutputOf, WorkstationContract } from '../../../src-shared/contract/index.ts';
import { MONTE_CARLO_METHODS } from '../../../src-shared/contract/schemas/optimise.ts';
import { formatMetric } from '../../../src-shared/run-compare.ts';
import { requireClient } from '../../rpc/connection.ts';
import { notifyError } from '../../state/notifications.ts';
import type { OptimisationDetail } from '../../state/optimise.ts';
import { trialRun } from '../../state/optimise-trial-run.ts';
import { Choice, NumberField } from '../shared/fields.tsx';
import { FanChart } from './FanChart.tsx';

type MonteCarlo = OutputOf<WorkstationContract, 'robustness.monteCarlo'>;

const METHOD_LABELS = { reshuffle: 'reshuffle the order', bootstrap: 'bootstrap (with replacement)', skip: 'skip a share of trades' } as const;

function Percentiles({ result }: { result: MonteCarlo }) {
  return (
    <Table size="small" sx={{ maxWidth: 720 }} data-testid="optimise-mc-percentiles">
      <TableHead>
        <TableRow>
          <TableCell>Percentile</TableCell>
          {result.percentiles.map((p) => (
            <TableCell key={p} align="right">
              {p}th
            </TableCell>
          ))}
          <TableCell align="right">This run</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        <TableRow>
          <TableCell>Final equity</TableCell>
          {result.finalEquity.map((v, i) => (
            <TableCell key={result.percentiles[i]} align="right">
              {formatMetric(v, 'money')}
            </TableCell>
          ))}
          <TableCell align="right">{formatMetric(result.original.finalEquity, 'money')}</TableCell>
        </TableRow>
        <TableRow>
          <TableCell>Max drawdown</TableCell>
          {result.maxDrawdownPct.map((v, i) => (
            <TableCell key={result.percentiles[i]} align="right">
              {formatMetric(v, 'percent')}
            </TableCell>
          ))}
          <TableCell align="right">{formatMetric(result.original.maxDrawdownPct, 'percent')}</TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

export function MonteCarloPanel({ detail, window, trialIndex, params }: { detail: OptimisationDetail; window: number; trialIndex: number | null; params: Record<string, number | string> | null }) {
  const [method, setMethod] = useState<(typeof MONTE_CARLO_METHODS)[number]>('reshuffle');
  const [skipPct, setSkipPct] = useState('10');
  const [simulations, setSimulations] = useState('1000');
  const [seed, setSeed] = useState('1');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<MonteCarlo | null>(null);
  const sims = Number(simulations);
  const valid = Number.isInteger(sims) && sims >= 1 && sims <= 100_000 && Number.isInteger(Number(seed)) && (method !== 'skip' || (Number(skipPct) >= 0 && Number(skipPct) <= 99));
  const run = async () => {
    if (trialIndex === null || params === null) return;
    setBusy(true);
    try {
      const runId = await trialRun(detail, window, trialIndex, params);
      const input = { runId, method, simulations: sims, seed: Number(seed), ...(method === 'skip' ? { skipPct: Number(skipPct) } : {}) };
      setResult(await requireClient().call('robustness.monteCarlo', input));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Choice label="Method" value={method} options={MONTE_CARLO_METHODS} labels={METHOD_LABELS} testId="optimise-mc-method" onChange={setMethod} minWidth={220} />
        {method === 'skip' && <NumberField label="Skip %" value={skipPct} testId="optimise-mc-skip" onChange={setSkipPct} min={0} max={99} width={100} />}
        <NumberField label="Simulations" value={simulations} testId="optimise-mc-simulations" onChange={setSimulations} min={1} max={100_000} step={1} width={120} error={Number.isInteger(sims) && sims >= 1 && sims <= 100_000 ? undefined : '1 to 100,000'} />
        <NumberField label="Seed" value={seed} testId="optimise-mc-seed" onChange={setSeed} step={1} width={100} />
        <Button variant="outlined" onClick={() => void run()} disabled={busy || !valid || trialIndex === null} data-testid="optimise-mc-run" sx={{ alignSelf: 'center' }}>
          Simulate trial #{trialIndex ?? '—'}
        </Button>
      </Stack>
      {busy && <LinearProgress aria-label="Simulating" />}
      {result !== null && (
        <>
          <Typography variant="caption" color="text.secondary">
            {result.simulations.toLocaleString('en-US')} simulations of {result.trades} trades ({result.method}); bands: 5–95 and 25–75 percentiles, median bold
          </Typography>
          {result.trades === 0 ? <Typography color="text.secondary">The run has no closed trades to simulate.</Typography> : <FanChart data={result} simulations={result.simulations} />}
          <Percentiles result={result} />
        </>
      )}
    </Stack>
  );
}
