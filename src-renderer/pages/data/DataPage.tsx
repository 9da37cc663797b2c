/** The Data page: download series into the cache, watch the jobs, see and manage what is cached. */
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useConnection } from '../../rpc/connection.ts';
import { refreshInventory, type SeriesInventory, useInventory } from '../../state/inventory.ts';
import { CoverageLegend } from './CoverageBar.tsx';
import { DeleteSeriesDialog } from './DeleteSeriesDialog.tsx';
import { DownloadForm } from './DownloadForm.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { InventoryTable } from './InventoryTable.tsx';
import { JobProgressList } from './JobProgressList.tsx';

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" sx={{ p: 2 }} aria-label={title}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1.5, gap: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Stack>
      {children}
    </Paper>
  );
}

export function DataPage() {
  const [toDelete, setToDelete] = useState<SeriesInventory | null>(null);
  const loading = useInventory((s) => s.loading);
  const connected = useConnection((s) => s.state === 'ready');
  const refresh = (
    <Button size="small" onClick={() => void refreshInventory()} disabled={!connected || loading} data-testid="inventory-refresh">
      Refresh
    </Button>
  );
  return (
    <Stack spacing={2}>
      <Section title="Download">
        <DownloadForm />
        <JobProgressList />
      </Section>
      <Section title="Cache" action={<><CoverageLegend />{refresh}</>}>
        <InventoryTable onDelete={setToDelete} />
      </Section>
      <Section title="Import">
        <ImportPanel />
      </Section>
      <DeleteSeriesDialog series={toDelete} onClose={() => setToDelete(null)} />
    </Stack>
  );
}
