/**
 * The one error the core services throw, and the one shape failures cross the RPC boundary in:
 * a code from a closed set the UI can branch on, a message a user can read, and JSON-safe
 * details. toCoreError maps every error the host modules throw onto it.
 */
import { ExchangeError, type ExchangeErrorKind } from '../exchanges/adapter.ts';
import { InvalidCandlesError } from '../../../src-engine/candles.ts';
import { StrategyError } from '../../../src-engine/strategy/validate.ts';
import { CsvFormatError } from '../csv/csv-format-error.ts';
import { StrategyNotFoundError } from '../backtest/run-backtest.ts';
import { ImportError } from '../store/import-error.ts';
import { CandleBatchError } from '../store/validate-batch.ts';
import { ZipFormatError } from '../store/zip.ts';

export const CORE_ERROR_CODES = ['invalid-input', 'not-found', 'busy', 'cancelled', 'exchange', 'strategy', 'data', 'internal'] as const;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

export type ErrorDetails = Readonly<Record<string, unknown>>;

/** A failure as data: what job-finished events and RPC error envelopes carry. */
export interface CoreErrorInfo {
  readonly code: CoreErrorCode;
  readonly message: string;
  readonly details?: ErrorDetails;
}

export class CoreError extends Error {
  readonly code: CoreErrorCode;
  readonly details: ErrorDetails | undefined;
  constructor(code: CoreErrorCode, message: string, options: { details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CoreError';
    this.code = code;
    this.details = options.details;
  }

  info(): CoreErrorInfo {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * Exchange failures the user fixes in the request (a symbol or interval the exchange does not
 * have) are not the exchange's fault; every other kind is.
 */
const EXCHANGE_KIND_CODES: Readonly<Record<ExchangeErrorKind, CoreErrorCode>> = {
  'unknown-symbol': 'not-found',
  'invalid-interval': 'invalid-input',
  'before-listing': 'invalid-input',
  cancelled: 'cancelled',
  'rate-limited': 'exchange',
  server: 'exchange',
  network: 'exchange',
  'invalid-response': 'exchange',
  other: 'exchange',
};

export function toCoreError(error: unknown): CoreError {
  if (error instanceof CoreError) return error;
  const wrap = (code: CoreErrorCode, details?: ErrorDetails) => new CoreError(code, (error as Error).message, { details, cause: error });
  if (error instanceof ExchangeError) {
    return wrap(EXCHANGE_KIND_CODES[error.kind], { exchange: error.exchange, kind: error.kind, exchangeCode: error.code, retryable: error.retryable });
  }
  if (error instanceof StrategyError) return wrap('strategy', { issues: error.issues });
  if (error instanceof StrategyNotFoundError) return wrap('not-found');
  if (error instanceof CsvFormatError) return wrap('data', { file: error.file, line: error.line, column: error.column ?? null });
  if (error instanceof ImportError || error instanceof ZipFormatError) return wrap('data', { file: error.file });
  if (error instanceof CandleBatchError) return wrap('data', { series: error.series, barTime: error.barTime, rule: error.rule });
  if (error instanceof InvalidCandlesError) return wrap('data', { issues: error.issues });
  if (error instanceof Error && error.name === 'AbortError') return wrap('cancelled');
  const message = error instanceof Error ? error.message : String(error);
  return new CoreError('internal', `internal error: ${message}`, { cause: error });
}
