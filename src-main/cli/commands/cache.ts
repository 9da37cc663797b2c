/** `bst import`, `bst export`, `bst inventory` and `bst resample`: working with the candle cache. */
import { writeFileSync } from 'node:fs';
import { isoTime } from '../../../src-engine/candles.ts';
import { describeSeries, marketSchema } from '../../../src-shared/market.ts';
import { formatCandlesCsv } from '../../host/csv/write-candle-csv.ts';
import { CandleStore } from '../../host/store/candle-store.ts';
import { exportCandlesCsv, importCandleFiles } from '../../host/store/import-export.ts';
import type { SeriesInventory } from '../../host/store/inventory.ts';
import { dataDirOption, SERIES_OPTIONS, type SeriesOptionValues, seriesKeyOption, timeRangeOption } from '../series-options.ts';
import { UsageError } from '../usage-error.ts';

export const CACHE_OPTIONS = { ...SERIES_OPTIONS, out: { type: 'string' }, json: { type: 'boolean' } } as const;

export interface CacheCommandOptions extends SeriesOptionValues {
  data?: string;
  out?: string;
  json?: boolean;
}

function withStore<T>(dataDir: string | undefined, work: (store: CandleStore) => T): T {
  const store = CandleStore.open(dataDirOption(dataDir));
  try {
    return work(store);
  } finally {
    store.close();
  }
}

/** Files go to the series named by the options, or with none given, to the one their Binance Vision names say. */
export function runImport(files: readonly string[], options: CacheCommandOptions, write: (text: string) => void): void {
  if (files.length === 0) throw new UsageError('bst import needs files: bst import <candles.csv | BTCUSDT-1m-2024-01.zip ...> [--exchange .. --market .. --symbol .. --interval ..]');
  const named = options.exchange !== undefined || options.symbol !== undefined || options.interval !== undefined;
  const parsedMarket = options.market === undefined ? undefined : marketSchema.safeParse(options.market);
  if (parsedMarket !== undefined && !parsedMarket.success) throw new UsageError(`--market ${options.market}: ${parsedMarket.error.issues[0].message}`);
  const market = parsedMarket?.data;
  const report = withStore(options.data, (store) => importCandleFiles(store, files, named ? seriesKeyOption(options) : 'infer', { market }));
  for (const file of report.files) {
    write(
      `${file.file}: ${file.candles.toLocaleString('en-US')} candles into ${describeSeries(file.key)} ` +
        `(${isoTime(file.from)} .. ${isoTime(file.to)}${file.checksumVerified ? ', checksum verified' : ''})\n`,
    );
  }
  write(`imported ${report.candles.toLocaleString('en-US')} candles from ${report.files.length} file(s)\n`);
}

export function runExport(options: CacheCommandOptions, write: (text: string) => void): void {
  if (options.out === undefined) throw new UsageError('bst export needs --out <file.csv>');
  const key = seriesKeyOption(options);
  const { from, to } = timeRangeOption(options);
  const rows = withStore(options.data, (store) => exportCandlesCsv(store, key, from, to, options.out as string));
  write(`wrote ${rows.toLocaleString('en-US')} candles of ${describeSeries(key)} to ${options.out}\n`);
}

/** Builds a higher timeframe from the finest cached one (e.g. 1h from 1m) and writes it as CSV. */
export function runResample(options: CacheCommandOptions, write: (text: string) => void): void {
  if (options.out === undefined) throw new UsageError('bst resample needs --out <file.csv>');
  const key = seriesKeyOption(options);
  const { from, to } = timeRangeOption(options);
  const candles = withStore(options.data, (store) => store.readResampled(key, key.interval, from, to));
  if (candles.time.length === 0) throw new UsageError(`no cached candles of ${key.exchange} ${key.market} ${key.symbol} can make ${key.interval} bars; download a lower interval first`);
  writeFileSync(options.out, formatCandlesCsv(candles));
  write(`wrote ${candles.time.length.toLocaleString('en-US')} ${key.interval} candles of ${key.exchange} ${key.market} ${key.symbol} to ${options.out}\n`);
}

function rangesJson(ranges: readonly { from: number; to: number }[]): Array<{ from: string; to: string }> {
  return ranges.map((range) => ({ from: isoTime(range.from), to: isoTime(range.to) }));
}

export function inventoryJson(list: readonly SeriesInventory[]): unknown[] {
  return list.map((series) => ({
    ...series.key,
    first: series.first === null ? null : isoTime(series.first),
    last: series.last === null ? null : isoTime(series.last),
    count: series.count,
    expected: series.expected,
    gaps: rangesJson(series.gaps),
    uncovered: rangesJson(series.uncovered),
    sizeBytes: series.sizeBytes,
  }));
}

export function runInventory(options: CacheCommandOptions, write: (text: string) => void): void {
  const list = withStore(options.data, (store) => store.inventory());
  if (options.json === true) {
    write(`${JSON.stringify(inventoryJson(list), null, 2)}\n`);
    return;
  }
  if (list.length === 0) {
    write('the cache is empty; fill it with bst download or bst import\n');
    return;
  }
  const header = ['series', 'first', 'last', 'candles', 'expected', 'gaps', 'not downloaded', 'size'];
  const rows = list.map((s) => [
    describeSeries(s.key),
    s.first === null ? '—' : isoTime(s.first).slice(0, 16),
    s.last === null ? '—' : isoTime(s.last).slice(0, 16),
    s.count.toLocaleString('en-US'),
    s.expected.toLocaleString('en-US'),
    String(s.gaps.length),
    String(s.uncovered.length),
    `${(s.sizeBytes / 1_048_576).toFixed(1)} MiB`,
  ]);
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
  for (const row of [header, ...rows]) write(`${row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()}\n`);
}
