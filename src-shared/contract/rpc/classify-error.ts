/**
 * Turns anything a handler throws into an envelope error. Errors that say what they are keep
 * their meaning: an RpcFailure or a `code` from the closed set is kept; the host's own error
 * classes (recognised by `name`, because src-shared cannot import them) map to the code a UI
 * acts on, with their user-facing message and plain fields as details. Everything else is
 * 'internal' with the first line of its message only: stacks stay in the log.
 */
import { isRpcErrorCode, type RpcError, type RpcErrorCode, type RpcErrorDetails, RpcFailure, rpcError } from './errors.ts';

const CODE_BY_ERROR_NAME: Readonly<Record<string, RpcErrorCode>> = {
  StrategyError: 'strategy',
  StrategyNotFoundError: 'not-found',
  ExchangeError: 'exchange',
  FailureError: 'exchange',
  CsvFormatError: 'data',
  ImportError: 'data',
  ZipFormatError: 'data',
  CandleBatchError: 'data',
  InvalidCandlesError: 'data',
  AbortError: 'cancelled',
};

/** Node and SQLite error codes that mean something a user can act on. */
const CODE_BY_SYSTEM_CODE: Readonly<Record<string, RpcErrorCode>> = {
  ENOENT: 'not-found',
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  EBUSY: 'busy',
};

const MAX_MESSAGE = 500;
const HIDDEN_FIELDS = new Set(['name', 'message', 'stack', 'cause']);

export function classifyError(error: unknown, method: string): RpcError {
  if (error instanceof RpcFailure) return error.toRpcError();
  const shape = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown; kind?: unknown; message?: unknown };
  const message = typeof shape.message === 'string' && shape.message.trim() !== '' ? firstLine(shape.message) : null;
  const code = codeOf(shape);
  if (code !== null && message !== null) return rpcError(code, message, plainDetails(error));
  return rpcError('internal', message === null ? `${method} failed unexpectedly` : `${method} failed unexpectedly: ${message}`);
}

function codeOf(shape: { name?: unknown; code?: unknown; kind?: unknown }): RpcErrorCode | null {
  if (isRpcErrorCode(shape.code)) return shape.code;
  if (shape.kind === 'cancelled') return 'cancelled';
  if (typeof shape.name === 'string' && Object.hasOwn(CODE_BY_ERROR_NAME, shape.name)) return CODE_BY_ERROR_NAME[shape.name];
  if (typeof shape.code === 'string' && Object.hasOwn(CODE_BY_SYSTEM_CODE, shape.code)) return CODE_BY_SYSTEM_CODE[shape.code];
  return null;
}

/** Messages of known errors are written for users, but a stack pasted into one must not cross. */
function firstLine(message: string): string {
  const line = message.split('\n', 1)[0].trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/**
 * The error's own JSON-safe fields (file, line, kind, retryable, issues...), so a UI can point
 * at the problem without parsing the message.
 */
function plainDetails(error: unknown): RpcErrorDetails | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (HIDDEN_FIELDS.has(key)) continue;
    // The source's own code (an exchange's retCode, ENOENT) must not read as the envelope's code.
    if (key === 'code') {
      if (isPlainValue(value) && !isRpcErrorCode(value)) details.sourceCode = value;
    } else if (key === 'issues' && isIssueList(value)) {
      details.issues = value.map(({ path, message }) => ({ path, message }));
    } else if (isPlainValue(value)) {
      details[key] = value;
    }
  }
  return Object.keys(details).length === 0 ? undefined : details;
}

function isPlainValue(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isIssueList(value: unknown): value is readonly { path: string; message: string }[] {
  return (
    Array.isArray(value) &&
    value.every((issue) => typeof issue === 'object' && issue !== null && typeof issue.path === 'string' && typeof issue.message === 'string')
  );
}
