/**
 * Binance public market REST: spot /api/v3 (ping, time, exchangeInfo, klines) and USD-M futures
 * /fapi/v1 (the same plus fundingRate). Errors are HTTP 400 {"code", "msg"} with Binance's
 * codes; every answer carries X-MBX-USED-WEIGHT-1M. Klines come oldest first, 12 fields, with
 * prices as strings (spot with 8 decimals, futures with the symbol's precision).
 */
import { type BinanceMarket, binanceNumbers, futuresExchangeInfo, spotExchangeInfo } from './binance-format.ts';
import { type SymbolSpec, precisionOf } from './catalogue.ts';
import { fixedDecimal, paddedDecimal } from './decimal.ts';
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
import { binanceInterval, nextBarOpen } from './intervals.ts';
import type { Bar } from './market-data.ts';
import { type LimitVerdict, type RateLimitConfig, REALISTIC_RATE_LIMITS, WeightLimiter } from './rate-limits.ts';

class BinanceError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

const MANDATORY = (name: string): BinanceError => new BinanceError(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
const ILLEGAL = (name: string): BinanceError => new BinanceError(-1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
const INVALID_SYMBOL = (): BinanceError => new BinanceError(-1121, 'Invalid symbol.');

export class BinanceRest implements ExchangeApi {
  readonly exchange = 'binance';
  private readonly market: BinanceMarket;
  private readonly context: SimContext;
  private readonly limits: RateLimitConfig;
  private readonly weights: WeightLimiter;
  private readonly fundingRequests: WeightLimiter;
  private readonly base: string;

  constructor(market: BinanceMarket, context: SimContext, limits: RateLimitConfig) {
    this.market = market;
    this.context = context;
    this.limits = limits;
    this.base = market === 'spot' ? '/api/v3' : '/fapi/v1';
    this.weights = new WeightLimiter(this.weightLimit(), limits.binanceWindowMs, limits.binanceBanAfterRefusals, limits.binanceBanMs);
    this.fundingRequests = new WeightLimiter(limits.binanceFundingRequestsPerWindow, limits.binanceFundingWindowMs, limits.binanceBanAfterRefusals, limits.binanceBanMs);
  }

  isKlines(path: string): boolean {
    return path === `${this.base}/klines`;
  }

  admit(path: string, query: URLSearchParams, ip: string, realNow: number): Admission {
    if (path === '/fapi/v1/fundingRate' && this.market === 'linear') {
      const verdict = this.fundingRequests.check(ip, 1, realNow);
      const headers = { 'x-mbx-used-weight-1m': String(this.weights.used(ip, realNow)) };
      return { refusal: verdict.kind === 'ok' ? null : this.refusal(verdict, headers, `${this.limits.binanceFundingRequestsPerWindow} requests per 5 MINUTE`), headers };
    }
    const verdict = this.weights.check(ip, this.weight(path, query), realNow);
    const headers = { 'x-mbx-used-weight-1m': String(verdict.usedWeight) };
    return { refusal: verdict.kind === 'ok' ? null : this.refusal(verdict, headers, `${this.weightLimit()} request weight per 1 MINUTE`), headers };
  }

  /** The configured REQUEST_WEIGHT limit; exchangeInfo shows the published one when limits are off. */
  private weightLimit(): number {
    return this.market === 'spot' ? this.limits.binanceSpotWeightPerWindow : this.limits.binanceFuturesWeightPerWindow;
  }

  handle(request: RestRequest): RestResponse {
    try {
      switch (request.path) {
        case `${this.base}/ping`:
          return jsonResponse(200, {});
        case `${this.base}/time`:
          return jsonResponse(200, { serverTime: request.now });
        case `${this.base}/exchangeInfo`:
          return jsonResponse(200, this.exchangeInfo(request));
        case `${this.base}/klines`:
          return jsonResponse(200, this.klines(request));
        case '/fapi/v1/fundingRate':
          if (this.market === 'linear') return jsonResponse(200, this.fundingRates(request));
          return textResponse(404, '');
        default:
          return textResponse(404, '');
      }
    } catch (error) {
      if (!(error instanceof BinanceError)) throw error;
      return jsonResponse(400, { code: error.code, msg: error.message });
    }
  }

  faultResponse(fault: Exclude<ResponseFault, { kind: 'drop' }>, now: number): RestResponse {
    if (fault.kind === 'server-error') {
      const status = fault.status ?? 503;
      if (status === 500) return jsonResponse(500, { code: -1000, msg: 'An unknown error occurred while processing the request.' });
      if (status === 503) return jsonResponse(503, { code: -1008, msg: 'Server is currently overloaded with other requests. Please try again in a few minutes.' });
      return textResponse(status, status === 502 ? 'Bad Gateway' : 'Gateway Timeout');
    }
    const retryAfterMs = (fault.retryAfterSeconds ?? (fault.kind === 'ban' ? 120 : 1)) * 1000;
    const verdict: LimitVerdict =
      fault.kind === 'ban' ? { kind: 'banned', usedWeight: 0, retryAfterMs, until: now + retryAfterMs } : { kind: 'limited', usedWeight: 0, retryAfterMs };
    const limit = this.market === 'spot' ? REALISTIC_RATE_LIMITS.binanceSpotWeightPerWindow : REALISTIC_RATE_LIMITS.binanceFuturesWeightPerWindow;
    return this.refusal(verdict, {}, `${limit} request weight per 1 MINUTE`);
  }

  /** Request weights as documented per endpoint; futures klines weigh by limit. */
  private weight(path: string, query: URLSearchParams): number {
    if (path === `${this.base}/exchangeInfo`) return this.market === 'spot' ? 20 : 1;
    if (path !== `${this.base}/klines`) return 1;
    if (this.market === 'spot') return 2;
    const limit = Number(query.get('limit') ?? 500);
    if (limit < 100) return 1;
    if (limit < 500) return 2;
    if (limit <= 1000) return 5;
    return 10;
  }

  private refusal(verdict: Exclude<LimitVerdict, { kind: 'ok' }>, headers: Readonly<Record<string, string>>, limitText: string): RestResponse {
    const retryAfter = { 'retry-after': String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))) };
    if (verdict.kind === 'banned') {
      const msg = `Way too much request weight used; IP banned until ${Math.round(verdict.until)}. Please use WebSocket Streams for live updates to avoid bans.`;
      return jsonResponse(418, { code: -1003, msg }, { ...headers, ...retryAfter });
    }
    const msg = `Too much request weight used; current limit is ${limitText}. Please use WebSocket Streams for live updates to avoid polling the API.`;
    return jsonResponse(429, { code: -1003, msg }, { ...headers, ...retryAfter });
  }

  private listings(): SymbolSpec[] {
    return listingsOf(this.context, 'binance', this.market);
  }

  private symbol(query: URLSearchParams): SymbolSpec {
    const symbol = query.get('symbol');
    if (symbol === null || symbol === '') throw MANDATORY('symbol');
    const spec = this.listings().find((candidate) => candidate.symbol === symbol);
    if (spec === undefined) throw INVALID_SYMBOL();
    return spec;
  }

  private klines(request: RestRequest): unknown[] {
    const { query, now } = request;
    const spec = this.symbol(query);
    const intervalName = query.get('interval');
    if (intervalName === null || intervalName === '') throw MANDATORY('interval');
    const interval = binanceInterval(intervalName);
    if (interval === null) throw new BinanceError(-1120, 'Invalid interval.');
    const startTime = integerParam(query, 'startTime');
    const endTime = integerParam(query, 'endTime');
    const limit = integerParam(query, 'limit');
    if (startTime === null) throw ILLEGAL('startTime');
    if (endTime === null) throw ILLEGAL('endTime');
    if (limit === null) throw ILLEGAL('limit');
    if (startTime !== undefined && endTime !== undefined && startTime > endTime) throw new BinanceError(-1023, 'Start time is greater than end time.');
    const size = clamp(limit ?? 500, 1, this.market === 'spot' ? 1000 : 1500);
    // From startTime forward when given; otherwise the newest rows up to endTime (or now).
    const keep = startTime === undefined ? 'newest' : 'oldest';
    const bars = this.context.market.bars(spec, interval, startTime ?? 0, endTime ?? now, size, keep, now);
    const format = binanceNumbers(spec, this.market);
    const rows = bars.map((bar: Bar) => [
      bar.openTime,
      format.price(bar.open),
      format.price(bar.high),
      format.price(bar.low),
      format.price(bar.close),
      format.volume(bar.volume),
      nextBarOpen(bar.openTime, interval) - 1,
      format.quote(bar.turnover),
      bar.trades,
      format.volume(bar.takerVolume),
      format.quote(bar.takerTurnover),
      '0',
    ]);
    return applyPageFaults(rows, request.pageFaults, { high: 2, low: 3, close: 4 });
  }

  private fundingRates(request: RestRequest): unknown[] {
    const { query, now } = request;
    const symbol = query.get('symbol');
    const specs = symbol === null || symbol === '' ? this.listings() : [this.symbol(query)];
    const startTime = integerParam(query, 'startTime');
    const endTime = integerParam(query, 'endTime');
    const limit = integerParam(query, 'limit');
    if (startTime === null) throw ILLEGAL('startTime');
    if (endTime === null) throw ILLEGAL('endTime');
    if (limit === null) throw ILLEGAL('limit');
    const size = clamp(limit ?? 100, 1, 1000);
    const rows = specs
      .flatMap((spec) => this.context.market.funding(spec, startTime ?? 0, endTime ?? now, now).map((point) => ({ spec, point })))
      .sort((a, b) => a.point.time - b.point.time);
    // Documented: more rows than limit between the times -> the first `limit` from startTime.
    const kept = startTime === undefined ? rows.slice(-size) : rows.slice(0, size);
    return kept.map(({ spec, point }) => ({
      symbol: spec.symbol,
      fundingRate: fixedDecimal(point.rate, 8),
      fundingTime: point.time,
      markPrice: paddedDecimal(point.markPrice, precisionOf(spec).price, 8),
    }));
  }

  private exchangeInfo(request: RestRequest): unknown {
    const { query, now } = request;
    let specs = this.listings();
    const symbol = query.get('symbol');
    const symbols = query.get('symbols');
    if (this.market === 'spot' && symbol !== null) {
      specs = [this.symbol(query)];
    } else if (this.market === 'spot' && symbols !== null) {
      let wanted: unknown;
      try {
        wanted = JSON.parse(symbols);
      } catch {
        throw new BinanceError(-1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
      }
      if (!Array.isArray(wanted)) throw MANDATORY('symbols');
      specs = wanted.map((name) => {
        const spec = specs.find((candidate) => candidate.symbol === name);
        if (spec === undefined) throw INVALID_SYMBOL();
        return spec;
      });
    }
    return this.market === 'spot' ? spotExchangeInfo(specs, now, this.weightLimit()) : futuresExchangeInfo(specs, now, this.weightLimit());
  }
}
