/** A run's buttons in the history list: open it on the Backtest page, download it, delete it. */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { showRun } from '../../state/backtest-run.ts';
import { exportRun, type RunExportFormat, type RunSummary } from '../../state/history.ts';

const EXPORTS: readonly { format: RunExportFormat; label: string; title: string }[] = [
  { format: 'trades-csv', label: 'CSV', title: 'Download the trades as CSV' },
  { format: 'results-json', label: 'JSON', title: 'Download the results (manifest, metrics, trades) as JSON' },
  { format: 'html-report', label: 'Report', title: 'Download the HTML report' },
];

export function RunActions({ run, onDelete }: { run: RunSummary; onDelete: (run: RunSummary) => void }) {
  const [busy, setBusy] = useState<RunExportFormat | null>(null);
  const download = async (format: RunExportFormat) => {
    setBusy(format);
    await exportRun(run.id, format);
    setBusy(null);
  };
  return (
    <Stack sx={{ gap: 0.25, alignItems: 'flex-start', '& .MuiButton-root': { minWidth: 0, px: 1 } }}>
      <Stack direction="row" sx={{ gap: 0.5 }}>
        <Button size="small" variant="outlined" onClick={() => showRun(run.id)} data-testid={`history-open-${run.id}`} aria-label={`Open the ${run.strategyName} run`}>
          Open
        </Button>
        <Button size="small" color="error" onClick={() => onDelete(run)} data-testid={`history-delete-${run.id}`} aria-label={`Delete the ${run.strategyName} run`}>
          Delete
        </Button>
      </Stack>
      <Stack direction="row" sx={{ gap: 0.25 }}>
        {EXPORTS.map(({ format, label, title }) => (
          <Tooltip key={format} title={title}>
            <span>
              <Button size="small" disabled={busy !== null} onClick={() => void download(format)} data-testid={`history-export-${format}-${run.id}`} aria-label={title}>
                {busy === format ? '…' : label}
              </Button>
            </span>
          </Tooltip>
        ))}
      </Stack>
    </Stack>
  );
}
