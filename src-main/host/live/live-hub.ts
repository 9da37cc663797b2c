/**
 * The live feed hub of the core worker: windows subscribe to series, the hub keeps one
 * upstream connection per exchange and market and one stream topic per series however many
 * windows watch, and fans the series' updates out through the coalescer. Subscriptions are
 * reference-counted: the topic is unsubscribed when the last watcher of its series leaves, and
 * the connection closed when it carries no topic. Each subscription holds a lease the window
 * renews; one not renewed in time is released, so a window that closed or crashed (whatever
 * transport it used) does not keep a stream open.
 */
import { randomUUID } from 'node:crypto';
import type { LiveCandle, LiveCandlesPayload, LiveStatus, LiveStatusPayload } from '../../../src-shared/contract/schemas/live.ts';
import { describeSeries, type Exchange, type Market, type SeriesKey } from '../../../src-shared/market.ts';
import type { CandleRows, ExchangeAdapter, ExchangeEndpoints } from '../exchanges/adapter.ts';
import type { LiveStore } from './backfill.ts';
import { Coalescer } from './coalescer.ts';
import { createSdkUpstream } from './sdk-upstreams.ts';
import { SeriesFeed } from './series-feed.ts';
import { DEFAULT_RECONNECT, type ReconnectPolicy, type Upstream, type UpstreamFactory } from './upstream.ts';

export type LiveEvent = { readonly name: 'live.candles'; readonly payload: LiveCandlesPayload } | { readonly name: 'live.status'; readonly payload: LiveStatusPayload };

export interface LiveHubOptions {
  readonly store: LiveStore;
  /** The REST client of an exchange (shared with downloads, so they pace against one limiter). */
  readonly adapter: (exchange: Exchange) => ExchangeAdapter;
  /** Read when a connection opens, so changed settings apply to the next one. */
  readonly endpoints: () => ExchangeEndpoints;
  readonly emit: (event: LiveEvent) => void;
  /** The market clock (which bar is forming). Default Date.now. */
  readonly now?: () => number;
  /** The clock leases run on. Default Date.now. */
  readonly clock?: () => number;
  /** Default history length of a subscription (default 500 bars). */
  readonly historyBars?: number;
  /** Flush tick of the coalescer (default 16 ms). */
  readonly flushMs?: number;
  /** Default 60 s. */
  readonly leaseMs?: number;
  readonly reconnect?: ReconnectPolicy;
  /** Failed attempts after which a subscription reports 'down' (default 5). */
  readonly downAfterAttempts?: number;
  readonly upstreams?: UpstreamFactory;
  readonly onError?: (error: unknown, context: string) => void;
}

export interface LiveSubscription {
  readonly subscriptionId: string;
  readonly key: SeriesKey;
  readonly history: CandleRows;
  readonly forming: LiveCandle | null;
  readonly status: LiveStatus;
  readonly leaseMs: number;
}

interface Series {
  readonly feed: SeriesFeed;
  readonly upstream: Upstream;
  readonly watchers: Set<string>;
  /** Subscribes waiting for the first fill: they hold the series too. */
  joining: number;
  readonly ready: Promise<void>;
}

interface Watcher {
  readonly series: Series;
  expiresAt: number;
}

export const DEFAULT_HISTORY_BARS = 500;

export class LiveHub {
  readonly #options: LiveHubOptions;
  readonly #now: () => number;
  readonly #clock: () => number;
  readonly #leaseMs: number;
  readonly #coalescer: Coalescer;
  readonly #upstreams = new Map<string, Upstream>();
  readonly #series = new Map<string, Series>();
  readonly #watchers = new Map<string, Watcher>();
  #sweeper: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(options: LiveHubOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#clock = options.clock ?? Date.now;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#coalescer = new Coalescer(options.flushMs ?? 16, (payload) => this.#emit({ name: 'live.candles', payload }));
  }

  /** Starts watching: resolves once the recent history is in the cache (or fetching it failed, which the status says). */
  async subscribe(key: SeriesKey, historyBars = this.#options.historyBars ?? DEFAULT_HISTORY_BARS): Promise<LiveSubscription> {
    if (this.#closed) throw new Error('the live hub is closed');
    const series = this.#seriesFor(key);
    series.joining++;
    try {
      await series.ready;
      await series.feed.extendHistory(historyBars);
    } finally {
      series.joining--;
    }
    if (this.#closed) throw new Error('the live hub is closed');
    const subscriptionId = randomUUID();
    // History and registration in one turn: nothing is delivered between them.
    const history = series.feed.history(historyBars);
    series.watchers.add(subscriptionId);
    this.#watchers.set(subscriptionId, { series, expiresAt: this.#clock() + this.#leaseMs });
    this.#armSweeper();
    return { subscriptionId, key, history, forming: series.feed.forming, status: series.feed.status, leaseMs: this.#leaseMs };
  }

  /** False when the subscription was not held. */
  unsubscribe(subscriptionId: string): boolean {
    const watcher = this.#watchers.get(subscriptionId);
    if (watcher === undefined) return false;
    this.#watchers.delete(subscriptionId);
    this.#coalescer.drop(subscriptionId);
    watcher.series.watchers.delete(subscriptionId);
    this.#release(watcher.series);
    return true;
  }

  /** Extends the leases; answers the ids not held. */
  renew(subscriptionIds: readonly string[]): string[] {
    const expiresAt = this.#clock() + this.#leaseMs;
    const unknown: string[] = [];
    for (const id of subscriptionIds) {
      const watcher = this.#watchers.get(id);
      if (watcher === undefined) unknown.push(id);
      else watcher.expiresAt = expiresAt;
    }
    return unknown;
  }

  /** Upstream connections and their series, for tests and diagnostics. */
  stats(): { connections: Array<{ exchange: Exchange; market: Market; series: string[] }>; subscriptions: number } {
    const connections = [...this.#upstreams.values()].map((upstream) => ({
      exchange: upstream.exchange,
      market: upstream.market,
      series: [...this.#series.values()].filter((series) => series.upstream === upstream).map((series) => describeSeries(series.feed.key)),
    }));
    return { connections, subscriptions: this.#watchers.size };
  }

  close(): void {
    this.#closed = true;
    if (this.#sweeper !== null) clearInterval(this.#sweeper);
    this.#coalescer.close();
    for (const series of this.#series.values()) series.feed.close();
    for (const upstream of this.#upstreams.values()) upstream.close();
    this.#series.clear();
    this.#upstreams.clear();
    this.#watchers.clear();
  }

  #seriesFor(key: SeriesKey): Series {
    const name = describeSeries(key);
    const existing = this.#series.get(name);
    if (existing !== undefined) return existing;
    const upstream = this.#upstreamFor(key.exchange, key.market);
    const watchers = new Set<string>();
    const feed = new SeriesFeed({
      key,
      store: this.#options.store,
      adapter: () => this.#options.adapter(key.exchange),
      now: this.#now,
      historyBars: this.#options.historyBars ?? DEFAULT_HISTORY_BARS,
      retry: this.#options.reconnect ?? DEFAULT_RECONNECT,
      downAfterAttempts: this.#options.downAfterAttempts ?? 5,
      onClosed: (candles) => watchers.forEach((id) => this.#coalescer.closed(id, candles)),
      onForming: (candle) => watchers.forEach((id) => this.#coalescer.forming(id, candle)),
      onStatus: (status) =>
        watchers.forEach((id) => {
          this.#coalescer.flushOne(id);
          this.#emit({ name: 'live.status', payload: { subscriptionId: id, key, ...status } });
        }),
      onError: (error, context) => this.#options.onError?.(error, context),
    });
    const series: Series = { feed, upstream, watchers, joining: 0, ready: feed.start(upstream.isOpen) };
    this.#series.set(name, series);
    upstream.add(feed.topic);
    return series;
  }

  #upstreamFor(exchange: Exchange, market: Market): Upstream {
    const name = `${exchange}/${market}`;
    const existing = this.#upstreams.get(name);
    if (existing !== undefined) return existing;
    const endpoints = this.#options.endpoints();
    const wsUrl = exchange === 'bybit' ? endpoints.bybitWs : market === 'spot' ? endpoints.binanceSpotWs : endpoints.binanceFuturesWs;
    const feeds = () => [...this.#series.values()].filter((series) => series.upstream === upstream).map((series) => series.feed);
    const upstream = (this.#options.upstreams ?? createSdkUpstream)({
      exchange,
      market,
      wsUrl: wsUrl?.replace(/\/+$/, ''),
      reconnect: this.#options.reconnect ?? DEFAULT_RECONNECT,
      listener: {
        candle: (update) => feeds().find((feed) => feed.topic === update.topic)?.receive(update),
        opened: () => feeds().forEach((feed) => feed.opened()),
        lost: (reason, attempt) => feeds().forEach((feed) => feed.lost(reason, attempt)),
        refused: (topic, reason) => feeds().find((feed) => feed.topic === topic)?.refused(reason),
      },
    });
    this.#upstreams.set(name, upstream);
    return upstream;
  }

  #release(series: Series): void {
    if (series.watchers.size > 0 || series.joining > 0) return;
    const name = describeSeries(series.feed.key);
    if (this.#series.get(name) !== series) return;
    this.#series.delete(name);
    series.feed.close();
    series.upstream.remove(series.feed.topic);
    if ([...this.#series.values()].some((other) => other.upstream === series.upstream)) return;
    series.upstream.close();
    this.#upstreams.delete(`${series.upstream.exchange}/${series.upstream.market}`);
  }

  #armSweeper(): void {
    if (this.#sweeper !== null) return;
    this.#sweeper = setInterval(() => this.#sweep(), Math.max(10, this.#leaseMs / 4));
    this.#sweeper.unref();
  }

  #sweep(): void {
    const time = this.#clock();
    for (const [id, watcher] of this.#watchers) if (watcher.expiresAt <= time) this.unsubscribe(id);
    if (this.#watchers.size === 0 && this.#sweeper !== null) {
      clearInterval(this.#sweeper);
      this.#sweeper = null;
    }
  }

  #emit(event: LiveEvent): void {
    try {
      this.#options.emit(event);
    } catch (error) {
      this.#options.onError?.(error, event.name);
    }
  }
}
