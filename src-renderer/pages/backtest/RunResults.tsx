/** The run shown on the page: header, warnings, metric cards, charts, trades and exit reasons. */
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { type ReactNode, useEffect, useState } from 'react';
import { RunCharts } from '../../charts/RunCharts.tsx';
import { ExitReasons } from './ExitReasons.tsx';
import { MetricCards } from './MetricCards.tsx';
import { RunHeader } from './RunHeader.tsx';
import { TradesTable } from './TradesTable.tsx';
import { type RunDetail, useRunDetail } from './useRunDetail.ts';

function Section({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <Paper component="section" sx={{ p: 2 }} aria-label={title} data-testid={testId}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function Warnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="run-warnings">
      {warnings.map((warning) => (
        <div key={warning} data-testid="run-warning">
          {warning}
        </div>
      ))}
    </Alert>
  );
}

function Run({ run }: { run: RunDetail }) {
  const [selectedTrade, setSelectedTrade] = useState<number | null>(null);
  useEffect(() => setSelectedTrade(null), [run.id]);
  return (
    <Stack spacing={2} data-testid="run-results" data-run-id={run.id}>
      <Paper sx={{ p: 2 }}>
        <Stack spacing={2}>
          <RunHeader run={run} />
          <Warnings warnings={run.warnings} />
          <MetricCards metrics={run.metrics} />
        </Stack>
      </Paper>
      <Section title="Charts">
        <RunCharts runId={run.id} trades={run.trades} selectedTrade={selectedTrade} onSelectTrade={setSelectedTrade} />
      </Section>
      <Section title="Trades">
        <TradesTable trades={run.trades} selectedTrade={selectedTrade} onSelectTrade={setSelectedTrade} />
      </Section>
      <Section title="Exit reasons">
        <ExitReasons trades={run.trades} />
      </Section>
    </Stack>
  );
}

export function RunResults({ runId }: { runId: string | null }) {
  const detail = useRunDetail(runId);
  switch (detail.state) {
    case 'none':
      return (
        <Typography color="text.secondary" data-testid="run-none">
          Run a backtest, or open one from History, to see its results here.
        </Typography>
      );
    case 'loading':
      return <LinearProgress aria-label="Loading the run" data-testid="run-loading" />;
    case 'error':
      return (
        <Alert severity="error" data-testid="run-error">
          {detail.message}
        </Alert>
      );
    case 'ready':
      return <Run run={detail.run} />;
  }
}
