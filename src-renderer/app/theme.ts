/**
 * The dark theme, after TradingView's: navy/charcoal surfaces, a blue accent, and the green
 * and red it uses for up and down (success/error here, so alerts and bars share them).
 */
import { createTheme } from '@mui/material/styles';

export const palette = {
  background: '#131722',
  surface: '#1e222d',
  border: '#2a2e39',
  text: '#d1d4dc',
  textMuted: '#787b86',
  accent: '#2962ff',
  up: '#089981',
  down: '#f23645',
  warn: '#ff9800',
  neutral: '#434651',
} as const;

export const theme = createTheme({
  palette: {
    mode: 'dark',
    primary: { main: palette.accent },
    success: { main: palette.up },
    error: { main: palette.down },
    warning: { main: palette.warn },
    background: { default: palette.background, paper: palette.surface },
    divider: palette.border,
    text: { primary: palette.text, secondary: palette.textMuted },
  },
  shape: { borderRadius: 4 },
  typography: { fontFamily: '-apple-system, BlinkMacSystemFont, "Trebuchet MS", Roboto, Ubuntu, sans-serif', fontSize: 13 },
  components: {
    MuiPaper: { styleOverrides: { root: { backgroundImage: 'none' } } },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiTableCell: { styleOverrides: { root: { borderColor: palette.border } } },
  },
});
