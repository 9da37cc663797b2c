/**
 * The opened optimisation's state: progress (done of total trials, ETA), the best so far with its
 * parameters, and Pause, Resume or Cancel as its state allows.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatParameters, formatMetric, metricInfo } from '../../../src-shared/run-compare.ts';
import { useJobs } from '../../state/jobs.ts';
import { cancelOptimisation, type OptimisationDetail, pauseOptimisation, resumeOptimisation } from '../../state/optimise.ts';
import { count, duration } from '../../util/format.ts';

export function RunStatus({ detail }: { detail: OptimisationDetail }) {
  const job = useJobs((s) => (detail.jobId === null ? undefined : s.jobs[detail.jobId]));
  // The job's events are fresher than the stored summary while it runs.
  const live = job !== undefined && job.state === 'running' && job.total > 0;
  const done = live ? job.done : detail.progress.done;
  const total = live ? job.total : detail.progress.total;
  const eta = live ? job.etaMs : detail.progress.etaMs;
  const percent = total > 0 ? Math.min(100, (done / total) * 100) : 0;
  const objective = detail.objectives[0];
  const best = detail.best;
  const running = detail.state === 'running';
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Box data-testid="optimise-progress" data-done={done} data-total={total} data-state={detail.state} sx={{ flex: 1, minWidth: 220 }}>
          <Typography variant="body2" color="text.secondary" data-testid="optimise-progress-text">
            {detail.state} · {count(done)} of {count(total)} trials{running && eta !== null ? ` · about ${duration(eta)} left` : ''}
          </Typography>
          <LinearProgress variant={running && total === 0 ? 'indeterminate' : 'determinate'} value={percent} aria-label="Optimisation progress" />
        </Box>
        {running && detail.jobId !== null && (
          <>
            <Button onClick={() => void pauseOptimisation(detail.id)} data-testid="optimise-pause">
              Pause
            </Button>
            <Button color="error" onClick={() => detail.jobId !== null && void cancelOptimisation(detail.jobId)} data-testid="optimise-cancel">
              Cancel
            </Button>
          </>
        )}
        {(detail.state === 'paused' || detail.state === 'cancelled' || detail.state === 'failed') && (
          <Button variant="outlined" onClick={() => void resumeOptimisation(detail.id)} data-testid="optimise-resume">
            Resume
          </Button>
        )}
      </Stack>
      <Typography variant="body2" data-testid="optimise-best" data-trial={best?.trialIndex ?? ''} data-score={best?.scores[0] ?? ''}>
        {best === null
          ? 'Best so far: none yet (no trial has passed the filters with a score)'
          : `Best${running ? ' so far' : ''}: trial #${best.trialIndex}, ${metricInfo(objective.metric).label} ${formatMetric(best.scores[0], metricInfo(objective.metric).unit)} at ${formatParameters(best.params)}`}
      </Typography>
      {detail.error !== null && (
        <Alert severity="error" data-testid="optimise-failed">
          {detail.error}
        </Alert>
      )}
    </Stack>
  );
}
