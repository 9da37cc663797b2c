/** Where the candles come from: a cached series with a day range inside what is cached, or a CSV file the core reads. */
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { type FieldErrors, seriesDays } from '../../../src-shared/backtest-view/request.ts';
import { describeSeries } from '../../../src-shared/market.ts';
import { chooseSeries, type DataKind, editBacktestForm, useBacktestForm } from '../../state/backtest-form.ts';
import { seriesId } from '../../state/inventory.ts';
import { count, isoDay } from '../../util/format.ts';
import { Choice } from './fields.tsx';
import type { RunFormModel } from './useRunForm.ts';

function DayField({ label, value, min, max, testId, error, helperText, onChange }: { label: string; value: string; min: string; max: string; testId: string; error?: string; helperText: string; onChange: (day: string) => void }) {
  return (
    <TextField
      size="small"
      type="date"
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error !== undefined}
      helperText={error ?? helperText}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': testId, min, max } }}
    />
  );
}

function CacheFields({ model, errors }: { model: RunFormModel; errors: FieldErrors }) {
  const { from, to } = useBacktestForm();
  if (model.series.length === 0 || model.selected === null) {
    return (
      <Typography variant="body2" color={errors.series === undefined ? 'text.secondary' : 'error'} data-testid="backtest-no-series">
        The cache holds no candles yet: download a series on the Data page (Ctrl+1), or run on a CSV file.
      </Typography>
    );
  }
  const ids = model.series.map((s) => seriesId(s.key));
  const labels = Object.fromEntries(model.series.map((s) => [seriesId(s.key), `${describeSeries(s.key)} · ${count(s.count)} bars`]));
  const days = seriesDays(model.selected);
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <Choice label="Cached series" value={seriesId(model.selected.key)} options={ids} labels={labels} testId="backtest-series" onChange={chooseSeries} minWidth={300} />
      <DayField label="From (UTC)" value={from} min={days.min} max={days.max} testId="backtest-from" error={errors.from} helperText={`empty: ${isoDay(model.selected.first)}`} onChange={(day) => editBacktestForm({ from: day })} />
      <DayField label="To (UTC, exclusive)" value={to} min={days.min} max={days.max} testId="backtest-to" error={errors.to} helperText={`empty: through ${isoDay(model.selected.last)}`} onChange={(day) => editBacktestForm({ to: day })} />
    </Stack>
  );
}

export function DataFields({ model, errors }: { model: RunFormModel; errors: FieldErrors }) {
  const { dataKind, csvPath } = useBacktestForm();
  return (
    <Stack spacing={1.5}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={dataKind}
        onChange={(_event, value: DataKind | null) => value !== null && editBacktestForm({ dataKind: value })}
        aria-label="Data source"
      >
        <ToggleButton value="cache" data-testid="backtest-data-cache">
          Cached series
        </ToggleButton>
        <ToggleButton value="csv" data-testid="backtest-data-csv">
          CSV file
        </ToggleButton>
      </ToggleButtonGroup>
      {dataKind === 'cache' ? (
        <CacheFields model={model} errors={errors} />
      ) : (
        <TextField
          size="small"
          label="CSV file path (read by the core)"
          value={csvPath}
          onChange={(event) => editBacktestForm({ csvPath: event.target.value })}
          error={errors.csvPath !== undefined}
          helperText={errors.csvPath ?? 'time, open, high, low, close, volume; or a Binance kline CSV'}
          sx={{ maxWidth: 560 }}
          fullWidth
          slotProps={{ htmlInput: { 'data-testid': 'backtest-csv-path', spellCheck: false } }}
        />
      )}
    </Stack>
  );
}
