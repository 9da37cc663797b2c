/**
 * The themes. Dark (the default) is after TradingView's: navy/charcoal surfaces, a blue
 * accent, and the green and red it uses for up and down (success/error here, so alerts and
 * bars share them). Light keeps the accent and the up/down colours on pale grey surfaces with
 * dark text. The Settings page picks one (settings.theme); the choice applies at once.
 */
import { createTheme, type Theme } from '@mui/material/styles';

export type ThemeName = 'dark' | 'light';

/** The dark theme's colours; the status colours (accent, up, down, warn) are the same in both. */
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

export const lightPalette = {
  ...palette,
  background: '#f0f3fa',
  surface: '#ffffff',
  border: '#d1d4dc',
  text: '#131722',
  textMuted: '#5d606b',
  accent: '#2962ff',
  up: '#067a67',
  down: '#d62839',
  warn: '#e65100',
  neutral: '#b2b5be',
} as const;

export type Palette = { readonly [K in keyof typeof palette]: string };

export const PALETTES: Readonly<Record<ThemeName, Palette>> = { dark: palette, light: lightPalette };

function buildTheme(mode: ThemeName): Theme {
  const colours = PALETTES[mode];
  return createTheme({
    palette: {
      mode,
      primary: { main: colours.accent },
      success: { main: colours.up },
      error: { main: colours.down },
      warning: { main: colours.warn },
      background: { default: colours.background, paper: colours.surface },
      divider: colours.border,
      text: { primary: colours.text, secondary: colours.textMuted },
    },
    shape: { borderRadius: 4 },
    typography: { fontFamily: '-apple-system, BlinkMacSystemFont, "Trebuchet MS", Roboto, Ubuntu, sans-serif', fontSize: 13 },
    components: {
      MuiPaper: { styleOverrides: { root: { backgroundImage: 'none' } } },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTextField: { defaultProps: { size: 'small' } },
      MuiTableCell: { styleOverrides: { root: { borderColor: colours.border } } },
    },
  });
}

export const THEMES: Readonly<Record<ThemeName, Theme>> = { dark: buildTheme('dark'), light: buildTheme('light') };

/** The default (dark) theme. */
export const theme = THEMES.dark;
