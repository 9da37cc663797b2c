/**
 * What went wrong with one request, in terms the retry loop and the user can act on: the
 * ExchangeError kind, whether trying again can help, how long the exchange asked us to wait,
 * and a plain-words message. The SDKs are run with exception parsing off, so failures arrive
 * as axios errors; this reads them by shape (status, headers, body, error code).
 */
import type { Exchange, Market } from '../../../src-shared/market.ts';
import { ExchangeError, type ExchangeErrorKind } from './adapter.ts';

export interface Failure {
  readonly kind: ExchangeErrorKind;
  readonly message: string;
  /** The exchange's own code (Bybit retCode, Binance code) or the HTTP status. */
  readonly code: number | null;
  readonly retryable: boolean;
  /** The wait the exchange asked for (Retry-After), in ms. */
  readonly retryAfterMs?: number;
}

/** Thrown by an adapter's request code for a response it rejected (malformed, error body). */
export class FailureError extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message);
    this.name = 'FailureError';
    this.failure = failure;
  }
}

/** What a request was about, so messages can name the symbol and interval. */
export interface RequestSubject {
  readonly exchange: Exchange;
  readonly market: Market;
  readonly symbol?: string;
  readonly interval?: string;
}

/** Reads an exchange error body (Binance {code,msg}, Bybit {retCode,retMsg}) into a failure. */
export type BodyInterpreter = (subject: RequestSubject, status: number | null, body: unknown) => Failure | null;

interface HttpErrorShape {
  readonly isAxiosError?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly response?: { readonly status?: unknown; readonly headers?: unknown; readonly data?: unknown };
}

export function failureOf(error: unknown, subject: RequestSubject, interpretBody: BodyInterpreter, now: number): Failure {
  if (error instanceof FailureError) return error.failure;
  if (error instanceof ExchangeError) return { kind: error.kind, message: error.message, code: error.code, retryable: error.retryable };
  const shape = (typeof error === 'object' && error !== null ? error : {}) as HttpErrorShape;
  const response = shape.response;
  // Only an error status is the exchange answering; a body cut short arrives as an error that
  // still carries its 200 response, and is a transport failure like the ones below.
  if (response !== undefined && typeof response.status === 'number' && response.status >= 400) {
    return httpFailure(subject, response.status, response.headers, response.data, interpretBody, now);
  }
  // Axios marks transport failures; Node's socket errors carry a string code (ECONNRESET...).
  const networkCode = typeof shape.code === 'string' ? shape.code : null;
  if (shape.isAxiosError === true || networkCode !== null) {
    const detail = [networkCode, typeof shape.message === 'string' ? shape.message : null].filter(Boolean).join(': ');
    return { kind: 'network', message: `could not reach ${subject.exchange} (${detail || 'no response'})`, code: null, retryable: true };
  }
  return { kind: 'other', message: `${subject.exchange} request failed: ${String(error)}`, code: null, retryable: false };
}

function httpFailure(
  subject: RequestSubject,
  status: number,
  headers: unknown,
  body: unknown,
  interpretBody: BodyInterpreter,
  now: number,
): Failure {
  const { exchange } = subject;
  const headerWait = parseRetryAfter(headerValue(headers, 'retry-after'), now);
  const interpreted = interpretBody(subject, status, body);
  const retryAfterMs = headerWait ?? interpreted?.retryAfterMs;
  const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429 || status === 418) {
    const what = status === 418 ? 'has banned this IP for exceeding its rate limit' : 'rate limit exceeded';
    const code = interpreted?.code != null ? `, code ${interpreted.code}` : '';
    return { kind: 'rate-limited', message: `${exchange} ${what} (HTTP ${status}${code})`, code: interpreted?.code ?? status, retryable: true, ...wait };
  }
  if (interpreted !== null) return interpreted.kind === 'rate-limited' ? { ...interpreted, ...wait } : interpreted;
  if (status >= 500) {
    return { kind: 'server', message: `${exchange} server error (HTTP ${status})`, code: status, retryable: true };
  }
  return {
    kind: 'other',
    message: `${exchange} rejected the request (HTTP ${status}${describeBody(body)})`,
    code: status,
    retryable: false,
  };
}

/** Retry-After is seconds, or an HTTP date; both become ms from now. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** Header lookup on axios' AxiosHeaders or a plain object, case-insensitively. */
export function headerValue(headers: unknown, name: string): string | null {
  if (typeof headers !== 'object' || headers === null) return null;
  const getter = (headers as { get?: unknown }).get;
  const value =
    typeof getter === 'function'
      ? (getter as (key: string) => unknown).call(headers, name)
      : (headers as Record<string, unknown>)[name.toLowerCase()];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

function describeBody(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    const message = record.msg ?? record.retMsg ?? record.message;
    if (typeof message === 'string') return `: ${message}`;
  }
  return '';
}

/** The error a caller receives once a failure is final. */
export function toExchangeError(exchange: Exchange, failure: Failure, attempts: number, cause: unknown): ExchangeError {
  const tail = failure.retryable && attempts > 1 ? `; gave up after ${attempts} attempts` : '';
  return new ExchangeError(exchange, failure.kind, `${failure.message}${tail}`, {
    code: failure.code,
    retryable: failure.retryable,
    cause,
  });
}

export function cancelledError(exchange: Exchange, cause?: unknown): ExchangeError {
  return new ExchangeError(exchange, 'cancelled', `${exchange} request cancelled`, { cause });
}

export function unknownSymbolFailure(subject: RequestSubject, code: number | null, exchangeMessage: string): Failure {
  return {
    kind: 'unknown-symbol',
    message: `${subject.exchange} ${subject.market} has no symbol ${subject.symbol ?? '(none given)'} (${exchangeMessage})`,
    code,
    retryable: false,
  };
}

export function invalidIntervalFailure(subject: RequestSubject, code: number | null, exchangeMessage: string): Failure {
  return {
    kind: 'invalid-interval',
    message: `${subject.exchange} ${subject.market} does not offer ${subject.interval ?? 'this'} candles (${exchangeMessage})`,
    code,
    retryable: false,
  };
}

export function invalidResponseFailure(subject: RequestSubject, problem: string): Failure {
  const series = [subject.exchange, subject.market, subject.symbol, subject.interval].filter(Boolean).join(' ');
  return { kind: 'invalid-response', message: `${series}: invalid response: ${problem}`, code: null, retryable: true };
}

export function wrongExchangeError(adapter: Exchange, asked: Exchange): ExchangeError {
  return new ExchangeError(adapter, 'other', `the ${adapter} adapter cannot fetch ${asked} series`);
}
