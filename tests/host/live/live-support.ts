/**
 * A live hub on a temp candle cache against the exchange simulator running 120 times faster
 * than the wall clock (a one-minute bar closes every half second), with every event recorded
 * and helpers that read a subscription's view: history plus the closed candles that followed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBinanceAdapter, createBybitAdapter, type ExchangeAdapter } from '../../../src-main/host/exchanges/index.ts';
import { type LiveEvent, LiveHub, type LiveHubOptions, type LiveSubscription } from '../../../src-main/host/live/index.ts';
import { CandleStore } from '../../../src-main/host/store/candle-store.ts';
import type { LiveCandle, LiveCandlesPayload, LiveStatusPayload } from '../../../src-shared/contract/schemas/live.ts';
import type { Exchange } from '../../../src-shared/market.ts';
import { acceleratedClock, type ExchangeSimulator, startExchangeSimulator } from '../../exchange-sim/index.ts';

export { waitFor } from '../../exchange-sim/test-support.ts';

export const MINUTE = 60_000;

export interface LiveHarness {
  readonly sim: ExchangeSimulator;
  readonly store: CandleStore;
  readonly hub: LiveHub;
  readonly events: LiveEvent[];
  /** What the hub reported through onError (a candle the cache refused): must stay empty. */
  readonly errors: unknown[];
  candles(subscriptionId: string): LiveCandlesPayload[];
  statuses(subscriptionId: string): LiveStatusPayload[];
  /** History then every closed candle delivered after it, as candles. */
  closedView(subscription: LiveSubscription): LiveCandle[];
  dispose(): Promise<void>;
}

export async function startLiveHarness(options: Partial<LiveHubOptions> = {}): Promise<LiveHarness> {
  const clock = acceleratedClock(Date.UTC(2024, 2, 1, 12), 120);
  const sim = await startExchangeSimulator({ clock, streamRate: 20, rateLimits: 'off' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bst-live-'));
  const store = CandleStore.open(dataDir, { now: clock });
  const adapters = new Map<Exchange, ExchangeAdapter>([
    ['bybit', createBybitAdapter({ endpoints: sim.endpoints, now: clock })],
    ['binance', createBinanceAdapter({ endpoints: sim.endpoints, now: clock })],
  ]);
  const events: LiveEvent[] = [];
  const errors: unknown[] = [];
  const hub = new LiveHub({
    store,
    adapter: (exchange) => adapters.get(exchange) as ExchangeAdapter,
    endpoints: () => sim.endpoints,
    emit: (event) => events.push(event),
    now: clock,
    historyBars: 30,
    flushMs: 5,
    reconnect: { baseDelayMs: 50, maxDelayMs: 400 },
    onError: (error) => errors.push(error),
    ...options,
  });
  const candles = (id: string) => events.flatMap((event) => (event.name === 'live.candles' && event.payload.subscriptionId === id ? [event.payload] : []));
  return {
    sim,
    store,
    hub,
    events,
    errors,
    candles,
    statuses: (id) => events.flatMap((event) => (event.name === 'live.status' && event.payload.subscriptionId === id ? [event.payload] : [])),
    closedView(subscription) {
      const view = rowsOf(subscription.history);
      for (const payload of candles(subscription.subscriptionId)) if (payload.candles !== undefined) view.push(...rowsOf(payload.candles));
      return view;
    },
    async dispose() {
      hub.close();
      await sim.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function rowsOf(columns: { time: Float64Array; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array }): LiveCandle[] {
  return Array.from(columns.time, (time, i) => ({
    time,
    open: columns.open[i],
    high: columns.high[i],
    low: columns.low[i],
    close: columns.close[i],
    volume: columns.volume[i],
  }));
}
