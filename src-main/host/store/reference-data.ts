/**
 * The non-candle tables of the cache: instrument listings (one row per exchange, market and
 * symbol, replaced on every refresh) and funding settlements with their own coverage, so a
 * perpetual backtest knows "no funding was paid" from "funding was never downloaded".
 */
import type Database from 'better-sqlite3';
import { isoTime } from '../../../src-engine/candles.ts';
import {
  type Exchange,
  type FundingRate,
  type Instrument,
  instrumentSchema,
  type Market,
} from '../../../src-shared/market.ts';
import { RangeTable } from './range-table.ts';
import { subtractRanges, type TimeRange } from './ranges.ts';

/** Table column -> Instrument field: rows are read and written as Instrument objects. */
const INSTRUMENT_FIELDS = [
  ['exchange', 'exchange'],
  ['market', 'market'],
  ['symbol', 'symbol'],
  ['base_asset', 'baseAsset'],
  ['quote_asset', 'quoteAsset'],
  ['status', 'status'],
  ['contract_type', 'contractType'],
  ['tick_size', 'tickSize'],
  ['qty_step', 'qtyStep'],
  ['min_qty', 'minQty'],
  ['min_notional', 'minNotional'],
  ['launch_time_ms', 'launchTime'],
] as const satisfies readonly (readonly [string, keyof Instrument])[];

export class InstrumentTable {
  readonly #db: Database.Database;
  readonly #upsert: Database.Statement;
  readonly #selectMarket: Database.Statement;
  readonly #selectOne: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    const columns = INSTRUMENT_FIELDS.map(([column]) => column).join(', ');
    const parameters = INSTRUMENT_FIELDS.map(([, field]) => `@${field}`).join(', ');
    this.#upsert = db.prepare(`INSERT OR REPLACE INTO instruments (${columns}) VALUES (${parameters})`);
    const aliased = INSTRUMENT_FIELDS.map(([column, field]) => `${column} AS ${field}`).join(', ');
    const select = `SELECT ${aliased} FROM instruments WHERE exchange = ? AND market = ?`;
    this.#selectMarket = db.prepare(`${select} ORDER BY symbol`);
    this.#selectOne = db.prepare(`${select} AND symbol = ?`);
  }

  /** Upserts every instrument in one transaction; an invalid one rejects the whole list. */
  write(list: readonly Instrument[]): void {
    const parsed = list.map((instrument) => instrumentSchema.parse(instrument));
    this.#db.transaction(() => {
      for (const instrument of parsed) this.#upsert.run(instrument);
    }).immediate();
  }

  read(exchange: Exchange, market: Market): Instrument[] {
    return this.#selectMarket.all(exchange, market).map((row) => instrumentSchema.parse(row));
  }

  find(exchange: Exchange, market: Market, symbol: string): Instrument | null {
    const row = this.#selectOne.get(exchange, market, symbol);
    return row === undefined ? null : instrumentSchema.parse(row);
  }
}

export class FundingTable {
  readonly #db: Database.Database;
  readonly #upsert: Database.Statement;
  readonly #select: Database.Statement;
  readonly #coverage: RangeTable;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#upsert = db.prepare('INSERT OR REPLACE INTO funding (exchange, market, symbol, time_ms, rate) VALUES (?, ?, ?, ?, ?)');
    this.#select = db
      .prepare(
        `SELECT time_ms, rate FROM funding
         WHERE exchange = ? AND market = ? AND symbol = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms`,
      )
      .raw();
    this.#coverage = new RangeTable(db, 'funding_coverage', ['exchange', 'market', 'symbol']);
  }

  /**
   * Stores settlements and the range they cover in one transaction. Rates must be ascending,
   * unique, finite and inside `covered`; coverage stops at `now`, since later settlements
   * cannot have been fetched.
   */
  write(exchange: Exchange, market: Market, symbol: string, rates: readonly FundingRate[], covered: TimeRange, now: number): void {
    const fail = (reason: string): never => {
      throw new Error(`cannot store funding of ${exchange} ${market} ${symbol}: ${reason}; nothing was written`);
    };
    if (!Number.isFinite(covered.from) || !Number.isFinite(covered.to) || covered.from > covered.to) {
      fail(`the covered range [${covered.from}, ${covered.to}) must be finite epoch ms with from <= to`);
    }
    rates.forEach((r, i) => {
      const at = `settlement ${i} (${isoTime(r.time)})`;
      if (!Number.isInteger(r.time)) fail(`${at} time must be integer epoch ms`);
      if (!Number.isFinite(r.rate)) fail(`${at} rate ${r.rate} is not a finite number`);
      if (i > 0 && r.time <= rates[i - 1].time) fail(`${at} is not after the previous settlement`);
      if (r.time < covered.from || r.time >= covered.to) fail(`${at} is outside the covered range`);
      if (r.time > now) fail(`${at} is in the future`);
    });
    const key = [exchange, market, symbol];
    const to = Math.min(covered.to, now);
    this.#db.transaction(() => {
      for (const r of rates) this.#upsert.run(exchange, market, symbol, r.time, r.rate);
      this.#coverage.add(key, { from: Math.min(covered.from, to), to });
    }).immediate();
  }

  read(exchange: Exchange, market: Market, symbol: string, from: number, to: number): FundingRate[] {
    return (this.#select.all(exchange, market, symbol, from, to) as [number, number][]).map(([time, rate]) => ({ time, rate }));
  }

  coverage(exchange: Exchange, market: Market, symbol: string): TimeRange[] {
    return this.#coverage.ranges([exchange, market, symbol]);
  }

  missing(exchange: Exchange, market: Market, symbol: string, from: number, to: number, now: number): TimeRange[] {
    return subtractRanges({ from, to: Math.min(to, now) }, this.coverage(exchange, market, symbol));
  }
}
