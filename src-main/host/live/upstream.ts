/**
 * One WebSocket connection to an exchange market, carrying the kline topics of every series
 * watched there. The SDK clients connect, keep the heartbeat, reconnect and resubscribe by
 * themselves; this layer adds the backoff between attempts (the SDKs wait a fixed time) and
 * reports what happened in the hub's terms.
 */
import type { Exchange, Market } from '../../../src-shared/market.ts';
import type { KlineUpdate } from './klines.ts';

export interface UpstreamListener {
  candle(update: KlineUpdate): void;
  /** The connection opened; after a loss the SDK resubscribes every topic right after this. */
  opened(): void;
  /** The connection was lost (or an attempt failed); the next attempt follows after a backoff. */
  lost(reason: string, attempt: number): void;
  /** The exchange refused a topic (an unknown symbol or interval). */
  refused(topic: string, reason: string): void;
}

export interface Upstream {
  readonly exchange: Exchange;
  readonly market: Market;
  readonly isOpen: boolean;
  add(topic: string): void;
  remove(topic: string): void;
  /** Closes the connection for good. */
  close(): void;
}

export interface ReconnectPolicy {
  /** Wait before the first attempt after a loss; doubled per failed attempt. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { baseDelayMs: 500, maxDelayMs: 30_000 };

export interface UpstreamSettings {
  readonly exchange: Exchange;
  readonly market: Market;
  /** Base URL of the exchange's stream host (ExchangeEndpoints.bybitWs, binanceSpotWs, binanceFuturesWs); the public one when undefined. */
  readonly wsUrl: string | undefined;
  readonly reconnect: ReconnectPolicy;
  readonly listener: UpstreamListener;
}

export type UpstreamFactory = (settings: UpstreamSettings) => Upstream;

/** The wait before attempt `attempt + 1` after `attempt` failed ones. */
export function backoffDelay(policy: ReconnectPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt));
}

/** The SDKs log every reconnect loudly; the hub reports connection states itself. */
export const quietLogger = { trace: (): void => {}, info: (): void => {}, error: (): void => {} };

export function describeClose(event: unknown): string {
  const fields = typeof event === 'object' && event !== null ? (event as { event?: { code?: unknown; reason?: unknown } }).event : undefined;
  const code = typeof fields?.code === 'number' ? ` (code ${fields.code}${typeof fields.reason === 'string' && fields.reason !== '' ? `: ${fields.reason}` : ''})` : '';
  return `connection lost${code}`;
}
