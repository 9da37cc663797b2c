/**
 * One interface over Bybit and Binance market data, so the downloader, the live hub and the
 * tests never care which exchange they talk to. Implementations wrap the maintained SDKs
 * (`bybit-api`, `binance`); base URLs are settings so tests point them at the simulator.
 */
import type { Candles } from '../../../src-engine/candles.ts';
import type { Exchange, FundingRate, Instrument, Market, SeriesKey } from '../../../src-shared/market.ts';

/** Candles as the engine's columns; from an adapter: ascending by open time, closed candles only. */
export type CandleRows = Candles;

export interface RequestEvents {
  /** Called for every HTTP request sent, and for every retry with its reason. */
  onRequest?(info: { url: string }): void;
  onRetry?(info: { attempt: number; delayMs: number; reason: string }): void;
}

export interface ExchangeAdapter {
  readonly exchange: Exchange;
  /** The most candles one request returns on this market (Bybit 1000; Binance spot 1000, futures 1500). */
  pageLimit(market: Market): number;
  listInstruments(market: Market, signal?: AbortSignal): Promise<Instrument[]>;
  /**
   * One request: closed candles with open time in [from, to), at most pageLimit of them,
   * ascending and validated. Rate-limited and retried inside; a candle still forming at the
   * exchange's clock is dropped.
   */
  fetchCandlePage(key: SeriesKey, from: number, to: number, signal?: AbortSignal, events?: RequestEvents): Promise<CandleRows>;
  /** Funding settlements of a perpetual in [from, to), ascending (all pages). */
  fetchFundingRates(market: Market, symbol: string, from: number, to: number, signal?: AbortSignal): Promise<FundingRate[]>;
}

export type ExchangeErrorKind =
  | 'unknown-symbol'
  | 'invalid-interval'
  | 'before-listing'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'invalid-response'
  | 'cancelled'
  | 'other';

/** An exchange failure a user can act on: the message says what went wrong in plain words. */
export class ExchangeError extends Error {
  readonly kind: ExchangeErrorKind;
  readonly exchange: Exchange;
  /** The exchange's own code (Bybit retCode, Binance code) or HTTP status, when there was one. */
  readonly code: number | null;
  readonly retryable: boolean;
  constructor(exchange: Exchange, kind: ExchangeErrorKind, message: string, options: { code?: number | null; retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ExchangeError';
    this.exchange = exchange;
    this.kind = kind;
    this.code = options.code ?? null;
    this.retryable = options.retryable ?? false;
  }
}

/** Base URLs of one exchange; each defaults to the exchange's public endpoint. */
export interface ExchangeEndpoints {
  readonly bybitRest?: string;
  readonly bybitWs?: string;
  readonly binanceSpotRest?: string;
  readonly binanceFuturesRest?: string;
  readonly binanceSpotWs?: string;
  readonly binanceFuturesWs?: string;
}
