/**
 * Binance market data through the `binance` SDK: spot via MainClient, linear (USD-M futures)
 * via USDMClient. Coin-M (inverse) is not supported. Each request gets a fresh client carrying
 * its own AbortSignal (the SDK takes no per-call options); exception parsing is turned off so
 * failures keep their HTTP status and headers (Retry-After, X-MBX-USED-WEIGHT-1M).
 */
import { MainClient, USDMClient, type KlineInterval } from 'binance';
import type { FundingRate, Instrument, Interval, Market, SeriesKey } from '../../../src-shared/market.ts';
import { ExchangeError, type CandleRows, type ExchangeAdapter, type RequestEvents } from './adapter.ts';
import { buildCandlePage, emptyRows, pageRange } from './candle-page.ts';
import {
  headerValue,
  invalidIntervalFailure,
  toExchangeError,
  unknownSymbolFailure,
  wrongExchangeError,
  type Failure,
  type RequestSubject,
} from './failures.ts';
import { guardListing, ListingTimes } from './listing.ts';
import { resolveOptions, trimTrailingSlash, type AdapterOptions } from './options.ts';
import { ExchangePause, SlidingWindowLimiter } from './rate-limiter.ts';
import { runCall, urlOf, type Charge, type RunnerSettings } from './request-runner.ts';
import { amount, fundingInRange, fundingRate, invalid, launchTime, list, record, text } from './response-fields.ts';

export const BINANCE_SPOT_REST = 'https://api.binance.com';
export const BINANCE_FUTURES_REST = 'https://fapi.binance.com';
export const BINANCE_SPOT_PAGE_LIMIT = 1000;
export const BINANCE_FUTURES_PAGE_LIMIT = 1500;
const FUNDING_PAGE_LIMIT = 1000;
/** Open time, OHLCV, close time, quote volume, trades, taker base and quote volume, unused. */
const KLINE_FIELDS = 12;

/** Binance names every interval we use the same way we do. */
export const BINANCE_INTERVALS: Readonly<Record<Interval, KlineInterval>> = {
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '2h': '2h',
  '4h': '4h',
  '6h': '6h',
  '12h': '12h',
  '1d': '1d',
  '1w': '1w',
  '1M': '1M',
};

/** Request weights from the Binance docs (spot market-data endpoints, USD-M market data). */
export const BINANCE_WEIGHTS = {
  spotKlines: 2,
  spotExchangeInfo: 20,
  futuresExchangeInfo: 1,
  futuresFundingRate: 1,
} as const;

/** USD-M klines weigh by `limit`: [1,100) 1, [100,500) 2, [500,1000] 5, above 10. */
export function futuresKlinesWeight(limit: number): number {
  if (limit < 100) return 1;
  if (limit < 500) return 2;
  if (limit <= 1000) return 5;
  return 10;
}

/** Server-side failures Binance reports as codes: unknown error, disconnected, timeout, overload. */
const BINANCE_SERVER_CODES = new Set([-1000, -1001, -1006, -1007, -1008]);

export function interpretBinanceBody(subject: RequestSubject, _status: number | null, body: unknown): Failure | null {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (typeof fields.code !== 'number') return null;
  const code = fields.code;
  const said = `code ${code}: ${typeof fields.msg === 'string' ? fields.msg : ''}`;
  if (code === -1121) return unknownSymbolFailure(subject, code, said);
  if (code === -1120) return invalidIntervalFailure(subject, code, said);
  if (code === -1003) return { kind: 'rate-limited', message: `binance rate limit exceeded (${said})`, code, retryable: true };
  if (BINANCE_SERVER_CODES.has(code)) return { kind: 'server', message: `binance server error (${said})`, code, retryable: true };
  return { kind: 'other', message: `binance rejected the request (${said})`, code, retryable: false };
}

type BinanceSdk = MainClient | USDMClient;
type Family = 'spot' | 'futures';

interface BinanceRequest<T> {
  readonly subject: RequestSubject;
  readonly family: Family;
  readonly path: string;
  readonly params: Readonly<Record<string, string | number | undefined>>;
  readonly charges: readonly Charge[];
  readonly call: (sdk: BinanceSdk) => Promise<unknown>;
  /** Reads the body of a successful response; throws FailureError when it is malformed. */
  readonly read: (body: unknown) => T;
}

export function createBinanceAdapter(options: AdapterOptions = {}): ExchangeAdapter {
  const settings = resolveOptions(options);
  const baseUrls: Record<Family, string> = {
    spot: trimTrailingSlash(settings.endpoints.binanceSpotRest ?? BINANCE_SPOT_REST),
    futures: trimTrailingSlash(settings.endpoints.binanceFuturesRest ?? BINANCE_FUTURES_REST),
  };
  const pause = new ExchangePause();
  const limiterFor = (limit: (typeof settings.rateLimits)['binanceSpot']) =>
    new SlidingWindowLimiter({ limit, clock: settings.clock, sleep: settings.sleep, pause });
  const limiters: Record<Family, SlidingWindowLimiter> = {
    spot: limiterFor(settings.rateLimits.binanceSpot),
    futures: limiterFor(settings.rateLimits.binanceFutures),
  };
  const fundingLimiter = limiterFor(settings.rateLimits.binanceFunding);
  const runner: RunnerSettings = { exchange: 'binance', ...settings, pause, interpretBody: interpretBinanceBody };
  const listing = new ListingTimes((market) => listInstruments(market));

  function request<T>(spec: BinanceRequest<T>, signal: AbortSignal | undefined, events?: RequestEvents): Promise<T> {
    const limiter = limiters[spec.family];
    const call = {
      subject: spec.subject,
      url: urlOf(baseUrls[spec.family], spec.path, spec.params),
      charges: spec.charges,
      async send(callSignal: AbortSignal | undefined): Promise<T> {
        const restOptions = { baseUrl: baseUrls[spec.family], parseExceptions: false };
        const network = { signal: callSignal, timeout: settings.requestTimeoutMs };
        const sdk = spec.family === 'spot' ? new MainClient(restOptions, network) : new USDMClient(restOptions, network);
        let body: unknown;
        try {
          body = await spec.call(sdk);
        } catch (error) {
          syncFromHeaders(limiter, (error as { response?: { headers?: unknown } } | null)?.response?.headers);
          throw error;
        }
        limiter.syncUsed(sdk.getRateLimitStates()['x-mbx-used-weight-1m']);
        return spec.read(body);
      },
    };
    return runCall(runner, call, signal, events);
  }

  function familyOf(market: Market): Family {
    if (market === 'spot') return 'spot';
    if (market === 'linear') return 'futures';
    throw new ExchangeError('binance', 'other', 'binance inverse (COIN-M) futures are not supported; use binance linear (USD-M) or bybit inverse');
  }

  function pageLimit(market: Market): number {
    return familyOf(market) === 'spot' ? BINANCE_SPOT_PAGE_LIMIT : BINANCE_FUTURES_PAGE_LIMIT;
  }

  async function listInstruments(market: Market, signal?: AbortSignal): Promise<Instrument[]> {
    const family = familyOf(market);
    const subject: RequestSubject = { exchange: 'binance', market };
    const weight = family === 'spot' ? BINANCE_WEIGHTS.spotExchangeInfo : BINANCE_WEIGHTS.futuresExchangeInfo;
    const instruments = await request(
      {
        subject,
        family,
        path: family === 'spot' ? '/api/v3/exchangeInfo' : '/fapi/v1/exchangeInfo',
        params: {},
        charges: [{ limiter: limiters[family], weight }],
        call: (sdk) => sdk.getExchangeInfo(),
        read: (body) => list(subject, record(subject, body, 'exchangeInfo').symbols, 'symbols').map((item) => toInstrument(market, item)),
      },
      signal,
    );
    listing.remember(market, instruments);
    return instruments;
  }

  async function fetchCandlePage(key: SeriesKey, from: number, to: number, signal?: AbortSignal, events?: RequestEvents): Promise<CandleRows> {
    if (key.exchange !== 'binance') throw wrongExchangeError('binance', key.exchange);
    const family = familyOf(key.market);
    const subject: RequestSubject = { exchange: 'binance', market: key.market, symbol: key.symbol, interval: key.interval };
    const interval = BINANCE_INTERVALS[key.interval] as KlineInterval | undefined;
    if (interval === undefined) throw toExchangeError('binance', invalidIntervalFailure(subject, null, 'not a Binance interval'), 1, undefined);
    const limit = pageLimit(key.market);
    const range = pageRange(key.interval, from, to, limit);
    if (range.start >= range.end) return emptyRows();
    // Binance's endTime is inclusive; ending one ms early keeps the bar at range.end out.
    const params = { symbol: key.symbol, interval, startTime: range.start, endTime: range.end - 1, limit };
    const weight = family === 'spot' ? BINANCE_WEIGHTS.spotKlines : futuresKlinesWeight(limit);
    const fetchPage = () =>
      request(
        {
          subject,
          family,
          path: family === 'spot' ? '/api/v3/klines' : '/fapi/v1/klines',
          params,
          charges: [{ limiter: limiters[family], weight }],
          call: (sdk) => sdk.getKlines(params),
          read: (body) => {
            const page = buildCandlePage(body, { rowFields: KLINE_FIELDS, interval: key.interval, range, now: settings.now() });
            if (!page.ok) throw invalid(subject, page.problem);
            return page.rows;
          },
        },
        signal,
        events,
      );
    return guardListing(listing, 'binance', key, to, signal, fetchPage);
  }

  async function fetchFundingRates(market: Market, symbol: string, from: number, to: number, signal?: AbortSignal): Promise<FundingRate[]> {
    if (familyOf(market) === 'spot') throw new ExchangeError('binance', 'other', 'binance spot has no funding rates; only linear perpetuals do');
    const subject: RequestSubject = { exchange: 'binance', market, symbol };
    const rates: FundingRate[] = [];
    // Binance pages oldest first from startTime; both ends are inclusive.
    for (let start = from; start < to; ) {
      const params = { symbol, startTime: start, endTime: to - 1, limit: FUNDING_PAGE_LIMIT };
      const page = await request(
        {
          subject,
          family: 'futures',
          path: '/fapi/v1/fundingRate',
          params,
          charges: [
            { limiter: fundingLimiter, weight: BINANCE_WEIGHTS.futuresFundingRate },
            { limiter: limiters.futures, weight: BINANCE_WEIGHTS.futuresFundingRate },
          ],
          call: (sdk) => (sdk as USDMClient).getFundingRateHistory(params),
          read: (body) =>
            list(subject, body, 'the funding history').map((row) => {
              const fields = record(subject, row, 'a funding row');
              return fundingRate(subject, fields.fundingTime, fields.fundingRate);
            }),
        },
        signal,
      );
      rates.push(...page);
      if (page.length < FUNDING_PAGE_LIMIT) break;
      const next = Math.max(...page.map((rate) => rate.time)) + 1;
      if (next <= start) break;
      start = next;
    }
    return fundingInRange(rates, from, to);
  }

  return { exchange: 'binance', pageLimit, listInstruments, fetchCandlePage, fetchFundingRates };
}

function syncFromHeaders(limiter: SlidingWindowLimiter, headers: unknown): void {
  const used = headerValue(headers, 'x-mbx-used-weight-1m');
  if (used !== null) limiter.syncUsed(Number(used));
}

function toInstrument(market: Market, item: unknown): Instrument {
  const subject: RequestSubject = { exchange: 'binance', market };
  const fields = record(subject, item, 'a symbol');
  const symbol = text(subject, fields.symbol, 'symbol');
  const named: RequestSubject = { ...subject, symbol };
  const filters = new Map<string, Record<string, unknown>>();
  for (const filter of list(named, fields.filters ?? [], 'filters')) {
    const entry = record(named, filter, 'a filter');
    if (typeof entry.filterType === 'string') filters.set(entry.filterType, entry);
  }
  const price = filters.get('PRICE_FILTER') ?? {};
  const lot = filters.get('LOT_SIZE') ?? {};
  // Spot names the minimum order value NOTIONAL (older symbols MIN_NOTIONAL.minNotional); futures MIN_NOTIONAL.notional.
  const notional = filters.get('NOTIONAL') ?? filters.get('MIN_NOTIONAL') ?? {};
  const contract = typeof fields.contractType === 'string' ? fields.contractType : '';
  return {
    exchange: 'binance',
    market,
    symbol,
    baseAsset: text(named, fields.baseAsset, 'baseAsset'),
    quoteAsset: text(named, fields.quoteAsset, 'quoteAsset'),
    status: text(named, fields.status, 'status').toLowerCase(),
    contractType: market === 'spot' ? 'spot' : /perpetual/i.test(contract) ? 'perpetual' : 'futures',
    tickSize: amount(named, price.tickSize, 'tickSize'),
    qtyStep: amount(named, lot.stepSize, 'stepSize'),
    minQty: amount(named, lot.minQty, 'minQty'),
    minNotional: amount(named, notional.minNotional ?? notional.notional, 'minNotional'),
    launchTime: market === 'spot' ? null : launchTime(fields.onboardDate),
  };
}
