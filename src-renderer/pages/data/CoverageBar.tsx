/**
 * A series' time span as one bar: downloaded ranges, gaps the exchange had (outages) and
 * stretches never downloaded, each in its own colour. SVG, so tests can read the ranges.
 */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { palette } from '../../app/theme.ts';
import type { SeriesInventory } from '../../state/inventory.ts';
import { utcMinute } from '../../../src-shared/time-text.ts';

const WIDTH = 240;
const HEIGHT = 12;
/** A one-minute gap in a year-long series is still a visible sliver. */
const MIN_WIDTH = 1.5;

const KINDS = [
  { kind: 'uncovered', label: 'never downloaded', colour: palette.neutral },
  { kind: 'covered', label: 'downloaded', colour: palette.up },
  { kind: 'gap', label: 'missing at the exchange', colour: palette.down },
] as const;

interface Range {
  readonly from: number;
  readonly to: number;
}

function span(series: SeriesInventory): Range | null {
  const ranges = [...series.coverage, ...series.gaps, ...series.uncovered];
  if (ranges.length === 0) return null;
  return { from: Math.min(...ranges.map((r) => r.from)), to: Math.max(...ranges.map((r) => r.to)) };
}

export function CoverageBar({ series }: { series: SeriesInventory }) {
  const background = useTheme().palette.background.default;
  const whole = span(series);
  const byKind = { uncovered: series.uncovered, covered: series.coverage, gap: series.gaps };
  const x = (time: number) => (whole === null || whole.to === whole.from ? 0 : ((time - whole.from) / (whole.to - whole.from)) * WIDTH);
  return (
    <svg width={WIDTH} height={HEIGHT} role="img" aria-label="coverage" data-testid="coverage-bar" style={{ display: 'block' }}>
      <rect width={WIDTH} height={HEIGHT} fill={background} />
      {KINDS.map(({ kind, label, colour }) =>
        byKind[kind].map((range) => (
          <rect
            key={`${kind}-${range.from}`}
            x={x(range.from)}
            width={Math.max(MIN_WIDTH, x(range.to) - x(range.from))}
            height={HEIGHT}
            fill={colour}
            data-testid={`coverage-${kind}`}
            data-from={range.from}
            data-to={range.to}
          >
            <title>{`${label}: ${utcMinute(range.from)} – ${utcMinute(range.to)} UTC`}</title>
          </rect>
        )),
      )}
    </svg>
  );
}

export function CoverageLegend() {
  return (
    <Stack direction="row" spacing={2}>
      {KINDS.map(({ kind, label, colour }) => (
        <Stack key={kind} direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
          <Box sx={{ width: 12, height: 12, bgcolor: colour }} />
          <Typography variant="caption" color="text.secondary">
            {label}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
}
