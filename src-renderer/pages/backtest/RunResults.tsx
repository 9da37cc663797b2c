/** The run shown on the page: header, warnings, metric cards, charts, trades and exit reasons. */
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { RunCharts, type TradeColumns } from '../../charts/RunCharts.tsx';
import { ExitReasons } from './ExitReasons.tsx';
import { MetricCards } from './MetricCards.tsx';
import { RunHeader } from './RunHeader.tsx';
import { TradesTable } from './TradesTable.tsx';
import { type RunDetail, useRunDetail } from './useRunDetail.ts';
import { Section } from '../shared/Section.tsx';

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

/** What the chart draws while the run's trades are on their way: no markers yet. */
const NO_TRADES: TradeColumns = {
  side: [],
  qty: new Float64Array(0),
  entryBar: new Float64Array(0),
  entryTime: new Float64Array(0),
  entryPrice: new Float64Array(0),
  exitBar: new Float64Array(0),
  exitTime: new Float64Array(0),
  exitPrice: new Float64Array(0),
  entryFee: new Float64Array(0),
  exitFee: new Float64Array(0),
  funding: new Float64Array(0),
  pnl: new Float64Array(0),
  returnPct: new Float64Array(0),
  rMultiple: new Float64Array(0),
  maePct: new Float64Array(0),
  mfePct: new Float64Array(0),
  barsHeld: new Float64Array(0),
  exitReason: [],
  initialStop: new Float64Array(0),
  initialTarget: new Float64Array(0),
};

/**
 * The chart is mounted as soon as the run is known, not when its trades and metrics have
 * arrived: its first window then loads alongside runs.get (for a 50,000-trade run, the larger
 * answer), and the markers follow with the trades.
 */
function Run({ runId, run }: { runId: string; run: RunDetail | null }) {
  const [selectedTrade, setSelectedTrade] = useState<number | null>(null);
  useEffect(() => setSelectedTrade(null), [runId]);
  return (
    <Stack spacing={2} data-testid="run-results" data-run-id={runId}>
      <Paper sx={{ p: 2 }}>
        {run === null ? (
          <LinearProgress aria-label="Loading the run" data-testid="run-loading" />
        ) : (
          <Stack spacing={2}>
            <RunHeader run={run} />
            <Warnings warnings={run.warnings} />
            <MetricCards metrics={run.metrics} />
          </Stack>
        )}
      </Paper>
      <Section title="Charts">
        <RunCharts runId={runId} trades={run?.trades ?? NO_TRADES} selectedTrade={selectedTrade} onSelectTrade={setSelectedTrade} />
      </Section>
      {run !== null && (
        <>
          <Section title="Trades">
            <TradesTable trades={run.trades} selectedTrade={selectedTrade} onSelectTrade={setSelectedTrade} />
          </Section>
          <Section title="Exit reasons">
            <ExitReasons trades={run.trades} />
          </Section>
        </>
      )}
    </Stack>
  );
}

export function RunResults({ runId }: { runId: string | null }) {
  const detail = useRunDetail(runId);
  if (runId === null) {
    return (
      <Typography color="text.secondary" data-testid="run-none">
        Run a backtest, or open one from History, to see its results here.
      </Typography>
    );
  }
  if (detail.state === 'error') {
    return (
      <Alert severity="error" data-testid="run-error">
        {detail.message}
      </Alert>
    );
  }
  // Until the effect fetching the new run has run, the detail may still be the previous run's.
  const run = detail.state === 'ready' && detail.run.id === runId ? detail.run : null;
  return <Run runId={runId} run={run} />;
}
