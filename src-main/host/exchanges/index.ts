/** The exchange clients: one ExchangeAdapter per exchange, built from AdapterOptions. */
export { ExchangeError, type CandleRows, type ExchangeAdapter, type ExchangeEndpoints, type ExchangeErrorKind, type RequestEvents } from './adapter.ts';
export { createBinanceAdapter } from './binance.ts';
export { createBybitAdapter } from './bybit.ts';
export { PUBLISHED_RATE_LIMITS, type AdapterOptions, type RateLimitSettings, type RetryPolicy, type WindowLimit } from './options.ts';
