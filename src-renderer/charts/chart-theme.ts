/**
 * The charts' colours, taken from the MUI theme so they follow the dark and light themes:
 * surfaces, text and grid from the palette, up/down from success/error (the same green and
 * red the rest of the app uses), and a cycle of line colours for indicators.
 */
import type { Theme } from '@mui/material/styles';
import { alpha } from '@mui/material/styles';
import { ColorType, CrosshairMode, type DeepPartial, type ChartOptions } from 'lightweight-charts';

export interface ChartColours {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly border: string;
  readonly up: string;
  readonly down: string;
  readonly upVolume: string;
  readonly downVolume: string;
  readonly accent: string;
  readonly warn: string;
  readonly equityLine: string;
  readonly equityFill: string;
  readonly drawdownLine: string;
  readonly drawdownFill: string;
  readonly lines: readonly string[];
}

export function chartColours(theme: Theme): ChartColours {
  const { palette } = theme;
  const dark = palette.mode === 'dark';
  return {
    background: palette.background.paper,
    text: palette.text.secondary,
    grid: alpha(palette.divider, dark ? 0.6 : 0.8),
    border: palette.divider,
    up: palette.success.main,
    down: palette.error.main,
    upVolume: alpha(palette.success.main, 0.35),
    downVolume: alpha(palette.error.main, 0.35),
    accent: palette.primary.main,
    warn: palette.warning.main,
    equityLine: palette.primary.main,
    equityFill: alpha(palette.primary.main, 0.2),
    drawdownLine: palette.error.main,
    drawdownFill: alpha(palette.error.main, 0.25),
    lines: dark
      ? [palette.warning.main, '#2196f3', '#e040fb', '#00bcd4', '#ffeb3b', '#8bc34a', '#ff7043']
      : [palette.warning.main, '#1565c0', '#8e24aa', '#00838f', '#9e9d24', '#2e7d32', '#d84315'],
  };
}

/** Width every chart's price axis keeps, so the three plots line up bar for bar. */
const PRICE_AXIS_WIDTH = 80;

export function baseChartOptions(colours: ChartColours): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: colours.background }, textColor: colours.text, attributionLogo: false, panes: { separatorColor: colours.border } },
    grid: { vertLines: { color: colours.grid }, horzLines: { color: colours.grid } },
    rightPriceScale: { borderColor: colours.border, minimumWidth: PRICE_AXIS_WIDTH },
    timeScale: { borderColor: colours.border, timeVisible: true, secondsVisible: false },
    crosshair: { mode: CrosshairMode.Normal },
  };
}

/** The colour of the n-th indicator line. */
export function lineColour(colours: ChartColours, n: number): string {
  return colours.lines[n % colours.lines.length];
}
