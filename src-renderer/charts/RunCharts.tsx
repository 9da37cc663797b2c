/**
 * The charts of one saved run: price with volume, indicators and trade markers, then equity
 * and drawdown, all on one time axis. The component only lays them out and passes its props
 * on; RunChartController owns the charts and the bars (loaded window by window).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { type KeyboardEvent, type ReactNode, type Ref, useEffect, useMemo, useRef, useState } from 'react';
import { useConnection } from '../rpc/connection.ts';
import { chartColours } from './chart-theme.ts';
import { type LoadStatus, RunChartController } from './run-chart-controller.ts';
import { exposeProbe } from './test-hooks.ts';
import type { TradeColumns } from './types.ts';

export type { TradeColumns } from './types.ts';

export interface RunChartsProps {
  readonly runId: string;
  readonly trades: TradeColumns;
  /** Index into the trade columns. */
  readonly selectedTrade: number | null;
  /** Called when the user clicks a trade's marker. */
  readonly onSelectTrade?: (index: number) => void;
}

const PRICE_PANE_HEIGHT = 380;
const INDICATOR_PANE_HEIGHT = 120;

export function RunCharts({ runId, trades, selectedTrade, onSelectTrade }: RunChartsProps) {
  const theme = useTheme();
  const client = useConnection((s) => s.client);
  const colours = useMemo(() => chartColours(theme), [theme]);
  const [status, setStatus] = useState<LoadStatus>({ state: 'loading' });
  const [indicatorPanes, setIndicatorPanes] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const price = useRef<HTMLDivElement>(null);
  const equity = useRef<HTMLDivElement>(null);
  const drawdown = useRef<HTMLDivElement>(null);
  const equityBox = useRef<HTMLDivElement>(null);
  const drawdownBox = useRef<HTMLDivElement>(null);
  const controller = useRef<RunChartController | null>(null);
  // The newest props, for the controller created once per run and for its callbacks.
  const latest = useRef({ trades, selectedTrade, onSelectTrade, colours });
  latest.current = { trades, selectedTrade, onSelectTrade, colours };

  useEffect(() => {
    const elements = { root: root.current, price: price.current, equity: equity.current, drawdown: drawdown.current, equityBox: equityBox.current, drawdownBox: drawdownBox.current };
    if (client === null || Object.values(elements).some((element) => element === null)) return undefined;
    const mountedAt = performance.now();
    const created = new RunChartController({
      client,
      runId,
      elements: elements as { [K in keyof typeof elements]: HTMLDivElement },
      colours: latest.current.colours,
      trades: latest.current.trades,
      selected: latest.current.selectedTrade,
      mountedAt,
      events: {
        onSelectTrade: (index) => latest.current.onSelectTrade?.(index),
        onStatus: setStatus,
        onIndicatorPanes: setIndicatorPanes,
      },
    });
    controller.current = created;
    const withdraw = exposeProbe({
      scrollToBar: (bar) => created.scrollToBar(bar),
      visibleRange: () => created.visibleRange(),
      get firstPaintMs() {
        return created.firstPaintMs;
      },
    });
    void created.start();
    return () => {
      withdraw();
      created.dispose();
      controller.current = null;
      root.current?.removeAttribute('data-ready');
    };
  }, [client, runId]);

  useEffect(() => controller.current?.setTrades(trades), [trades]);
  useEffect(() => controller.current?.setSelected(selectedTrade), [selectedTrade]);
  useEffect(() => controller.current?.setColours(colours), [colours]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (controller.current?.key(event.key) === true) event.preventDefault();
  };

  return (
    <Box
      ref={root}
      data-testid="run-chart"
      tabIndex={0}
      role="group"
      aria-label="Run charts (arrow keys scroll, + and - zoom, Home and End go to the first and last bars)"
      onKeyDown={onKeyDown}
      sx={{ position: 'relative', display: 'flex', flexDirection: 'column', gap: 1, outline: 'none', '&:focus-visible': { boxShadow: `0 0 0 2px ${theme.palette.primary.main}` } }}
    >
      {status.state === 'loading' && <LinearProgress data-testid="run-chart-loading" sx={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 3 }} />}
      {status.state === 'failed' && (
        <Alert severity="error" data-testid="run-chart-error">
          The chart could not load its bars: {status.message}
        </Alert>
      )}
      <Labelled title="Price">
        <Box ref={price} data-testid="run-price-chart" sx={{ height: PRICE_PANE_HEIGHT + INDICATOR_PANE_HEIGHT * indicatorPanes }} />
      </Labelled>
      <Labelled title="Equity" boxRef={equityBox} testId="run-equity-chart">
        <Box ref={equity} sx={{ height: 140 }} />
      </Labelled>
      <Labelled title="Drawdown %" boxRef={drawdownBox} testId="run-drawdown-chart">
        <Box ref={drawdown} sx={{ height: 130 }} />
      </Labelled>
    </Box>
  );
}

function Labelled({ title, boxRef, testId, children }: { title: string; boxRef?: Ref<HTMLDivElement>; testId?: string; children: ReactNode }) {
  return (
    <Box ref={boxRef} data-testid={testId} component="section" aria-label={title}>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', fontWeight: 600, mb: 0.25 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}
