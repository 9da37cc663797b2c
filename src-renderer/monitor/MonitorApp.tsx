/**
 * The live monitor window: a toolbar (add a chart, quick-add presets) over a grid of live
 * charts, laid out as the settings remember. One LiveFeed per connection routes the window's
 * live events to its charts and keeps their leases.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { Notifier } from '../app/Notifier.tsx';
import { useConnection } from '../rpc/connection.ts';
import { settingsArrived, useThemeName } from '../state/settings.ts';
import { loadCatalogue } from './catalogue.ts';
import { ChartCard } from './ChartCard.tsx';
import { LiveFeed } from './feed.ts';
import { addChart, addPreset, loadLayout, PRESETS, useLayout } from './layout.ts';
import { installTestHooks } from './test-hooks.ts';

installTestHooks();

export function MonitorApp() {
  const client = useConnection((s) => s.client);
  const connection = useConnection((s) => s.state);
  const message = useConnection((s) => s.message);
  const charts = useLayout((s) => s.charts);
  const loaded = useLayout((s) => s.loaded);
  const themeName = useThemeName();
  const [feed, setFeed] = useState<LiveFeed | null>(null);

  useEffect(() => {
    document.title = 'Live monitor';
  }, []);

  useEffect(() => {
    if (client === null) return;
    const live = new LiveFeed(client);
    setFeed(live);
    const stopSettings = client.on('settings.changed', settingsArrived);
    void client.call('settings.get', {}).then(settingsArrived, () => {});
    void loadLayout(client);
    void loadCatalogue(client);
    return () => {
      stopSettings();
      live.close();
      setFeed(null);
    };
  }, [client]);

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default', color: 'text.primary', p: 1.5 }} data-testid="monitor-page" data-theme={themeName} data-connection={connection}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1.5 }} component="header">
        <Typography variant="h6" component="h1" sx={{ mr: 2 }}>
          Live monitor
        </Typography>
        <Button variant="contained" size="small" onClick={() => addChart()} disabled={!loaded} data-testid="monitor-add">
          Add chart
        </Button>
        {PRESETS.map((symbol) => (
          <Button key={symbol} variant="outlined" size="small" onClick={() => addPreset(symbol)} disabled={!loaded} data-testid={`monitor-preset-${symbol}`}>
            {symbol}
          </Button>
        ))}
        <Box sx={{ flex: 1 }} />
        {connection !== 'ready' && (
          <Typography variant="body2" color={connection === 'lost' ? 'error' : 'text.secondary'} data-testid="monitor-connection">
            {connection === 'lost' ? `Not connected: ${message}` : 'Connecting…'}
          </Typography>
        )}
      </Stack>
      {loaded && charts.length === 0 && (
        <Typography color="text.secondary" data-testid="monitor-empty">
          No charts yet: add one, or pick a preset above.
        </Typography>
      )}
      <Box component="main" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(520px, 1fr))', gap: 1.5 }}>
        {feed !== null && charts.map((chart, index) => <ChartCard key={chart.id} chart={chart} index={index} count={charts.length} feed={feed} />)}
      </Box>
      <Notifier />
    </Box>
  );
}
