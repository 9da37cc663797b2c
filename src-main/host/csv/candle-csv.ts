/**
 * Candle CSV reader: turns the text of a generic OHLCV CSV or of a Binance kline CSV
 * (data.binance.vision) into validated columnar Candles. Every defect is reported as a
 * CsvFormatError pointing at the file line; nothing is skipped or repaired, because a
 * backtest on silently altered data is worse than no backtest.
 *
 * Built for multi-million-row files: the text is scanned in place with charCodeAt, cells are
 * index ranges in one reused buffer, and values go straight into Float64Arrays sized by a
 * newline count made before parsing.
 */

import { allocateCandles, findCandleIssues, type Candles } from '../../../src-engine/candles.ts';
import { CsvFormatError } from './csv-format-error.ts';
import { cellText, isBlank, parseDecimal, splitCells } from './csv-scan.ts';
import {
  EPOCH_MICROSECONDS_END,
  EPOCH_MICROSECONDS_MIN,
  EPOCH_MILLISECONDS_MIN,
  EPOCH_SECONDS_MIN,
  TIME_UNIT_NAMES,
  epochToMs,
  epochUnitOf,
  looksLikeIsoDate,
  parseIsoTime,
  type CsvTimeUnit,
} from './csv-time.ts';

export type CandleCsvFormat = 'generic' | 'binance';

export interface CandleCsvOptions {
  /** Name shown in error messages, usually the file's base name. */
  readonly fileName: string;
  /** 'auto' (the default) decides from the first line; see detectLayout. */
  readonly format?: 'auto' | CandleCsvFormat;
}

export interface ParsedCandleCsv {
  readonly candles: Candles;
  readonly format: CandleCsvFormat;
  /** How the file writes times; candles.time is always epoch milliseconds UTC. */
  readonly timeUnit: CsvTimeUnit;
  /** Data rows read (header excluded), equal to the number of candles. */
  readonly rowCount: number;
  readonly hasHeader: boolean;
}

/** Binance's kline columns, named as in the headers of its newer files. */
export const BINANCE_KLINE_COLUMNS = [
  'open_time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'close_time',
  'quote_volume',
  'count',
  'taker_buy_volume',
  'taker_buy_quote_volume',
  'ignore',
] as const;

const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;
/** Cells kept per row; rows may have more (extra columns are ignored) and are still counted. */
const MIN_BOUNDS_CELLS = 64;

interface Layout {
  readonly format: CandleCsvFormat;
  readonly hasHeader: boolean;
  readonly columnCount: number;
  /** Cell index of time, open, high, low, close, volume. */
  readonly cells: readonly number[];
  /** Column names for messages, in the same order as `cells`. */
  readonly names: readonly string[];
}

/** Parses a whole candle CSV text. Throws CsvFormatError on any defect. */
export function parseCandleCsv(text: string, options: CandleCsvOptions): ParsedCandleCsv {
  const file = options.fileName;
  const start = text.length > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
  let contentEnd = text.length;
  while (contentEnd > start && isTrailingSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
  if (contentEnd === start) throw new CsvFormatError(file, 1, 'the file is empty');

  const firstNewline = text.indexOf('\n', start);
  const firstLineBreak = firstNewline < 0 || firstNewline > contentEnd ? contentEnd : firstNewline;
  const firstLineEnd = trimCr(text, start, firstLineBreak);
  if (isBlank(text, start, firstLineEnd)) {
    throw new CsvFormatError(file, 1, 'empty line; the first line must be the header or a data row');
  }
  let bounds = new Int32Array(2 * MIN_BOUNDS_CELLS);
  const firstCount = splitCells(text, start, firstLineEnd, bounds, file, 1);
  if (firstCount > MIN_BOUNDS_CELLS) {
    bounds = new Int32Array(2 * firstCount);
    splitCells(text, start, firstLineEnd, bounds, file, 1);
  }
  const layout = detectLayout(text, bounds, firstCount, options.format ?? 'auto', file);

  const dataStart = layout.hasHeader ? firstLineBreak + 1 : start;
  if (dataStart >= contentEnd) {
    throw new CsvFormatError(file, 1, 'the header is not followed by any data row');
  }
  let rowCount = 1;
  for (let nl = text.indexOf('\n', dataStart); nl >= 0 && nl < contentEnd; nl = text.indexOf('\n', nl + 1)) {
    rowCount++;
  }

  const candles = allocateCandles(rowCount);
  const columns = [candles.time, candles.open, candles.high, candles.low, candles.close, candles.volume];
  const { cells, names, columnCount } = layout;
  const timeCell = cells[0];
  const firstDataLine = layout.hasHeader ? 2 : 1;
  let timeUnit: CsvTimeUnit = 'iso';
  let pos = dataStart;
  for (let row = 0; row < rowCount; row++) {
    const line = firstDataLine + row;
    let lineBreak = text.indexOf('\n', pos);
    if (lineBreak < 0 || lineBreak > contentEnd) lineBreak = contentEnd;
    const lineEnd = trimCr(text, pos, lineBreak);
    const count = splitCells(text, pos, lineEnd, bounds, file, line);
    if (count !== columnCount) {
      if (isBlank(text, pos, lineEnd)) throw new CsvFormatError(file, line, 'empty line between data rows');
      const expected = layout.format === 'binance' ? 'as in a Binance kline file' : 'as in the header';
      throw new CsvFormatError(file, line, `expected ${columnCount} cells ${expected}, found ${count}`);
    }

    const timeStart = bounds[2 * timeCell];
    const timeEnd = bounds[2 * timeCell + 1];
    let time: number;
    let unit: CsvTimeUnit;
    if (looksLikeIsoDate(text, timeStart, timeEnd)) {
      unit = 'iso';
      time = parseIsoTime(text, timeStart, timeEnd);
      if (Number.isNaN(time)) throw timeError(text, bounds, timeCell, file, line, names[0]);
    } else {
      const value = parseDecimal(text, timeStart, timeEnd);
      const epochUnit = epochUnitOf(value);
      if (epochUnit === null) throw timeError(text, bounds, timeCell, file, line, names[0]);
      unit = epochUnit;
      time = epochToMs(value, epochUnit);
    }
    if (row === 0) {
      timeUnit = unit;
    } else if (unit !== timeUnit) {
      throw new CsvFormatError(
        file,
        line,
        `"${cellText(text, bounds, timeCell)}" is ${TIME_UNIT_NAMES[unit]} but the rows above use ` +
          `${TIME_UNIT_NAMES[timeUnit]}; a file must use one time unit`,
        names[0],
      );
    }
    columns[0][row] = time;

    for (let field = 1; field < 6; field++) {
      const cell = cells[field];
      const value = parseDecimal(text, bounds[2 * cell], bounds[2 * cell + 1]);
      if (!Number.isFinite(value)) throw numberError(text, bounds, cell, file, line, names[field]);
      columns[field][row] = value;
    }
    pos = lineBreak + 1;
  }

  const issues = findCandleIssues(candles, 1);
  if (issues.length > 0) {
    const issue = issues[0];
    // The engine speaks of bars; in a file they are rows.
    const message = issue.message.replaceAll("bar's", "row's");
    throw new CsvFormatError(file, firstDataLine + issue.bar, `${message} (rule ${issue.rule})`);
  }
  return { candles, format: layout.format, timeUnit, rowCount, hasHeader: layout.hasHeader };
}

/**
 * Decides the format from the first line. Auto mode picks Binance when the line is 12
 * numbers (a headerless kline file) or 12 names that are Binance's (open time, the five
 * prices and volume, close time); anything else must be a generic header.
 */
function detectLayout(
  text: string,
  bounds: Int32Array,
  count: number,
  format: 'auto' | CandleCsvFormat,
  file: string,
): Layout {
  const firstIsNumber = !Number.isNaN(parseDecimal(text, bounds[0], bounds[1]));
  if (format === 'binance') {
    if (count !== BINANCE_KLINE_COLUMNS.length) {
      const expected = BINANCE_KLINE_COLUMNS.length;
      throw new CsvFormatError(file, 1, `expected ${expected} cells as in a Binance kline file, found ${count}`);
    }
    return binanceLayout(firstIsNumber ? null : headerNames(text, bounds, count));
  }
  if (format === 'auto' && count === BINANCE_KLINE_COLUMNS.length) {
    let allNumbers = true;
    for (let cell = 0; cell < count && allNumbers; cell++) {
      allNumbers = !Number.isNaN(parseDecimal(text, bounds[2 * cell], bounds[2 * cell + 1]));
    }
    if (allNumbers) return binanceLayout(null);
    const names = headerNames(text, bounds, count);
    if (isBinanceHeader(names)) return binanceLayout(names);
  }
  if (firstIsNumber || looksLikeIsoDate(text, bounds[0], bounds[1])) {
    throw new CsvFormatError(
      file,
      1,
      'expected a header row naming the columns (time first, then open, high, low, close, volume), found data',
    );
  }
  return genericLayout(headerNames(text, bounds, count), file);
}

function binanceLayout(header: readonly string[] | null): Layout {
  const names = header ?? BINANCE_KLINE_COLUMNS;
  return {
    format: 'binance',
    hasHeader: header !== null,
    columnCount: BINANCE_KLINE_COLUMNS.length,
    cells: [0, 1, 2, 3, 4, 5],
    names: names.slice(0, 6),
  };
}

function isBinanceHeader(names: readonly string[]): boolean {
  const key = (name: string): string => name.toLowerCase().replaceAll(/[\s_]/g, '');
  return (
    key(names[0]) === 'opentime' &&
    PRICE_FIELDS.every((field, k) => key(names[k + 1]) === field) &&
    key(names[6]) === 'closetime'
  );
}

/** Maps a generic header: the first column is the time whatever its name, the rest by name. */
function genericLayout(names: readonly string[], file: string): Layout {
  const timeName = names[0] === '' ? 'time' : names[0];
  if ((PRICE_FIELDS as readonly string[]).includes(names[0].toLowerCase())) {
    throw new CsvFormatError(file, 1, `the first column must be the time, found "${names[0]}"`);
  }
  const cells = [0, -1, -1, -1, -1, -1];
  const columnNames = [timeName, '', '', '', '', ''];
  for (let cell = 1; cell < names.length; cell++) {
    const field = PRICE_FIELDS.indexOf(names[cell].toLowerCase() as (typeof PRICE_FIELDS)[number]) + 1;
    if (field === 0) continue;
    if (cells[field] >= 0) {
      throw new CsvFormatError(
        file,
        1,
        `the header has two ${PRICE_FIELDS[field - 1]} columns ("${names[cells[field]]}" and "${names[cell]}")`,
      );
    }
    cells[field] = cell;
    columnNames[field] = names[cell];
  }
  const missing = PRICE_FIELDS.filter((_, k) => cells[k + 1] < 0);
  if (missing.length > 0) {
    throw new CsvFormatError(
      file,
      1,
      `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} ` +
        `(found ${names.map((name) => `"${name}"`).join(', ')})`,
    );
  }
  return { format: 'generic', hasHeader: true, columnCount: names.length, cells, names: columnNames };
}

function headerNames(text: string, bounds: Int32Array, count: number): string[] {
  return Array.from({ length: count }, (_, cell) => cellText(text, bounds, cell).trim());
}

function timeError(
  text: string,
  bounds: Int32Array,
  cell: number,
  file: string,
  line: number,
  column: string,
): CsvFormatError {
  const raw = cellText(text, bounds, cell);
  const start = bounds[2 * cell];
  const end = bounds[2 * cell + 1];
  let reason: string;
  if (start === end) {
    reason = 'empty cell, expected a time';
  } else if (looksLikeIsoDate(text, start, end)) {
    reason = `"${raw}" is not a valid ISO 8601 date or datetime (YYYY-MM-DD[ HH:MM[:SS[.fff]]][Z|±HH:MM])`;
  } else if (Number.isNaN(parseDecimal(text, start, end))) {
    reason = `"${raw}" is neither an ISO 8601 date or datetime nor an epoch number`;
  } else {
    reason =
      `"${raw}" is outside the epoch ranges: seconds ${EPOCH_SECONDS_MIN.toExponential()} to ` +
      `${EPOCH_MILLISECONDS_MIN.toExponential()}, milliseconds to ${EPOCH_MICROSECONDS_MIN.toExponential()}, ` +
      `microseconds to ${EPOCH_MICROSECONDS_END.toExponential()}`;
  }
  return new CsvFormatError(file, line, reason, column);
}

function numberError(
  text: string,
  bounds: Int32Array,
  cell: number,
  file: string,
  line: number,
  column: string,
): CsvFormatError {
  const raw = cellText(text, bounds, cell);
  if (raw === '') return new CsvFormatError(file, line, 'empty cell, expected a number', column);
  const nonFinite =
    /^[+-]?(nan|inf|infinity)$/i.test(raw) ||
    !Number.isNaN(parseDecimal(text, bounds[2 * cell], bounds[2 * cell + 1]));
  return new CsvFormatError(file, line, `"${raw}" is not ${nonFinite ? 'a finite number' : 'a number'}`, column);
}

function isTrailingSpace(c: number): boolean {
  return c === LF || c === CR || c === 32 || c === 9;
}

/** End of the line content: lineBreak minus a CR that precedes the LF. */
function trimCr(text: string, lineStart: number, lineBreak: number): number {
  return lineBreak > lineStart && text.charCodeAt(lineBreak - 1) === CR ? lineBreak - 1 : lineBreak;
}
