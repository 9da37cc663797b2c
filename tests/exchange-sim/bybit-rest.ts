/**
 * Bybit v5 public market REST (bybit-exchange.github.io/docs/v5): kline, instruments-info,
 * funding/history, time. Every answer is HTTP 200 with the {retCode, retMsg, result,
 * retExtInfo, time} envelope; errors are retCode 10001 with a message, as Bybit sends them.
 * Pages come newest first: with start and end, the newest `limit` rows of the range.
 */
import type { Market } from '../../src-shared/market.ts';
import { type SymbolSpec, precisionOf } from './catalogue.ts';
import { decimalsOf, fixedDecimal, toUnits, trimmedDecimal } from './decimal.ts';
import {
  type Admission,
  type ExchangeApi,
  type RestRequest,
  type RestResponse,
  type SimContext,
  clamp,
  integerParam,
  jsonResponse,
  listingsOf,
  textResponse,
} from './exchange-api.ts';
import { applyPageFaults, type ResponseFault } from './faults.ts';
import { bybitInterval } from './intervals.ts';
import type { Bar } from './market-data.ts';
import { type RateLimitConfig, RollingLimiter } from './rate-limits.ts';

const CATEGORIES: readonly Market[] = ['spot', 'linear', 'inverse'];

/** Thrown inside a handler to answer with Bybit's error envelope. */
class BybitError extends Error {
  readonly retCode: number;
  constructor(retCode: number, message: string) {
    super(message);
    this.retCode = retCode;
  }
}

export class BybitRest implements ExchangeApi {
  readonly exchange = 'bybit';
  private readonly context: SimContext;
  private readonly limiter: RollingLimiter;

  constructor(context: SimContext, limits: RateLimitConfig) {
    this.context = context;
    this.limiter = new RollingLimiter(limits.bybitRequestsPerWindow, limits.bybitWindowMs, limits.bybitBanMs);
  }

  isKlines(path: string): boolean {
    return path === '/v5/market/kline';
  }

  admit(_path: string, _query: URLSearchParams, ip: string, realNow: number): Admission {
    const verdict = this.limiter.check(ip, realNow);
    return { refusal: verdict.kind === 'ok' ? null : accessTooFrequent(), headers: {} };
  }

  handle(request: RestRequest): RestResponse {
    try {
      switch (request.path) {
        case '/v5/market/kline':
          return envelope(this.klines(request), request.now);
        case '/v5/market/instruments-info':
          return envelope(this.instruments(request), request.now);
        case '/v5/market/funding/history':
          return envelope(this.funding(request), request.now);
        case '/v5/market/time':
          return envelope({ timeSecond: String(Math.floor(request.now / 1000)), timeNano: `${request.now}000000` }, request.now);
        default:
          return textResponse(404, 'Not Found');
      }
    } catch (error) {
      if (!(error instanceof BybitError)) throw error;
      return jsonResponse(200, { retCode: error.retCode, retMsg: error.message, result: {}, retExtInfo: {}, time: request.now });
    }
  }

  faultResponse(fault: Exclude<ResponseFault, { kind: 'drop' }>, now: number): RestResponse {
    if (fault.kind === 'server-error') return serverError(fault.status ?? 502, now);
    if (fault.kind === 'rate-limit' && fault.bybitStyle === 'api') {
      const resetAt = now + (fault.retryAfterSeconds ?? 1) * 1000;
      return jsonResponse(
        200,
        { retCode: 10006, retMsg: 'Too many visits!', result: {}, retExtInfo: {}, time: now },
        { 'x-bapi-limit': '600', 'x-bapi-limit-status': '0', 'x-bapi-limit-reset-timestamp': String(resetAt) },
      );
    }
    return accessTooFrequent();
  }

  private klines(request: RestRequest): unknown {
    const { query, now } = request;
    const category = categoryOf(query.get('category') ?? 'linear');
    const spec = this.symbol(category, query.get('symbol'));
    const intervalCode = query.get('interval');
    const interval = intervalCode === null ? null : bybitInterval(intervalCode);
    if (interval === null) throw new BybitError(10001, 'Invalid period!');
    const start = integerParam(query, 'start');
    const end = integerParam(query, 'end');
    const limit = integerParam(query, 'limit');
    if (start === null || end === null || limit === null) throw new BybitError(10001, 'params error: start, end and limit must be integers');
    const bars = this.context.market.bars(spec, interval, start ?? 0, end ?? now, clamp(limit ?? 200, 1, 1000), 'newest', now);
    const price = priceFormat(spec);
    const volumeDecimals = precisionOf(spec).volume;
    const turnoverDecimals = precisionOf(spec).turnover;
    const rows = bars.reverse().map((bar: Bar) => [
      String(bar.openTime),
      price(bar.open),
      price(bar.high),
      price(bar.low),
      price(bar.close),
      trimmedDecimal(bar.volume, volumeDecimals),
      trimmedDecimal(bar.turnover, turnoverDecimals),
    ]);
    return { symbol: spec.symbol, category, list: applyPageFaults(rows, request.pageFaults, { high: 2, low: 3, close: 4 }) };
  }

  private instruments(request: RestRequest): unknown {
    const { query, now } = request;
    const categoryText = query.get('category');
    if (categoryText === null) throw new BybitError(10001, 'params error: category is required');
    const category = categoryOf(categoryText);
    const symbol = query.get('symbol');
    const baseCoin = query.get('baseCoin');
    const status = query.get('status') ?? 'Trading';
    const listed = listingsOf(this.context, 'bybit', category).filter(
      (spec) =>
        (symbol === null || spec.symbol === symbol) &&
        (baseCoin === null || category === 'spot' || spec.baseAsset === baseCoin) &&
        statusOf(spec, now) === status,
    );
    if (category === 'spot') return { category, list: listed.map((spec) => spotInstrument(spec, now)) };
    const limit = integerParam(query, 'limit');
    if (limit === null) throw new BybitError(10001, 'params error: limit must be an integer');
    const size = clamp(limit ?? 500, 1, 1000);
    const offset = decodeCursor(query.get('cursor'));
    const page = listed.slice(offset, offset + size);
    const nextPageCursor = offset + size < listed.length ? encodeCursor(offset + size) : '';
    return { category, list: page.map((spec) => derivativeInstrument(spec, now)), nextPageCursor };
  }

  private funding(request: RestRequest): unknown {
    const { query, now } = request;
    const categoryText = query.get('category');
    if (categoryText !== 'linear' && categoryText !== 'inverse') throw new BybitError(10001, 'params error: category must be linear or inverse');
    const spec = this.symbol(categoryText, query.get('symbol'));
    const startTime = integerParam(query, 'startTime');
    const endTime = integerParam(query, 'endTime');
    const limit = integerParam(query, 'limit');
    if (startTime === null || endTime === null || limit === null) throw new BybitError(10001, 'params error: startTime, endTime and limit must be integers');
    // Documented: startTime alone is an error; endTime alone or nothing gives the newest rows.
    if (startTime !== undefined && endTime === undefined) throw new BybitError(10001, 'params error: endTime is required when startTime is passed');
    const points = this.context.market.funding(spec, startTime ?? 0, endTime ?? now, now);
    const newest = points.slice(-clamp(limit ?? 200, 1, 200)).reverse();
    return {
      category: categoryText,
      list: newest.map((point) => ({ symbol: spec.symbol, fundingRate: trimmedDecimal(point.rate, 8), fundingRateTimestamp: String(point.time) })),
    };
  }

  private symbol(category: Market, symbol: string | null): SymbolSpec {
    if (symbol === null || symbol === '') throw new BybitError(10001, 'params error: symbol is required');
    const spec = listingsOf(this.context, 'bybit', category).find((candidate) => candidate.symbol === symbol);
    if (spec === undefined) throw new BybitError(10001, 'Not supported symbols');
    return spec;
  }
}

function envelope(result: unknown, now: number): RestResponse {
  return jsonResponse(200, { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: now });
}

/** Bybit's answer when an IP breaks the HTTP limit: a bare 403 from its gateway. */
function accessTooFrequent(): RestResponse {
  return textResponse(403, 'access too frequent');
}

function serverError(status: number, now: number): RestResponse {
  if (status === 500) return jsonResponse(500, { retCode: 10016, retMsg: 'Internal server error.', result: {}, retExtInfo: {}, time: now });
  const reason = status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Temporarily Unavailable' : 'Gateway Time-out';
  return { status, headers: { 'content-type': 'text/html' }, body: `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center></body></html>` };
}

function categoryOf(text: string): Market {
  if (!(CATEGORIES as readonly string[]).includes(text)) throw new BybitError(10001, 'Illegal category');
  return text as Market;
}

function statusOf(spec: SymbolSpec, now: number): string {
  return spec.listedAt > now ? 'PreLaunch' : 'Trading';
}

function priceFormat(spec: SymbolSpec): (units: number) => string {
  const decimals = precisionOf(spec).price;
  return (units) => trimmedDecimal(units, decimals);
}

/** Order-size ceilings are not simulated; a round amount worth about this much quote keeps them plausible. */
const MAX_ORDER_VALUE = 5_000_000;

function maxQty(spec: SymbolSpec, value: number): string {
  const decimals = decimalsOf(spec.qtyStep);
  const step = toUnits(spec.qtyStep, decimals);
  const worth = spec.market === 'inverse' ? value : value / spec.basePrice;
  return fixedDecimal(Math.max(1, Math.round(worth / (step / 10 ** decimals))) * step, decimals);
}

function maxPrice(spec: SymbolSpec): string {
  const decimals = decimalsOf(spec.tickSize);
  const tick = toUnits(spec.tickSize, decimals);
  return fixedDecimal(Math.round((spec.basePrice * 100) / (tick / 10 ** decimals)) * tick, decimals);
}

function spotInstrument(spec: SymbolSpec, now: number): unknown {
  return {
    symbol: spec.symbol,
    baseCoin: spec.baseAsset,
    quoteCoin: spec.quoteAsset,
    innovation: '0',
    status: statusOf(spec, now),
    marginTrading: 'utaOnly',
    stTag: '0',
    lotSizeFilter: {
      basePrecision: spec.qtyStep,
      quotePrecision: '0.00000001',
      minOrderQty: spec.minQty,
      maxOrderQty: maxQty(spec, MAX_ORDER_VALUE),
      minOrderAmt: spec.minNotional,
      maxOrderAmt: '8000000',
      maxLimitOrderQty: maxQty(spec, MAX_ORDER_VALUE),
      maxMarketOrderQty: maxQty(spec, MAX_ORDER_VALUE / 2),
      postOnlyMaxLimitOrderSize: '60000',
    },
    priceFilter: { tickSize: spec.tickSize },
    riskParameters: { priceLimitRatioX: '0.005', priceLimitRatioY: '0.01' },
    symbolType: '',
  };
}

function derivativeInstrument(spec: SymbolSpec, now: number): unknown {
  const inverse = spec.market === 'inverse';
  return {
    symbol: spec.symbol,
    contractType: inverse ? 'InversePerpetual' : 'LinearPerpetual',
    status: statusOf(spec, now),
    baseCoin: spec.baseAsset,
    quoteCoin: spec.quoteAsset,
    launchTime: String(spec.listedAt),
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(decimalsOf(spec.tickSize)),
    leverageFilter: { minLeverage: '1', maxLeverage: inverse ? '100.00' : '50.00', leverageStep: '0.01' },
    priceFilter: { minPrice: spec.tickSize, maxPrice: maxPrice(spec), tickSize: spec.tickSize },
    lotSizeFilter: {
      maxOrderQty: maxQty(spec, MAX_ORDER_VALUE),
      minOrderQty: spec.minQty,
      qtyStep: spec.qtyStep,
      postOnlyMaxOrderQty: maxQty(spec, MAX_ORDER_VALUE),
      maxMktOrderQty: maxQty(spec, MAX_ORDER_VALUE / 2),
      ...(inverse ? {} : { minNotionalValue: spec.minNotional }),
    },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: inverse ? spec.baseAsset : spec.quoteAsset,
    copyTrading: inverse ? 'none' : 'both',
    upperFundingRate: '0.005',
    lowerFundingRate: '-0.005',
    isPreListing: false,
    preListingInfo: null,
    riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
    symbolType: '',
    displayName: '',
  };
}

/** Opaque to clients, like Bybit's own cursor; here just the offset of the next page. */
function encodeCursor(offset: number): string {
  return Buffer.from(`offset=${offset}`).toString('base64url');
}

function decodeCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  const match = /^offset=(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (match === null) throw new BybitError(10001, 'params error: invalid cursor');
  return Number(match[1]);
}
