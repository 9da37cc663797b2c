/**
 * Upstreams over the maintained SDKs' WebSocket clients: bybit-api for Bybit v5 public
 * streams (one client per category, `wsUrl` = {bybitWs}/v5/public/{category}) and binance for
 * spot and USD-M market streams (one client per market; the SDK speaks combined streams on
 * {wsUrl}/stream, USD-M on {wsUrl}/market/stream). Both SDKs take a custom URL, keep their
 * own heartbeat (Bybit ping ops, Binance ping frames) and reconnect with a fixed wait; the
 * subclasses stretch that wait between failed attempts.
 */
import { WebsocketClient as BinanceWebsocketClient, type WsKey as BinanceWsKey } from 'binance';
import { WebsocketClient as BybitWebsocketClient } from 'bybit-api';
import { readBinanceMessage, readBybitUpdate, type KlineUpdate } from './klines.ts';
import { backoffDelay, describeClose, quietLogger, type Upstream, type UpstreamFactory, type UpstreamSettings } from './upstream.ts';

class BybitClient extends BybitWebsocketClient {
  setReconnectDelay(ms: number): void {
    this.options.reconnectTimeout = ms;
  }
}

class BinanceClient extends BinanceWebsocketClient {
  setReconnectDelay(ms: number): void {
    this.options.reconnectTimeout = ms;
  }
}

interface SdkClient {
  on(event: string, listener: (event: unknown) => void): unknown;
  setReconnectDelay(ms: number): void;
  closeAll(force?: boolean): void;
}

/** The bookkeeping both SDK clients share: open state, attempt count and backoff. */
function track(client: SdkClient, settings: UpstreamSettings, read: (event: unknown) => KlineUpdate[], dataEvent: string, reconnectEvent: string) {
  const { listener, reconnect } = settings;
  const state = { open: false, attempt: 0, closed: false };
  client.setReconnectDelay(reconnect.baseDelayMs);
  const opened = () => {
    state.open = true;
    state.attempt = 0;
    client.setReconnectDelay(reconnect.baseDelayMs);
    if (!state.closed) listener.opened();
  };
  client.on('open', opened);
  client.on('reconnected', opened);
  // The SDK has already scheduled this attempt with the current delay: the next one waits longer.
  client.on(reconnectEvent, (event) => {
    state.open = false;
    state.attempt++;
    client.setReconnectDelay(backoffDelay(reconnect, state.attempt));
    if (!state.closed) listener.lost(describeClose(event), state.attempt);
  });
  client.on(dataEvent, (event) => {
    if (state.closed) return;
    for (const update of read(event)) listener.candle(update);
  });
  return state;
}

/** Subscribe answers {op: 'subscribe', success: false, req_id: topics joined by ','} when refused. */
function bybitRefusal(event: unknown): { topics: string[]; reason: string } | null {
  const fields = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
  if (fields.op !== 'subscribe' || fields.success !== false) return null;
  const topics = typeof fields.req_id === 'string' ? fields.req_id.split(',').filter((topic) => topic !== '') : [];
  return { topics, reason: typeof fields.ret_msg === 'string' ? fields.ret_msg : 'subscription refused' };
}

function createBybitUpstream(settings: UpstreamSettings): Upstream {
  const { market, listener } = settings;
  if (market === 'spot' || market === 'linear' || market === 'inverse') {
    const client = new BybitClient({ market: 'v5', ...(settings.wsUrl === undefined ? {} : { wsUrl: `${settings.wsUrl}/v5/public/${market}` }) }, quietLogger);
    const state = track(client, settings, readBybitUpdate, 'update', 'reconnect');
    const refusals = new Set<string>();
    const onRefusal = (event: unknown) => {
      const refusal = bybitRefusal(event);
      if (refusal === null || state.closed) return;
      for (const topic of refusal.topics) {
        if (refusals.has(topic)) continue;
        refusals.add(topic);
        listener.refused(topic, refusal.reason);
      }
    };
    client.on('response', onRefusal);
    client.on('exception', onRefusal);
    return {
      exchange: 'bybit',
      market,
      get isOpen() {
        return state.open;
      },
      add(topic) {
        refusals.delete(topic);
        void Promise.allSettled(client.subscribeV5(topic, market));
      },
      remove(topic) {
        void Promise.allSettled(client.unsubscribeV5(topic, market));
      },
      close() {
        state.closed = true;
        client.closeAll(true);
      },
    };
  }
  throw new Error(`bybit has no ${String(market)} stream`);
}

function createBinanceUpstream(settings: UpstreamSettings): Upstream {
  const { market } = settings;
  if (market === 'inverse') throw new Error('binance inverse (COIN-M) futures are not supported; use binance linear (USD-M) or bybit inverse');
  const client = new BinanceClient(settings.wsUrl === undefined ? {} : { wsUrl: settings.wsUrl }, quietLogger);
  const state = track(client, settings, readBinanceMessage, 'message', 'reconnecting');
  const wsKey: BinanceWsKey = market === 'spot' ? 'main' : 'usdm';
  return {
    exchange: 'binance',
    market,
    get isOpen() {
      return state.open;
    },
    add(topic) {
      client.subscribe(topic, wsKey).catch(() => {});
    },
    remove(topic) {
      client.unsubscribe(topic, wsKey).catch(() => {});
    },
    close() {
      state.closed = true;
      client.closeAll(true);
    },
  };
}

export const createSdkUpstream: UpstreamFactory = (settings) =>
  settings.exchange === 'bybit' ? createBybitUpstream(settings) : createBinanceUpstream(settings);
