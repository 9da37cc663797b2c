/**
 * Imports candle files (CSV, Binance Vision .zip with its optional .CHECKSUM) into the cache, in
 * Electron and in browser mode alike: picked or dropped files are read in the page and uploaded
 * with cache.import, which imports as soon as files are chosen. The "into series" form names
 * the series; left empty, the series comes from Binance Vision file names (with the market
 * chosen, as an upload has no folder to tell it). The last import's files are listed below.
 */
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type DragEvent, type KeyboardEvent, useRef, useState } from 'react';
import { describeSeries, EXCHANGES, INTERVALS, MARKETS } from '../../../src-shared/market.ts';
import type { OutputOf, WorkstationContract } from '../../../src-shared/contract/index.ts';
import { requireClient } from '../../rpc/connection.ts';
import { refreshInventory } from '../../state/inventory.ts';
import { notify, notifyError } from '../../state/notifications.ts';
import { refreshSystemInfo } from '../../state/status.ts';
import { count } from '../../util/format.ts';
import { EMPTY_TARGET_FORM, type ImportTargetForm, readUploads, toImportTarget } from './import-request.ts';

type ImportReport = OutputOf<WorkstationContract, 'cache.import'>;

/** The report, or null when the import failed (the notification says why). */
async function importFiles(files: readonly File[], form: ImportTargetForm): Promise<ImportReport | null> {
  const target = toImportTarget(form);
  if (typeof target === 'string') {
    notify('error', target);
    return null;
  }
  try {
    const uploads = await readUploads(files);
    if (typeof uploads === 'string') {
      notify('error', uploads);
      return null;
    }
    const report = await requireClient().call('cache.import', { files: uploads, ...target });
    notify('success', `Imported ${count(report.candles)} candles from ${report.files.length} file(s)`);
    await Promise.all([refreshInventory(), refreshSystemInfo()]);
    return report;
  } catch (error) {
    notifyError(error);
    return null;
  }
}

/** A native select, so a test (or a keyboard) picks an option directly; the empty option means "infer". */
function TargetChoice<T extends string>({ label, value, options, testId, onChange }: { label: string; value: T | ''; options: readonly T[]; testId: string; onChange: (value: T | '') => void }) {
  return (
    <TextField
      select
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value as T | '')}
      sx={{ minWidth: 110 }}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': testId } }}
    >
      <option value="">(infer)</option>
      {options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </TextField>
  );
}

function TargetForm({ form, onChange }: { form: ImportTargetForm; onChange: (change: Partial<ImportTargetForm>) => void }) {
  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start', mb: 1.5 }}>
      <TargetChoice label="Exchange" value={form.exchange} options={EXCHANGES} testId="import-target-exchange" onChange={(exchange) => onChange({ exchange })} />
      <TargetChoice label="Market" value={form.market} options={MARKETS} testId="import-target-market" onChange={(market) => onChange({ market })} />
      <TextField
        label="Symbol"
        placeholder="(infer)"
        value={form.symbol}
        onChange={(event) => onChange({ symbol: event.target.value })}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'import-target-symbol', spellCheck: false } }}
      />
      <TargetChoice label="Interval" value={form.interval} options={INTERVALS} testId="import-target-interval" onChange={(interval) => onChange({ interval })} />
    </Stack>
  );
}

function DropArea({ busy, onFiles }: { busy: boolean; onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (list: FileList | null) => {
    const files = list === null ? [] : Array.from(list);
    if (files.length > 0 && !busy) onFiles(files);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    input.current?.click();
  };
  return (
    <Box
      role="button"
      tabIndex={0}
      aria-label="Import candle files"
      aria-busy={busy}
      onClick={() => input.current?.click()}
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="import-drop-area"
      data-busy={busy}
      sx={{ border: 2, borderStyle: 'dashed', borderColor: over ? 'primary.main' : 'divider', borderRadius: 1, p: 3, textAlign: 'center', cursor: busy ? 'progress' : 'pointer' }}
    >
      <Typography color="text.secondary">
        {busy ? 'Importing…' : 'Drop CSV or Binance Vision .zip files (with their .CHECKSUM) here, or press to choose'}
      </Typography>
      <input
        ref={input}
        type="file"
        multiple
        accept=".csv,.zip,.CHECKSUM"
        hidden
        disabled={busy}
        onChange={(event) => {
          take(event.target.files);
          event.target.value = '';
        }}
        data-testid="import-file-input"
      />
    </Box>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  return (
    <List dense data-testid="import-result">
      {report.files.map((file) => (
        <ListItem key={file.file} data-testid="import-result-file" data-file={file.file} data-candles={file.candles}>
          {`${file.file}: ${count(file.candles)} candles into ${describeSeries(file.key)}${file.checksumVerified ? ' (checksum verified)' : ''}`}
        </ListItem>
      ))}
    </List>
  );
}

export function ImportPanel() {
  const [form, setForm] = useState<ImportTargetForm>(EMPTY_TARGET_FORM);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = async (files: File[]) => {
    setBusy(true);
    setReport(null);
    setReport(await importFiles(files, form));
    setBusy(false);
  };
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Into series: leave exchange, symbol and interval empty to take the series from Binance Vision file names (then choose the market).
      </Typography>
      <TargetForm form={form} onChange={(change) => setForm((current) => ({ ...current, ...change }))} />
      <DropArea busy={busy} onFiles={(files) => void run(files)} />
      {report !== null && <ImportResult report={report} />}
    </Box>
  );
}
