/**
 * Two runs' equity curves on one time axis (UTC), their drawdowns in a pane below, with a
 * legend. Runs over different periods simply cover different stretches of the axis.
 */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import { ColorType, createChart, LineSeries, type LineData, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { RunEquity } from './useCompareData.ts';

export interface ChartCurve {
  readonly label: string;
  readonly equity: RunEquity;
}

const MONEY = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const equityFormat = { type: 'custom', formatter: (value: number) => MONEY.format(value), minMove: 0.01 } as const;
const drawdownFormat = { type: 'custom', formatter: (value: number) => `${value.toFixed(1)}%`, minMove: 0.01 } as const;

function points(time: Float64Array, values: Float64Array): LineData<UTCTimestamp>[] {
  return Array.from(time, (t, i) => ({ time: Math.floor(t / 1000) as UTCTimestamp, value: values[i] }));
}

export function CompareChart({ a, b }: { a: ChartCurve; b: ChartCurve }) {
  const theme = useTheme();
  const container = useRef<HTMLDivElement>(null);
  const { palette } = theme;
  const colours = [palette.primary.main, palette.warning.main] as const;
  const equityA = a.equity;
  const equityB = b.equity;

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const chart = createChart(element, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: palette.background.paper }, textColor: palette.text.secondary, attributionLogo: false },
      grid: { vertLines: { color: alpha(palette.divider, 0.5) }, horzLines: { color: alpha(palette.divider, 0.5) } },
      rightPriceScale: { borderColor: palette.divider },
      timeScale: { borderColor: palette.divider, timeVisible: true },
      localization: { timeFormatter: (time: UTCTimestamp) => new Date(time * 1000).toISOString().slice(0, 16).replace('T', ' ') },
    });
    [equityA, equityB].forEach((equity, i) => {
      const colour = [palette.primary.main, palette.warning.main][i];
      chart.addSeries(LineSeries, { color: colour, lineWidth: 2, title: i === 0 ? 'A' : 'B', priceLineVisible: false, priceFormat: equityFormat }, 0).setData(points(equity.time, equity.equity));
      chart
        .addSeries(LineSeries, { color: colour, lineWidth: 1, priceFormat: drawdownFormat, priceLineVisible: false, lastValueVisible: false }, 1)
        .setData(points(equity.time, equity.drawdownPct));
    });
    chart.panes()[1]?.setStretchFactor(0.35);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [equityA, equityB, palette]);

  return (
    <Box>
      <Stack direction="row" sx={{ gap: 3, mb: 1, flexWrap: 'wrap' }} data-testid="compare-legend">
        {[a, b].map((curve, i) => (
          <Stack key={i === 0 ? 'a' : 'b'} direction="row" sx={{ alignItems: 'center', gap: 1 }}>
            <Box sx={{ width: 16, height: 3, bgcolor: colours[i] }} />
            <Typography variant="body2">
              {i === 0 ? 'A' : 'B'}: {curve.label}
            </Typography>
          </Stack>
        ))}
        <Typography variant="body2" color="text.secondary">
          Equity above, drawdown (%) below; times in UTC
        </Typography>
      </Stack>
      <Box
        ref={container}
        sx={{ height: 420 }}
        data-testid="compare-equity-chart"
        data-series={2}
        data-points-a={a.equity.time.length}
        data-points-b={b.equity.time.length}
        role="img"
        aria-label={`Equity and drawdown of A (${a.label}) and B (${b.label})`}
      />
    </Box>
  );
}
