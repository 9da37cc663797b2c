/**
 * Both adapters over real HTTP through the SDKs, against a scripted stub: what each request
 * carries, how responses become rows, instruments and funding, and how SDK failures surface.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../src-main/host/exchanges/adapter.ts';
import { createBinanceAdapter } from '../../../src-main/host/exchanges/binance.ts';
import { createBybitAdapter } from '../../../src-main/host/exchanges/bybit.ts';
import type { AdapterOptions } from '../../../src-main/host/exchanges/options.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { fakeTime } from './fake-time.ts';
import { startStub, type StubReply, type StubRequest, type StubServer } from './stub-server.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const LATER = T0 + 1000 * HOUR;

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function serve(handler: (request: StubRequest) => StubReply): Promise<StubServer> {
  stub = await startStub(handler);
  return stub;
}

function options(server: StubServer, extra: Partial<AdapterOptions> = {}): AdapterOptions {
  const time = fakeTime();
  return {
    endpoints: { bybitRest: server.url, binanceSpotRest: server.url, binanceFuturesRest: `${server.url}/` },
    now: () => LATER,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
    ...extra,
  };
}

function bybitKline(k: number): string[] {
  return [String(T0 + k * HOUR), '10', '11', '9', '10.5', '100', '1050'];
}

function binanceKline(k: number): unknown[] {
  return [T0 + k * HOUR, '10', '11', '9', '10.5', '100', T0 + (k + 1) * HOUR - 1, '1050', 7, '50', '525', '0'];
}

function bybitOk(result: unknown): StubReply {
  return { body: { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: LATER } };
}

async function failure(promise: Promise<unknown>): Promise<ExchangeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    return error as ExchangeError;
  }
  throw new Error('expected a failure');
}

const bybitKey: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1h' };
const binanceKey: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1h' };

describe('bybit adapter over HTTP', () => {
  it('asks for one page with Bybit parameters and returns ascending closed candles', async () => {
    const server = await serve(() => bybitOk({ category: 'linear', symbol: 'BTCUSDT', list: [bybitKline(2), bybitKline(1), bybitKline(0)] }));
    const urls: string[] = [];
    const adapter = createBybitAdapter({ ...options(server), now: () => T0 + 2 * HOUR + 5 });
    const rows = await adapter.fetchCandlePage(bybitKey, T0, T0 + 3 * HOUR, undefined, { onRequest: ({ url }) => urls.push(url) });
    expect([...rows.time]).toEqual([T0, T0 + HOUR]);
    expect(server.requests[0].path).toBe('/v5/market/kline');
    expect(Object.fromEntries(server.requests[0].query)).toEqual({
      category: 'linear',
      symbol: 'BTCUSDT',
      interval: '60',
      start: String(T0),
      end: String(T0 + 3 * HOUR - 1),
      limit: '1000',
    });
    expect(urls).toEqual([`${server.url}/v5/market/kline?category=linear&symbol=BTCUSDT&interval=60&start=${T0}&end=${T0 + 3 * HOUR - 1}&limit=1000`]);
    expect(adapter.pageLimit('spot')).toBe(1000);
  });

  it('reports an unknown symbol without retrying', async () => {
    const server = await serve(() => ({ body: { retCode: 10001, retMsg: 'Not supported symbols', result: {} } }));
    const error = await failure(createBybitAdapter(options(server)).fetchCandlePage({ ...bybitKey, symbol: 'BTCUSDX' }, T0, T0 + HOUR));
    expect(error.kind).toBe('unknown-symbol');
    expect(error.message).toBe('bybit linear has no symbol BTCUSDX (retCode 10001: Not supported symbols)');
    expect(error.code).toBe(10001);
    expect(server.requests).toHaveLength(1);
  });

  it('waits the Retry-After of a 429, and retries dropped connections and 5xx', async () => {
    const replies: StubReply[] = [
      { status: 429, headers: { 'retry-after': '2' }, body: 'Too Many Requests' },
      'drop',
      { status: 502, body: 'Bad Gateway' },
      bybitOk({ list: [bybitKline(0)] }),
    ];
    const server = await serve(() => replies.shift() ?? 'drop');
    const time = fakeTime();
    const retries: string[] = [];
    const adapter = createBybitAdapter({ ...options(server), clock: time.clock, sleep: time.sleep, retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100 } });
    const rows = await adapter.fetchCandlePage(bybitKey, T0, T0 + HOUR, undefined, { onRetry: ({ reason }) => retries.push(reason) });
    expect(rows.time.length).toBe(1);
    expect(time.sleeps[0]).toBe(2_000);
    expect(retries).toEqual([
      'bybit rate limit exceeded (HTTP 429)',
      expect.stringMatching(/^could not reach bybit \((ECONNRESET|ERR_NETWORK)/),
      'bybit server error (HTTP 502)',
    ]);
  });

  it('cancels a request that never answers', async () => {
    const server = await serve(() => 'hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await failure(createBybitAdapter(options(server)).fetchCandlePage(bybitKey, T0, T0 + HOUR, controller.signal));
    expect(error.kind).toBe('cancelled');
  });

  it('follows instrument cursors and maps the fields', async () => {
    const linear = (symbol: string) => ({
      symbol,
      contractType: 'LinearPerpetual',
      status: 'Trading',
      baseCoin: symbol.replace('USDT', ''),
      quoteCoin: 'USDT',
      launchTime: '1585526400000',
      priceFilter: { tickSize: '0.10' },
      lotSizeFilter: { qtyStep: '0.001', minOrderQty: '0.001', minNotionalValue: '5' },
    });
    const server = await serve(({ query }) =>
      query.get('cursor') === null
        ? bybitOk({ category: 'linear', list: [linear('BTCUSDT')], nextPageCursor: 'page2' })
        : bybitOk({ category: 'linear', list: [linear('ETHUSDT')], nextPageCursor: '' }),
    );
    const instruments = await createBybitAdapter(options(server)).listInstruments('linear');
    expect(instruments.map((i) => i.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(instruments[0]).toEqual({
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
      launchTime: 1585526400000,
    });
    expect(server.requests[1].query.get('cursor')).toBe('page2');
  });

  it('maps spot instruments, which have no qtyStep or launch time', async () => {
    const server = await serve(() =>
      bybitOk({
        category: 'spot',
        list: [
          {
            symbol: 'BTCUSDT',
            baseCoin: 'BTC',
            quoteCoin: 'USDT',
            status: 'Trading',
            lotSizeFilter: { basePrecision: '0.000001', minOrderQty: '0.000048', minOrderAmt: '1' },
            priceFilter: { tickSize: '0.01' },
          },
        ],
      }),
    );
    const [btc] = await createBybitAdapter(options(server)).listInstruments('spot');
    expect(btc).toMatchObject({ contractType: 'spot', qtyStep: 0.000001, minQty: 0.000048, minNotional: 1, launchTime: null });
    expect(server.requests[0].query.get('limit')).toBeNull();
  });

  it('says when a range ends before the listing', async () => {
    const server = await serve(({ path }) =>
      path === '/v5/market/kline'
        ? bybitOk({ list: [] })
        : bybitOk({
            list: [
              {
                symbol: 'BTCUSDT',
                contractType: 'LinearPerpetual',
                status: 'Trading',
                baseCoin: 'BTC',
                quoteCoin: 'USDT',
                launchTime: String(Date.UTC(2020, 2, 25)),
                priceFilter: { tickSize: '0.1' },
                lotSizeFilter: { qtyStep: '0.001', minOrderQty: '0.001' },
              },
            ],
          }),
    );
    const adapter = createBybitAdapter(options(server));
    const early = Date.UTC(2019, 0, 1);
    const error = await failure(adapter.fetchCandlePage(bybitKey, early, early + 10 * HOUR));
    expect(error.kind).toBe('before-listing');
    expect(error.message).toBe('BTCUSDT on bybit linear starts at 2020-03-25; nothing before that');
    // Now the listing is known, the next early page fails without a kline request.
    await failure(adapter.fetchCandlePage(bybitKey, early, early + 20 * HOUR));
    expect(server.requests.map((r) => r.path)).toEqual(['/v5/market/kline', '/v5/market/instruments-info']);
    // An empty page after the listing is just a gap.
    expect((await adapter.fetchCandlePage(bybitKey, T0, T0 + HOUR)).time.length).toBe(0);
  });

  it('pages funding history backwards from the end and returns it ascending', async () => {
    const times = Array.from({ length: 250 }, (_, i) => T0 + i * 8 * HOUR);
    const server = await serve(({ query }) => {
      const start = Number(query.get('startTime'));
      const end = Number(query.get('endTime'));
      const inRange = times.filter((t) => t >= start && t <= end).reverse().slice(0, Number(query.get('limit')));
      return bybitOk({ category: 'linear', list: inRange.map((t) => ({ symbol: 'BTCUSDT', fundingRate: '0.0001', fundingRateTimestamp: String(t) })) });
    });
    const rates = await createBybitAdapter(options(server)).fetchFundingRates('linear', 'BTCUSDT', T0, T0 + 250 * 8 * HOUR);
    expect(rates.map((r) => r.time)).toEqual(times);
    expect(rates[0].rate).toBe(0.0001);
    expect(server.requests).toHaveLength(2);
    await expect(createBybitAdapter(options(server)).fetchFundingRates('spot', 'BTCUSDT', T0, T0 + HOUR)).rejects.toMatchObject({ kind: 'other' });
  });
});

describe('binance adapter over HTTP', () => {
  it('asks spot for one page and returns closed candles', async () => {
    const server = await serve(() => ({ body: [binanceKline(0), binanceKline(1), binanceKline(1), binanceKline(2)], headers: { 'x-mbx-used-weight-1m': '2' } }));
    const rows = await createBinanceAdapter({ ...options(server), now: () => T0 + 3 * HOUR }).fetchCandlePage(binanceKey, T0, T0 + 3 * HOUR);
    expect([...rows.time]).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR]);
    expect(server.requests[0].path).toBe('/api/v3/klines');
    expect(Object.fromEntries(server.requests[0].query)).toEqual({
      symbol: 'BTCUSDT',
      interval: '1h',
      startTime: String(T0),
      endTime: String(T0 + 3 * HOUR - 1),
      limit: '1000',
    });
  });

  it('uses USD-M futures with 1500-bar pages for linear and refuses inverse', async () => {
    const server = await serve(() => ({ body: [binanceKline(0)] }));
    const adapter = createBinanceAdapter(options(server));
    await adapter.fetchCandlePage({ ...binanceKey, market: 'linear' }, T0, T0 + 2000 * HOUR);
    expect(server.requests[0].path).toBe('/fapi/v1/klines');
    expect(server.requests[0].query.get('limit')).toBe('1500');
    expect(server.requests[0].query.get('endTime')).toBe(String(T0 + 1500 * HOUR - 1));
    expect(adapter.pageLimit('linear')).toBe(1500);
    expect(adapter.pageLimit('spot')).toBe(1000);
    const inverse = await failure(adapter.fetchCandlePage({ ...binanceKey, market: 'inverse' }, T0, T0 + HOUR));
    expect(inverse.kind).toBe('other');
    expect(inverse.message).toMatch(/inverse \(COIN-M\) futures are not supported/);
    expect(() => adapter.pageLimit('inverse')).toThrow(ExchangeError);
  });

  it('maps -1121 and -1120 and keeps the code', async () => {
    const server = await serve(({ query }) =>
      query.get('symbol') === 'BTCUSDX'
        ? { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } }
        : { status: 400, body: { code: -1120, msg: 'Invalid interval.' } },
    );
    const adapter = createBinanceAdapter(options(server));
    const unknown = await failure(adapter.fetchCandlePage({ ...binanceKey, symbol: 'BTCUSDX' }, T0, T0 + HOUR));
    expect(unknown).toMatchObject({ kind: 'unknown-symbol', code: -1121, message: 'binance spot has no symbol BTCUSDX (code -1121: Invalid symbol.)' });
    const interval = await failure(adapter.fetchCandlePage(binanceKey, T0, T0 + HOUR));
    expect(interval).toMatchObject({ kind: 'invalid-interval', code: -1120 });
    expect(server.requests).toHaveLength(2);
  });

  it('resynchronises its budget from X-MBX-USED-WEIGHT-1M', async () => {
    const server = await serve(() => ({ body: [binanceKline(0)], headers: { 'x-mbx-used-weight-1m': '95' } }));
    const time = fakeTime();
    const adapter = createBinanceAdapter({ ...options(server), clock: time.clock, sleep: time.sleep, rateLimits: { binanceSpot: { limit: 100, windowMs: 60_000 } } });
    await adapter.fetchCandlePage(binanceKey, T0, T0 + HOUR);
    expect(time.sleeps).toEqual([]);
    await adapter.fetchCandlePage(binanceKey, T0, T0 + HOUR);
    expect(time.sleeps).toEqual([60_000]);
  });

  it('retries a malformed page, then reports the bar and rule', async () => {
    const broken = [T0, '10', '9', '8', '10.5', '100', T0 + HOUR - 1, '0', 1, '0', '0', '0'];
    const server = await serve(() => ({ body: [broken] }));
    const error = await failure(createBinanceAdapter(options(server)).fetchCandlePage(binanceKey, T0, T0 + HOUR));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe(
      'binance spot BTCUSDT 1h: invalid response: bar 2024-01-01T00:00:00.000Z: high 9 is below max(open 10, close 10.5) (rule high-below-open-close); gave up after 3 attempts',
    );
    expect(server.requests).toHaveLength(3);
  });

  it('maps spot and futures instruments', async () => {
    const filters = [
      { filterType: 'PRICE_FILTER', minPrice: '0.01', maxPrice: '1000000', tickSize: '0.01' },
      { filterType: 'LOT_SIZE', minQty: '0.00001', maxQty: '9000', stepSize: '0.00001' },
    ];
    const server = await serve(({ path }) =>
      path === '/api/v3/exchangeInfo'
        ? { body: { symbols: [{ symbol: 'BTCUSDT', status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT', filters: [...filters, { filterType: 'NOTIONAL', minNotional: '5' }] }] } }
        : {
            body: {
              symbols: [
                {
                  symbol: 'BTCUSDT',
                  status: 'TRADING',
                  contractType: 'PERPETUAL',
                  onboardDate: 1569398400000,
                  baseAsset: 'BTC',
                  quoteAsset: 'USDT',
                  filters: [...filters, { filterType: 'MIN_NOTIONAL', notional: '100' }],
                },
                { symbol: 'BTCUSDT_250328', status: 'SETTLING', contractType: 'CURRENT_QUARTER', onboardDate: 0, baseAsset: 'BTC', quoteAsset: 'USDT', filters },
              ],
            },
          },
    );
    const adapter = createBinanceAdapter(options(server));
    expect(await adapter.listInstruments('spot')).toEqual([
      {
        exchange: 'binance',
        market: 'spot',
        symbol: 'BTCUSDT',
        baseAsset: 'BTC',
        quoteAsset: 'USDT',
        status: 'trading',
        contractType: 'spot',
        tickSize: 0.01,
        qtyStep: 0.00001,
        minQty: 0.00001,
        minNotional: 5,
        launchTime: null,
      },
    ]);
    const futures = await adapter.listInstruments('linear');
    expect(futures[0]).toMatchObject({ contractType: 'perpetual', minNotional: 100, launchTime: 1569398400000 });
    expect(futures[1]).toMatchObject({ contractType: 'futures', status: 'settling', minNotional: 0, launchTime: null });
  });

  it('pages funding history forwards', async () => {
    const times = Array.from({ length: 1200 }, (_, i) => T0 + i * 8 * HOUR);
    const server = await serve(({ query }) => {
      const start = Number(query.get('startTime'));
      const end = Number(query.get('endTime'));
      const rows = times.filter((t) => t >= start && t <= end).slice(0, Number(query.get('limit')));
      return { body: rows.map((t) => ({ symbol: 'BTCUSDT', fundingRate: '-0.0002', fundingTime: t, markPrice: '1' })) };
    });
    const rates = await createBinanceAdapter(options(server)).fetchFundingRates('linear', 'BTCUSDT', T0, T0 + 1200 * 8 * HOUR);
    expect(rates.map((r) => r.time)).toEqual(times);
    expect(rates[5].rate).toBe(-0.0002);
    expect(server.requests.map((r) => r.path)).toEqual(['/fapi/v1/fundingRate', '/fapi/v1/fundingRate']);
  });
});
