/**
 * What the SVG plots of the page share: linear scales, round tick values, a number's short
 * text, and axes drawn in the theme's text and divider colours.
 */
import { useTheme } from '@mui/material/styles';

export const PLOT_MARGIN = { left: 64, right: 16, top: 12, bottom: 40 } as const;

export function linear(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** About `count` round values covering [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export function short(value: number | string): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (abs >= 1e4) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(4)));
}

interface AxesProps {
  readonly width: number;
  readonly height: number;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Tick positions (in pixels) with their text. */
  readonly xTicks: readonly { readonly at: number; readonly text: string }[];
  readonly yTicks: readonly { readonly at: number; readonly text: string }[];
}

export function Axes({ width, height, xLabel, yLabel, xTicks, yTicks }: AxesProps) {
  const { palette } = useTheme();
  const { left, right, top, bottom } = PLOT_MARGIN;
  const colour = palette.text.secondary;
  return (
    <g fontSize={11} fill={colour}>
      <line x1={left} x2={width - right} y1={height - bottom} y2={height - bottom} stroke={palette.divider} />
      <line x1={left} x2={left} y1={top} y2={height - bottom} stroke={palette.divider} />
      {xTicks.map((t) => (
        <text key={`x${t.at}`} x={t.at} y={height - bottom + 14} textAnchor="middle">
          {t.text}
        </text>
      ))}
      {yTicks.map((t) => (
        <text key={`y${t.at}`} x={left - 6} y={t.at + 4} textAnchor="end">
          {t.text}
        </text>
      ))}
      <text x={(left + width - right) / 2} y={height - 6} textAnchor="middle" fontWeight={600}>
        {xLabel}
      </text>
      <text transform={`translate(14 ${(top + height - bottom) / 2}) rotate(-90)`} textAnchor="middle" fontWeight={600}>
        {yLabel}
      </text>
    </g>
  );
}
