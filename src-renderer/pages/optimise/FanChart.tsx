/**
 * Monte Carlo equity bands over the trade sequence as an SVG fan: the 5–95 and 25–75 percentile
 * bands filled, each percentile's line, the median bold.
 */
import Box from '@mui/material/Box';
import { alpha, useTheme } from '@mui/material/styles';
import { Axes, linear, PLOT_MARGIN, short, ticks } from './plot.tsx';

const WIDTH = 720;
const HEIGHT = 340;

export interface FanData {
  readonly percentiles: readonly number[];
  /** Per percentile, equity after 0..n trades. */
  readonly equity: readonly Float64Array[];
}

export function FanChart({ data, simulations }: { data: FanData; simulations: number }) {
  const { palette } = useTheme();
  const { left, right, top, bottom } = PLOT_MARGIN;
  const steps = data.equity[0]?.length ?? 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const band of data.equity) for (const v of band) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const sx = linear([0, Math.max(1, steps - 1)], [left, WIDTH - right]);
  const sy = linear([lo, hi], [HEIGHT - bottom, top]);
  const path = (band: Float64Array) => Array.from(band, (v, i) => `${i === 0 ? 'M' : 'L'}${sx(i).toFixed(1)},${sy(v).toFixed(1)}`).join(' ');
  const area = (lower: Float64Array, upper: Float64Array) => `${path(upper)} ${Array.from(lower, (v, i) => ({ v, i })).reverse().map(({ v, i }) => `L${sx(i).toFixed(1)},${sy(v).toFixed(1)}`).join(' ')} Z`;
  const at = (p: number) => data.equity[data.percentiles.indexOf(p)];
  const [p5, p25, p50, p75, p95] = [5, 25, 50, 75, 95].map(at);
  const colour = palette.primary.main;
  return (
    <Box component="svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} sx={{ width: '100%', maxWidth: WIDTH, display: 'block' }} role="img" aria-label={`Monte Carlo equity percentiles over ${simulations} simulations`} data-testid="optimise-montecarlo" data-simulations={simulations} data-bands={data.equity.length} data-steps={steps}>
      <Axes width={WIDTH} height={HEIGHT} xLabel="Trades" yLabel="Equity" xTicks={ticks(0, steps - 1).map((v) => ({ at: sx(v), text: short(v) }))} yTicks={ticks(lo, hi).map((v) => ({ at: sy(v), text: short(v) }))} />
      {p5 !== undefined && p95 !== undefined && <path d={area(p5, p95)} fill={alpha(colour, 0.15)} stroke="none" />}
      {p25 !== undefined && p75 !== undefined && <path d={area(p25, p75)} fill={alpha(colour, 0.3)} stroke="none" />}
      {data.equity.map((band, i) => (
        <path key={data.percentiles[i]} d={path(band)} fill="none" stroke={colour} strokeWidth={data.percentiles[i] === 50 ? 2.5 : 1} opacity={data.percentiles[i] === 50 ? 1 : 0.7} data-percentile={data.percentiles[i]}>
          <title>{`${data.percentiles[i]}th percentile`}</title>
        </path>
      ))}
      {p50 === undefined ? null : (
        <text x={WIDTH - right - 4} y={sy(p50[p50.length - 1]) - 6} fontSize={11} textAnchor="end" fill={palette.text.primary}>
          median
        </text>
      )}
    </Box>
  );
}
