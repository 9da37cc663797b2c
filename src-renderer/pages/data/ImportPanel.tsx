/**
 * Imports candle files (CSV, Binance Vision .zip) into the cache.
 *
 * cache.import takes absolute paths, read by the core. In Electron the preload can name the
 * path of a picked or dropped file, so the control is offered there. In browser mode the web
 * host cannot read a file that lives only in the browser (it has no path, and uploading whole
 * archives over the RPC socket is not part of the contract), so the page says to use
 * `bst import` on the machine running the host instead.
 */
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { type DragEvent, type KeyboardEvent, useRef, useState } from 'react';
import { describeSeries, type SeriesKey } from '../../../src-shared/market.ts';
import { palette } from '../../app/theme.ts';
import { requireClient } from '../../rpc/connection.ts';
import { findBridge, hostKind } from '../../rpc/host.ts';
import { useDownloadForm } from '../../state/download-form.ts';
import { refreshInventory } from '../../state/inventory.ts';
import { notify, notifyError } from '../../state/notifications.ts';
import { refreshSystemInfo } from '../../state/status.ts';
import { count } from '../../util/format.ts';

async function importFiles(files: readonly File[], target: SeriesKey | 'infer'): Promise<void> {
  const pathForFile = findBridge()?.pathForFile;
  if (pathForFile === undefined) {
    notify('error', 'This version of the desktop app cannot tell the core where the files are; use `bst import`.');
    return;
  }
  try {
    const result = await requireClient().call('cache.import', { files: files.map((file) => pathForFile(file)), target });
    notify('success', `Imported ${count(result.candles)} candles from ${result.files.length} file(s)`);
  } catch (error) {
    notifyError(error);
  }
  await Promise.all([refreshInventory(), refreshSystemInfo()]);
}

function DropArea({ target }: { target: SeriesKey | 'infer' }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (list: FileList | null) => {
    const files = list === null ? [] : Array.from(list);
    if (files.length > 0) void importFiles(files, target);
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
      onClick={() => input.current?.click()}
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="import-drop-area"
      sx={{ border: 2, borderStyle: 'dashed', borderColor: over ? 'primary.main' : palette.border, borderRadius: 1, p: 3, textAlign: 'center', cursor: 'pointer' }}
    >
      <Typography color="text.secondary">Drop CSV or Binance Vision .zip files here, or press to choose</Typography>
      <input
        ref={input}
        type="file"
        multiple
        accept=".csv,.zip"
        hidden
        onChange={(event) => {
          take(event.target.files);
          event.target.value = '';
        }}
        data-testid="import-file-input"
      />
    </Box>
  );
}

export function ImportPanel() {
  const form = useDownloadForm();
  const [intoFormSeries, setIntoFormSeries] = useState(false);
  if (hostKind === 'browser') {
    return (
      <Typography color="text.secondary" data-testid="import-browser-note">
        In browser mode the host cannot read files from this browser: import them with `bst import` on the machine running it.
      </Typography>
    );
  }
  const key: SeriesKey = { exchange: form.exchange, market: form.market, symbol: form.symbol, interval: form.interval };
  return (
    <Box>
      <FormControlLabel
        control={<Checkbox checked={intoFormSeries} onChange={(event) => setIntoFormSeries(event.target.checked)} slotProps={{ input: { 'data-testid': 'import-into-form-series' } as object }} />}
        label={`Import generic CSVs into ${describeSeries(key)} (otherwise the series comes from Binance Vision file names)`}
      />
      <DropArea target={intoFormSeries ? key : 'infer'} />
    </Box>
  );
}
