/**
 * The messages of the id-multiplexed transports (MessagePort, WebSocket): a request carries an
 * id, the response with the same id carries the envelope, events carry their name. Readers
 * check the shape by hand because the sender may be untrusted and payloads may be large.
 */
import { isRpcResult, type RpcResult } from './errors.ts';

export interface WireRequest {
  readonly type: 'request';
  readonly id: number;
  readonly method: string;
  readonly input: unknown;
}

export interface WireResponse {
  readonly type: 'response';
  readonly id: number;
  readonly result: RpcResult;
}

export interface WireEvent {
  readonly type: 'event';
  readonly event: string;
  readonly payload: unknown;
}

type Loose = { readonly [key: string]: unknown };

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function asWireRequest(value: unknown): WireRequest | null {
  if (!isObject(value) || value.type !== 'request' || !isId(value.id) || typeof value.method !== 'string') return null;
  return { type: 'request', id: value.id, method: value.method, input: value.input };
}

export function asWireResponse(value: unknown): WireResponse | null {
  if (!isObject(value) || value.type !== 'response' || !isId(value.id) || !isRpcResult(value.result)) return null;
  return { type: 'response', id: value.id, result: value.result };
}

export function asWireEvent(value: unknown): WireEvent | null {
  if (!isObject(value) || value.type !== 'event' || typeof value.event !== 'string') return null;
  return { type: 'event', event: value.event, payload: value.payload };
}
