/**
 * Both adapters against the exchange simulator on every supported market, without faults:
 * candle pages equal the simulator's truth exactly at every interval, instruments and funding
 * match its listings, and unknown symbols, bad intervals and pre-listing ranges fail clearly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../src-main/host/exchanges/adapter.ts';
import { pageRange } from '../../../src-main/host/exchanges/candle-page.ts';
import { INTERVALS, type Interval, type SeriesKey } from '../../../src-shared/market.ts';
import { startExchangeSimulator, type ExchangeSimulator } from '../../exchange-sim/index.ts';
import { plain, simAdapter, VENUES } from './sim-support.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A Monday, so weekly pages start on a bar. */
const FROM = Date.UTC(2023, 0, 2);
const UNTIL = Date.UTC(2025, 0, 1);

let sim: ExchangeSimulator;
beforeAll(async () => {
  sim = await startExchangeSimulator({ seed: 7 });
});
afterAll(async () => {
  await sim.close();
});

async function failure(promise: Promise<unknown>): Promise<ExchangeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    return error as ExchangeError;
  }
  throw new Error('expected a failure');
}

describe.each(VENUES)('$exchange $market $symbol', (venue) => {
  it.each(INTERVALS)('serves %s candles equal to the truth, one page at a time', async (interval: Interval) => {
    const adapter = simAdapter(sim, venue.exchange);
    const key: SeriesKey = { exchange: venue.exchange, market: venue.market, symbol: venue.symbol, interval };
    const range = pageRange(interval, FROM, UNTIL, adapter.pageLimit(venue.market));
    const rows = await adapter.fetchCandlePage(key, FROM, UNTIL);
    const truth = sim.truth(key, range.start, range.end);
    expect(truth.time.length).toBeGreaterThan(0);
    expect(plain(rows)).toEqual(plain(truth));
  });

  it('lists the instruments the exchange lists, with their rules', async () => {
    const instruments = await simAdapter(sim, venue.exchange).listInstruments(venue.market);
    const listed = sim.symbols.filter((spec) => spec.exchange === venue.exchange && spec.market === venue.market);
    expect(instruments.map((i) => i.symbol).sort()).toEqual(listed.map((spec) => spec.symbol).sort());
    for (const spec of listed) {
      const instrument = instruments.find((i) => i.symbol === spec.symbol);
      expect(instrument, spec.symbol).toEqual({
        exchange: venue.exchange,
        market: venue.market,
        symbol: spec.symbol,
        baseAsset: spec.baseAsset,
        quoteAsset: spec.quoteAsset,
        status: 'trading',
        contractType: venue.market === 'spot' ? 'spot' : 'perpetual',
        tickSize: Number(spec.tickSize),
        qtyStep: Number(spec.qtyStep),
        minQty: Number(spec.minQty),
        minNotional: Number(spec.minNotional),
        // Only derivatives publish a listing time (Bybit launchTime, Binance onboardDate).
        launchTime: venue.market === 'spot' ? null : spec.listedAt,
      });
    }
  });

  it('fails an unknown symbol at once, naming it', async () => {
    const adapter = simAdapter(sim, venue.exchange);
    const key: SeriesKey = { exchange: venue.exchange, market: venue.market, symbol: 'BTCUSDX', interval: '1h' };
    const error = await failure(adapter.fetchCandlePage(key, FROM, FROM + DAY));
    expect(error.kind).toBe('unknown-symbol');
    expect(error.message).toMatch(new RegExp(`^${venue.exchange} ${venue.market} has no symbol BTCUSDX \\(`));
    expect(error.code).toBe(venue.exchange === 'bybit' ? 10001 : -1121);
    expect(error.retryable).toBe(false);
  });

  it('refuses an interval the exchange does not offer', async () => {
    const key = { exchange: venue.exchange, market: venue.market, symbol: venue.symbol, interval: '2d' } as unknown as SeriesKey;
    const error = await failure(simAdapter(sim, venue.exchange).fetchCandlePage(key, FROM, FROM + DAY));
    expect(error.kind).toBe('invalid-interval');
    expect(error.message).toMatch(new RegExp(`^${venue.exchange} ${venue.market} does not offer 2d candles`));
  });
});

describe('funding rates', () => {
  const perpetuals = VENUES.filter((venue) => venue.market !== 'spot');

  it.each(perpetuals)('$exchange $market $symbol: all pages in [from, to), ascending', async (venue) => {
    // 400 days of 8-hourly settlements: several Bybit pages (200 rows) and two Binance pages (1000).
    const from = Date.UTC(2023, 0, 1);
    const to = from + 400 * DAY;
    const rates = await simAdapter(sim, venue.exchange).fetchFundingRates(venue.market, venue.symbol, from, to);
    expect(rates).toHaveLength(1200);
    expect(rates).toEqual(sim.fundingTruth(venue.exchange, venue.market, venue.symbol, from, to - 1));
  });

  it.each(VENUES.filter((venue) => venue.market === 'spot'))('$exchange spot has none', async (venue) => {
    expect((await failure(simAdapter(sim, venue.exchange).fetchFundingRates('spot', venue.symbol, FROM, FROM + DAY))).kind).toBe('other');
  });
});

describe('listing times', () => {
  it('reports a range that ends before a Bybit listing', async () => {
    const key: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1h' };
    const error = await failure(simAdapter(sim, 'bybit').fetchCandlePage(key, Date.UTC(2020, 0, 1), Date.UTC(2020, 1, 1)));
    expect(error.kind).toBe('before-listing');
    expect(error.message).toBe('BTCUSDT on bybit linear starts at 2020-03-30; nothing before that');
  });

  it('counts the bar holding the listing minute as existing (Binance USD-M BTCUSDT listed 17:57)', async () => {
    const adapter = simAdapter(sim, 'binance');
    const key: SeriesKey = { exchange: 'binance', market: 'linear', symbol: 'BTCUSDT', interval: '1h' };
    const day = Date.UTC(2019, 8, 8);
    const error = await failure(adapter.fetchCandlePage(key, day, day + 17 * HOUR));
    expect(error.message).toBe('BTCUSDT on binance linear starts at 2019-09-08; nothing before that');
    const rows = await adapter.fetchCandlePage(key, day, day + 30 * HOUR);
    expect(rows.time[0]).toBe(day + 17 * HOUR);
    expect(plain(rows)).toEqual(plain(sim.truth(key, day, day + 30 * HOUR)));
  });

  it('returns an early spot range as simply empty, since spot publishes no listing time', async () => {
    const key: SeriesKey = { exchange: 'bybit', market: 'spot', symbol: 'BTCUSDT', interval: '1d' };
    expect((await simAdapter(sim, 'bybit').fetchCandlePage(key, Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1))).time.length).toBe(0);
  });
});

describe('binance inverse', () => {
  it('is refused with a clear message everywhere', async () => {
    const adapter = simAdapter(sim, 'binance');
    const key: SeriesKey = { exchange: 'binance', market: 'inverse', symbol: 'BTCUSD', interval: '1h' };
    for (const attempt of [
      adapter.fetchCandlePage(key, FROM, FROM + DAY),
      adapter.listInstruments('inverse'),
      adapter.fetchFundingRates('inverse', 'BTCUSD', FROM, FROM + DAY),
    ]) {
      const error = await failure(attempt);
      expect(error.kind).toBe('other');
      expect(error.message).toBe('binance inverse (COIN-M) futures are not supported; use binance linear (USD-M) or bybit inverse');
    }
  });
});
