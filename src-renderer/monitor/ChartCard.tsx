/**
 * One chart of the monitor grid: its connection dot (reason on hover), series controls, last
 * price and change since the UTC day's open, move / duplicate / remove buttons, overlays, and
 * the live chart itself, which a LiveChart controller owns outside React.
 */
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MonitorChart } from '../../src-shared/contract/schemas/settings.ts';
import { chartColours } from '../charts/chart-theme.ts';
import { strategyDocument, useCatalogue } from './catalogue.ts';
import { announceSignals } from './desktop-notify.ts';
import type { LiveFeed } from './feed.ts';
import { duplicateChart, moveChart, removeChart, updateChart } from './layout.ts';
import { type ChartStatus, LiveChart } from './live-chart.ts';
import { OverlayControls } from './OverlayControls.tsx';
import { SeriesControls } from './SeriesControls.tsx';
import { registerChart } from './test-hooks.ts';
import { notifyError } from '../state/notifications.ts';

const STATE_TEXT: Record<ChartStatus['state'], string> = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting', down: 'Down' };

interface Props {
  readonly chart: MonitorChart;
  readonly index: number;
  readonly count: number;
  readonly feed: LiveFeed;
}

export function ChartCard({ chart, index, count, feed }: Props) {
  const testId = `monitor-chart-${index}`;
  const theme = useTheme();
  const colours = useMemo(() => chartColours(theme), [theme]);
  const cardRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<HTMLDivElement>(null);
  const priceRef = useRef<HTMLSpanElement>(null);
  const changeRef = useRef<HTMLSpanElement>(null);
  const liveRef = useRef<LiveChart | null>(null);
  const latest = useRef(chart);
  latest.current = chart;
  const [status, setStatus] = useState<ChartStatus>({ state: 'connecting', reason: 'Subscribing' });
  const strategies = useCatalogue((s) => s.strategies);
  const seriesId = `${chart.key.exchange}|${chart.key.market}|${chart.key.symbol}|${chart.key.interval}`;

  useEffect(() => {
    const elements = { card: cardRef.current as HTMLElement, chart: chartRef.current as HTMLElement, price: priceRef.current as HTMLElement, change: changeRef.current as HTMLElement };
    const live = new LiveChart(latest.current.key, feed, elements, colours, {
      status: setStatus,
      signals: (marks) => {
        const current = latest.current;
        if (!current.notify) return;
        const name = useCatalogue.getState().strategies.find((s) => s.id === current.strategyId)?.name ?? 'Strategy';
        announceSignals(current.key, name, marks, true);
      },
      strategyFailed: (message) => notifyError(new Error(`The strategy cannot run on this chart: ${message}`)),
    });
    liveRef.current = live;
    const unregister = registerChart(latest.current.id, () => live.closedTimes());
    return () => {
      unregister();
      live.dispose();
      liveRef.current = null;
    };
    // Rebuilt for a new series only: colours and overlays are applied to the running chart below.
  }, [feed, seriesId]);

  useEffect(() => liveRef.current?.applyColours(colours), [colours]);

  const indicatorsId = JSON.stringify(chart.indicators);
  useEffect(() => liveRef.current?.setIndicators(latest.current.indicators), [indicatorsId, seriesId]);

  useEffect(() => {
    const live = liveRef.current;
    if (live === null) return;
    if (chart.strategyId === null) {
      live.setStrategy(null);
      return;
    }
    let current = true;
    strategyDocument(feed.client, chart.strategyId)
      .then((document) => current && live.setStrategy(document))
      .catch((error: unknown) => {
        if (!current) return;
        notifyError(error);
        updateChart(chart.id, { strategyId: null, notify: false });
      });
    return () => {
      current = false;
    };
  }, [chart.strategyId, chart.id, seriesId, feed]);

  const dotColour = status.state === 'live' ? 'success.main' : status.state === 'down' ? 'error.main' : 'warning.main';
  const strategyName = strategies.find((s) => s.id === chart.strategyId)?.name;

  return (
    <Paper ref={cardRef} variant="outlined" sx={{ p: 1, display: 'flex', flexDirection: 'column', gap: 1, minWidth: 0 }} data-testid={testId} data-chart-id={chart.id} data-status={status.state} aria-label={`Chart ${index + 1}: ${chart.key.symbol} ${chart.key.interval}`}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Tooltip title={`${STATE_TEXT[status.state]}${status.reason === '' ? '' : `: ${status.reason}`}`}>
          <Box
            component="span"
            tabIndex={0}
            role="status"
            aria-label={`Connection ${STATE_TEXT[status.state]}${status.reason === '' ? '' : `: ${status.reason}`}`}
            title={status.reason}
            data-testid={`${testId}-status-dot`}
            data-state={status.state}
            sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: dotColour, flex: 'none' }}
          />
        </Tooltip>
        <SeriesControls value={chart.key} testId={testId} onChange={(key) => updateChart(chart.id, { key })} />
        <Box sx={{ flex: 1 }} />
        <Typography component="span" variant="subtitle1" sx={{ fontVariantNumeric: 'tabular-nums' }} ref={priceRef} data-testid={`${testId}-price`} title="Last price">
          —
        </Typography>
        <Typography
          component="span"
          variant="body2"
          ref={changeRef}
          data-testid={`${testId}-change`}
          title="Change since the UTC day's open"
          sx={{ fontVariantNumeric: 'tabular-nums', '&[data-direction="up"]': { color: 'success.main' }, '&[data-direction="down"]': { color: 'error.main' } }}
        >
          —
        </Typography>
        <IconButton size="small" aria-label="Move left" disabled={index === 0} onClick={() => moveChart(chart.id, -1)} data-testid={`${testId}-left`}>
          ◀
        </IconButton>
        <IconButton size="small" aria-label="Move right" disabled={index === count - 1} onClick={() => moveChart(chart.id, 1)} data-testid={`${testId}-right`}>
          ▶
        </IconButton>
        <IconButton size="small" aria-label="Duplicate" onClick={() => duplicateChart(chart.id)} data-testid={`${testId}-duplicate`}>
          ⧉
        </IconButton>
        <IconButton size="small" aria-label="Remove" onClick={() => removeChart(chart.id)} data-testid={`${testId}-remove`}>
          ✕
        </IconButton>
      </Stack>
      <OverlayControls chart={chart} testId={testId} />
      <Box ref={chartRef} sx={{ height: 300, minWidth: 0 }} data-testid={`${testId}-canvas`} aria-label={strategyName === undefined ? 'Live chart' : `Live chart with ${strategyName}'s signals`} />
    </Paper>
  );
}
