/**
 * Multi-objective results: two chosen objectives of every passing trial as an SVG scatter, the
 * trials no other beats on both highlighted and joined as the front, and the trial under the
 * pointer named.
 */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useMemo, useState } from 'react';
import { paretoPlot } from '../../../src-shared/optimise-view/pareto.ts';
import { rowParams, type TrialTable } from '../../../src-shared/optimise-view/trials.ts';
import { formatMetric, formatParameters, metricInfo } from '../../../src-shared/run-compare.ts';
import type { OptimisationDetail } from '../../state/optimise.ts';
import { Choice } from '../shared/fields.tsx';
import { Axes, linear, PLOT_MARGIN, short, ticks } from './plot.tsx';

const WIDTH = 640;
const HEIGHT = 400;

export function ParetoPlot({ detail, table }: { detail: OptimisationDetail; table: TrialTable }) {
  const { palette } = useTheme();
  const ids = detail.objectives.map((_, i) => String(i));
  const labels = Object.fromEntries(detail.objectives.map((o, i) => [String(i), metricInfo(o.metric).label]));
  const [a, setA] = useState('0');
  const [b, setB] = useState('1');
  const [hover, setHover] = useState<number | null>(null);
  const oa = detail.objectives[Number(a)];
  const ob = detail.objectives[Number(b)];
  const plot = useMemo(() => paretoPlot(table, { objective: Number(a), direction: oa.direction }, { objective: Number(b), direction: ob.direction }), [table, a, b, oa.direction, ob.direction]);
  const xs = table.scores[Number(a)];
  const ys = table.scores[Number(b)];
  const xValues = plot.rows.map((row) => xs[row]);
  const yValues = plot.rows.map((row) => ys[row]);
  const { left, right, top, bottom } = PLOT_MARGIN;
  const sx = linear([Math.min(...xValues), Math.max(...xValues)], [left + 8, WIDTH - right - 8]);
  const sy = linear([Math.min(...yValues), Math.max(...yValues)], [HEIGHT - bottom - 8, top + 8]);
  const onFront = new Set(plot.front);
  const frontPath = plot.front.map((row, i) => `${i === 0 ? 'M' : 'L'}${sx(xs[row]).toFixed(1)},${sy(ys[row]).toFixed(1)}`).join(' ');
  const ia = metricInfo(oa.metric);
  const ib = metricInfo(ob.metric);
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1.5}>
        <Choice label="Across (x)" value={a} options={ids} labels={labels} testId="optimise-pareto-x" onChange={setA} />
        <Choice label="Up (y)" value={b} options={ids} labels={labels} testId="optimise-pareto-y" onChange={setB} />
      </Stack>
      <Box component="svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} sx={{ width: '100%', maxWidth: WIDTH, display: 'block' }} role="img" aria-label={`Pareto front of ${ia.label} and ${ib.label}`} data-testid="optimise-pareto" data-points={plot.rows.length} data-front={plot.front.length}>
        <Axes
          width={WIDTH}
          height={HEIGHT}
          xLabel={`${ia.label} (${oa.direction === 'maximize' ? 'higher' : 'lower'} is better)`}
          yLabel={`${ib.label} (${ob.direction === 'maximize' ? 'higher' : 'lower'} is better)`}
          xTicks={ticks(Math.min(...xValues), Math.max(...xValues)).map((v) => ({ at: sx(v), text: short(v) }))}
          yTicks={ticks(Math.min(...yValues), Math.max(...yValues)).map((v) => ({ at: sy(v), text: short(v) }))}
        />
        {plot.rows.map((row) =>
          onFront.has(row) ? null : <circle key={row} cx={sx(xs[row])} cy={sy(ys[row])} r={hover === row ? 5 : 3} fill={palette.text.disabled} onMouseEnter={() => setHover(row)} onMouseLeave={() => setHover(null)} />,
        )}
        <path d={frontPath} fill="none" stroke={palette.warning.main} strokeWidth={1.5} />
        {plot.front.map((row) => (
          <circle key={row} cx={sx(xs[row])} cy={sy(ys[row])} r={hover === row ? 6 : 4.5} fill={palette.warning.main} stroke={palette.background.paper} onMouseEnter={() => setHover(row)} onMouseLeave={() => setHover(null)} data-testid="optimise-pareto-front-point" />
        ))}
      </Box>
      <Typography variant="caption" color="text.secondary">
        {hover === null
          ? `${plot.rows.length} passing trials; ${plot.front.length} on the front (orange): no other trial is at least as good on both and better on one`
          : `Trial #${table.index[hover]}: ${ia.label} ${formatMetric(xs[hover], ia.unit)}, ${ib.label} ${formatMetric(ys[hover], ib.unit)} at ${formatParameters(rowParams(table, hover))}`}
      </Typography>
    </Stack>
  );
}
