/**
 * Moving candles between files and the cache: importing generic OHLCV CSVs, Binance kline
 * CSVs and Binance Vision zip archives (checksum-verified), and exporting a series as the
 * generic CSV. An import is all or nothing: every file is read and validated inside one
 * transaction, so a damaged file anywhere leaves the cache exactly as it was.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Candles } from '../../../src-engine/candles.ts';
import { CANDLE_CSV_HEADER, candleCsvRows } from '../csv/write-candle-csv.ts';
import { nextBarOpenTime } from '../../../src-engine/intervals.ts';
import { describeSeries, type Market, type SeriesKey } from '../../../src-shared/market.ts';
import { type CandleCsvFormat, type ParsedCandleCsv, parseCandleCsv } from '../csv/candle-csv.ts';
import { CsvFormatError } from '../csv/csv-format-error.ts';
import { readCandleCsvFile } from '../csv/read-candle-csv.ts';
import { marketFromPath, parseBinanceVisionName, verifyChecksum } from './binance-vision.ts';
import type { CandleStore } from './candle-store.ts';
import { ImportError } from './import-error.ts';
import { CandleBatchError } from './validate-batch.ts';
import { readZipEntries } from './zip.ts';

export { ImportError } from './import-error.ts';

/** The series every file goes to, or 'infer' to take it from Binance Vision file names. */
export type ImportTarget = SeriesKey | 'infer';

export interface ImportOptions {
  /** With 'infer': the market, when the path has no /spot/ or /futures/um/ folder to tell. */
  readonly market?: Market;
}

export interface ImportedFile {
  readonly file: string;
  readonly key: SeriesKey;
  readonly format: CandleCsvFormat;
  readonly candles: number;
  /** The coverage recorded: [first open, last open + one bar). */
  readonly from: number;
  readonly to: number;
  /** Whether a `.CHECKSUM` next to the archive was verified; always false for a plain CSV. */
  readonly checksumVerified: boolean;
}

export interface ImportReport {
  readonly files: readonly ImportedFile[];
  readonly candles: number;
}

/**
 * Imports files into the store. Series names are resolved for every file before anything is
 * read, then all files are parsed and written in one transaction (other processes' writes
 * wait for it, up to the busy timeout). Throws ImportError, CsvFormatError (file, line,
 * reason) or ZipFormatError; on any error nothing is imported.
 */
export function importCandleFiles(
  store: CandleStore,
  files: readonly string[],
  target: ImportTarget,
  options: ImportOptions = {},
): ImportReport {
  const plans = files.map((file) => ({ file, key: resolveKey(file, target, options) }));
  return store.transaction(() => {
    const imported = plans.map(({ file, key }) => importFile(store, file, key));
    return { files: imported, candles: imported.reduce((sum, f) => sum + f.candles, 0) };
  });
}

function resolveKey(file: string, target: ImportTarget, options: ImportOptions): SeriesKey {
  if (!existsSync(file)) throw new ImportError(file, 'no such file');
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.zip' && extension !== '.csv') {
    throw new ImportError(file, `unsupported file type "${extension}"; expected .csv or a Binance Vision .zip`);
  }
  const named = parseBinanceVisionName(file);
  if (target !== 'infer') {
    if (named !== null && (named.symbol !== target.symbol || named.interval !== target.interval)) {
      throw new ImportError(
        file,
        `the file name says ${named.symbol} ${named.interval} but the import target is ${describeSeries(target)}`,
      );
    }
    return target;
  }
  if (named === null) {
    throw new ImportError(
      file,
      'cannot tell the series from the file name: only Binance Vision names such as BTCUSDT-1m-2024-01.zip ' +
        'can be inferred; name the exchange, market, symbol and interval instead',
    );
  }
  const market = options.market ?? marketFromPath(file);
  if (market === null) {
    throw new ImportError(
      file,
      'a Binance Vision file name does not say whether it is spot or futures: pass --market spot or ' +
        '--market linear, or keep the file under a folder path containing /spot/ or /futures/um/',
    );
  }
  return { exchange: 'binance', market, symbol: named.symbol, interval: named.interval };
}

function importFile(store: CandleStore, file: string, key: SeriesKey): ImportedFile {
  const { parsed, checksumVerified, displayName } = loadFile(file);
  const { candles } = parsed;
  const n = candles.time.length;
  checkSpacing(candles, key, displayName, parsed.hasHeader);
  const covered = { from: candles.time[0], to: nextBarOpenTime(candles.time[n - 1], key.interval) };
  try {
    store.writeCandles(key, candles, covered);
  } catch (error) {
    if (!(error instanceof CandleBatchError) || error.barTime === null) throw error;
    throw new CsvFormatError(displayName, lineOf(candles, error.barTime, parsed.hasHeader), error.message);
  }
  return { file, key, format: parsed.format, candles: n, ...covered, checksumVerified };
}

function loadFile(file: string): { parsed: ParsedCandleCsv; checksumVerified: boolean; displayName: string } {
  if (path.extname(file).toLowerCase() === '.csv') {
    return { parsed: readCandleCsvFile(file), checksumVerified: false, displayName: path.basename(file) };
  }
  const bytes = readFileSync(file);
  const checksumVerified = verifyChecksum(file, bytes);
  const csvs = readZipEntries(bytes, file).filter((entry) => entry.name.toLowerCase().endsWith('.csv'));
  if (csvs.length !== 1) {
    throw new ImportError(file, `expected exactly one .csv file in the archive, found ${csvs.length}`);
  }
  const displayName = `${path.basename(file)}/${csvs[0].name}`;
  return { parsed: parseCandleCsv(csvs[0].data.toString('utf8'), { fileName: displayName }), checksumVerified, displayName };
}

/**
 * Refuses a file whose rows are never one bar apart: 1h data imported as 1m would pass every
 * grid check and then show 59 "outages" an hour.
 */
function checkSpacing(candles: Candles, key: SeriesKey, file: string, hasHeader: boolean): void {
  const { time } = candles;
  if (time.length < 2) return;
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < time.length; i++) {
    if (time[i] === nextBarOpenTime(time[i - 1], key.interval)) return;
    smallest = Math.min(smallest, time[i] - time[i - 1]);
  }
  throw new CsvFormatError(
    file,
    hasHeader ? 2 : 1,
    `no two rows are one ${key.interval} bar apart (the closest are ${smallest / 60_000} minutes apart); ` +
      `is ${key.interval} the file's interval?`,
  );
}

/** File line of the bar opening at `time` (times are ascending). */
function lineOf(candles: Candles, time: number, hasHeader: boolean): number {
  let lo = 0;
  let hi = candles.time.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candles.time[mid] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo + (hasHeader ? 2 : 1);
}

/** Rows formatted per write: a few MB of text at a time, whatever the series length. */
const EXPORT_PAGE = 65_536;

/**
 * Writes candles with open time in [from, to) as the generic CSV (`time,open,high,low,close,volume`,
 * ISO 8601 UTC times, numbers in their shortest round-trip form, so an import gives back the
 * same bits). Writes to a temporary file renamed into place. Returns the number of rows.
 */
export function exportCandlesCsv(
  store: CandleStore,
  key: SeriesKey,
  from: number | undefined,
  to: number | undefined,
  outFile: string,
): number {
  const temporary = `${outFile}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  let rows: number;
  try {
    rows = writeCsvRows(fd, store, key, from ?? Number.MIN_SAFE_INTEGER, to ?? Number.MAX_SAFE_INTEGER);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, outFile);
  return rows;
}

function writeCsvRows(fd: number, store: CandleStore, key: SeriesKey, from: number, to: number): number {
  writeSync(fd, `${CANDLE_CSV_HEADER}\n`);
  let rows = 0;
  let cursor = from;
  for (;;) {
    const page = store.readCandlePage(key, cursor, to, EXPORT_PAGE);
    const n = page.time.length;
    if (n > 0) writeSync(fd, candleCsvRows(page));
    rows += n;
    if (n < EXPORT_PAGE) return rows;
    cursor = page.time[n - 1] + 1;
  }
}
