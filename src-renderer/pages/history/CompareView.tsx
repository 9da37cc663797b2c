/** Two runs side by side: who they are, their curves on one chart, and every metric's difference. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatParameters } from '../../../src-shared/run-compare.ts';
import { stopCompare } from '../../state/history.ts';
import { CompareChart } from './CompareChart.tsx';
import { MetricsDiffTable } from './MetricsDiffTable.tsx';
import { type RunDetail, useCompareData } from './useCompareData.ts';
import { utcMinute } from '../../../src-shared/time-text.ts';

const label = (run: RunDetail) => `${run.strategyName} · ${run.dataSource}`;

function RunCard({ name, run }: { name: string; run: RunDetail }) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, flex: 1, minWidth: 0 }} data-testid={`compare-run-${name.toLowerCase()}`}>
      <Typography variant="subtitle2">
        {name}: {run.strategyName}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        {formatParameters(run.parameters) || 'no parameters'} · {run.dataSource}
        {run.manifest.firstBarTime !== null && run.manifest.lastBarTime !== null && ` · ${run.manifest.firstBarTime.slice(0, 10)} to ${run.manifest.lastBarTime.slice(0, 10)}`} · created {utcMinute(run.createdAt)}
      </Typography>
    </Paper>
  );
}

export function CompareView({ idA, idB }: { idA: string; idB: string }) {
  const data = useCompareData(idA, idB);
  return (
    <Stack spacing={2} data-testid="compare-view" data-state={data.state}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2 }}>
        <Button onClick={stopCompare} data-testid="compare-back" autoFocus>
          ← Back to the list
        </Button>
        <Typography variant="h6" sx={{ flex: 1 }}>
          Compare runs
        </Typography>
      </Stack>
      {data.state === 'loading' && <LinearProgress aria-label="Loading the runs" />}
      {data.state === 'failed' && (
        <Alert severity="error" data-testid="compare-error">
          Could not load the runs: {data.message}
        </Alert>
      )}
      {data.state === 'ready' && (
        <>
          <Stack direction="row" sx={{ gap: 2 }}>
            <RunCard name="A" run={data.a.detail} />
            <RunCard name="B" run={data.b.detail} />
          </Stack>
          <Paper sx={{ p: 2 }}>
            <CompareChart a={{ label: label(data.a.detail), equity: data.a.equity }} b={{ label: label(data.b.detail), equity: data.b.equity }} />
          </Paper>
          <Paper sx={{ p: 2 }}>
            <Box sx={{ maxHeight: 640, overflow: 'auto' }}>
              <MetricsDiffTable a={data.a.detail.metrics} b={data.b.detail.metrics} labelA={data.a.detail.strategyName} labelB={data.b.detail.strategyName} />
            </Box>
          </Paper>
        </>
      )}
    </Stack>
  );
}
