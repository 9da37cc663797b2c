/** One progress bar per download job: candles done of total, ETA, and Cancel or Dismiss. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useShallow } from 'zustand/react/shallow';
import { requireClient } from '../../rpc/connection.ts';
import { forgetJob, isActive, type JobSummary, useJobs } from '../../state/jobs.ts';
import { notifyError } from '../../state/notifications.ts';
import { count, duration } from '../../util/format.ts';

async function cancel(jobId: string): Promise<void> {
  try {
    await requireClient().call('jobs.cancel', { jobId });
  } catch (error) {
    notifyError(error);
  }
}

const BAR_COLOUR = { queued: 'primary', running: 'primary', finished: 'success', failed: 'error', cancelled: 'warning' } as const;

function JobProgress({ job }: { job: JobSummary }) {
  const active = isActive(job);
  const percent = job.total > 0 ? Math.min(100, (job.done / job.total) * 100) : 0;
  return (
    <Box data-testid="download-progress" data-job-id={job.jobId} data-state={job.state}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ flex: 1 }} noWrap title={job.message}>
          {job.title} — <span data-testid="download-progress-message">{job.message}</span>
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="download-progress-count">
          {count(job.done)} / {job.total > 0 ? count(job.total) : '?'} candles
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="download-progress-eta">
          ETA {active ? duration(job.etaMs) : '—'}
        </Typography>
        {active ? (
          <Button size="small" color="error" onClick={() => void cancel(job.jobId)} data-testid="download-cancel">
            Cancel
          </Button>
        ) : (
          <Button size="small" onClick={() => forgetJob(job.jobId)} data-testid="download-dismiss">
            Dismiss
          </Button>
        )}
      </Stack>
      <LinearProgress
        variant={active && job.total === 0 ? 'indeterminate' : 'determinate'}
        value={job.state === 'finished' ? 100 : percent}
        color={BAR_COLOUR[job.state]}
        aria-label={`${job.title} progress`}
      />
    </Box>
  );
}

export function JobProgressList() {
  const jobs = useJobs(useShallow((s) => Object.values(s.jobs).filter((job) => job.kind === 'download')));
  if (jobs.length === 0) return null;
  return (
    <Stack spacing={1.5} sx={{ mt: 2 }}>
      {jobs.map((job) => (
        <JobProgress key={job.jobId} job={job} />
      ))}
    </Stack>
  );
}
