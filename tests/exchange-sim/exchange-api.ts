/**
 * The contract between the HTTP server and each simulated REST API (Bybit v5, Binance spot,
 * Binance USD-M): the server owns sockets, stats and fault timing; an API owns its paths,
 * rate limits, response bodies and error formats.
 */
import type { Exchange, Market } from '../../src-shared/market.ts';
import type { SymbolSpec } from './catalogue.ts';
import type { PageFault, ResponseFault } from './faults.ts';
import type { MarketData } from './market-data.ts';

export interface RestRequest {
  /** Path after the API's prefix, e.g. /v5/market/kline. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The simulator's market clock (epoch ms). */
  readonly now: number;
  readonly pageFaults: readonly PageFault[];
}

export interface RestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the rate limiter said: a refusal to send instead, or headers to add to the answer. */
export interface Admission {
  readonly refusal: RestResponse | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ExchangeApi {
  readonly exchange: Exchange;
  isKlines(path: string): boolean;
  /** Counts the request against the IP's limits; `realNow` is wall time, limits never follow the market clock. */
  admit(path: string, query: URLSearchParams, ip: string, realNow: number): Admission;
  handle(request: RestRequest): RestResponse;
  /** The exchange's own answer for an injected fault (drops are the server's business). */
  faultResponse(fault: Exclude<ResponseFault, { kind: 'drop' }>, now: number): RestResponse;
}

/** Shared state every API reads. */
export interface SimContext {
  readonly symbols: readonly SymbolSpec[];
  readonly market: MarketData;
}

export function jsonResponse(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): RestResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function textResponse(status: number, text: string, headers: Readonly<Record<string, string>> = {}): RestResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: text };
}

/** An optional non-negative integer parameter: undefined when absent, null when malformed. */
export function integerParam(query: URLSearchParams, name: string): number | null | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  return /^\d{1,16}$/.test(text) ? Number(text) : null;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function listingsOf(context: SimContext, exchange: Exchange, market: Market): SymbolSpec[] {
  return context.symbols.filter((spec) => spec.exchange === exchange && spec.market === market);
}
