import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCandleCsvFile } from '../../src-main/host/csv/read-candle-csv.ts';
import { parseCandleCsv, type CandleCsvOptions } from '../../src-main/host/csv/candle-csv.ts';
import { CsvFormatError } from '../../src-main/host/csv/csv-format-error.ts';
import { epochUnitOf } from '../../src-main/host/csv/csv-time.ts';
import { fixturePath } from '../support/fixtures.ts';

const T0 = Date.UTC(2024, 0, 1); // 1704067200000

function parse(text: string, format: CandleCsvOptions['format'] = 'auto') {
  return parseCandleCsv(text, { fileName: 'data.csv', format });
}

function bar(candles: ReturnType<typeof parse>['candles'], i: number): number[] {
  return [candles.time[i], candles.open[i], candles.high[i], candles.low[i], candles.close[i], candles.volume[i]];
}

/** A valid generic CSV: header plus one row per time, prices 10/11/9/10.5, volume 100. */
function genericCsv(times: readonly string[]): string {
  return ['time,open,high,low,close,volume', ...times.map((t) => `${t},10,11,9,10.5,100`)].join('\n');
}

/** ISO minute times: minute k after 2024-01-01T00:00Z, for each k. */
function minutes(...offsets: number[]): string[] {
  return offsets.map((k) => new Date(T0 + k * 60_000).toISOString());
}

function thrown(fn: () => unknown): CsvFormatError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvFormatError);
    return error as CsvFormatError;
  }
  throw new Error('expected a CsvFormatError, nothing was thrown');
}

const BINANCE_ROWS_MS = [
  '1704067200000,42283.58000000,42554.57000000,42261.02000000,42475.23000000,1271.68108000,1704070799999,53957248.97378140,47134,682.57581000,28957416.81537580,0',
  '1704070800000,42475.23000000,42775.00000000,42431.65000000,42613.56000000,1196.37856000,1704074399999,50984893.26716900,44769,642.43840000,27376516.62412340,0',
  '1704074400000,42613.57000000,42638.41000000,42500.00000000,42581.10000000,685.21800000,1704077999999,29162986.37393890,33264,348.54542000,14834385.93213660,0',
];
const BINANCE_ROWS_US = BINANCE_ROWS_MS.map((row) =>
  row.replace(/^(\d+),((?:[^,]*,){5})(\d+)/, (_, open, middle, close) => `${open}000,${middle}${close}999`),
);
const BINANCE_HEADER =
  'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';

describe('candle CSV reader: real fixtures', () => {
  it('GOOG-1d: 2148 daily bars, first and last exact', () => {
    const parsed = readCandleCsvFile(fixturePath('GOOG-1d.csv'));
    expect(parsed.format).toBe('generic');
    expect(parsed.timeUnit).toBe('iso');
    expect(parsed.hasHeader).toBe(true);
    expect(parsed.rowCount).toBe(2148);
    expect(parsed.candles.time.length).toBe(2148);
    expect(bar(parsed.candles, 0)).toEqual([1092873600000, 100, 104.06, 95.96, 100.34, 22351900]);
    // 2013-03-01
    expect(bar(parsed.candles, 2147)).toEqual([1362096000000, 797.8, 807.14, 796.15, 806.19, 2175400]);
  });

  it('BTCUSD-1d: 2723 daily bars, first and last exact', () => {
    const { candles, rowCount } = readCandleCsvFile(fixturePath('BTCUSD-1d.csv'));
    expect(rowCount).toBe(2723);
    // 2014-09-17
    expect(bar(candles, 0)).toEqual([1410912000000, 465.864014, 468.174011, 452.421997, 457.334015, 21056800]);
    // 2022-03-01
    expect(bar(candles, 2722)).toEqual([1646092800000, 43194.503906, 44793.601563, 42952.585938, 44354.636719, 32479047645]);
  });

  it('EURUSD-1h: `YYYY-MM-DD HH:MM:SS` datetimes as UTC hours', () => {
    const { candles, rowCount, timeUnit } = readCandleCsvFile(fixturePath('EURUSD-1h.csv'));
    expect(rowCount).toBe(5000);
    expect(timeUnit).toBe('iso');
    // 2017-04-19 09:00:00 and 10:00:00
    expect(bar(candles, 0)).toEqual([1492592400000, 1.0716, 1.0722, 1.07083, 1.07219, 1413]);
    expect(candles.time[1]).toBe(1492596000000);
    // 2018-02-07 15:00:00
    expect(bar(candles, 4999)).toEqual([1518015600000, 1.23427, 1.23444, 1.22904, 1.22904, 6143]);
  });
});

describe('candle CSV reader: Binance klines', () => {
  const expectedFirst = [T0, 42283.58, 42554.57, 42261.02, 42475.23, 1271.68108];
  const expectedLast = [T0 + 2 * 3_600_000, 42613.57, 42638.41, 42500, 42581.1, 685.218];

  it('without header, open time in milliseconds', () => {
    const parsed = parse(BINANCE_ROWS_MS.join('\n') + '\n');
    expect([parsed.format, parsed.timeUnit, parsed.hasHeader, parsed.rowCount]).toEqual(['binance', 'ms', false, 3]);
    expect(bar(parsed.candles, 0)).toEqual(expectedFirst);
    expect(bar(parsed.candles, 2)).toEqual(expectedLast);
  });

  it('with header, open time in milliseconds', () => {
    const parsed = parse([BINANCE_HEADER, ...BINANCE_ROWS_MS].join('\n'));
    expect([parsed.format, parsed.timeUnit, parsed.hasHeader, parsed.rowCount]).toEqual(['binance', 'ms', true, 3]);
    expect(bar(parsed.candles, 0)).toEqual(expectedFirst);
    expect(bar(parsed.candles, 2)).toEqual(expectedLast);
  });

  it('without header, open time in microseconds (spot files since 2025)', () => {
    expect(BINANCE_ROWS_US[0].startsWith('1704067200000000,42283.58000000,')).toBe(true);
    const parsed = parse(BINANCE_ROWS_US.join('\n'));
    expect([parsed.format, parsed.timeUnit, parsed.hasHeader, parsed.rowCount]).toEqual(['binance', 'us', false, 3]);
    expect(bar(parsed.candles, 0)).toEqual(expectedFirst);
    expect(bar(parsed.candles, 2)).toEqual(expectedLast);
  });

  it('with a header in Binance documentation spelling, open time in microseconds', () => {
    const header =
      'Open time,Open,High,Low,Close,Volume,Close time,Quote asset volume,Number of trades,' +
      'Taker buy base asset volume,Taker buy quote asset volume,Ignore';
    const parsed = parse([header, ...BINANCE_ROWS_US].join('\r\n'));
    expect([parsed.format, parsed.timeUnit, parsed.hasHeader]).toEqual(['binance', 'us', true]);
    expect(bar(parsed.candles, 2)).toEqual(expectedLast);
  });

  it('forcing the format: binance accepts a headerless file, generic refuses it', () => {
    expect(parse(BINANCE_ROWS_MS.join('\n'), 'binance').format).toBe('binance');
    expect(thrown(() => parse(BINANCE_ROWS_MS.join('\n'), 'generic')).message).toBe(
      'data.csv line 1: expected a header row naming the columns (time first, then open, high, low, close, volume), found data',
    );
  });

  it('forcing generic on a Binance header reads it by column names', () => {
    const parsed = parse([BINANCE_HEADER, ...BINANCE_ROWS_MS].join('\n'), 'generic');
    expect(parsed.format).toBe('generic');
    expect(bar(parsed.candles, 0)).toEqual(expectedFirst);
  });

  it('a kline row with a missing cell names its line', () => {
    const rows = [...BINANCE_ROWS_MS];
    rows[2] = rows[2].replace(/,0$/, '');
    expect(thrown(() => parse(rows.join('\n'))).message).toBe(
      'data.csv line 3: expected 12 cells as in a Binance kline file, found 11',
    );
  });
});

describe('candle CSV reader: time cells', () => {
  it('epoch seconds, milliseconds and microseconds all become epoch ms', () => {
    const seconds = parse(genericCsv(['1704067200', '1704067260.5']));
    expect(seconds.timeUnit).toBe('s');
    expect(Array.from(seconds.candles.time)).toEqual([T0, T0 + 60_500]);
    const ms = parse(genericCsv(['1704067200000', '1704067260000']));
    expect(ms.timeUnit).toBe('ms');
    expect(Array.from(ms.candles.time)).toEqual([T0, T0 + 60_000]);
    const us = parse(genericCsv(['1704067200000000', '1704067260000000']));
    expect(us.timeUnit).toBe('us');
    expect(Array.from(us.candles.time)).toEqual([T0, T0 + 60_000]);
  });

  it('unit thresholds: 1e8 <= s < 1e11 <= ms < 1e14 <= us < 1e17', () => {
    expect(epochUnitOf(99_999_999)).toBeNull();
    expect(epochUnitOf(1e8)).toBe('s');
    expect(epochUnitOf(1e11 - 1)).toBe('s');
    expect(epochUnitOf(1e11)).toBe('ms');
    expect(epochUnitOf(1e14 - 1)).toBe('ms');
    expect(epochUnitOf(1e14)).toBe('us');
    expect(epochUnitOf(1e17 - 1000)).toBe('us');
    expect(epochUnitOf(1e17)).toBeNull();
    expect(epochUnitOf(Number.NaN)).toBeNull();
  });

  it('ISO dates, datetimes with T or space, fractions, Z and numeric offsets', () => {
    const parsed = parse(
      genericCsv([
        '2024-01-01',
        '2024-01-01T05:30:00.5+05:30',
        '2024-01-01 00:00:01.123456Z',
        '2023-12-31T23:00:02-01:00',
        '2024-01-01t01:00:03+0100',
        '2024-01-01T02:00:05+02',
        '2024-01-01 00:04',
        '2024-02-29 00:00:00',
      ]),
    );
    expect(parsed.timeUnit).toBe('iso');
    expect(Array.from(parsed.candles.time)).toEqual([
      T0,
      T0 + 500,
      T0 + 1123,
      T0 + 2000,
      T0 + 3000,
      T0 + 5000,
      T0 + 4 * 60_000,
      Date.UTC(2024, 1, 29),
    ]);
  });

  it('a date before 1970 and a far-future date', () => {
    const parsed = parse(genericCsv(['1969-12-31', '2100-03-01T12:00:00Z']));
    expect(Array.from(parsed.candles.time)).toEqual([-86_400_000, Date.UTC(2100, 2, 1, 12)]);
  });

  it('impossible calendar values are errors', () => {
    for (const [cell, line] of [
      ['2023-02-29', 3],
      ['2024-13-01', 3],
      ['2024-01-01T24:00:00', 3],
      ['2024-01-01T00:60', 3],
      ['2024-01-01T00:00:00+05:3', 3],
      ['2024-01-01 00:00:00 UTC', 3],
    ] as const) {
      const error = thrown(() => parse(genericCsv(['2020-01-01', cell])));
      expect(error.line).toBe(line);
      expect(error.message).toBe(
        `data.csv line 3: column time: "${cell}" is not a valid ISO 8601 date or datetime (YYYY-MM-DD[ HH:MM[:SS[.fff]]][Z|±HH:MM])`,
      );
    }
  });

  it('text that is neither a date nor a number, and numbers too small to be epoch times', () => {
    expect(thrown(() => parse(genericCsv(['1704067200', 'yesterday']))).message).toBe(
      'data.csv line 3: column time: "yesterday" is neither an ISO 8601 date or datetime nor an epoch number',
    );
    // A row index or a compact date must not pass for 1970 seconds.
    expect(thrown(() => parse(genericCsv(['20240101']))).message).toBe(
      'data.csv line 2: column time: "20240101" is outside the epoch ranges: seconds 1e+8 to 1e+11, ' +
        'milliseconds to 1e+14, microseconds to 1e+17',
    );
    expect(thrown(() => parse(genericCsv(['2024-01-01', '']))).message).toBe(
      'data.csv line 3: column time: empty cell, expected a time',
    );
  });

  it('a change of time unit mid-file is an error', () => {
    expect(thrown(() => parse(genericCsv(['1704067200', '1704067260', '1704067320000']))).message).toBe(
      'data.csv line 4: column time: "1704067320000" is epoch milliseconds but the rows above use epoch seconds; ' +
        'a file must use one time unit',
    );
    const binance = [BINANCE_ROWS_MS[0], BINANCE_ROWS_US[1]].join('\n');
    expect(thrown(() => parse(binance)).message).toBe(
      'data.csv line 2: column open_time: "1704070800000000" is epoch microseconds but the rows above use epoch milliseconds; ' +
        'a file must use one time unit',
    );
    expect(thrown(() => parse(genericCsv(['2024-01-01', '1704153600']))).message).toBe(
      'data.csv line 3: column time: "1704153600" is epoch seconds but the rows above use ISO 8601 text; ' +
        'a file must use one time unit',
    );
  });
});

describe('candle CSV reader: tolerated layout variations', () => {
  const temporaryDirs: string[] = [];
  afterAll(() => {
    for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('CRLF, BOM, quoted cells, padded cells and names, extra columns, trailing empty lines', () => {
    const text =
      '\uFEFF Date , "OPEN",High, low ,Close,Adj Close,  Volume\r\n' +
      '"2024-01-01" ,"1.5", 2 ,1, "1.75" ,1.7,  "300" \r\n' +
      '2024-01-02,1.75,1.9,1.6,1.8,1.8,250\r\n' +
      '\r\n  \r\n';
    const parsed = parse(text);
    expect([parsed.format, parsed.rowCount, parsed.hasHeader]).toEqual(['generic', 2, true]);
    expect(bar(parsed.candles, 0)).toEqual([T0, 1.5, 2, 1, 1.75, 300]);
    expect(bar(parsed.candles, 1)).toEqual([T0 + 86_400_000, 1.75, 1.9, 1.6, 1.8, 250]);
  });

  it('columns in any order after the time; the time column may be unnamed', () => {
    const parsed = parse(',Volume,Close,Low,High,Open\n2024-01-01,300,1.75,1,2,1.5');
    expect(bar(parsed.candles, 0)).toEqual([T0, 1.5, 2, 1, 1.75, 300]);
  });

  it('a single row without a final newline', () => {
    expect(parse('time,open,high,low,close,volume\n1704067200,1,1,1,1,0').rowCount).toBe(1);
  });

  it('numbers with exponents, signs and many digits parse as Number() does', () => {
    const long = '0.0015000000000000000001';
    const parsed = parse(`t,open,high,low,close,volume\n2024-01-01,1e-3,+0.0020,.0005,${long},12345678901234567890`);
    expect(bar(parsed.candles, 0)).toEqual([T0, 0.001, 0.002, 0.0005, Number(long), 12345678901234567890]);
  });

  it('readCandleCsvFile names the file by its base name in errors', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'candle-csv-'));
    temporaryDirs.push(dir);
    const filePath = path.join(dir, 'Bad Data.CSV');
    writeFileSync(filePath, genericCsv(['2024-01-01', '2024-01-01']));
    const error = thrown(() => readCandleCsvFile(filePath));
    expect(error.message).toBe(
      "Bad Data.CSV line 3: time 2024-01-01T00:00:00.000Z repeats the previous row's time (rule duplicate-time)",
    );
    expect(thrown(() => readCandleCsvFile(filePath, { fileName: filePath })).file).toBe(filePath);
  });
});

describe('candle CSV reader: errors name the file, line, column and reason', () => {
  it('exposes file, line, column and reason', () => {
    const rows = Array.from({ length: 20 }, (_, k) => `${minutes(k)[0]},10,11,9,10.5,100`);
    rows[15] = `${minutes(15)[0]},10,abc,9,10.5,100`;
    const error = parseCandleCsvError(['Date,Open,High,Low,Close,Volume', ...rows].join('\n'), 'GOOG.csv');
    expect(error.message).toBe('GOOG.csv line 17: column High: "abc" is not a number');
    expect([error.file, error.line, error.column, error.reason]).toEqual(['GOOG.csv', 17, 'High', '"abc" is not a number']);
    expect(error.name).toBe('CsvFormatError');
  });

  it('an empty file, a blank file and a header without rows', () => {
    expect(thrown(() => parse('')).message).toBe('data.csv line 1: the file is empty');
    expect(thrown(() => parse('\uFEFF\r\n \n')).message).toBe('data.csv line 1: the file is empty');
    expect(thrown(() => parse('time,open,high,low,close,volume\r\n\r\n')).message).toBe(
      'data.csv line 1: the header is not followed by any data row',
    );
    expect(thrown(() => parse(`${BINANCE_HEADER}\n`)).message).toBe(
      'data.csv line 1: the header is not followed by any data row',
    );
  });

  it('an empty line before the header or between rows', () => {
    expect(thrown(() => parse(`\n${genericCsv(minutes(0))}`)).message).toBe(
      'data.csv line 1: empty line; the first line must be the header or a data row',
    );
    const lines = genericCsv(minutes(0, 1, 2)).split('\n');
    lines.splice(3, 0, '   ');
    expect(thrown(() => parse(lines.join('\r\n'))).message).toBe('data.csv line 4: empty line between data rows');
  });

  it('a row with too many or too few cells', () => {
    const lines = genericCsv(minutes(0, 1, 2)).split('\n');
    lines[2] += ',7';
    expect(thrown(() => parse(lines.join('\n'))).message).toBe(
      'data.csv line 3: expected 6 cells as in the header, found 7',
    );
    lines[2] = `${minutes(1)[0]},10,11,9,10.5`;
    expect(thrown(() => parse(lines.join('\n'))).message).toBe(
      'data.csv line 3: expected 6 cells as in the header, found 5',
    );
  });

  it('empty, non-finite and malformed numbers', () => {
    const row = (cells: string): string => `time,open,high,low,close,volume\n2024-01-01,${cells}`;
    expect(thrown(() => parse(row('10,11,9,10.5,'))).message).toBe(
      'data.csv line 2: column volume: empty cell, expected a number',
    );
    expect(thrown(() => parse(row('NaN,11,9,10.5,1'))).message).toBe(
      'data.csv line 2: column open: "NaN" is not a finite number',
    );
    expect(thrown(() => parse(row('10,Infinity,9,10.5,1'))).message).toBe(
      'data.csv line 2: column high: "Infinity" is not a finite number',
    );
    expect(thrown(() => parse(row('10,11,1e400,10.5,1'))).message).toBe(
      'data.csv line 2: column low: "1e400" is not a finite number',
    );
    for (const bad of ['0x10', '1,5', '1.2.3', '-', '1e', '12 34']) {
      const quoted = `"${bad}"`;
      expect(thrown(() => parse(row(`10,11,9,${quoted},1`))).message).toBe(
        `data.csv line 2: column close: "${bad}" is not a number`,
      );
    }
  });

  it('malformed quotes', () => {
    expect(thrown(() => parse('time,open,high,low,close,volume\n2024-01-01,"10,11,9,10.5,1')).message).toBe(
      'data.csv line 2: cell 2 has an opening quote but no closing quote',
    );
    expect(thrown(() => parse('time,open,high,low,close,volume\n2024-01-01,"10"x,11,9,10.5,1')).message).toBe(
      'data.csv line 2: cell 2 has text after its closing quote',
    );
  });

  it('header problems: a missing column, a duplicate, the time not first, no header at all', () => {
    expect(thrown(() => parse('Date,Open,High,Low,Close\n2024-01-01,1,1,1,1')).message).toBe(
      'data.csv line 1: the header has no volume column (found "Date", "Open", "High", "Low", "Close")',
    );
    expect(thrown(() => parse('Date,Open,High,Close,Adj Close\n2024-01-01,1,1,1,1')).message).toBe(
      'data.csv line 1: the header has no low, volume columns (found "Date", "Open", "High", "Close", "Adj Close")',
    );
    expect(thrown(() => parse('Date,Open,High,Low,Close,close,Volume\n2024-01-01,1,1,1,1,1,1')).message).toBe(
      'data.csv line 1: the header has two close columns ("Close" and "close")',
    );
    expect(thrown(() => parse('Open,High,Low,Close,Volume,Date\n1,1,1,1,1,2024-01-01')).message).toBe(
      'data.csv line 1: the first column must be the time, found "Open"',
    );
    expect(thrown(() => parse('2024-01-01,1,1,1,1,1\n2024-01-02,1,1,1,1,1')).message).toBe(
      'data.csv line 1: expected a header row naming the columns (time first, then open, high, low, close, volume), found data',
    );
  });

  it("every findCandleIssues rule, mapped to the file's line", () => {
    // Lines 2..8 hold 23:55 .. 00:01; line 9 repeats 00:01.
    expect(thrown(() => parse(genericCsv(minutes(-5, -4, -3, -2, -1, 0, 1, 1)))).message).toBe(
      "data.csv line 9: time 2024-01-01T00:01:00.000Z repeats the previous row's time (rule duplicate-time)",
    );
    expect(thrown(() => parse(genericCsv(minutes(0, 2, 1)))).message).toBe(
      "data.csv line 4: time 2024-01-01T00:01:00.000Z is before the previous row's time 2024-01-01T00:02:00.000Z " +
        '(rule time-not-ascending)',
    );
    const withRow = (row: string): string => `${genericCsv(minutes(0, 1))}\n${minutes(2)[0]},${row}`;
    expect(thrown(() => parse(withRow('10,10.4,9,10.5,100'))).message).toBe(
      'data.csv line 4: high 10.4 is below max(open 10, close 10.5) (rule high-below-open-close)',
    );
    expect(thrown(() => parse(withRow('10,11,10.2,10.5,100'))).message).toBe(
      'data.csv line 4: low 10.2 is above min(open 10, close 10.5) (rule low-above-open-close)',
    );
    expect(thrown(() => parse(withRow('10,11,9,10.5,-1'))).message).toBe(
      'data.csv line 4: volume -1 is negative (rule negative-volume)',
    );
  });

  it('rule errors in a headerless Binance file count from line 1', () => {
    const rows = [...BINANCE_ROWS_MS];
    rows[2] = rows[1];
    const error = thrown(() => parse(rows.join('\n')));
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      "data.csv line 3: time 2024-01-01T01:00:00.000Z repeats the previous row's time (rule duplicate-time)",
    );
  });
});

function parseCandleCsvError(text: string, fileName: string): CsvFormatError {
  return thrown(() => parseCandleCsv(text, { fileName }));
}
