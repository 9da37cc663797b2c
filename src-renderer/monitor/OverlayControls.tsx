/**
 * A chart's overlays: indicators from the strategy language (kind and parameters, e.g. "20" or
 * "12,26,9"; blank takes the defaults) shown as removable chips, and the saved strategy whose
 * signals are marked, with its optional desktop notifications.
 */
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { MAX_CHART_INDICATORS, type MonitorChart, type MonitorIndicator } from '../../src-shared/contract/schemas/settings.ts';
import { useCatalogue } from './catalogue.ts';
import { enableDesktopNotifications } from './desktop-notify.ts';
import { updateChart } from './layout.ts';

const NONE = 'none';

/** Parameters as typed, or null when one is not a number. */
function parseParams(text: string): number[] | null {
  if (text.trim() === '') return [];
  const values = text.split(',').map((part) => Number(part.trim()));
  return values.every(Number.isFinite) ? values : null;
}

function label(indicator: MonitorIndicator): string {
  return indicator.params.length === 0 ? indicator.kind : `${indicator.kind}(${indicator.params.join(',')})`;
}

export function OverlayControls({ chart, testId }: { chart: MonitorChart; testId: string }) {
  const indicators = useCatalogue((s) => s.indicators);
  const strategies = useCatalogue((s) => s.strategies);
  const [kind, setKind] = useState('sma');
  const [paramsText, setParamsText] = useState('');
  const params = parseParams(paramsText);
  const chosen = indicators.find((indicator) => indicator.kind === kind);
  const full = chart.indicators.length >= MAX_CHART_INDICATORS;

  const add = () => {
    if (params === null || chosen === undefined) return;
    const values = chosen.params.map((p, i) => params[i] ?? p.default);
    updateChart(chart.id, { indicators: [...chart.indicators, { kind, params: values }] });
  };

  const toggleNotify = async (on: boolean) => {
    if (on && !(await enableDesktopNotifications())) {
      updateChart(chart.id, { notify: false });
      return;
    }
    updateChart(chart.id, { notify: on });
  };

  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <TextField
        select
        size="small"
        label="Indicator"
        value={indicators.length === 0 ? '' : kind}
        onChange={(event) => {
          setKind(event.target.value);
          setParamsText('');
        }}
        sx={{ minWidth: 110 }}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': `${testId}-indicator` } as object } }}
      >
        {indicators.map((indicator) => (
          <MenuItem key={indicator.kind} value={indicator.kind} data-testid={`${testId}-indicator-option-${indicator.kind}`}>
            {indicator.title}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        label="Parameters"
        placeholder={chosen?.params.map((p) => p.default).join(',') ?? ''}
        value={paramsText}
        error={params === null}
        helperText={params === null ? 'numbers separated by commas' : undefined}
        onChange={(event) => setParamsText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') add();
        }}
        sx={{ width: 110 }}
        slotProps={{ htmlInput: { 'data-testid': `${testId}-indicator-params`, title: chosen?.params.map((p) => p.name).join(', ') } }}
      />
      <Button size="small" onClick={add} disabled={params === null || chosen === undefined || full} data-testid={`${testId}-indicator-add`}>
        Add
      </Button>
      {chart.indicators.map((indicator, i) => (
        <Chip
          key={`${label(indicator)}-${i}`}
          size="small"
          label={label(indicator)}
          onDelete={() => updateChart(chart.id, { indicators: chart.indicators.filter((_, j) => j !== i) })}
          data-testid={`${testId}-indicator-${i}`}
        />
      ))}
      <TextField
        select
        size="small"
        label="Strategy"
        value={chart.strategyId ?? NONE}
        onChange={(event) => updateChart(chart.id, { strategyId: event.target.value === NONE ? null : event.target.value })}
        sx={{ minWidth: 140 }}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': `${testId}-strategy` } as object } }}
      >
        <MenuItem value={NONE} data-testid={`${testId}-strategy-option-none`}>
          None
        </MenuItem>
        {strategies.map((strategy) => (
          <MenuItem key={strategy.id} value={strategy.id} data-testid={`${testId}-strategy-option-${strategy.id}`}>
            {strategy.name}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={<Checkbox size="small" checked={chart.notify} disabled={chart.strategyId === null} onChange={(event) => void toggleNotify(event.target.checked)} slotProps={{ input: { 'data-testid': `${testId}-notify` } as object }} />}
        label="Notify"
      />
    </Stack>
  );
}
