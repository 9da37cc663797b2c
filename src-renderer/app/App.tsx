/** The app frame: navigation on the left, the current page, the status bar, notifications. */
import Box from '@mui/material/Box';
import { useEffect } from 'react';
import { useConnection } from '../rpc/connection.ts';
import { startSync } from '../rpc/sync.ts';
import { useNavigation } from '../state/navigation.ts';
import { useThemeName } from '../state/settings.ts';
import { BacktestPage } from '../pages/backtest/BacktestPage.tsx';
import { OptimisePage } from '../pages/optimise/OptimisePage.tsx';
import { HistoryPage } from '../pages/history/HistoryPage.tsx';
import { StrategiesPage } from '../pages/strategies/StrategiesPage.tsx';
import { DataPage } from '../pages/data/DataPage.tsx';
import { SettingsPage } from '../pages/settings/SettingsPage.tsx';
import { NavRail } from './NavRail.tsx';
import { Notifier } from './Notifier.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useShortcuts } from './useShortcuts.ts';

export function App() {
  const client = useConnection((s) => s.client);
  const page = useNavigation((s) => s.page);
  const themeName = useThemeName();
  useShortcuts();
  useEffect(() => (client === null ? undefined : startSync(client)), [client]);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh', bgcolor: 'background.default', color: 'text.primary' }} data-testid="app-frame" data-theme={themeName}>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <NavRail />
        <Box component="main" sx={{ flex: 1, overflow: 'auto', p: 2 }} data-testid={`page-${page}`}>
          {page === 'data' && <DataPage />}
          {page === 'strategies' && <StrategiesPage />}
          {page === 'backtest' && <BacktestPage />}
          {page === 'optimise' && <OptimisePage />}
          {page === 'history' && <HistoryPage />}
          {page === 'settings' && <SettingsPage />}
        </Box>
      </Box>
      <StatusBar />
      <Notifier />
    </Box>
  );
}
