/** The objective along one parameter as an SVG line with its points (text values evenly spaced), axes and the value under the pointer. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useState } from 'react';
import type { LinePoint } from '../../../src-shared/optimise-view/heatmap.ts';
import { Axes, linear, PLOT_MARGIN, short, ticks } from './plot.tsx';

const WIDTH = 640;
const HEIGHT = 260;

export function ParamLine({ points, name, label, format }: { points: readonly LinePoint[]; name: string; label: string; format: (value: number) => string }) {
  const { palette } = useTheme();
  const [hover, setHover] = useState<number | null>(null);
  const { left, right, top, bottom } = PLOT_MARGIN;
  const numeric = points.every((p) => typeof p.x === 'number');
  const xs = points.map((p, i) => (numeric ? (p.x as number) : i));
  const values = points.map((p) => p.value);
  const sx = linear([Math.min(...xs), Math.max(...xs)], [left + 8, WIDTH - right - 8]);
  const sy = linear([Math.min(...values), Math.max(...values)], [HEIGHT - bottom - 8, top + 8]);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(xs[i]).toFixed(1)},${sy(p.value).toFixed(1)}`).join(' ');
  const xTicks = numeric ? ticks(Math.min(...xs), Math.max(...xs)).map((v) => ({ at: sx(v), text: short(v) })) : points.map((p, i) => ({ at: sx(i), text: String(p.x) }));
  const yTicks = ticks(Math.min(...values), Math.max(...values), 4).map((v) => ({ at: sy(v), text: short(v) }));
  const shown = hover === null ? null : points[hover];
  return (
    <Box>
      <Box component="svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} sx={{ width: '100%', maxWidth: WIDTH, display: 'block' }} role="img" aria-label={`${label} along ${name}`} data-testid="optimise-line" data-param={name} data-points={points.length}>
        <Axes width={WIDTH} height={HEIGHT} xLabel={name} yLabel={label} xTicks={xTicks} yTicks={yTicks} />
        <path d={path} fill="none" stroke={palette.primary.main} strokeWidth={2} />
        {points.map((p, i) => (
          <circle key={String(p.x)} cx={sx(xs[i])} cy={sy(p.value)} r={hover === i ? 5 : 3} fill={palette.primary.main} onMouseEnter={() => setHover(i)} onMouseLeave={() => setHover(null)} />
        ))}
      </Box>
      <Typography variant="caption" color="text.secondary">
        {shown === null ? 'Point at a dot for its value' : `${name} = ${String(shown.x)}: ${format(shown.value)}`}
      </Typography>
    </Box>
  );
}
