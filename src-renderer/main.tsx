/**
 * The renderer's entry: theme (from the settings), the app frame (or the live monitor, when the
 * address asks for it), and the connection to the workstation.
 */
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { type ReactNode, StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { MonitorApp } from './monitor/MonitorApp.tsx';
import { isMonitorRoute } from './monitor/route.ts';
import { THEMES } from './app/theme.ts';
import { connect } from './rpc/connection.ts';
import { useThemeName } from './state/settings.ts';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

/** Applies the chosen theme live: MUI's theme, and data-theme / color-scheme on <html>. */
function Themed({ children }: { children: ReactNode }) {
  const name = useThemeName();
  useEffect(() => {
    document.documentElement.dataset.theme = name;
    document.documentElement.style.colorScheme = name;
  }, [name]);
  return (
    <ThemeProvider theme={THEMES[name]}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}

createRoot(root).render(
  <StrictMode>
    <Themed>
      {isMonitorRoute(location.hash) ? <MonitorApp /> : <App />}
    </Themed>
  </StrictMode>,
);

void connect();
