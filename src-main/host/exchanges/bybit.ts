/**
 * Bybit v5 market data (spot, linear, inverse) through the `bybit-api` SDK's RestClientV5.
 * Public endpoints need no keys and the SDK makes no time-sync calls unless asked, so each
 * request gets a fresh client carrying its own AbortSignal (the SDK takes no per-call options).
 * Every request spends one unit of the 600-per-5-s IP budget shared by all categories.
 */
import { RestClientV5, type KlineIntervalV3 } from 'bybit-api';
import type { FundingRate, Instrument, Interval, Market, SeriesKey } from '../../../src-shared/market.ts';
import { ExchangeError, type CandleRows, type ExchangeAdapter, type RequestEvents } from './adapter.ts';
import { buildCandlePage, emptyRows, pageRange } from './candle-page.ts';
import {
  FailureError,
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
import { runCall, urlOf, type RunnerSettings } from './request-runner.ts';
import { amount, fundingInRange, fundingRate, invalid, launchTime, list, record, text } from './response-fields.ts';

export const BYBIT_REST = 'https://api.bybit.com';
export const BYBIT_PAGE_LIMIT = 1000;
/** Bybit's funding history returns at most 200 rows a request. */
const FUNDING_PAGE_LIMIT = 200;
const INSTRUMENT_PAGE_LIMIT = 1000;
/** start, open, high, low, close, volume, turnover. */
const KLINE_FIELDS = 7;

export const BYBIT_INTERVALS: Readonly<Record<Interval, string>> = {
  '1m': '1',
  '3m': '3',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '2h': '120',
  '4h': '240',
  '6h': '360',
  '12h': '720',
  '1d': 'D',
  '1w': 'W',
  '1M': 'M',
};

/**
 * Bybit's gateway answers an IP over its HTTP limit with a bare 403 "access too frequent" and
 * asks for at least 10 minutes of silence; retrying sooner risks a longer ban.
 */
export const BYBIT_IP_BAN_MS = 10 * 60_000;

/** Bybit answers most errors with HTTP 200 and a retCode; an IP over its limit gets HTTP 403. */
export function interpretBybitBody(subject: RequestSubject, status: number | null, body: unknown): Failure | null {
  if (status === 403 && typeof body === 'string' && /too frequent/i.test(body)) {
    const message = 'bybit refused this IP for sending too often (HTTP 403 access too frequent)';
    return { kind: 'rate-limited', message, code: 403, retryable: true, retryAfterMs: BYBIT_IP_BAN_MS };
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof fields.retCode === 'number' ? fields.retCode : null;
  const message = typeof fields.retMsg === 'string' ? fields.retMsg : '';
  if (code === null || code === 0) return null;
  const said = `retCode ${code}: ${message}`;
  switch (code) {
    case 10006:
    case 10018: {
      const retryAfterMs = limitResetWait(fields);
      return { kind: 'rate-limited', message: `bybit rate limit exceeded (${said})`, code, retryable: true, ...(retryAfterMs === null ? {} : { retryAfterMs }) };
    }
    case 10000:
    case 10016:
      return { kind: 'server', message: `bybit server error (${said})`, code, retryable: true };
    case 10001:
      if (/symbol/i.test(message)) return unknownSymbolFailure(subject, code, said);
      if (/interval|period/i.test(message)) return invalidIntervalFailure(subject, code, said);
      break;
  }
  return { kind: 'other', message: `bybit rejected the request (${said})`, code, retryable: false };
}

/**
 * How long until Bybit's per-endpoint limit resets: X-Bapi-Limit-Reset-Timestamp (which the SDK
 * parses into rateLimitApi) less the response's own server time, so clock skew does not matter.
 */
function limitResetWait(fields: Record<string, unknown>): number | null {
  const limit = fields.rateLimitApi as { resetAtTimestamp?: unknown } | undefined;
  const resetAt = limit?.resetAtTimestamp;
  if (typeof resetAt !== 'number' || typeof fields.time !== 'number') return null;
  return Math.max(0, resetAt - fields.time);
}

interface BybitRequest<T> {
  readonly subject: RequestSubject;
  readonly path: string;
  readonly params: Readonly<Record<string, string | number | undefined>>;
  readonly call: (sdk: RestClientV5) => Promise<unknown>;
  /** Reads `result` of a retCode-0 response; throws FailureError when it is malformed. */
  readonly read: (result: Record<string, unknown>) => T;
}

export function createBybitAdapter(options: AdapterOptions = {}): ExchangeAdapter {
  const settings = resolveOptions(options);
  const baseUrl = trimTrailingSlash(settings.endpoints.bybitRest ?? BYBIT_REST);
  const pause = new ExchangePause();
  const limiter = new SlidingWindowLimiter({ limit: settings.rateLimits.bybit, clock: settings.clock, sleep: settings.sleep, pause });
  const runner: RunnerSettings = { exchange: 'bybit', ...settings, pause, interpretBody: interpretBybitBody };
  const listing = new ListingTimes((market) => listInstruments(market));

  function request<T>(spec: BybitRequest<T>, signal: AbortSignal | undefined, events?: RequestEvents): Promise<T> {
    const { subject } = spec;
    const call = {
      subject,
      url: urlOf(baseUrl, spec.path, spec.params),
      charges: [{ limiter, weight: 1 }],
      async send(callSignal: AbortSignal | undefined): Promise<T> {
        const sdk = new RestClientV5({ baseUrl, parse_exceptions: false, parseAPIRateLimits: true }, { signal: callSignal, timeout: settings.requestTimeoutMs });
        const body = record(subject, await spec.call(sdk), 'the response');
        const failure = interpretBybitBody(subject, 200, body);
        if (failure !== null) throw new FailureError(failure);
        return spec.read(record(subject, body.result, 'result'));
      },
    };
    return runCall(runner, call, signal, events);
  }

  async function listInstruments(market: Market, signal?: AbortSignal): Promise<Instrument[]> {
    const subject: RequestSubject = { exchange: 'bybit', market };
    const instruments: Instrument[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      // Spot has no pagination; limit and cursor are ignored there.
      const params = { category: market, limit: market === 'spot' ? undefined : INSTRUMENT_PAGE_LIMIT, cursor };
      const page = await request(
        {
          subject,
          path: '/v5/market/instruments-info',
          params,
          call: (sdk) => sdk.getInstrumentsInfo({ ...params, category: market }),
          read: (result) => ({
            items: list(subject, result.list, 'result.list').map((item) => toInstrument(market, item)),
            next: typeof result.nextPageCursor === 'string' ? result.nextPageCursor : '',
          }),
        },
        signal,
      );
      instruments.push(...page.items);
      cursor = page.next !== '' && !seen.has(page.next) ? page.next : undefined;
      if (cursor !== undefined) seen.add(cursor);
    } while (cursor !== undefined);
    listing.remember(market, instruments);
    return instruments;
  }

  async function fetchCandlePage(key: SeriesKey, from: number, to: number, signal?: AbortSignal, events?: RequestEvents): Promise<CandleRows> {
    if (key.exchange !== 'bybit') throw wrongExchangeError('bybit', key.exchange);
    const subject: RequestSubject = { exchange: 'bybit', market: key.market, symbol: key.symbol, interval: key.interval };
    const interval = BYBIT_INTERVALS[key.interval] as string | undefined;
    if (interval === undefined) throw toExchangeError('bybit', invalidIntervalFailure(subject, null, 'not a Bybit interval'), 1, undefined);
    const range = pageRange(key.interval, from, to, BYBIT_PAGE_LIMIT);
    if (range.start >= range.end) return emptyRows();
    // Bybit's start and end are inclusive; ending one ms early keeps the bar at range.end out.
    const params = { category: key.market, symbol: key.symbol, interval, start: range.start, end: range.end - 1, limit: BYBIT_PAGE_LIMIT };
    const fetchPage = () =>
      request(
        {
          subject,
          path: '/v5/market/kline',
          params,
          call: (sdk) => sdk.getKline({ ...params, category: key.market, interval: interval as KlineIntervalV3 }),
          read: (result) => {
            const page = buildCandlePage(result.list, { rowFields: KLINE_FIELDS, interval: key.interval, range, now: settings.now() });
            if (!page.ok) throw invalid(subject, page.problem);
            return page.rows;
          },
        },
        signal,
        events,
      );
    return guardListing(listing, 'bybit', key, to, signal, fetchPage);
  }

  async function fetchFundingRates(market: Market, symbol: string, from: number, to: number, signal?: AbortSignal): Promise<FundingRate[]> {
    const subject: RequestSubject = { exchange: 'bybit', market, symbol };
    if (market === 'spot') throw new ExchangeError('bybit', 'other', 'bybit spot has no funding rates; only linear and inverse perpetuals do');
    const rates: FundingRate[] = [];
    // Bybit pages newest first and needs both ends, so walk the end back towards `from`.
    for (let end = to - 1; end >= from; ) {
      const params = { category: market, symbol, startTime: from, endTime: end, limit: FUNDING_PAGE_LIMIT };
      const page = await request(
        {
          subject,
          path: '/v5/market/funding/history',
          params,
          call: (sdk) => sdk.getFundingRateHistory({ ...params, category: market }),
          read: (result) =>
            list(subject, result.list, 'result.list').map((row) => {
              const fields = record(subject, row, 'a funding row');
              return fundingRate(subject, fields.fundingRateTimestamp, fields.fundingRate);
            }),
        },
        signal,
      );
      rates.push(...page);
      if (page.length < FUNDING_PAGE_LIMIT) break;
      const next = Math.min(...page.map((rate) => rate.time)) - 1;
      if (next >= end) break;
      end = next;
    }
    return fundingInRange(rates, from, to);
  }

  return {
    exchange: 'bybit',
    pageLimit: () => BYBIT_PAGE_LIMIT,
    listInstruments,
    fetchCandlePage,
    fetchFundingRates,
  };
}

function toInstrument(market: Market, item: unknown): Instrument {
  const subject: RequestSubject = { exchange: 'bybit', market };
  const fields = record(subject, item, 'an instrument');
  const symbol = text(subject, fields.symbol, 'symbol');
  const named: RequestSubject = { ...subject, symbol };
  const lot = record(named, fields.lotSizeFilter ?? {}, 'lotSizeFilter');
  const price = record(named, fields.priceFilter ?? {}, 'priceFilter');
  const contract = typeof fields.contractType === 'string' ? fields.contractType : '';
  return {
    exchange: 'bybit',
    market,
    symbol,
    baseAsset: text(named, fields.baseCoin, 'baseCoin'),
    quoteAsset: text(named, fields.quoteCoin, 'quoteCoin'),
    status: text(named, fields.status, 'status').toLowerCase(),
    contractType: market === 'spot' ? 'spot' : /perpetual/i.test(contract) ? 'perpetual' : 'futures',
    tickSize: amount(named, price.tickSize, 'tickSize'),
    // Spot has no qtyStep: the base coin precision is the quantity step there.
    qtyStep: amount(named, market === 'spot' ? lot.basePrecision : lot.qtyStep, 'qtyStep'),
    minQty: amount(named, lot.minOrderQty, 'minOrderQty'),
    minNotional: amount(named, market === 'spot' ? lot.minOrderAmt : lot.minNotionalValue, 'minNotional'),
    launchTime: launchTime(fields.launchTime),
  };
}
