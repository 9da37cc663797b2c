import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Candles } from '../../../src-engine/candles.ts';
import type { Instrument, SeriesKey } from '../../../src-shared/market.ts';
import { CandleStore, DATABASE_FILE } from '../../../src-main/host/store/candle-store.ts';
import { MIGRATIONS, type Migration, configureConnection, migrate } from '../../../src-main/host/store/schema.ts';
import { syntheticCandles } from '../../support/synthetic-candles.ts';
import { BTC_1M, NOW, T0, TempDirs, candleBits, minuteBars, minutesFrom, range } from './store-fixtures.ts';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const BTC_PERP: Instrument = {
  exchange: 'bybit',
  market: 'linear',
  symbol: 'BTCUSDT',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  status: 'trading',
  contractType: 'perpetual',
  tickSize: 0.1,
  qtyStep: 0.001,
  minQty: 0.001,
  minNotional: 5,
  launchTime: Date.UTC(2020, 2, 26),
};
const ETH_PERP: Instrument = { ...BTC_PERP, symbol: 'ETHUSDT', baseAsset: 'ETH', tickSize: 0.01, qtyStep: 0.01, minQty: 0.01, launchTime: null };
const EIGHT_HOURS = 8 * 3_600_000;

describe('reopening the database', () => {
  it('keeps everything and runs no migration twice', () => {
    const dir = temp.dir();
    const first = CandleStore.open(dir, { now: () => NOW });
    first.writeCandles(BTC_1M, minuteBars(minutesFrom(0, 10)), range(0, 12));
    first.writeInstruments([BTC_PERP]);
    first.close();

    const file = path.join(dir, DATABASE_FILE);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(migrate(raw)).toBe(0);
    raw.close();

    const second = temp.store({ now: () => NOW }, dir);
    expect(second.file).toBe(path.resolve(file));
    expect(candleBits(second.readCandles(BTC_1M))).toEqual(candleBits(minuteBars(minutesFrom(0, 10))));
    expect(second.coverage(BTC_1M)).toEqual([range(0, 12)]);
    expect(second.findInstrument('bybit', 'linear', 'BTCUSDT')).toEqual(BTC_PERP);
  });

  it('runs each migration step once, in order, and refuses a newer database', () => {
    const db = new Database(':memory:');
    const calls: string[] = [];
    const step = (name: string): Migration => ({ description: name, up: () => calls.push(name) });
    expect(migrate(db, [step('a'), step('b')])).toBe(2);
    expect(migrate(db, [step('a'), step('b')])).toBe(0);
    expect(migrate(db, [step('a'), step('b'), step('c')])).toBe(1);
    expect(calls).toEqual(['a', 'b', 'c']);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(() => migrate(db, [step('a')])).toThrow(/schema version 3, newer than this program's 1/);
    db.close();
  });

  it('rolls a failing migration step back with its version bump', () => {
    const db = new Database(':memory:');
    const failing: Migration = {
      description: 'fails halfway',
      up(connection) {
        connection.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [failing])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 2: candle rows to chunks', () => {
  /** Writes a database at schema version 1, one row per candle, as the previous program did. */
  function versionOneDatabase(file: string, series: readonly { key: SeriesKey; candles: Candles; covered: { from: number; to: number } }[]): void {
    const db = new Database(file);
    configureConnection(db);
    migrate(db, MIGRATIONS.slice(0, 1));
    const insertSeries = db.prepare('INSERT INTO series (exchange, market, symbol, interval) VALUES (?, ?, ?, ?)');
    const insertCandle = db.prepare('INSERT INTO candles VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertCoverage = db.prepare('INSERT INTO coverage VALUES (?, ?, ?)');
    db.transaction(() => {
      for (const { key, candles, covered } of series) {
        const id = Number(insertSeries.run(key.exchange, key.market, key.symbol, key.interval).lastInsertRowid);
        const { time, open, high, low, close, volume } = candles;
        for (let i = 0; i < time.length; i++) insertCandle.run(id, time[i], open[i], high[i], low[i], close[i], volume[i]);
        insertCoverage.run(id, covered.from, covered.to);
      }
    })();
    db.close();
  }

  it('converts the rows of every series and drops the row table', () => {
    const dir = temp.dir();
    const file = path.join(dir, DATABASE_FILE);
    const minutes = syntheticCandles({ bars: 70_000, seed: 5, startTime: T0 });
    // An outage of 3,000 minutes crosses chunk edges; 70,000 rows take two conversion pages.
    const cut = (column: Float64Array): Float64Array => Float64Array.from([...column.subarray(0, 10_000), ...column.subarray(13_000)]);
    const withOutage: Candles = {
      time: cut(minutes.time),
      open: cut(minutes.open),
      high: cut(minutes.high),
      low: cut(minutes.low),
      close: cut(minutes.close),
      volume: cut(minutes.volume),
    };
    const months = minuteBars([0, 1, 2]);
    months.time.set([Date.UTC(2020, 0, 1), Date.UTC(2020, 1, 1), Date.UTC(2020, 3, 1)]);
    const series = [
      { key: BTC_1M, candles: withOutage, covered: { from: T0, to: T0 + 70_000 * 60_000 } },
      { key: { ...BTC_1M, symbol: 'ETHUSDT', interval: '1h' as const }, candles: syntheticCandles({ bars: 50, seed: 6, startTime: T0, intervalMs: 3_600_000 }), covered: { from: T0, to: T0 + 50 * 3_600_000 } },
      { key: { ...BTC_1M, interval: '1M' as const }, candles: months, covered: { from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 4, 1) } },
      { key: { ...BTC_1M, symbol: 'SOLUSDT' }, candles: minuteBars([]), covered: range(0, 10) },
    ];
    versionOneDatabase(file, series);

    const store = temp.store({ now: () => NOW }, dir);
    for (const { key, candles, covered } of series) {
      expect(candleBits(store.readCandles(key))).toEqual(candleBits(candles));
      expect(store.coverage(key)).toEqual([covered]);
    }
    expect(store.inventory().find((s) => s.key.interval === '1m' && s.key.symbol === 'BTCUSDT')?.gaps).toEqual([
      { from: T0 + 10_000 * 60_000, to: T0 + 13_000 * 60_000 },
    ]);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.prepare("SELECT name FROM sqlite_schema WHERE name = 'candles'").all()).toEqual([]);
    raw.close();
  });
});

describe('instruments', () => {
  it('round-trips, lists by market sorted by symbol, and upserts', () => {
    const store = temp.store();
    store.writeInstruments([ETH_PERP, BTC_PERP, { ...BTC_PERP, market: 'spot', contractType: 'spot' }]);
    expect(store.readInstruments('bybit', 'linear')).toEqual([BTC_PERP, ETH_PERP]);
    expect(store.findInstrument('bybit', 'linear', 'ETHUSDT')).toEqual(ETH_PERP);
    expect(store.findInstrument('binance', 'linear', 'BTCUSDT')).toBeNull();
    store.writeInstruments([{ ...BTC_PERP, status: 'settling', tickSize: 0.5 }]);
    expect(store.findInstrument('bybit', 'linear', 'BTCUSDT')).toEqual({ ...BTC_PERP, status: 'settling', tickSize: 0.5 });
    expect(store.readInstruments('bybit', 'linear').length).toBe(2);
  });

  it('rejects an invalid list as a whole', () => {
    const store = temp.store();
    expect(() => store.writeInstruments([ETH_PERP, { ...BTC_PERP, tickSize: -1 }])).toThrow();
    expect(store.readInstruments('bybit', 'linear')).toEqual([]);
  });
});

describe('funding', () => {
  const rates = [
    { time: T0, rate: 0.0001 },
    { time: T0 + EIGHT_HOURS, rate: -0.000_037_5 },
    { time: T0 + 2 * EIGHT_HOURS + 3, rate: 1 / 30_000 },
  ];

  it('round-trips rates and their coverage', () => {
    const store = temp.store();
    store.writeFunding('bybit', 'linear', 'BTCUSDT', rates, { from: T0, to: T0 + 3 * EIGHT_HOURS });
    expect(store.readFunding('bybit', 'linear', 'BTCUSDT', T0, T0 + 3 * EIGHT_HOURS)).toEqual(rates);
    expect(store.readFunding('bybit', 'linear', 'BTCUSDT', T0 + 1, T0 + 2 * EIGHT_HOURS + 3)).toEqual([rates[1]]);
    expect(store.readFunding('bybit', 'linear', 'ETHUSDT', T0, NOW)).toEqual([]);
    store.writeFunding('bybit', 'linear', 'BTCUSDT', [], { from: T0 + 4 * EIGHT_HOURS, to: NOW + EIGHT_HOURS });
    expect(store.fundingCoverage('bybit', 'linear', 'BTCUSDT')).toEqual([
      { from: T0, to: T0 + 3 * EIGHT_HOURS },
      { from: T0 + 4 * EIGHT_HOURS, to: NOW },
    ]);
    expect(store.missingFundingRanges('bybit', 'linear', 'BTCUSDT', T0 - 1, NOW + 1)).toEqual([
      { from: T0 - 1, to: T0 },
      { from: T0 + 3 * EIGHT_HOURS, to: T0 + 4 * EIGHT_HOURS },
    ]);
  });

  it('writes nothing from a bad batch', () => {
    const store = temp.store();
    const covered = { from: T0, to: T0 + 3 * EIGHT_HOURS };
    expect(() => store.writeFunding('bybit', 'linear', 'BTCUSDT', [rates[1], rates[0]], covered)).toThrow(
      /funding of bybit linear BTCUSDT: settlement 1 \(2024-01-01T00:00:00.000Z\) is not after the previous/,
    );
    expect(() => store.writeFunding('bybit', 'linear', 'BTCUSDT', [{ time: T0, rate: Number.NaN }], covered)).toThrow(/not a finite number/);
    expect(() => store.writeFunding('bybit', 'linear', 'BTCUSDT', rates, { from: T0 + 1, to: covered.to })).toThrow(/outside the covered range/);
    expect(store.fundingCoverage('bybit', 'linear', 'BTCUSDT')).toEqual([]);
  });
});
