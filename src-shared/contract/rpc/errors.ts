/**
 * The result envelope every call ends in, and the closed set of error codes a UI can act on.
 * Errors cross transports as data, never as exceptions: Electron rewrites thrown errors and
 * JSON drops their fields, so a failure is `{ ok: false, error: { code, message, details } }`.
 * No zod here: the preload imports this file and stays small.
 */
/** Each code with what it tells the UI to do. */
export const RPC_ERROR_CODES = {
  'invalid-input': 'the request does not match the contract; details.issues say where',
  'invalid-output': 'the answer does not match the contract: a bug on the answering side',
  'unknown-method': 'no such method here (an older or newer peer): update the app',
  unauthorized: 'this window, token or origin may not call the workstation',
  'not-found': 'the job, series, template or file named does not exist',
  cancelled: 'the operation was cancelled; what finished before is kept',
  exchange: 'the exchange refused or failed; details.retryable tells whether to retry',
  strategy: 'the strategy has problems; details.issues lists them',
  data: 'candle data is malformed or missing; details name the file or series',
  busy: 'the database or the core is busy: retry shortly',
  unavailable: 'the core or the connection is gone: reconnect or restart',
  internal: 'an unexpected failure; the message is for a bug report',
} as const;

export type RpcErrorCode = keyof typeof RPC_ERROR_CODES;
export const rpcErrorCodes = Object.keys(RPC_ERROR_CODES) as [RpcErrorCode, ...RpcErrorCode[]];

export function isRpcErrorCode(value: unknown): value is RpcErrorCode {
  return typeof value === 'string' && Object.hasOwn(RPC_ERROR_CODES, value);
}

export type RpcErrorDetails = Readonly<Record<string, unknown>>;

export interface RpcError {
  readonly code: RpcErrorCode;
  /** A sentence a user can read; never a stack trace. */
  readonly message: string;
  readonly details?: RpcErrorDetails;
}

export type RpcResult<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RpcError };

/** What a client throws for an error envelope; a handler may throw it too, to pick the code. */
export class RpcFailure extends Error {
  readonly code: RpcErrorCode;
  readonly details: RpcErrorDetails | undefined;
  constructor(code: RpcErrorCode, message: string, details?: RpcErrorDetails) {
    super(message);
    this.name = 'RpcFailure';
    this.code = code;
    this.details = details;
  }

  static from(error: RpcError): RpcFailure {
    return new RpcFailure(error.code, error.message, error.details);
  }

  toRpcError(): RpcError {
    return rpcError(this.code, this.message, this.details);
  }
}

export function rpcError(code: RpcErrorCode, message: string, details?: RpcErrorDetails): RpcError {
  return details === undefined ? { code, message } : { code, message, details };
}

export function failed(code: RpcErrorCode, message: string, details?: RpcErrorDetails): RpcResult<never> {
  return { ok: false, error: rpcError(code, message, details) };
}

/** A cheap shape check for envelopes arriving from the other side of a transport. */
export function isRpcResult(value: unknown): value is RpcResult {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (result.ok === true) return true;
  return result.ok === false && isRpcErrorCode(result.error?.code) && typeof result.error?.message === 'string';
}
