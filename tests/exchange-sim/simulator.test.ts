/**
 * The simulator's REST protocol, checked with plain fetch against the documented formats, and
 * its market data: determinism, exact aggregation, listing times, gaps, the forming candle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExchangeSimulator, defaultSymbols, startExchangeSimulator } from './index.ts';
import { get } from './test-support.ts';

/** Friday 1 March 2024, 12:00:30 UTC: the 12:00 minute and hour are still forming. */
const NOW = Date.UTC(2024, 2, 1, 12, 0, 30);
const HOUR = 3_600_000;
const MINUTE = 60_000;

let sim: ExchangeSimulator;

beforeAll(async () => {
  sim = await startExchangeSimulator({ clock: () => NOW, rateLimits: 'off' });
});

afterAll(async () => {
  await sim.close();
});

const bybit = (path: string) => get(`${sim.endpoints.bybitRest}${path}`);
const spot = (path: string) => get(`${sim.endpoints.binanceSpotRest}${path}`);
const futures = (path: string) => get(`${sim.endpoints.binanceFuturesRest}${path}`);

describe('server', () => {
  it('listens on 127.0.0.1 and serves each exchange under its own prefix', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.endpoints).toEqual({
      bybitRest: `${sim.url}/bybit`,
      bybitWs: `${sim.url.replace('http', 'ws')}/bybit`,
      binanceSpotRest: `${sim.url}/binance-spot`,
      binanceFuturesRest: `${sim.url}/binance-futures`,
      binanceSpotWs: `${sim.url.replace('http', 'ws')}/binance-spot`,
      binanceFuturesWs: `${sim.url.replace('http', 'ws')}/binance-futures`,
    });
    expect(sim.now()).toBe(NOW);
  });

  it('refuses listings that start inside a minute', async () => {
    const [first, ...rest] = defaultSymbols();
    await expect(startExchangeSimulator({ symbols: [{ ...first, listedAt: first.listedAt + 1 }, ...rest] })).rejects.toThrow(/minute boundary/);
  });

  it('answers 404 for unknown paths', async () => {
    expect((await get(`${sim.url}/nowhere`)).status).toBe(404);
    expect((await bybit('/v5/market/orderbook')).status).toBe(404);
    expect((await spot('/api/v3/depth')).status).toBe(404);
  });

  it('counts requests per path', async () => {
    const before = sim.stats();
    await bybit('/v5/market/time');
    await bybit('/v5/market/time');
    const after = sim.stats();
    expect(after.requests['/bybit/v5/market/time']).toBe((before.requests['/bybit/v5/market/time'] ?? 0) + 2);
    expect(after.totalRequests).toBe(before.totalRequests + 2);
  });
});

describe('Bybit v5 REST', () => {
  it('serves klines newest first as seven strings, in the documented envelope', async () => {
    const { status, json } = await bybit('/v5/market/kline?category=linear&symbol=BTCUSDT&interval=60&limit=3');
    expect(status).toBe(200);
    expect(Object.keys(json)).toEqual(['retCode', 'retMsg', 'result', 'retExtInfo', 'time']);
    expect(json).toMatchObject({ retCode: 0, retMsg: 'OK', retExtInfo: {}, time: NOW });
    expect(json.result.symbol).toBe('BTCUSDT');
    expect(json.result.category).toBe('linear');
    const list: string[][] = json.result.list;
    expect(list.map((row) => Number(row[0]))).toEqual([Date.UTC(2024, 2, 1, 12), Date.UTC(2024, 2, 1, 11), Date.UTC(2024, 2, 1, 10)]);
    for (const row of list) {
      expect(row).toHaveLength(7);
      for (const field of row) expect(field).toMatch(/^\d+(\.\d+)?$/);
      const [, open, high, low, close] = row.map(Number);
      expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
      expect(low).toBeLessThanOrEqual(Math.min(open, close));
    }
  });

  it('defaults to 200 rows and never serves more than 1000', async () => {
    expect((await bybit('/v5/market/kline?category=spot&symbol=ETHUSDT&interval=1')).json.result.list).toHaveLength(200);
    expect((await bybit('/v5/market/kline?category=spot&symbol=ETHUSDT&interval=1&limit=5000')).json.result.list).toHaveLength(1000);
  });

  it('keeps the newest rows of a start..end range, both ends inclusive', async () => {
    const start = Date.UTC(2024, 1, 1);
    const end = Date.UTC(2024, 1, 1, 9);
    const list: string[][] = (await bybit(`/v5/market/kline?category=inverse&symbol=BTCUSD&interval=60&start=${start}&end=${end}&limit=4`)).json.result.list;
    expect(list.map((row) => Number(row[0]))).toEqual([9, 8, 7, 6].map((h) => Date.UTC(2024, 1, 1, h)));
    const all: string[][] = (await bybit(`/v5/market/kline?category=inverse&symbol=BTCUSD&interval=60&start=${start}&end=${end}`)).json.result.list;
    expect(all).toHaveLength(10);
  });

  it('answers bad requests with HTTP 200 and retCode 10001', async () => {
    const unknown = await bybit('/v5/market/kline?category=linear&symbol=NOPEUSDT&interval=60');
    expect(unknown.status).toBe(200);
    expect(unknown.json).toMatchObject({ retCode: 10001, retMsg: 'Not supported symbols', result: {} });
    expect((await bybit('/v5/market/kline?category=linear&symbol=BTCUSD&interval=60')).json.retCode).toBe(10001);
    expect((await bybit('/v5/market/kline?category=linear&symbol=BTCUSDT&interval=2h')).json).toMatchObject({ retCode: 10001, retMsg: 'Invalid period!' });
    expect((await bybit('/v5/market/kline?category=option&symbol=BTCUSDT&interval=60')).json).toMatchObject({ retCode: 10001, retMsg: 'Illegal category' });
    expect((await bybit('/v5/market/kline?category=spot&symbol=BTCUSDT&interval=60&start=yesterday')).json.retCode).toBe(10001);
  });

  it('describes spot instruments with basePrecision and minOrderAmt', async () => {
    const { json } = await bybit('/v5/market/instruments-info?category=spot');
    expect(json.retCode).toBe(0);
    expect(json.result.category).toBe('spot');
    expect(json.result).not.toHaveProperty('nextPageCursor');
    expect(json.result.list.map((item: { symbol: string }) => item.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT']);
    const btc = json.result.list[0];
    expect(btc).toMatchObject({ symbol: 'BTCUSDT', baseCoin: 'BTC', quoteCoin: 'USDT', status: 'Trading', priceFilter: { tickSize: '0.01' } });
    expect(btc.lotSizeFilter).toMatchObject({ basePrecision: '0.000001', minOrderQty: '0.000048', minOrderAmt: '5' });
  });

  it('describes linear and inverse contracts with qtyStep, launchTime and cursor pagination', async () => {
    const linear = (await bybit('/v5/market/instruments-info?category=linear&symbol=SOLUSDT')).json.result;
    expect(linear.nextPageCursor).toBe('');
    const sol = linear.list[0];
    const spec = defaultSymbols().find((s) => s.exchange === 'bybit' && s.market === 'linear' && s.symbol === 'SOLUSDT');
    expect(sol).toMatchObject({
      symbol: 'SOLUSDT',
      contractType: 'LinearPerpetual',
      status: 'Trading',
      launchTime: String(spec?.listedAt),
      priceScale: '3',
      priceFilter: { tickSize: '0.010' },
      lotSizeFilter: { qtyStep: '0.1', minOrderQty: '0.1', minNotionalValue: '5' },
      fundingInterval: 480,
      settleCoin: 'USDT',
    });

    const first = (await bybit('/v5/market/instruments-info?category=inverse&limit=1')).json.result;
    expect(first.list.map((item: { symbol: string }) => item.symbol)).toEqual(['BTCUSD']);
    expect(first.list[0]).toMatchObject({ contractType: 'InversePerpetual', settleCoin: 'BTC', priceFilter: { tickSize: '0.50' } });
    expect(first.list[0].lotSizeFilter).not.toHaveProperty('minNotionalValue');
    expect(first.nextPageCursor).not.toBe('');
    const second = (await bybit(`/v5/market/instruments-info?category=inverse&limit=1&cursor=${encodeURIComponent(first.nextPageCursor)}`)).json.result;
    expect(second.list.map((item: { symbol: string }) => item.symbol)).toEqual(['ETHUSD']);
    expect(second.nextPageCursor).toBe('');

    expect((await bybit('/v5/market/instruments-info?category=linear&symbol=NOPEUSDT')).json.result.list).toEqual([]);
  });

  it('serves funding history newest first, every 8 hours', async () => {
    const { json } = await bybit('/v5/market/funding/history?category=linear&symbol=BTCUSDT&limit=4');
    expect(json.retCode).toBe(0);
    const list: Array<{ symbol: string; fundingRate: string; fundingRateTimestamp: string }> = json.result.list;
    expect(list.map((row) => Number(row.fundingRateTimestamp))).toEqual([8, 0, -8, -16].map((h) => Date.UTC(2024, 2, 1) + h * HOUR));
    for (const row of list) {
      expect(row.symbol).toBe('BTCUSDT');
      expect(Math.abs(Number(row.fundingRate))).toBeLessThan(0.003);
    }
    const rates = (await bybit('/v5/market/funding/history?category=inverse&symbol=ETHUSD&limit=200')).json.result.list.map((row: { fundingRate: string }) => Number(row.fundingRate));
    expect(rates).toHaveLength(200);
    const mean = rates.reduce((sum: number, rate: number) => sum + rate, 0) / rates.length;
    expect(mean).toBeGreaterThan(0.00005);
    expect(mean).toBeLessThan(0.00015);
  });

  it('rejects funding with startTime alone, and spot funding', async () => {
    expect((await bybit(`/v5/market/funding/history?category=linear&symbol=BTCUSDT&startTime=${NOW - 10 * HOUR * 24}`)).json.retCode).toBe(10001);
    expect((await bybit('/v5/market/funding/history?category=spot&symbol=BTCUSDT')).json.retCode).toBe(10001);
    const range = (await bybit(`/v5/market/funding/history?category=linear&symbol=BTCUSDT&startTime=${Date.UTC(2024, 1, 1)}&endTime=${Date.UTC(2024, 1, 2)}`)).json.result.list;
    expect(range.map((row: { fundingRateTimestamp: string }) => Number(row.fundingRateTimestamp))).toEqual([24, 16, 8, 0].map((h) => Date.UTC(2024, 1, 1) + h * HOUR));
  });

  it('tells the server time in seconds and nanoseconds', async () => {
    const { json } = await bybit('/v5/market/time');
    expect(json.result).toEqual({ timeSecond: String(NOW / 1000 | 0), timeNano: `${NOW}000000` });
  });
});

describe('Binance REST', () => {
  it('serves spot klines oldest first as 12 fields with 8-decimal strings', async () => {
    const { status, headers, json } = await spot('/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=3');
    expect(status).toBe(200);
    expect(headers.get('x-mbx-used-weight-1m')).toMatch(/^\d+$/);
    expect(json.map((row: unknown[]) => row[0])).toEqual([10, 11, 12].map((h) => Date.UTC(2024, 2, 1, h)));
    for (const row of json) {
      expect(row).toHaveLength(12);
      expect(row[6]).toBe(row[0] + HOUR - 1);
      for (const i of [1, 2, 3, 4, 5, 7, 9, 10]) expect(row[i]).toMatch(/^\d+\.\d{8}$/);
      expect(Number.isInteger(row[8])).toBe(true);
      expect(row[11]).toBe('0');
    }
  });

  it('defaults to 500 rows, at most 1000 on spot and 1500 on futures', async () => {
    expect((await spot('/api/v3/klines?symbol=XRPUSDT&interval=1m')).json).toHaveLength(500);
    expect((await spot('/api/v3/klines?symbol=XRPUSDT&interval=1m&limit=1500')).json).toHaveLength(1000);
    expect((await futures('/fapi/v1/klines?symbol=XRPUSDT&interval=1m&limit=1500')).json).toHaveLength(1500);
    expect((await futures('/fapi/v1/klines?symbol=XRPUSDT&interval=1m&limit=2000')).json).toHaveLength(1500);
  });

  it('reads forward from startTime, backward from endTime', async () => {
    const start = Date.UTC(2024, 1, 1, 0, 30);
    const fromStart = (await spot(`/api/v3/klines?symbol=ETHUSDT&interval=1h&startTime=${start}&limit=2`)).json;
    expect(fromStart.map((row: number[]) => row[0])).toEqual([Date.UTC(2024, 1, 1, 1), Date.UTC(2024, 1, 1, 2)]);
    const toEnd = (await spot(`/api/v3/klines?symbol=ETHUSDT&interval=1h&endTime=${Date.UTC(2024, 1, 1, 5)}&limit=2`)).json;
    expect(toEnd.map((row: number[]) => row[0])).toEqual([Date.UTC(2024, 1, 1, 4), Date.UTC(2024, 1, 1, 5)]);
    const both = (await spot(`/api/v3/klines?symbol=ETHUSDT&interval=1h&startTime=${Date.UTC(2024, 1, 1)}&endTime=${Date.UTC(2024, 1, 1, 5)}&limit=1000`)).json;
    expect(both).toHaveLength(6);
  });

  it('prints futures prices with the symbol precision', async () => {
    const sol = (await futures('/fapi/v1/klines?symbol=SOLUSDT&interval=1d&limit=1')).json[0];
    expect(sol[1]).toMatch(/^\d+\.\d{4}$/);
    expect(sol[5]).toMatch(/^\d+$/);
    const btc = (await futures('/fapi/v1/klines?symbol=BTCUSDT&interval=1d&limit=1')).json[0];
    expect(btc[1]).toMatch(/^\d+\.\d0$/);
    expect(btc[5]).toMatch(/^\d+\.\d{3}$/);
  });

  it('answers errors with HTTP 400 and Binance codes', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/v3/klines?symbol=NOPEUSDT&interval=1m', -1121, 'Invalid symbol.'],
      ['/api/v3/klines?symbol=BTCUSDT&interval=2m', -1120, 'Invalid interval.'],
      ['/api/v3/klines?interval=1m', -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."],
      ['/api/v3/klines?symbol=BTCUSDT', -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed."],
      ['/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=abc', -1100, "Illegal characters found in parameter 'startTime'; legal range is '^[0-9]{1,20}$'."],
      ['/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=2000&endTime=1000', -1023, 'Start time is greater than end time.'],
      ['/api/v3/exchangeInfo?symbol=NOPEUSDT', -1121, 'Invalid symbol.'],
    ];
    for (const [path, code, msg] of cases) {
      const response = await spot(path);
      expect(response.status, path).toBe(400);
      expect(response.json, path).toEqual({ code, msg });
    }
    expect((await futures('/fapi/v1/klines?symbol=BTCUSD&interval=1m')).json).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    expect((await futures('/fapi/v1/fundingRate?symbol=NOPEUSDT')).status).toBe(400);
  });

  it('describes spot symbols with PRICE_FILTER, LOT_SIZE and NOTIONAL (or legacy MIN_NOTIONAL)', async () => {
    const info = (await spot('/api/v3/exchangeInfo')).json;
    expect(info).toMatchObject({ timezone: 'UTC', serverTime: NOW, exchangeFilters: [] });
    expect(info.rateLimits[0]).toEqual({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 });
    expect(info.symbols).toHaveLength(5);
    const filter = (symbol: string, type: string) =>
      info.symbols.find((s: { symbol: string }) => s.symbol === symbol).filters.find((f: { filterType: string }) => f.filterType === type);
    expect(filter('BTCUSDT', 'PRICE_FILTER')).toMatchObject({ tickSize: '0.01000000' });
    expect(filter('BTCUSDT', 'LOT_SIZE')).toMatchObject({ stepSize: '0.00001000', minQty: '0.00001000' });
    expect(filter('BTCUSDT', 'NOTIONAL')).toMatchObject({ minNotional: '5.00000000' });
    expect(filter('BNBUSDT', 'MIN_NOTIONAL')).toMatchObject({ minNotional: '5.00000000' });
    expect(filter('BNBUSDT', 'NOTIONAL')).toBeUndefined();

    expect((await spot('/api/v3/exchangeInfo?symbol=ETHUSDT')).json.symbols.map((s: { symbol: string }) => s.symbol)).toEqual(['ETHUSDT']);
    expect((await spot('/api/v3/exchangeInfo?symbols=["SOLUSDT","XRPUSDT"]')).json.symbols.map((s: { symbol: string }) => s.symbol)).toEqual(['SOLUSDT', 'XRPUSDT']);
  });

  it('describes USD-M perpetuals with onboardDate and MIN_NOTIONAL notional', async () => {
    const info = (await futures('/fapi/v1/exchangeInfo')).json;
    expect(info.rateLimits[0]).toEqual({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 });
    const btc = info.symbols.find((s: { symbol: string }) => s.symbol === 'BTCUSDT');
    expect(btc).toMatchObject({ contractType: 'PERPETUAL', status: 'TRADING', pricePrecision: 2, quantityPrecision: 3, onboardDate: Date.UTC(2019, 8, 8, 17, 57) });
    expect(btc.filters).toContainEqual({ filterType: 'MIN_NOTIONAL', notional: '100' });
    expect(btc.filters.find((f: { filterType: string }) => f.filterType === 'PRICE_FILTER').tickSize).toBe('0.10');
  });

  it('serves funding rates oldest first from startTime', async () => {
    const rows = (await futures(`/fapi/v1/fundingRate?symbol=ETHUSDT&startTime=${Date.UTC(2024, 1, 1)}&limit=3`)).json;
    expect(rows.map((row: { fundingTime: number }) => row.fundingTime)).toEqual([0, 8, 16].map((h) => Date.UTC(2024, 1, 1) + h * HOUR));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['symbol', 'fundingRate', 'fundingTime', 'markPrice']);
      expect(row.fundingRate).toMatch(/^-?\d\.\d{8}$/);
      expect(row.markPrice).toMatch(/^\d+\.\d{8}$/);
    }
    const latest = (await futures('/fapi/v1/fundingRate?symbol=ETHUSDT&limit=2')).json;
    expect(latest.map((row: { fundingTime: number }) => row.fundingTime)).toEqual([Date.UTC(2024, 2, 1, 0), Date.UTC(2024, 2, 1, 8)]);
  });

  it('answers ping and time', async () => {
    expect((await spot('/api/v3/ping')).json).toEqual({});
    expect((await spot('/api/v3/time')).json).toEqual({ serverTime: NOW });
    expect((await futures('/fapi/v1/ping')).json).toEqual({});
    expect((await futures('/fapi/v1/time')).json).toEqual({ serverTime: NOW });
  });
});

describe('market data', () => {
  it('includes the forming candle, which truth() leaves out', async () => {
    const rows = (await spot('/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=2')).json;
    expect(rows.map((row: number[]) => row[0])).toEqual([Date.UTC(2024, 2, 1, 12) - MINUTE, Date.UTC(2024, 2, 1, 12)]);
    const truth = sim.truth({ exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' }, Date.UTC(2024, 2, 1, 12) - 2 * MINUTE, NOW + MINUTE);
    expect([...truth.time]).toEqual([Date.UTC(2024, 2, 1, 12) - 2 * MINUTE, Date.UTC(2024, 2, 1, 12) - MINUTE]);
    expect(Number(rows[0][4])).toBe(truth.close[1]);
    // Half-way through the minute, the forming candle carries about half the final volume.
    const final = await startExchangeSimulator({ clock: () => NOW + MINUTE, rateLimits: 'off' });
    try {
      const closed = (await get(`${final.endpoints.binanceSpotRest}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=2`)).json[0];
      expect(closed[0]).toBe(rows[1][0]);
      expect(closed[1]).toBe(rows[1][1]);
      expect(Number(rows[1][5])).toBeLessThan(Number(closed[5]));
    } finally {
      await final.close();
    }
  });

  it('is deterministic: the same seed serves the same candles, another seed others', async () => {
    const twin = await startExchangeSimulator({ clock: () => NOW, rateLimits: 'off' });
    const other = await startExchangeSimulator({ clock: () => NOW, rateLimits: 'off', seed: 2 });
    try {
      const path = `/v5/market/kline?category=linear&symbol=ETHUSDT&interval=15&start=${Date.UTC(2023, 5, 1)}&end=${Date.UTC(2023, 5, 10)}&limit=1000`;
      const mine = (await bybit(path)).text;
      expect((await get(`${twin.endpoints.bybitRest}${path}`)).text).toBe(mine);
      expect((await get(`${other.endpoints.bybitRest}${path}`)).text).not.toBe(mine);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('builds every interval as the exact aggregate of its one-minute candles', async () => {
    const from = Date.UTC(2023, 10, 5, 3);
    const minutes = (await bybit(`/v5/market/kline?category=spot&symbol=SOLUSDT&interval=1&start=${from}&end=${from + 4 * HOUR - 1}&limit=1000`)).json.result.list.reverse();
    const hours = (await bybit(`/v5/market/kline?category=spot&symbol=SOLUSDT&interval=60&start=${from}&end=${from + 3 * HOUR}&limit=1000`)).json.result.list.reverse();
    expect(minutes).toHaveLength(240);
    expect(hours).toHaveLength(4);
    hours.forEach((hour: string[], h: number) => {
      const part = minutes.slice(h * 60, h * 60 + 60);
      expect(hour[0]).toBe(part[0][0]);
      expect(hour[1]).toBe(part[0][1]);
      expect(Number(hour[2])).toBe(Math.max(...part.map((m: string[]) => Number(m[2]))));
      expect(Number(hour[3])).toBe(Math.min(...part.map((m: string[]) => Number(m[3]))));
      expect(hour[4]).toBe(part[59][4]);
      const units = (text: string) => Math.round(Number(text) * 1e4);
      expect(units(hour[5])).toBe(part.reduce((sum: number, m: string[]) => sum + units(m[5]), 0));
      expect(units(hour[6])).toBe(part.reduce((sum: number, m: string[]) => sum + units(m[6]), 0));
    });
  });

  it('aggregates days into Monday weeks and calendar months', () => {
    const key = { exchange: 'binance', market: 'spot', symbol: 'ETHUSDT' } as const;
    const days = sim.truth({ ...key, interval: '1d' }, Date.UTC(2024, 0, 1), Date.UTC(2024, 2, 1));
    const weeks = sim.truth({ ...key, interval: '1w' }, Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 26));
    const months = sim.truth({ ...key, interval: '1M' }, Date.UTC(2024, 0, 1), Date.UTC(2024, 2, 1));
    expect(new Date(weeks.time[0]).getUTCDay()).toBe(1);
    expect([...months.time]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)]);
    const check = (bars: typeof weeks, i: number, first: number, count: number) => {
      expect(bars.open[i]).toBe(days.open[first]);
      expect(bars.close[i]).toBe(days.close[first + count - 1]);
      expect(bars.high[i]).toBe(Math.max(...days.high.slice(first, first + count)));
      expect(bars.low[i]).toBe(Math.min(...days.low.slice(first, first + count)));
    };
    weeks.time.forEach((_, i) => check(weeks, i, i * 7, 7));
    check(months, 0, 0, 31);
    check(months, 1, 31, 29);
  });

  it('has no candles before a symbol is listed', async () => {
    const spec = defaultSymbols().find((s) => s.exchange === 'binance' && s.market === 'spot' && s.symbol === 'SOLUSDT');
    const listedAt = spec?.listedAt as number;
    expect((await spot(`/api/v3/klines?symbol=SOLUSDT&interval=1h&startTime=${listedAt - 30 * 24 * HOUR}&endTime=${listedAt - 1}`)).json).toEqual([]);
    const first = (await spot(`/api/v3/klines?symbol=SOLUSDT&interval=1d&startTime=0&limit=2`)).json;
    expect(first[0][0]).toBe(Date.UTC(2020, 7, 11));
    const firstMinute = (await spot(`/api/v3/klines?symbol=SOLUSDT&interval=1m&startTime=0&limit=1`)).json;
    expect(firstMinute[0][0]).toBe(listedAt);
    // The listing day's candle holds only the minutes since listing.
    const dayTruth = sim.truth({ exchange: 'binance', market: 'spot', symbol: 'SOLUSDT', interval: '1d' }, 0, Date.UTC(2020, 7, 12));
    expect(dayTruth.time.length).toBe(1);
    expect(dayTruth.open[0]).toBe(Number(firstMinute[0][1]));
    expect((await bybit(`/v5/market/kline?category=linear&symbol=BTCUSDT&interval=D&end=${Date.UTC(2019, 0, 1)}`)).json.result.list).toEqual([]);
  });

  it('leaves gaps empty and aggregates around them; truth() agrees', async () => {
    const gapFrom = Date.UTC(2024, 1, 10, 6, 20);
    const gapTo = Date.UTC(2024, 1, 10, 8, 0);
    const gapped = await startExchangeSimulator({ clock: () => NOW, rateLimits: 'off', faults: [{ kind: 'gap', from: gapFrom, to: gapTo, exchange: 'bybit', market: 'linear', symbol: 'ETHUSDT' }] });
    try {
      const path = `/v5/market/kline?category=linear&symbol=ETHUSDT&interval=60&start=${Date.UTC(2024, 1, 10, 5)}&end=${Date.UTC(2024, 1, 10, 8)}`;
      const hours = (await get(`${gapped.endpoints.bybitRest}${path}`)).json.result.list.map((row: string[]) => Number(row[0]));
      expect(hours).toEqual([Date.UTC(2024, 1, 10, 8), Date.UTC(2024, 1, 10, 6), Date.UTC(2024, 1, 10, 5)]);
      const minutes = gapped.truth({ exchange: 'bybit', market: 'linear', symbol: 'ETHUSDT', interval: '1m' }, Date.UTC(2024, 1, 10, 6), Date.UTC(2024, 1, 10, 7));
      expect(minutes.time.length).toBe(20);
      const hour = gapped.truth({ exchange: 'bybit', market: 'linear', symbol: 'ETHUSDT', interval: '1h' }, Date.UTC(2024, 1, 10, 6), Date.UTC(2024, 1, 10, 7));
      expect(hour.close[0]).toBe(minutes.close[19]);
      expect(hour.high[0]).toBe(Math.max(...minutes.high));
      // Other listings keep their candles.
      const spotHours = (await get(`${gapped.endpoints.bybitRest}${path.replace('linear', 'spot')}`)).json.result.list;
      expect(spotHours).toHaveLength(4);
      expect(gapped.truth({ exchange: 'binance', market: 'linear', symbol: 'ETHUSDT', interval: '1h' }, Date.UTC(2024, 1, 10, 6), gapTo).time.length).toBe(2);
    } finally {
      await gapped.close();
    }
  });

  it('keeps prices positive and in a realistic range over years', () => {
    for (const spec of defaultSymbols().filter((s) => s.exchange === 'bybit' && s.market === 'linear' && s.symbol !== 'BTCUSDT')) {
      const weeks = sim.truth({ exchange: spec.exchange, market: spec.market, symbol: spec.symbol, interval: '1w' }, Date.UTC(2022, 2, 1), Date.UTC(2024, 2, 1));
      expect(weeks.time.length).toBe(103);
      expect(Math.min(...weeks.low)).toBeGreaterThan(spec.basePrice / 8);
      expect(Math.max(...weeks.high)).toBeLessThan(spec.basePrice * 8);
    }
  });
});
