/** Chooses a series and a UTC day range and starts a download job for it. */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { describeSeries, EXCHANGES, INTERVALS, MARKETS, type SeriesKey } from '../../../src-shared/market.ts';
import { requireClient, useConnection } from '../../rpc/connection.ts';
import { type DownloadForm as Form, editDownloadForm, useDownloadForm } from '../../state/download-form.ts';
import { jobStarted } from '../../state/jobs.ts';
import { notifyError } from '../../state/notifications.ts';
import { Choice } from '../shared/fields.tsx';
import { SymbolField } from './SymbolField.tsx';
import { parseUtcDay } from '../../../src-shared/time-text.ts';

const SYMBOL = /^[A-Z0-9]{2,30}$/;

interface Request {
  readonly key: SeriesKey;
  readonly from: number;
  readonly to?: number;
}

/** The download.start input, or why the form cannot be sent yet. */
function toRequest(form: Form): Request | string {
  if (!SYMBOL.test(form.symbol)) return 'Choose a symbol';
  const from = parseUtcDay(form.from);
  if (from === null) return 'Choose a start day';
  const key: SeriesKey = { exchange: form.exchange, market: form.market, symbol: form.symbol, interval: form.interval };
  if (form.to === '') return { key, from };
  const to = parseUtcDay(form.to);
  if (to === null || to <= from) return 'The end day must be after the start day';
  return { key, from, to };
}

async function startDownload(request: Request): Promise<void> {
  try {
    const { jobId } = await requireClient().call('download.start', request);
    jobStarted(jobId, 'download', `Download ${describeSeries(request.key)}`);
  } catch (error) {
    notifyError(error);
  }
}

export function DownloadForm() {
  const form = useDownloadForm();
  const connected = useConnection((s) => s.state === 'ready');
  const request = toRequest(form);
  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <Choice label="Exchange" value={form.exchange} options={EXCHANGES} testId="download-exchange" onChange={(exchange) => editDownloadForm({ exchange })} size="medium" minWidth={110} />
      <Choice label="Market" value={form.market} options={MARKETS} testId="download-market" onChange={(market) => editDownloadForm({ market })} size="medium" minWidth={110} />
      <SymbolField />
      <Choice label="Interval" value={form.interval} options={INTERVALS} testId="download-interval" onChange={(interval) => editDownloadForm({ interval })} size="medium" minWidth={110} />
      <TextField
        label="From (UTC)"
        type="date"
        value={form.from}
        onChange={(event) => editDownloadForm({ from: event.target.value })}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'download-from' } }}
      />
      <TextField
        label="To (UTC, empty = now)"
        type="date"
        value={form.to}
        onChange={(event) => editDownloadForm({ to: event.target.value })}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'download-to' } }}
      />
      <Button
        variant="contained"
        sx={{ height: 40 }}
        disabled={!connected || typeof request === 'string'}
        title={typeof request === 'string' ? request : undefined}
        onClick={() => typeof request !== 'string' && void startDownload(request)}
        data-testid="download-start"
      >
        Download
      </Button>
    </Stack>
  );
}
