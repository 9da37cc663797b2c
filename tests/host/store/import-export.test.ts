import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Candles, sliceCandles } from '../../../src-engine/candles.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { CsvFormatError } from '../../../src-main/host/csv/csv-format-error.ts';
import type { CandleStore } from '../../../src-main/host/store/candle-store.ts';
import { ImportError, exportCandlesCsv, importCandleFiles } from '../../../src-main/host/store/import-export.ts';
import { ZipFormatError } from '../../../src-main/host/store/zip.ts';
import { fixturePath, loadFixtureCandles } from '../../support/fixtures.ts';
import { syntheticCandles } from '../../support/synthetic-candles.ts';
import { BTC_1M, MINUTE, T0, TempDirs, candleBits, minute } from './store-fixtures.ts';
import { writeZip } from './zip-writer.ts';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const JANUARY = syntheticCandles({ bars: 120, seed: 3, startTime: T0 });
const NAME = 'BTCUSDT-1m-2024-01';

/** A Binance kline CSV as data.binance.vision writes it (futures files have a header). */
function klineCsv(candles: Candles, options: { header?: boolean; micro?: boolean } = {}): string {
  const scale = options.micro === true ? 1000 : 1;
  const lines = Array.from(candles.time, (time, i) =>
    [time * scale, candles.open[i], candles.high[i], candles.low[i], candles.close[i], candles.volume[i], (time + MINUTE - 1) * scale, 1, 2, 3, 4, 0].join(','),
  );
  if (options.header === true) {
    lines.unshift('open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore');
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `<dir>/<NAME>.zip` (and its CHECKSUM unless told not to) and returns the zip path. */
function visionZip(dir: string, csv: string, options: { method?: 'stored' | 'deflate'; checksum?: string | null } = {}): string {
  mkdirSync(dir, { recursive: true });
  const zip = writeZip([{ name: `${NAME}.csv`, data: Buffer.from(csv), method: options.method ?? 'deflate' }]);
  const file = path.join(dir, `${NAME}.zip`);
  writeFileSync(file, zip);
  const sha = options.checksum === undefined ? createHash('sha256').update(zip).digest('hex') : options.checksum;
  if (sha !== null) writeFileSync(`${file}.CHECKSUM`, `${sha}  ${NAME}.zip\n`);
  return file;
}

function spotDir(root: string): string {
  return path.join(root, 'data', 'spot', 'monthly', 'klines', 'BTCUSDT', '1m');
}

function failure<T extends Error>(fn: () => unknown, type: new (...args: never[]) => T): T {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error(`expected a ${type.name}`);
}

function expectEmpty(store: CandleStore): void {
  expect(store.inventory()).toEqual([]);
}

describe('importCandleFiles: Binance Vision archives', () => {
  it('imports a checksum-verified spot zip, inferring the series from name and path', () => {
    const store = temp.store();
    const file = visionZip(spotDir(temp.dir()), klineCsv(JANUARY));
    const report = importCandleFiles(store, [file], 'infer');
    expect(report).toEqual({
      files: [{ file, key: BTC_1M, format: 'binance', candles: 120, from: T0, to: minute(120), checksumVerified: true }],
      candles: 120,
    });
    expect(candleBits(store.readCandles(BTC_1M))).toEqual(candleBits(JANUARY));
    expect(store.coverage(BTC_1M)).toEqual([{ from: T0, to: minute(120) }]);
  });

  it('imports a stored (uncompressed) futures/um zip with a header and microsecond times', () => {
    const store = temp.store();
    const dir = path.join(temp.dir(), 'data', 'futures', 'um', 'daily', 'klines', 'BTCUSDT', '1m');
    const file = visionZip(dir, klineCsv(JANUARY, { header: true, micro: true }), { method: 'stored', checksum: null });
    const [imported] = importCandleFiles(store, [file], 'infer').files;
    expect([imported.key.market, imported.checksumVerified]).toEqual(['linear', false]);
    expect(candleBits(store.readCandles({ ...BTC_1M, market: 'linear' }))).toEqual(candleBits(JANUARY));
  });

  it('needs a market when the path does not tell spot from futures', () => {
    const store = temp.store();
    const file = visionZip(path.join(temp.dir(), 'downloads'), klineCsv(JANUARY));
    const error = failure(() => importCandleFiles(store, [file], 'infer'), ImportError);
    expect(error.message).toContain(file);
    expect(error.message).toContain('--market');
    expect(error.message).toContain('/futures/um/');
    importCandleFiles(store, [file], 'infer', { market: 'linear' });
    expect(store.readCandles({ ...BTC_1M, market: 'linear' }).time.length).toBe(120);
  });

  it('refuses a checksum mismatch, naming the file, and imports nothing from any file', () => {
    const store = temp.store();
    const good = visionZip(spotDir(temp.dir()), klineCsv(JANUARY));
    const bad = visionZip(spotDir(temp.dir()), klineCsv(JANUARY), { checksum: '0'.repeat(64) });
    const error = failure(() => importCandleFiles(store, [good, bad], 'infer'), ImportError);
    expect(error.file).toBe(bad);
    expect(error.message).toContain(`${bad}: SHA-256 checksum mismatch`);
    expectEmpty(store);
  });

  it('refuses a corrupt zip and imports nothing', () => {
    const store = temp.store();
    const file = visionZip(spotDir(temp.dir()), klineCsv(JANUARY), { checksum: null });
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 10));
    const error = failure(() => importCandleFiles(store, [file], 'infer'), ZipFormatError);
    expect(error.message).toContain(`${file}: not a readable zip archive`);
    expectEmpty(store);
  });

  it('names the archive, inner file and line of a bad row', () => {
    const store = temp.store();
    const csv = klineCsv(JANUARY).replace(`${JANUARY.time[4]},${JANUARY.open[4]},${JANUARY.high[4]}`, `${JANUARY.time[4]},${JANUARY.open[4]},1`);
    const file = visionZip(spotDir(temp.dir()), csv);
    const error = failure(() => importCandleFiles(store, [file], 'infer'), CsvFormatError);
    expect([error.file, error.line]).toEqual([`${NAME}.zip/${NAME}.csv`, 5]);
    expect(error.reason).toContain('rule high-below-open-close');
  });
});

describe('importCandleFiles: CSV files', () => {
  const BTCUSD_1D: SeriesKey = { exchange: 'bybit', market: 'spot', symbol: 'BTCUSD', interval: '1d' };

  it('imports the generic fixture BTCUSD-1d.csv', () => {
    const store = temp.store();
    const report = importCandleFiles(store, [fixturePath('BTCUSD-1d.csv')], BTCUSD_1D);
    expect(report.files[0]).toMatchObject({
      format: 'generic',
      candles: 2723,
      from: Date.UTC(2014, 8, 17),
      to: Date.UTC(2022, 2, 2),
      checksumVerified: false,
    });
    expect(candleBits(store.readCandles(BTCUSD_1D))).toEqual(candleBits(loadFixtureCandles('BTCUSD-1d.csv')));
    const [inventory] = store.inventory();
    expect([inventory.count, inventory.expected, inventory.gaps, inventory.uncovered]).toEqual([2723, 2723, [], []]);
  });

  it('rejects rows off the target grid with file and line', () => {
    const store = temp.store();
    const file = path.join(temp.dir(), 'hourly.csv');
    writeFileSync(file, 'time,open,high,low,close,volume\n2024-01-01T00:00Z,1,2,0.5,1,3\n2024-01-01T01:00Z,1,2,0.5,1,3\n2024-01-01T02:30Z,1,2,0.5,1,3\n');
    const error = failure(() => importCandleFiles(store, [file], { ...BTC_1M, interval: '1h' }), CsvFormatError);
    expect([error.file, error.line]).toEqual(['hourly.csv', 4]);
    expect(error.reason).toContain('rule off-grid');
    expectEmpty(store);
  });

  it('refuses hourly rows imported as one-minute bars', () => {
    const store = temp.store();
    const file = path.join(temp.dir(), 'hourly.csv');
    writeFileSync(file, 'time,open,high,low,close,volume\n2024-01-01T00:00Z,1,2,0.5,1,3\n2024-01-01T01:00Z,1,2,0.5,1,3\n');
    expect(failure(() => importCandleFiles(store, [file], BTC_1M), CsvFormatError).reason).toContain('60 minutes apart');
  });

  it('refuses inference from a name that is not Binance Vision, and a name contradicting the target', () => {
    const store = temp.store();
    expect(failure(() => importCandleFiles(store, [fixturePath('BTCUSD-1d.csv')], 'infer'), ImportError).message).toContain(
      'cannot tell the series from the file name',
    );
    const file = visionZip(spotDir(temp.dir()), klineCsv(JANUARY));
    expect(failure(() => importCandleFiles(store, [file], { ...BTC_1M, symbol: 'ETHUSDT' }), ImportError).message).toContain(
      'the file name says BTCUSDT 1m but the import target is binance spot ETHUSDT 1m',
    );
  });
});

describe('exportCandlesCsv', () => {
  it('writes the generic CSV, page by page, that imports back to identical candles', () => {
    const store = temp.store();
    const candles = syntheticCandles({ bars: 70_000, seed: 5, startTime: T0, zeroVolumeChance: 0.2 });
    store.writeCandles(BTC_1M, candles, { from: T0, to: minute(70_000) });
    const file = path.join(temp.dir(), 'btc.csv');
    expect(exportCandlesCsv(store, BTC_1M, undefined, undefined, file)).toBe(70_000);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('time,open,high,low,close,volume');
    expect(lines[1]).toBe(`2024-01-01T00:00:00.000Z,${candles.open[0]},${candles.high[0]},${candles.low[0]},${candles.close[0]},${candles.volume[0]}`);

    const other = temp.store();
    importCandleFiles(other, [file], BTC_1M);
    expect(candleBits(other.readCandles(BTC_1M))).toEqual(candleBits(candles));

    const part = path.join(temp.dir(), 'part.csv');
    expect(exportCandlesCsv(store, BTC_1M, minute(100), minute(200), part)).toBe(100);
    const partStore = temp.store();
    importCandleFiles(partStore, [part], BTC_1M);
    expect(candleBits(partStore.readCandles(BTC_1M))).toEqual(candleBits(sliceCandles(candles, 100, 200)));
  });
});
