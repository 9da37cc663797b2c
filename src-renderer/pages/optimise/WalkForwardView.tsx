/**
 * A walk-forward result: the windows on a timeline (in-sample and out-of-sample bars, SVG), the
 * walk-forward efficiency, the stitched out-of-sample equity against the in-sample scores, and
 * the parameter path (each window's chosen values; jumping values mean an unstable optimum).
 */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { formatMetric, metricInfo } from '../../../src-shared/run-compare.ts';
import type { OptimisationDetail } from '../../state/optimise.ts';
import { linear } from './plot.tsx';
import { WalkForwardCharts } from './WalkForwardCharts.tsx';
import { utcDay } from '../../../src-shared/time-text.ts';

type WalkForward = NonNullable<OptimisationDetail['walkForward']>;

const WIDTH = 720;
const ROW = 16;
const LEFT = 40;

function Timeline({ walkForward }: { walkForward: WalkForward }) {
  const { palette } = useTheme();
  const { windows } = walkForward;
  const first = Math.min(...windows.map((w) => w.inSample.fromTime));
  const last = Math.max(...windows.map((w) => w.outOfSample.toTime));
  const x = linear([first, last], [LEFT, WIDTH - 8]);
  const height = windows.length * ROW + 24;
  return (
    <Box component="svg" viewBox={`0 0 ${WIDTH} ${height}`} sx={{ width: '100%', maxWidth: WIDTH, display: 'block' }} role="img" aria-label={`${windows.length} walk-forward windows from ${utcDay(first)} to ${utcDay(last)}`}>
      {windows.map((w, i) => (
        <g key={w.index} data-testid={`optimise-wf-window-${w.index}`}>
          <text x={LEFT - 6} y={i * ROW + 12} fontSize={10} textAnchor="end" fill={palette.text.secondary}>
            {w.index + 1}
          </text>
          <rect x={x(w.inSample.fromTime)} y={i * ROW + 3} width={Math.max(1, x(w.inSample.toTime) - x(w.inSample.fromTime))} height={ROW - 6} fill={palette.primary.main} opacity={0.45}>
            <title>{`In sample ${utcDay(w.inSample.fromTime)} – ${utcDay(w.inSample.toTime)}`}</title>
          </rect>
          <rect x={x(w.outOfSample.fromTime)} y={i * ROW + 3} width={Math.max(1, x(w.outOfSample.toTime) - x(w.outOfSample.fromTime))} height={ROW - 6} fill={palette.warning.main}>
            <title>{`Out of sample ${utcDay(w.outOfSample.fromTime)} – ${utcDay(w.outOfSample.toTime)}`}</title>
          </rect>
        </g>
      ))}
      <text x={LEFT} y={height - 6} fontSize={11} fill={palette.text.secondary}>
        {utcDay(first)}
      </text>
      <text x={WIDTH - 8} y={height - 6} fontSize={11} textAnchor="end" fill={palette.text.secondary}>
        {utcDay(last)}
      </text>
    </Box>
  );
}

export function WalkForwardView({ detail, walkForward }: { detail: OptimisationDetail; walkForward: WalkForward }) {
  const info = metricInfo(detail.objectives[0].metric);
  const names = Object.keys(walkForward.parameterPath);
  return (
    <Stack spacing={2} data-testid="optimise-walk-forward" data-windows={walkForward.windows.length}>
      <Typography variant="body2" data-testid="optimise-wfe" data-value={walkForward.efficiency ?? ''}>
        Walk-forward efficiency (out-of-sample over in-sample annual return): <b>{walkForward.efficiency === null ? 'undefined (in-sample return not above 0)' : walkForward.efficiency.toFixed(3)}</b>
        {walkForward.efficiency !== null && (walkForward.efficiency >= 0.5 ? ' — the in-sample edge partly survives' : ' — well below 0.5: the optimiser mostly fitted noise')}
      </Typography>
      {walkForward.windows.length === 0 ? (
        <Typography color="text.secondary">The data is too short for one window.</Typography>
      ) : (
        <>
          <Typography variant="caption" color="text.secondary">
            Windows: in sample (blue), out of sample (orange)
          </Typography>
          <Timeline walkForward={walkForward} />
          <WalkForwardCharts walkForward={walkForward} scoreLabel={info.label} />
        </>
      )}
      <Table size="small" data-testid="optimise-wf-path" sx={{ maxWidth: 900 }}>
        <TableHead>
          <TableRow>
            <TableCell>Window</TableCell>
            <TableCell>Out of sample (UTC)</TableCell>
            {names.map((name) => (
              <TableCell key={name} align="right">
                {name}
              </TableCell>
            ))}
            <TableCell align="right">In-sample {info.label}</TableCell>
            <TableCell align="right">Out-of-sample {info.label}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {walkForward.windows.map((w, i) => (
            <TableRow key={w.index}>
              <TableCell>{w.index + 1}</TableCell>
              <TableCell>
                {utcDay(w.outOfSample.fromTime)} – {utcDay(w.outOfSample.toTime)}
              </TableCell>
              {names.map((name) => (
                <TableCell key={name} align="right">
                  {walkForward.parameterPath[name][i] ?? '—'}
                </TableCell>
              ))}
              <TableCell align="right">{formatMetric(w.inSampleScore, info.unit)}</TableCell>
              <TableCell align="right">{formatMetric(w.outOfSampleScore, info.unit)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}
