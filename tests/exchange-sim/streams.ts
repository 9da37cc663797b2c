/**
 * The WebSocket side: routes upgrades to the Bybit or Binance protocol, then drives every
 * kline subscription from the same seeded candles as REST. On each update tick (the stream
 * rate, per second) a subscription gets its bar as it stands at the simulator's clock; when
 * the clock has moved into a new bar, the finished bars are sent first with their closed flag
 * (Bybit confirm, Binance x) so a live client sees every bar close. Stream faults repeat
 * pushes, push older bars after newer ones, or refuse new connections.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Market } from '../../src-shared/market.ts';
import { binanceStreamPath, openBinanceSession } from './binance-ws.ts';
import { openBybitSession } from './bybit-ws.ts';
import { precisionOf, type SymbolSpec } from './catalogue.ts';
import { trimmedDecimal } from './decimal.ts';
import type { SimContext } from './exchange-api.ts';
import { type SimInterval, barOpen, previousBarOpen } from './intervals.ts';
import type { Bar } from './market-data.ts';

export interface Subscription {
  readonly spec: SymbolSpec;
  readonly interval: SimInterval;
  /** Open time of the last bar sent, null before the first update. */
  lastOpen: number | null;
}

/** One connected client in its exchange's protocol. */
export interface StreamSession {
  readonly socket: WebSocket;
  readonly subscriptions: Map<string, Subscription>;
  send(key: string, subscription: Subscription, bar: Bar, now: number): void;
}

export interface StreamOptions {
  /** Kline updates per second per subscription; 0 pauses them. */
  readonly rate: number;
  /** Binance ping frames: spot every 20 s, USD-M every 3 minutes; three unanswered pings drop the connection. */
  readonly binancePingIntervalMs: { readonly spot: number; readonly linear: number };
  readonly onKlineSent?: (sent: KlineSent) => void;
}

/** A kline push as the client will read it (prices and volume as numbers), and when it was sent. */
export interface KlineSent {
  readonly spec: SymbolSpec;
  readonly interval: SimInterval;
  readonly openTime: number;
  readonly close: number;
  readonly volume: number;
  readonly closed: boolean;
  /** performance.timeOrigin + performance.now(), right before the write. */
  readonly at: number;
}

export interface StreamFaults {
  /** Every kline push is sent twice. */
  readonly duplicates?: boolean;
  /** After each update the previous bar is pushed again: closed, then as it looked while it was forming. */
  readonly outOfOrder?: boolean;
  /** WebSocket upgrades are refused with 503, as when the exchange is unreachable. */
  readonly refuseConnections?: boolean;
}

/** At most this many finished bars are replayed when the clock jumps ahead. */
const MAX_CLOSED_PER_UPDATE = 10;
const UNANSWERED_PINGS_ALLOWED = 3;

export class StreamHub {
  private readonly context: SimContext;
  private readonly clock: () => number;
  private readonly options: StreamOptions;
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<StreamSession>();
  private readonly pingTimers = new Set<NodeJS.Timeout>();
  private timer: NodeJS.Timeout | null = null;
  private openedCount = 0;
  private faults: StreamFaults = {};

  constructor(context: SimContext, clock: () => number, options: StreamOptions) {
    this.context = context;
    this.clock = clock;
    this.options = options;
    this.setRate(options.rate);
  }

  get open(): number {
    return this.sessions.size;
  }

  get opened(): number {
    return this.openedCount;
  }

  /** Kline subscriptions over every open connection. */
  get subscriptions(): number {
    let count = 0;
    for (const session of this.sessions) count += session.subscriptions.size;
    return count;
  }

  /** Accepts the upgrade when the path is a stream endpoint; otherwise answers 404. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const route = this.route(url);
    if (route !== null && this.faults.refuseConnections === true) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    if (route === null) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => {
      this.openedCount++;
      const session = route(ws);
      this.sessions.add(session);
      ws.on('close', () => this.sessions.delete(session));
      ws.on('error', () => ws.terminate());
    });
  }

  setRate(perSecond: number): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (perSecond <= 0) return;
    this.timer = setInterval(() => this.update(), 1000 / perSecond);
    this.timer.unref();
  }

  setFaults(faults: StreamFaults): void {
    this.faults = { ...faults };
  }

  /** Cuts every connection without a close handshake, as a network failure would. */
  dropAll(): void {
    for (const session of this.sessions) session.socket.terminate();
  }

  close(): void {
    this.setRate(0);
    for (const timer of this.pingTimers) clearInterval(timer);
    this.dropAll();
    this.server.close();
  }

  private route(url: URL): ((ws: WebSocket) => StreamSession) | null {
    const bybit = /^\/bybit\/v5\/public\/(spot|linear|inverse)$/.exec(url.pathname);
    if (bybit !== null) return (ws) => openBybitSession(ws, bybit[1] as Market, this.context);
    const binance = /^\/binance-(spot|futures)(\/.*)$/.exec(url.pathname);
    if (binance === null) return null;
    const market = binance[1] === 'spot' ? 'spot' : 'linear';
    if (binanceStreamPath(binance[2], market) === null) return null;
    return (ws) => {
      this.keepAlive(ws, this.options.binancePingIntervalMs[market]);
      return openBinanceSession(ws, { market, path: binance[2], query: url.searchParams }, this.context);
    };
  }

  /** Binance pings; a client that stops answering is dropped. */
  private keepAlive(ws: WebSocket, intervalMs: number): void {
    let unanswered = 0;
    ws.on('pong', () => (unanswered = 0));
    const timer = setInterval(() => {
      if (unanswered >= UNANSWERED_PINGS_ALLOWED) {
        ws.terminate();
        return;
      }
      unanswered++;
      ws.ping();
    }, intervalMs);
    timer.unref();
    this.pingTimers.add(timer);
    ws.on('close', () => {
      clearInterval(timer);
      this.pingTimers.delete(timer);
    });
  }

  private update(): void {
    const now = this.clock();
    for (const session of this.sessions) {
      if (session.socket.readyState !== session.socket.OPEN) continue;
      for (const [key, subscription] of session.subscriptions) this.advance(session, key, subscription, now);
    }
  }

  private announce(spec: SymbolSpec, interval: SimInterval, bar: Bar): void {
    const listener = this.options.onKlineSent;
    if (listener === undefined) return;
    const precision = precisionOf(spec);
    listener({
      spec,
      interval,
      openTime: bar.openTime,
      close: Number(trimmedDecimal(bar.close, precision.price)),
      volume: Number(trimmedDecimal(bar.volume, precision.volume)),
      closed: bar.closed,
      at: performance.timeOrigin + performance.now(),
    });
  }

  private advance(session: StreamSession, key: string, subscription: Subscription, now: number): void {
    const { spec, interval } = subscription;
    const push = (bar: Bar | null): void => {
      if (bar === null) return;
      this.announce(spec, interval, bar);
      session.send(key, subscription, bar, now);
      if (this.faults.duplicates === true) session.send(key, subscription, bar, now);
    };
    const current = barOpen(now, interval);
    if (subscription.lastOpen !== null && subscription.lastOpen < current) {
      const finished: number[] = [];
      for (let t = previousBarOpen(current, interval); t >= subscription.lastOpen && finished.length < MAX_CLOSED_PER_UPDATE; t = previousBarOpen(t, interval)) {
        finished.unshift(t);
      }
      for (const openTime of finished) push(this.context.market.bar(spec, interval, openTime, now));
    }
    push(this.context.market.bar(spec, interval, current, now));
    if (this.faults.outOfOrder === true) {
      const previous = previousBarOpen(current, interval);
      push(this.context.market.bar(spec, interval, previous, now));
      push(this.context.market.bar(spec, interval, previous, previous + 1));
    }
    subscription.lastOpen = current;
  }
}
