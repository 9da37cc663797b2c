/** The bottom bar: connection, core state, running jobs, cache size and engine version. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { connect, useConnection } from '../rpc/connection.ts';
import { hostKind } from '../rpc/host.ts';
import { isActive, useJobs } from '../state/jobs.ts';
import { useStatus } from '../state/status.ts';
import { bytes } from '../util/format.ts';
import { palette } from './theme.ts';

const CONNECTION_COLOUR = { connecting: palette.warn, ready: palette.up, lost: palette.down } as const;
const CORE_COLOUR = { starting: palette.warn, ready: palette.up, stopping: palette.warn, stopped: palette.down, crashed: palette.down } as const;

function Item({ label, testId, colour, children }: { label: string; testId: string; colour?: string; children: ReactNode }) {
  return (
    <Typography variant="caption" sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
      {label}{' '}
      <Box component="span" sx={{ color: colour ?? 'text.primary' }} data-testid={testId}>
        {children}
      </Box>
    </Typography>
  );
}

export function StatusBar() {
  const connection = useConnection();
  const { core, system } = useStatus();
  // Counted from the job events, which arrive more often than core.status.
  const runningJobs = useJobs((s) => Object.values(s.jobs).filter(isActive).length);
  const connectionText = connection.state === 'lost' ? `lost: ${connection.message}` : connection.state;
  return (
    <Box
      component="footer"
      role="status"
      sx={{ display: 'flex', alignItems: 'center', gap: 3, px: 2, height: 28, borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
    >
      <Item label={hostKind === 'electron' ? 'Desktop' : 'Browser'} testId="status-connection" colour={CONNECTION_COLOUR[connection.state]}>
        {connectionText}
      </Item>
      {connection.state === 'lost' && hostKind === 'browser' && (
        <Button size="small" onClick={() => void connect()} data-testid="status-reconnect">
          Reconnect
        </Button>
      )}
      <Item label="Core" testId="status-core" colour={core === null ? undefined : CORE_COLOUR[core.state]}>
        {core === null ? '—' : core.state === 'ready' || core.message === '' ? core.state : `${core.state}: ${core.message}`}
      </Item>
      <Item label="Jobs running" testId="status-jobs">
        {core === null ? '—' : runningJobs}
      </Item>
      <Item label="Cache" testId="status-cache-size">
        {system === null ? '—' : bytes(system.cacheSizeBytes)}
      </Item>
      <Box sx={{ flex: 1 }} />
      <Item label="Engine" testId="status-engine-version">
        {system?.engineVersion ?? '—'}
      </Item>
    </Box>
  );
}
