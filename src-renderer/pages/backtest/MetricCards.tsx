/**
 * The run's metrics as cards, for all trades or one side. Each value carries its raw number in
 * data-value, so what is shown can be checked against the CLI's metrics.json exactly.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { formatMetric, METRIC_CARDS, METRIC_SIDES, type MetricSide } from '../../../src-shared/backtest-view/metrics.ts';
import type { RunDetail } from './useRunDetail.ts';

const SIDE_LABELS: Record<MetricSide, string> = { all: 'All', long: 'Long', short: 'Short' };
const SIGNED = new Set(['netProfit', 'totalReturnPct', 'expectancy', 'avgTradePct']);

export function MetricCards({ metrics }: { metrics: RunDetail['metrics'] }) {
  const [side, setSide] = useState<MetricSide>('all');
  const values = metrics[side];
  return (
    <Stack spacing={1.5} data-testid="metrics" data-side={side}>
      <ToggleButtonGroup size="small" exclusive value={side} onChange={(_event, next: MetricSide | null) => next !== null && setSide(next)} aria-label="Trades measured">
        {METRIC_SIDES.map((s) => (
          <ToggleButton key={s} value={s} data-testid={`metrics-side-${s}`}>
            {SIDE_LABELS[s]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 1 }}>
        {METRIC_CARDS.map((card) => {
          const value = values[card.name] ?? null;
          const colour = SIGNED.has(card.name) && value !== null && value !== 0 ? (value > 0 ? 'success.main' : 'error.main') : 'text.primary';
          return (
            <Paper key={card.name} variant="outlined" sx={{ px: 1.5, py: 1 }}>
              <Typography variant="caption" color="text.secondary">
                {card.label}
              </Typography>
              <Typography variant="subtitle1" sx={{ fontWeight: 600, color: colour }} data-testid={`metric-${card.name}`} data-value={value === null ? 'null' : String(value)}>
                {formatMetric(value, card.format)}
              </Typography>
            </Paper>
          );
        })}
      </Box>
    </Stack>
  );
}
