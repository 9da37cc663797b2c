/**
 * Walk-forward curves (lightweight-charts, theme colours): the out-of-sample equity of every
 * window stitched into one account above, and per window the first objective's score in sample
 * and out of sample below (a large gap is the optimiser fitting noise).
 */
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import { createChart, LineSeries, type LineData, LineStyle, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { baseChartOptions, chartColours } from '../../charts/chart-theme.ts';
import type { OptimisationDetail } from '../../state/optimise.ts';

type WalkForward = NonNullable<OptimisationDetail['walkForward']>;

function seconds(epochMs: number): UTCTimestamp {
  return Math.floor(epochMs / 1000) as UTCTimestamp;
}

/** Strictly increasing times, as the chart requires (a repeated time keeps its last value). */
function line(times: readonly number[], values: readonly (number | null)[]): LineData<UTCTimestamp>[] {
  const out: LineData<UTCTimestamp>[] = [];
  times.forEach((t, i) => {
    const value = values[i];
    if (value === null || !Number.isFinite(value)) return;
    const time = seconds(t);
    if (out.length > 0 && out[out.length - 1].time >= time) out.pop();
    out.push({ time, value });
  });
  return out;
}

export function WalkForwardCharts({ walkForward, scoreLabel }: { walkForward: WalkForward; scoreLabel: string }) {
  const theme = useTheme();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const colours = chartColours(theme);
    const chart = createChart(element, baseChartOptions(colours));
    const equity = chart.addSeries(LineSeries, { color: colours.equityLine, lineWidth: 2, title: 'Out-of-sample equity', priceLineVisible: false }, 0);
    equity.setData(line(Array.from(walkForward.oosEquity.time), Array.from(walkForward.oosEquity.equity)));
    const starts = walkForward.windows.map((w) => w.outOfSample.fromTime);
    chart.addSeries(LineSeries, { color: colours.warn, lineWidth: 2, lineStyle: LineStyle.Dashed, title: `In-sample ${scoreLabel}`, priceLineVisible: false }, 1).setData(line(starts, walkForward.windows.map((w) => w.inSampleScore)));
    chart.addSeries(LineSeries, { color: colours.accent, lineWidth: 2, title: `Out-of-sample ${scoreLabel}`, priceLineVisible: false }, 1).setData(line(starts, walkForward.windows.map((w) => w.outOfSampleScore)));
    chart.panes()[1]?.setStretchFactor(0.5);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [walkForward, scoreLabel, theme]);
  return (
    <Box
      ref={container}
      sx={{ height: 380 }}
      role="img"
      aria-label={`Stitched out-of-sample equity, and ${scoreLabel} in and out of sample per window`}
      data-testid="optimise-wf-equity"
      data-points={walkForward.oosEquity.time.length}
    />
  );
}
