/**
 * The objective over two parameters as an SVG heatmap: one cell per pair of values, coloured on
 * the viridis scale (brighter is better, whatever the direction), axis labels, a legend with the
 * range, and the value under the pointer. Empty cells had no passing scored trial.
 */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { type MouseEvent, useState } from 'react';
import { rampColour, scalePosition } from '../../../src-shared/optimise-view/colour.ts';
import type { Heatmap as HeatmapData } from '../../../src-shared/optimise-view/heatmap.ts';
import type { Direction } from '../../../src-shared/optimise-view/trials.ts';
import { Axes, PLOT_MARGIN, short } from './plot.tsx';

const WIDTH = 640;
const HEIGHT = 400;
/** Axis labels shown at most, evenly picked. */
const MAX_LABELS = 12;

interface HeatmapProps {
  readonly map: HeatmapData;
  readonly x: string;
  readonly y: string;
  readonly direction: Direction;
  readonly format: (value: number) => string;
}

function labelled<T>(values: readonly T[]): number[] {
  const every = Math.max(1, Math.ceil(values.length / MAX_LABELS));
  return values.map((_, i) => i).filter((i) => i % every === 0);
}

export function Heatmap({ map, x, y, direction, format }: HeatmapProps) {
  const { palette } = useTheme();
  const [hover, setHover] = useState<{ xi: number; yi: number } | null>(null);
  const nx = map.xValues.length;
  const ny = map.yValues.length;
  const { left, right, top, bottom } = PLOT_MARGIN;
  const cw = (WIDTH - left - right) / Math.max(1, nx);
  const ch = (HEIGHT - top - bottom) / Math.max(1, ny);
  const onMove = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * WIDTH;
    const py = ((event.clientY - box.top) / box.height) * HEIGHT;
    const xi = Math.floor((px - left) / cw);
    const yi = ny - 1 - Math.floor((py - top) / ch);
    setHover(xi >= 0 && xi < nx && yi >= 0 && yi < ny ? { xi, yi } : null);
  };
  const hovered = hover === null ? null : map.values[hover.yi * nx + hover.xi];
  const cells = [];
  for (let yi = 0; yi < ny; yi++) {
    for (let xi = 0; xi < nx; xi++) {
      const value = map.values[yi * nx + xi];
      if (Number.isNaN(value)) continue;
      cells.push(<rect key={`${xi}-${yi}`} x={left + xi * cw} y={top + (ny - 1 - yi) * ch} width={cw + 0.5} height={ch + 0.5} fill={rampColour(scalePosition(value, map.min, map.max, direction))} />);
    }
  }
  const gradient = Array.from({ length: 11 }, (_, i) => `${rampColour(direction === 'maximize' ? i / 10 : 1 - i / 10)} ${i * 10}%`).join(', ');
  return (
    <Stack spacing={1}>
      <Box
        component="svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
        sx={{ width: '100%', maxWidth: WIDTH, display: 'block', bgcolor: 'background.paper' }}
        role="img"
        aria-label={`Heatmap of the objective over ${x} and ${y}`}
        data-testid="optimise-heatmap"
        data-cells={map.filled}
        data-x={x}
        data-y={y}
        data-columns={nx}
        data-rows={ny}
      >
        <rect x={left} y={top} width={WIDTH - left - right} height={HEIGHT - top - bottom} fill={palette.action.hover} />
        {cells}
        {hover !== null && <rect x={left + hover.xi * cw} y={top + (ny - 1 - hover.yi) * ch} width={cw} height={ch} fill="none" stroke={palette.text.primary} strokeWidth={2} />}
        <Axes
          width={WIDTH}
          height={HEIGHT}
          xLabel={x}
          yLabel={y}
          xTicks={labelled(map.xValues).map((i) => ({ at: left + (i + 0.5) * cw, text: short(map.xValues[i]) }))}
          yTicks={labelled(map.yValues).map((i) => ({ at: top + (ny - 1 - i + 0.5) * ch, text: short(map.yValues[i]) }))}
        />
      </Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="caption" data-testid="optimise-heatmap-min">
          {Number.isNaN(map.min) ? '—' : format(map.min)}
        </Typography>
        <Box sx={{ width: 200, height: 10, borderRadius: 0.5, background: `linear-gradient(to right, ${gradient})` }} aria-hidden />
        <Typography variant="caption" data-testid="optimise-heatmap-max">
          {Number.isNaN(map.max) ? '—' : format(map.max)}
        </Typography>
        <Typography variant="caption" color="text.secondary" data-testid="optimise-heatmap-hover" data-value={hovered === null || Number.isNaN(hovered) ? '' : hovered}>
          {hover === null ? 'Point at a cell for its value' : `${x} = ${short(map.xValues[hover.xi])}, ${y} = ${short(map.yValues[hover.yi])}: ${hovered === null || Number.isNaN(hovered) ? 'no passing trial' : format(hovered)}`}
        </Typography>
      </Stack>
    </Stack>
  );
}
