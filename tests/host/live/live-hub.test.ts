/**
 * The live hub against the exchange simulator through the real SDK WebSocket clients: one
 * upstream connection per exchange market and one stream subscription per series however many
 * watch, releases down to no connection, a dropped connection filled from REST without a hole,
 * duplicate and out-of-order pushes ignored, the forming candle never cached, leases.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveSubscription } from '../../../src-main/host/live/index.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { type LiveHarness, MINUTE, rowsOf, startLiveHarness, waitFor } from './live-support.ts';

let harness: LiveHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const BTC: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };
const ETH: SeriesKey = { ...BTC, symbol: 'ETHUSDT' };

/** Waits until `count` closed candles have followed the subscription's history. */
async function closedAfterHistory(h: LiveHarness, subscription: LiveSubscription, count: number, timeoutMs = 8000) {
  const start = subscription.history.time.length;
  await waitFor(() => h.closedView(subscription).length >= start + count, timeoutMs, `${count} closed candles`);
  return h.closedView(subscription);
}

/** Open times are consecutive minutes and values match what the exchange served. */
function expectComplete(h: LiveHarness, key: SeriesKey, view: ReturnType<LiveHarness['closedView']>) {
  const from = view[0].time;
  const to = view[view.length - 1].time + MINUTE;
  expect(view.map((candle) => candle.time)).toEqual(Array.from({ length: (to - from) / MINUTE }, (_, i) => from + i * MINUTE));
  expect(view).toEqual(rowsOf(h.sim.truth(key, from, to)));
}

describe('reference counting', () => {
  it('shares one connection and one stream subscription, and lets go of both when the last watcher leaves', async () => {
    const h = (harness = await startLiveHarness());
    const [a, b] = await Promise.all([h.hub.subscribe(BTC), h.hub.subscribe(BTC)]);
    expect(a.subscriptionId).not.toBe(b.subscriptionId);
    expect(a.history.time.length).toBe(30);
    await waitFor(() => h.sim.stats().connections.streamSubscriptions === 1, 5000, 'the stream subscription');
    expect(h.sim.stats().connections.websocket).toBe(1);
    expect(h.hub.stats()).toEqual({ connections: [{ exchange: 'bybit', market: 'linear', series: ['bybit linear BTCUSDT 1m'] }], subscriptions: 2 });
    await waitFor(() => h.candles(a.subscriptionId).length > 0 && h.candles(b.subscriptionId).length > 0, 5000, 'updates for both watchers');

    const eth = await h.hub.subscribe(ETH);
    await waitFor(() => h.sim.stats().connections.streamSubscriptions === 2, 5000, 'the second stream subscription');
    expect(h.sim.stats().connections.websocket).toBe(1);
    expect(h.sim.stats().connections.websocketOpened).toBe(1);

    expect(h.hub.unsubscribe(a.subscriptionId)).toBe(true);
    expect(h.hub.unsubscribe(a.subscriptionId)).toBe(false);
    expect(h.hub.stats().connections[0].series).toEqual(['bybit linear BTCUSDT 1m', 'bybit linear ETHUSDT 1m']);
    const seen = h.candles(b.subscriptionId).length;
    await waitFor(() => h.candles(b.subscriptionId).length > seen, 5000, 'updates for the remaining watcher');

    h.hub.unsubscribe(b.subscriptionId);
    await waitFor(() => h.sim.stats().connections.streamSubscriptions === 1, 5000, 'BTCUSDT unsubscribed upstream');
    expect(h.hub.stats().connections).toEqual([{ exchange: 'bybit', market: 'linear', series: ['bybit linear ETHUSDT 1m'] }]);

    h.hub.unsubscribe(eth.subscriptionId);
    expect(h.hub.stats()).toEqual({ connections: [], subscriptions: 0 });
    await waitFor(() => h.sim.stats().connections.websocket === 0, 5000, 'the connection to close');
    expect(h.errors).toEqual([]);
  });

  it('gives a later watcher the longer history it asks for, fetched from REST', async () => {
    const h = (harness = await startLiveHarness());
    const first = await h.hub.subscribe(BTC);
    expect(first.history.time.length).toBe(30);
    const longer = await h.hub.subscribe(BTC, 90);
    const view = h.closedView(longer);
    expect(longer.history.time.length).toBe(90);
    expect(view[view.length - 1].time).toBeGreaterThanOrEqual(first.history.time[29]);
    expectComplete(h, BTC, view);
  });

  it('opens one connection per exchange market', async () => {
    const h = (harness = await startLiveHarness());
    await Promise.all([
      h.hub.subscribe(BTC),
      h.hub.subscribe({ ...BTC, market: 'spot' }),
      h.hub.subscribe({ ...BTC, exchange: 'binance', market: 'spot' }),
      h.hub.subscribe({ ...ETH, exchange: 'binance', market: 'spot' }),
      h.hub.subscribe({ ...BTC, exchange: 'binance', market: 'linear' }),
    ]);
    await waitFor(() => h.sim.stats().connections.streamSubscriptions === 5, 5000, 'five stream subscriptions');
    expect(h.sim.stats().connections.websocket).toBe(4);
    expect(h.hub.stats().connections.map((c) => `${c.exchange} ${c.market}: ${c.series.length}`)).toEqual([
      'bybit linear: 1',
      'bybit spot: 1',
      'binance spot: 2',
      'binance linear: 1',
    ]);
  });
});

describe('reconnect and backfill', () => {
  it('goes live -> reconnecting -> live and leaves no hole in the cache or the stream after a drop', async () => {
    const h = (harness = await startLiveHarness());
    const sub = await h.hub.subscribe(BTC);
    await waitFor(() => sub.status.state === 'live' || h.statuses(sub.subscriptionId).some((s) => s.state === 'live'), 5000, 'live');
    await closedAfterHistory(h, sub, 1);
    const klineRequests = () => h.sim.stats().requests['/bybit/v5/market/kline'] ?? 0;
    const requestsBefore = klineRequests();

    // The exchange is unreachable while at least three bars close.
    h.sim.setStreamFaults({ refuseConnections: true });
    h.sim.dropAllSockets();
    const droppedAt = h.sim.now();
    await waitFor(() => h.statuses(sub.subscriptionId).some((s) => s.state === 'reconnecting'), 5000, 'reconnecting');
    await waitFor(() => h.sim.now() >= droppedAt + 3 * MINUTE, 5000, 'three bars to close');
    h.sim.setStreamFaults({});
    await waitFor(() => h.statuses(sub.subscriptionId).at(-1)?.state === 'live', 8000, 'live again');
    const view = await closedAfterHistory(h, sub, 6);

    const states = h.statuses(sub.subscriptionId).map((s) => s.state);
    expect(states.indexOf('reconnecting')).toBeLessThan(states.lastIndexOf('live'));
    expect(h.statuses(sub.subscriptionId).find((s) => s.state === 'reconnecting')?.reason).toMatch(/connection lost/);
    expect(klineRequests()).toBeGreaterThan(requestsBefore);
    expectComplete(h, BTC, view);
    const from = view[0].time;
    const to = view[view.length - 1].time + MINUTE;
    expect(rowsOf(h.store.readCandles(BTC, from, to))).toEqual(view);
    expect(h.store.coverage(BTC).filter((range) => range.from < to && range.to > from)).toHaveLength(1);
    expect(h.store.coverage(BTC)[0].from).toBeLessThanOrEqual(from);
    expect(h.errors).toEqual([]);
  });
});

describe('message order', () => {
  it('ignores duplicate and out-of-order pushes, by open time', async () => {
    const h = (harness = await startLiveHarness());
    h.sim.setStreamFaults({ duplicates: true, outOfOrder: true });
    const key: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' };
    const sub = await h.hub.subscribe(key);
    const view = await closedAfterHistory(h, sub, 4);
    expectComplete(h, key, view);
    let closedUntil = sub.history.time[sub.history.time.length - 1] + MINUTE;
    for (const payload of h.candles(sub.subscriptionId)) {
      if (payload.candles !== undefined) closedUntil = payload.candles.time[payload.candles.time.length - 1] + MINUTE;
      if (payload.forming !== undefined) expect(payload.forming.time).toBeGreaterThanOrEqual(closedUntil);
    }
    expect(h.errors).toEqual([]);
  });
});

describe('the forming candle', () => {
  it('goes to the watchers but never into the cache', async () => {
    const h = (harness = await startLiveHarness());
    const key: SeriesKey = { ...BTC, market: 'inverse', symbol: 'BTCUSD' };
    const checked: number[] = [];
    const sub = await h.hub.subscribe(key);
    const emit = h.events.push.bind(h.events);
    h.events.push = (...events) => {
      for (const event of events) {
        if (event.name !== 'live.candles' || event.payload.forming === undefined) continue;
        const time = event.payload.forming.time;
        expect(h.store.readCandles(key, time, time + MINUTE).time.length).toBe(0);
        expect(h.store.coverage(key).every((range) => range.to <= time)).toBe(true);
        checked.push(time);
      }
      return emit(...events);
    };
    await closedAfterHistory(h, sub, 2);
    expect(new Set(checked).size).toBeGreaterThanOrEqual(2);
    expect(h.errors).toEqual([]);
  });
});

describe('leases and refusals', () => {
  it('releases a subscription whose lease ran out, keeps a renewed one', async () => {
    let time = 0;
    const h = (harness = await startLiveHarness({ clock: () => time, leaseMs: 1000 }));
    const [kept, dropped] = await Promise.all([h.hub.subscribe(BTC), h.hub.subscribe(ETH)]);
    time = 900;
    expect(h.hub.renew([kept.subscriptionId, 'gone'])).toEqual(['gone']);
    time = 1500;
    await waitFor(() => h.hub.stats().subscriptions === 1, 2000, 'the lapsed lease to be released');
    expect(h.hub.renew([kept.subscriptionId, dropped.subscriptionId])).toEqual([dropped.subscriptionId]);
    expect(h.hub.stats().connections[0].series).toEqual(['bybit linear BTCUSDT 1m']);
  });

  it('reports down with the reason when the exchange refuses the topic', async () => {
    const h = (harness = await startLiveHarness());
    const sub = await h.hub.subscribe({ ...BTC, symbol: 'NOPEUSDT' });
    await waitFor(() => h.statuses(sub.subscriptionId).find((s) => s.state === 'down'), 5000, 'down');
    expect(h.statuses(sub.subscriptionId).find((s) => s.state === 'down')?.reason).toMatch(/refused kline\.1\.NOPEUSDT/);
  });
});
