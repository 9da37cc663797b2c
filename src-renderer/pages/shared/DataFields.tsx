/**
 * Where the candles come from, for any run form: a cached series with a day range inside what is
 * cached, or a CSV file the core reads. The form's state lives with its page; test ids start
 * with the page's prefix (backtest-series, optimise-series, ...).
 */
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { type CachedSeries, type FieldErrors, seriesDays } from '../../../src-shared/backtest-view/request.ts';
import { describeSeries } from '../../../src-shared/market.ts';
import { type SeriesInventory, seriesId } from '../../state/inventory.ts';
import { count } from '../../util/format.ts';
import { Choice } from './fields.tsx';
import { utcDay } from '../../../src-shared/time-text.ts';

export type DataKind = 'cache' | 'csv';

/** The data part of a run form as typed. */
export interface DataForm {
  readonly dataKind: DataKind;
  /** The inventory's series id; blank or gone from the cache means the first cached series. */
  readonly seriesId: string;
  /** UTC days; blank is the series' own start or end. */
  readonly from: string;
  readonly to: string;
  readonly csvPath: string;
}

export interface DataFieldsProps {
  /** Test id prefix, e.g. 'backtest'. */
  readonly prefix: string;
  readonly form: DataForm;
  readonly onChange: (change: Partial<DataForm>) => void;
  /** Cached series holding candles, and the one in use. */
  readonly series: readonly SeriesInventory[];
  readonly selected: CachedSeries | null;
  readonly errors: FieldErrors;
}

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

function CacheFields({ prefix, form, onChange, series, selected, errors }: DataFieldsProps) {
  if (series.length === 0 || selected === null) {
    return (
      <Typography variant="body2" color={errors.series === undefined ? 'text.secondary' : 'error'} data-testid={`${prefix}-no-series`}>
        The cache holds no candles yet: download a series on the Data page (Ctrl+1), or run on a CSV file.
      </Typography>
    );
  }
  const ids = series.map((s) => seriesId(s.key));
  const labels = Object.fromEntries(series.map((s) => [seriesId(s.key), `${describeSeries(s.key)} · ${count(s.count)} bars`]));
  const days = seriesDays(selected);
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      {/* A new series starts with its whole span. */}
      <Choice label="Cached series" value={seriesId(selected.key)} options={ids} labels={labels} testId={`${prefix}-series`} onChange={(id) => onChange({ seriesId: id, from: '', to: '' })} minWidth={300} />
      <DayField label="From (UTC)" value={form.from} min={days.min} max={days.max} testId={`${prefix}-from`} error={errors.from} helperText={`empty: ${utcDay(selected.first)}`} onChange={(day) => onChange({ from: day })} />
      <DayField label="To (UTC, exclusive)" value={form.to} min={days.min} max={days.max} testId={`${prefix}-to`} error={errors.to} helperText={`empty: through ${utcDay(selected.last)}`} onChange={(day) => onChange({ to: day })} />
    </Stack>
  );
}

export function DataFields(props: DataFieldsProps) {
  const { prefix, form, onChange, errors } = props;
  return (
    <Stack spacing={1.5}>
      <ToggleButtonGroup size="small" exclusive value={form.dataKind} onChange={(_event, value: DataKind | null) => value !== null && onChange({ dataKind: value })} aria-label="Data source">
        <ToggleButton value="cache" data-testid={`${prefix}-data-cache`}>
          Cached series
        </ToggleButton>
        <ToggleButton value="csv" data-testid={`${prefix}-data-csv`}>
          CSV file
        </ToggleButton>
      </ToggleButtonGroup>
      {form.dataKind === 'cache' ? (
        <CacheFields {...props} />
      ) : (
        <TextField
          size="small"
          label="CSV file path (read by the core)"
          value={form.csvPath}
          onChange={(event) => onChange({ csvPath: event.target.value })}
          error={errors.csvPath !== undefined}
          helperText={errors.csvPath ?? 'time, open, high, low, close, volume; or a Binance kline CSV'}
          sx={{ maxWidth: 560 }}
          fullWidth
          slotProps={{ htmlInput: { 'data-testid': `${prefix}-csv-path`, spellCheck: false } }}
        />
      )}
    </Stack>
  );
}
