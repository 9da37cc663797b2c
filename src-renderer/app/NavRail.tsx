/**
 * The left navigation between pages; each entry names its Ctrl+number shortcut. Below them, the
 * live monitor opens in a window of its own (a browser tab in browser mode).
 */
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import { MONITOR_WINDOW_NAME, monitorUrl } from '../monitor/route.ts';
import { type Page, PAGES, showPage, useNavigation } from '../state/navigation.ts';

const LABELS: Record<Page, string> = { data: 'Data', strategies: 'Strategies', backtest: 'Backtest', optimise: 'Optimise', history: 'History', settings: 'Settings' };

export function NavRail() {
  const current = useNavigation((s) => s.page);
  return (
    <Box component="nav" aria-label="Pages" sx={{ width: 168, borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography variant="subtitle2" sx={{ px: 2, py: 1.5, color: 'primary.main', fontWeight: 700 }}>
        Strategy Tester
      </Typography>
      <List dense disablePadding>
        {PAGES.map((page, index) => (
          <ListItemButton
            key={page}
            selected={page === current}
            onClick={() => showPage(page)}
            aria-current={page === current ? 'page' : undefined}
            data-testid={`nav-${page}`}
          >
            <ListItemText primary={LABELS[page]} secondary={`Ctrl+${index + 1}`} />
          </ListItemButton>
        ))}
      </List>
      <Divider />
      <List dense disablePadding>
        <ListItemButton onClick={() => window.open(monitorUrl(location.href), MONITOR_WINDOW_NAME)} data-testid="nav-monitor">
          <ListItemText primary="Live monitor" secondary="new window" />
        </ListItemButton>
      </List>
    </Box>
  );
}
