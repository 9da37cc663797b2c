/**
 * The real exchange SDKs (bybit-api RestClientV5, binance MainClient and USDMClient) against the
 * simulator with nothing changed but their base URLs: klines, instruments and funding on every
 * market, time, and errors as the SDKs surface them.
 */
import { MainClient, USDMClient } from 'binance';
import { RestClientV5 } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Market } from '../../src-shared/market.ts';
import { type ExchangeSimulator, startExchangeSimulator } from './index.ts';

const NOW = Date.UTC(2024, 2, 1, 12, 0, 30);
const HOUR = 3_600_000;
let sim: ExchangeSimulator;
let bybit: RestClientV5;
let spot: MainClient;
let futures: USDMClient;

beforeAll(async () => {
  sim = await startExchangeSimulator({ clock: () => NOW, rateLimits: 'off' });
  bybit = new RestClientV5({ baseUrl: sim.endpoints.bybitRest });
  spot = new MainClient({ baseUrl: sim.endpoints.binanceSpotRest });
  futures = new USDMClient({ baseUrl: sim.endpoints.binanceFuturesRest });
});

afterAll(async () => {
  await sim.close();
});

interface Columns {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

/** Rows [time, open, high, low, close, volume, ...] to columns, oldest first, closed candles only (the clock's bar dropped). */
function columns(rows: ReadonlyArray<ReadonlyArray<string | number>>, intervalMs: number): Columns {
  const closed = rows.map((row) => row.slice(0, 6).map(Number)).filter((row) => row[0] + intervalMs <= NOW);
  closed.sort((a, b) => a[0] - b[0]);
  return {
    time: closed.map((row) => row[0]),
    open: closed.map((row) => row[1]),
    high: closed.map((row) => row[2]),
    low: closed.map((row) => row[3]),
    close: closed.map((row) => row[4]),
    volume: closed.map((row) => row[5]),
  };
}

function truthColumns(exchange: 'bybit' | 'binance', market: Market, symbol: string, interval: '1m' | '1h' | '1d', from: number, to: number): Columns {
  const truth = sim.truth({ exchange, market, symbol, interval }, from, to);
  return { time: [...truth.time], open: [...truth.open], high: [...truth.high], low: [...truth.low], close: [...truth.close], volume: [...truth.volume] };
}

describe('bybit-api RestClientV5', () => {
  it.each([
    ['spot', 'BTCUSDT'],
    ['linear', 'ETHUSDT'],
    ['inverse', 'BTCUSD'],
  ] as const)('reads %s klines that match truth()', async (category, symbol) => {
    const start = NOW - 50 * HOUR;
    const response = await bybit.getKline({ category, symbol, interval: '60', start, end: NOW, limit: 1000 });
    expect(response.retCode).toBe(0);
    expect(response.result.list).toHaveLength(50);
    expect(Number(response.result.list[0][0])).toBeGreaterThan(Number(response.result.list[1][0]));
    expect(columns(response.result.list, HOUR)).toEqual(truthColumns('bybit', category, symbol, '1h', start, NOW));
  });

  it.each(['spot', 'linear', 'inverse'] as const)('lists %s instruments', async (category) => {
    const response = await bybit.getInstrumentsInfo({ category });
    expect(response.retCode).toBe(0);
    const expected = sim.symbols.filter((s) => s.exchange === 'bybit' && s.market === category);
    expect(response.result.list.map((item) => item.symbol)).toEqual(expected.map((s) => s.symbol));
    for (const item of response.result.list) {
      const spec = expected.find((s) => s.symbol === item.symbol);
      expect(item.priceFilter.tickSize).toBe(spec?.tickSize);
      if ('basePrecision' in item.lotSizeFilter) {
        expect(item.lotSizeFilter).toMatchObject({ basePrecision: spec?.qtyStep, minOrderQty: spec?.minQty, minOrderAmt: spec?.minNotional });
      } else {
        expect(item.lotSizeFilter).toMatchObject({ qtyStep: spec?.qtyStep, minOrderQty: spec?.minQty });
        expect('launchTime' in item && Number(item.launchTime)).toBe(spec?.listedAt);
      }
    }
  });

  it.each([
    ['linear', 'SOLUSDT'],
    ['inverse', 'ETHUSD'],
  ] as const)('reads %s funding history that matches fundingTruth()', async (category, symbol) => {
    const startTime = NOW - 30 * 24 * HOUR;
    const response = await bybit.getFundingRateHistory({ category, symbol, startTime, endTime: NOW, limit: 200 });
    expect(response.retCode).toBe(0);
    const served = response.result.list.map((row) => ({ time: Number(row.fundingRateTimestamp), rate: Number(row.fundingRate) })).reverse();
    expect(served).toEqual(sim.fundingTruth('bybit', category, symbol, startTime, NOW));
    expect(served).toHaveLength(90);
  });

  it('reads the server time', async () => {
    const response = await bybit.getServerTime();
    expect(response.result.timeSecond).toBe(String(Math.floor(NOW / 1000)));
    expect(response.time).toBe(NOW);
  });

  it('returns Bybit errors as retCode, and throws on HTTP refusals', async () => {
    const unknown = await bybit.getKline({ category: 'linear', symbol: 'NOPEUSDT', interval: '1' });
    expect(unknown.retCode).toBe(10001);
    sim.setFaults([{ kind: 'rate-limit', exchange: 'bybit' }]);
    await expect(bybit.getServerTime()).rejects.toMatchObject({ code: 403, body: 'access too frequent' });
    sim.setFaults([]);
  });
});

describe('binance MainClient (spot)', () => {
  it('reads klines that match truth()', async () => {
    const startTime = NOW - 999 * 60_000;
    const rows = await spot.getKlines({ symbol: 'SOLUSDT', interval: '1m', startTime, limit: 1000 });
    expect(rows).toHaveLength(999);
    expect(rows[0][0]).toBe(Math.ceil(startTime / 60_000) * 60_000);
    expect(columns(rows, 60_000)).toEqual(truthColumns('binance', 'spot', 'SOLUSDT', '1m', startTime, NOW));
  });

  it('reads exchange info for all, one and several symbols', async () => {
    expect((await spot.getExchangeInfo()).symbols).toHaveLength(5);
    expect((await spot.getExchangeInfo({ symbol: 'XRPUSDT' })).symbols.map((s) => s.symbol)).toEqual(['XRPUSDT']);
    const several = await spot.getExchangeInfo({ symbols: ['BTCUSDT', 'BNBUSDT'] });
    expect(several.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT', 'BNBUSDT']);
    const lot = several.symbols[0].filters.find((f) => f.filterType === 'LOT_SIZE');
    expect(lot).toMatchObject({ stepSize: '0.00001000' });
  });

  it('pings, and tells the time through the generic get', async () => {
    expect(await spot.testConnectivity()).toEqual({});
    // MainClient.getServerTime() resolves its URL from the built-in host list, not baseUrl.
    expect(await spot.get('api/v3/time')).toEqual({ serverTime: NOW });
  });

  it('throws Binance errors with their code', async () => {
    await expect(spot.getKlines({ symbol: 'NOPEUSDT', interval: '1m' })).rejects.toMatchObject({ code: -1121, message: 'Invalid symbol.' });
    sim.setFaults([{ kind: 'rate-limit', exchange: 'binance', retryAfterSeconds: 3 }]);
    const refusal = await spot.getKlines({ symbol: 'BTCUSDT', interval: '1m' }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: -1003 });
    expect((refusal as { headers: Record<string, string> }).headers['retry-after']).toBe('3');
    sim.setFaults([]);
  });
});

describe('binance USDMClient (USD-M futures)', () => {
  it('reads 1500-candle pages that match truth()', async () => {
    const startTime = Date.UTC(2024, 0, 1);
    const rows = await futures.getKlines({ symbol: 'BTCUSDT', interval: '1h', startTime, limit: 1500 });
    expect(rows).toHaveLength(1453);
    expect(columns(rows, HOUR)).toEqual(truthColumns('binance', 'linear', 'BTCUSDT', '1h', startTime, NOW));
  });

  it('reads exchange info', async () => {
    const info = await futures.getExchangeInfo();
    expect(info.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT']);
    expect(info.symbols[0].filters).toContainEqual({ filterType: 'MIN_NOTIONAL', notional: '100' });
  });

  it('reads funding rates that match fundingTruth()', async () => {
    const startTime = Date.UTC(2024, 1, 1);
    const rows = await futures.getFundingRateHistory({ symbol: 'XRPUSDT', startTime, endTime: NOW, limit: 1000 });
    expect(rows.map((row) => ({ time: row.fundingTime, rate: Number(row.fundingRate) }))).toEqual(sim.fundingTruth('binance', 'linear', 'XRPUSDT', startTime, NOW));
  });

  it('syncs time against the simulator', async () => {
    expect(await futures.getServerTime()).toBe(NOW);
  });
});
