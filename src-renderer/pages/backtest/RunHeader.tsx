/** What a run is: strategy, parameter values, data source, bars and period (from its manifest), engine version. */
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { count } from '../../util/format.ts';
import type { RunDetail } from './useRunDetail.ts';

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" data-testid={testId}>
        {value}
      </Typography>
    </Stack>
  );
}

/** Manifest times are ISO strings; shown to the minute, in UTC. */
function minute(iso: string | null): string {
  return iso === null ? '—' : iso.slice(0, 16).replace('T', ' ');
}

export function RunHeader({ run }: { run: RunDetail }) {
  const { manifest } = run;
  const parameters = Object.entries(run.parameters)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return (
    <Stack spacing={1} data-testid="run-header" data-run-id={run.id}>
      <Typography variant="h6" data-testid="run-strategy">
        {run.strategyName}
      </Typography>
      <Stack direction="row" useFlexGap spacing={3} sx={{ flexWrap: 'wrap' }}>
        <Fact label="Parameters" value={parameters === '' ? '—' : parameters} testId="run-parameters" />
        <Fact label="Data" value={run.dataSource} testId="run-data-source" />
        <Fact label="Bars" value={count(manifest.bars)} testId="run-bars" />
        <Fact label="Period (UTC)" value={`${minute(manifest.firstBarTime)} – ${minute(manifest.lastBarTime)}`} testId="run-period" />
        <Fact label="Engine" value={manifest.engineVersion} testId="run-engine" />
      </Stack>
    </Stack>
  );
}
