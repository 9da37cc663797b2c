/** Interval maps, request weights, and how HTTP statuses and exchange codes become ExchangeError kinds. */
import { describe, expect, it } from 'vitest';
import { BINANCE_INTERVALS, futuresKlinesWeight, interpretBinanceBody } from '../../../src-main/host/exchanges/binance.ts';
import { BYBIT_INTERVALS, interpretBybitBody } from '../../../src-main/host/exchanges/bybit.ts';
import { failureOf, headerValue, parseRetryAfter } from '../../../src-main/host/exchanges/failures.ts';
import { INTERVALS } from '../../../src-shared/market.ts';

const bybitSubject = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDX', interval: '1h' } as const;
const binanceSubject = { exchange: 'binance', market: 'linear', symbol: 'BTCUSDX', interval: '1h' } as const;
const NOW = Date.UTC(2024, 0, 1);

function http(status: number, data: unknown, headers: Record<string, string> = {}) {
  return { isAxiosError: true, message: `status ${status}`, response: { status, data, headers } };
}

describe('interval mapping', () => {
  it('maps every interval to Bybit codes', () => {
    expect(INTERVALS.map((interval) => BYBIT_INTERVALS[interval])).toEqual(['1', '3', '5', '15', '30', '60', '120', '240', '360', '720', 'D', 'W', 'M']);
  });

  it('maps every interval to Binance codes', () => {
    expect(INTERVALS.map((interval) => BINANCE_INTERVALS[interval])).toEqual([...INTERVALS]);
  });
});

describe('futuresKlinesWeight', () => {
  it('follows the USD-M weight table by limit', () => {
    expect([1, 99, 100, 499, 500, 1000, 1001, 1500].map(futuresKlinesWeight)).toEqual([1, 1, 2, 2, 5, 5, 10, 10]);
  });
});

describe('interpretBybitBody', () => {
  it.each([
    [10001, 'Not supported symbols', 'unknown-symbol', false],
    [10001, 'params error: symbol invalid', 'unknown-symbol', false],
    [10001, 'Invalid period!', 'invalid-interval', false],
    [10001, 'params error: limit', 'other', false],
    [10006, 'Too many visits!', 'rate-limited', true],
    [10016, 'Server error', 'server', true],
    [10000, 'Server Timeout', 'server', true],
    [170001, 'Internal error', 'other', false],
  ] as const)('retCode %i "%s" is %s', (retCode, retMsg, kind, retryable) => {
    const failure = interpretBybitBody(bybitSubject, 200, { retCode, retMsg });
    expect(failure).toMatchObject({ kind, retryable, code: retCode });
  });

  it('says which symbol a market lacks', () => {
    expect(interpretBybitBody(bybitSubject, 200, { retCode: 10001, retMsg: 'Not supported symbols' })?.message).toBe(
      'bybit linear has no symbol BTCUSDX (retCode 10001: Not supported symbols)',
    );
  });

  it('passes success through', () => {
    expect(interpretBybitBody(bybitSubject, 200, { retCode: 0, retMsg: 'OK' })).toBeNull();
  });

  it('reads a 403 "access too frequent" as the 10-minute IP ban, and other 403s as refusals', () => {
    expect(interpretBybitBody(bybitSubject, 403, 'access too frequent')).toMatchObject({ kind: 'rate-limited', code: 403, retryAfterMs: 600_000 });
    expect(failureOf(http(403, '<html>blocked country</html>'), bybitSubject, interpretBybitBody, NOW)).toMatchObject({ kind: 'other', retryable: false });
  });

  it('waits for the per-endpoint limit reset the SDK parsed from X-Bapi-Limit-Reset-Timestamp', () => {
    const body = { retCode: 10006, retMsg: 'Too many visits!', time: NOW, rateLimitApi: { remainingRequests: 0, maxRequests: 600, resetAtTimestamp: NOW + 1_500 } };
    expect(interpretBybitBody(bybitSubject, 200, body)).toMatchObject({ kind: 'rate-limited', retryAfterMs: 1_500 });
  });
});

describe('interpretBinanceBody', () => {
  it.each([
    [-1121, 'unknown-symbol', false],
    [-1120, 'invalid-interval', false],
    [-1003, 'rate-limited', true],
    [-1001, 'server', true],
    [-1100, 'other', false],
  ] as const)('code %i is %s', (code, kind, retryable) => {
    expect(interpretBinanceBody(binanceSubject, 400, { code, msg: 'x' })).toMatchObject({ kind, retryable, code });
  });

  it('ignores bodies without a code', () => {
    expect(interpretBinanceBody(binanceSubject, 500, '<html>')).toBeNull();
  });
});

describe('failureOf', () => {
  it('reads 429/418 as rate-limited with the Retry-After wait', () => {
    const failure = failureOf(http(429, { code: -1003, msg: 'Too many' }, { 'retry-after': '3' }), binanceSubject, interpretBinanceBody, NOW);
    expect(failure).toMatchObject({ kind: 'rate-limited', retryable: true, retryAfterMs: 3_000, code: -1003 });
    expect(failureOf(http(418, '', {}), binanceSubject, interpretBinanceBody, NOW)).toMatchObject({ kind: 'rate-limited', code: 418 });
  });

  it('reads 5xx without an exchange code as a retryable server error keeping the status', () => {
    expect(failureOf(http(503, 'Service Unavailable'), bybitSubject, interpretBybitBody, NOW)).toEqual({
      kind: 'server',
      message: 'bybit server error (HTTP 503)',
      code: 503,
      retryable: true,
    });
  });

  it('reads other 4xx as a final rejection quoting the exchange', () => {
    expect(failureOf(http(400, { code: -1104, msg: 'Not all sent parameters were read.' }), binanceSubject, interpretBinanceBody, NOW)).toMatchObject({
      kind: 'other',
      retryable: false,
      message: 'binance rejected the request (code -1104: Not all sent parameters were read.)',
    });
    expect(failureOf(http(404, { message: 'Not Found' }), bybitSubject, interpretBybitBody, NOW)).toMatchObject({
      kind: 'other',
      code: 404,
      message: 'bybit rejected the request (HTTP 404: Not Found)',
    });
  });

  it('reads a body cut short (an error carrying a 200 response) as a network failure', () => {
    const cut = { isAxiosError: true, code: 'ERR_BAD_RESPONSE', message: 'stream has been aborted', response: { status: 200, headers: {}, data: '' } };
    expect(failureOf(cut, bybitSubject, interpretBybitBody, NOW)).toMatchObject({ kind: 'network', retryable: true });
  });

  it('reads transport failures as retryable network errors', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(failureOf(reset, bybitSubject, interpretBybitBody, NOW)).toMatchObject({ kind: 'network', retryable: true });
    expect(failureOf({ isAxiosError: true, message: 'Network Error' }, bybitSubject, interpretBybitBody, NOW).message).toBe(
      'could not reach bybit (Network Error)',
    );
  });
});

describe('Retry-After and headers', () => {
  it('parses seconds and HTTP dates', () => {
    expect(parseRetryAfter('12', NOW)).toBe(12_000);
    expect(parseRetryAfter('0.5', NOW)).toBe(500);
    expect(parseRetryAfter(new Date(NOW + 4_000).toUTCString(), NOW)).toBe(4_000);
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });

  it('reads headers from plain objects and getter objects', () => {
    expect(headerValue({ 'x-mbx-used-weight-1m': '42' }, 'X-MBX-USED-WEIGHT-1M')).toBe('42');
    expect(headerValue({ get: (name: string) => (name === 'retry-after' ? 5 : undefined) }, 'retry-after')).toBe('5');
    expect(headerValue(undefined, 'retry-after')).toBeNull();
  });
});
