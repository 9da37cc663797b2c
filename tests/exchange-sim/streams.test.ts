/**
 * WebSocket kline streams: the raw Bybit and Binance protocols (subscribe, ping, pushes with
 * the closed flag, combined streams), server pings, stream rate and dropped sockets, and the
 * SDKs' WebSocket clients, which must subscribe, receive and reconnect unchanged.
 */
import { WebsocketClient as BinanceWebsocketClient } from 'binance';
import { WebsocketClient as BybitWebsocketClient } from 'bybit-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExchangeSimulator, acceleratedClock, startExchangeSimulator } from './index.ts';
import { RecordingSocket, silentLogger, waitFor } from './test-support.ts';

/** 120x: a one-minute candle closes every half second. */
const clock = acceleratedClock(Date.UTC(2024, 2, 1, 12), 120);
let sim: ExchangeSimulator;
const sockets: RecordingSocket[] = [];

beforeAll(async () => {
  sim = await startExchangeSimulator({ clock, streamRate: 20, rateLimits: 'off', binancePingIntervalMs: 50 });
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
  sim.setStreamRate(20);
});

afterAll(async () => {
  await sim.close();
});

async function connect(url: string, options: { autoPong?: boolean } = {}): Promise<RecordingSocket> {
  const socket = await RecordingSocket.open(url, options);
  sockets.push(socket);
  return socket;
}

/** The candle truth() has for one closed minute of a listing. */
function closedMinute(exchange: 'bybit' | 'binance', market: 'spot' | 'linear', symbol: string, openTime: number) {
  const truth = sim.truth({ exchange, market, symbol, interval: '1m' }, openTime, openTime + 60_000);
  expect(truth.time[0]).toBe(openTime);
  return { open: truth.open[0], high: truth.high[0], low: truth.low[0], close: truth.close[0], volume: truth.volume[0] };
}

describe('Bybit public v5 stream', () => {
  it('subscribes, answers ping and pushes klines with confirm', async () => {
    const socket = await connect(`${sim.endpoints.bybitWs}/v5/public/linear`);
    socket.send({ op: 'subscribe', args: ['kline.1.BTCUSDT'], req_id: 'sub-1' });
    const ack = await socket.next((m) => m.op === 'subscribe');
    expect(ack).toEqual({ success: true, ret_msg: '', conn_id: expect.any(String), req_id: 'sub-1', op: 'subscribe' });
    socket.send({ op: 'ping', req_id: 'ping-1' });
    expect(await socket.next((m) => m.op === 'ping')).toEqual({ success: true, ret_msg: 'pong', conn_id: ack.conn_id, req_id: 'ping-1', op: 'ping' });

    const update = await socket.next((m) => m.topic === 'kline.1.BTCUSDT');
    expect(update).toMatchObject({ type: 'snapshot', ts: expect.any(Number) });
    expect(Object.keys(update.data[0])).toEqual(['start', 'end', 'interval', 'open', 'close', 'high', 'low', 'volume', 'turnover', 'confirm', 'timestamp']);
    expect(update.data[0]).toMatchObject({ interval: '1', confirm: false });
    expect(update.data[0].end).toBe(update.data[0].start + 59_999);

    const closed = (await socket.next((m) => m.topic === 'kline.1.BTCUSDT' && m.data[0].confirm === true)).data[0];
    expect({ open: Number(closed.open), high: Number(closed.high), low: Number(closed.low), close: Number(closed.close), volume: Number(closed.volume) }).toEqual(
      closedMinute('bybit', 'linear', 'BTCUSDT', closed.start),
    );
  });

  it('answers spot subscriptions with ret_msg "subscribe" and refuses unknown topics', async () => {
    const socket = await connect(`${sim.endpoints.bybitWs}/v5/public/spot`);
    socket.send({ op: 'subscribe', args: ['kline.5.ETHUSDT'] });
    expect(await socket.next((m) => m.op === 'subscribe')).toMatchObject({ success: true, ret_msg: 'subscribe' });
    socket.send({ op: 'subscribe', args: ['kline.1.NOPEUSDT'], req_id: 'bad' });
    expect(await socket.next((m) => m.req_id === 'bad')).toMatchObject({ success: false, op: 'subscribe' });
    const update = await socket.next((m) => m.topic === 'kline.5.ETHUSDT');
    expect(update.data[0].end - update.data[0].start).toBe(5 * 60_000 - 1);
  });
});

describe('Binance market streams', () => {
  it('pushes kline events on a raw stream, with x on the closed candle', async () => {
    const socket = await connect(`${sim.endpoints.binanceSpotWs}/ws/btcusdt@kline_1m`);
    const event = await socket.next((m) => m.e === 'kline');
    expect(event).toMatchObject({ e: 'kline', s: 'BTCUSDT', k: { s: 'BTCUSDT', i: '1m', x: false } });
    expect(Object.keys(event.k)).toEqual(['t', 'T', 's', 'i', 'f', 'L', 'o', 'c', 'h', 'l', 'v', 'n', 'x', 'q', 'V', 'Q', 'B']);
    expect(event.k.o).toMatch(/^\d+\.\d{8}$/);
    const closed = (await socket.next((m) => m.e === 'kline' && m.k.x === true)).k;
    expect({ open: Number(closed.o), high: Number(closed.h), low: Number(closed.l), close: Number(closed.c), volume: Number(closed.v) }).toEqual(
      closedMinute('binance', 'spot', 'BTCUSDT', closed.t),
    );
  });

  it('wraps combined streams as {stream, data}', async () => {
    const socket = await connect(`${sim.endpoints.binanceFuturesWs}/stream?streams=ethusdt@kline_1m/solusdt@kline_3m`);
    const eth = await socket.next((m) => m.stream === 'ethusdt@kline_1m');
    expect(eth.data).toMatchObject({ e: 'kline', s: 'ETHUSDT', k: { i: '1m' } });
    expect(eth.data.k.o).toMatch(/^\d+\.\d{2}$/);
    expect((await socket.next((m) => m.stream === 'solusdt@kline_3m')).data.k.T).toBeGreaterThan(0);
  });

  it('takes SUBSCRIBE, LIST_SUBSCRIPTIONS, UNSUBSCRIBE and properties', async () => {
    const socket = await connect(`${sim.endpoints.binanceFuturesWs}/market/ws`);
    socket.send({ method: 'SUBSCRIBE', params: ['xrpusdt@kline_1m', 'nopeusdt@kline_1m'], id: 1 });
    expect(await socket.next((m) => m.id === 1)).toEqual({ result: null, id: 1 });
    socket.send({ method: 'LIST_SUBSCRIPTIONS', id: 2 });
    expect(await socket.next((m) => m.id === 2)).toEqual({ result: ['xrpusdt@kline_1m', 'nopeusdt@kline_1m'], id: 2 });
    expect((await socket.next((m) => m.e === 'kline')).s).toBe('XRPUSDT');
    socket.send({ method: 'SET_PROPERTY', params: ['combined', true], id: 3 });
    await socket.next((m) => m.id === 3);
    expect((await socket.next((m) => m.stream === 'xrpusdt@kline_1m')).data.s).toBe('XRPUSDT');
    socket.send({ method: 'GET_PROPERTY', params: ['combined'], id: 4 });
    expect(await socket.next((m) => m.id === 4)).toEqual({ result: true, id: 4 });
    socket.send({ method: 'UNSUBSCRIBE', params: ['xrpusdt@kline_1m'], id: 5 });
    await socket.next((m) => m.id === 5);
    socket.send({ method: 'NOPE', id: 6 });
    expect((await socket.next((m) => m.id === 6)).error.code).toBe(2);
    const seen = socket.messages.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.messages.slice(seen).filter((m) => m.stream !== undefined)).toEqual([]);
  });

  it('sends ping frames and drops a client that never answers', async () => {
    const polite = await connect(`${sim.endpoints.binanceSpotWs}/ws`);
    const silent = await connect(`${sim.endpoints.binanceSpotWs}/ws`, { autoPong: false });
    await waitFor(() => silent.closed, 3000, 'the silent client to be dropped');
    expect(silent.pings).toBeGreaterThanOrEqual(3);
    expect(polite.pings).toBeGreaterThanOrEqual(3);
    expect(polite.closed).toBe(false);
  });

  it('refuses upgrades on paths that are not streams', async () => {
    await expect(RecordingSocket.open(`${sim.endpoints.binanceSpotWs}/api/v3/klines`)).rejects.toThrow(/404/);
    await expect(RecordingSocket.open(`${sim.endpoints.bybitWs}/v5/public/option`)).rejects.toThrow(/404/);
  });
});

describe('stream control', () => {
  it('follows setStreamRate and counts connections', async () => {
    const socket = await connect(`${sim.endpoints.bybitWs}/v5/public/inverse`);
    socket.send({ op: 'subscribe', args: ['kline.1.BTCUSD'] });
    await socket.next((m) => m.topic === 'kline.1.BTCUSD');
    expect(sim.stats().connections.websocket).toBeGreaterThanOrEqual(1);
    sim.setStreamRate(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const paused = socket.messages.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.messages.length).toBe(paused);
    sim.setStreamRate(50);
    await socket.next((m) => m.topic === 'kline.1.BTCUSD', 2000, paused);
  });

  it('drops every socket at once', async () => {
    const a = await connect(`${sim.endpoints.bybitWs}/v5/public/spot`);
    const b = await connect(`${sim.endpoints.binanceSpotWs}/ws`);
    sim.dropAllSockets();
    await waitFor(() => a.closed && b.closed, 2000, 'both sockets to close');
    await waitFor(() => sim.stats().connections.websocket === 0, 2000, 'no open WebSocket');
  });
});

describe('SDK WebSocket clients', () => {
  it('bybit-api WebsocketClient subscribes, receives klines and reconnects after a drop', async () => {
    const client = new BybitWebsocketClient({ market: 'v5', wsUrl: `${sim.endpoints.bybitWs}/v5/public/linear`, reconnectTimeout: 100 }, silentLogger);
    const updates: Array<{ topic: string; data: Array<{ confirm: boolean }> }> = [];
    let reconnected = 0;
    client.on('update', (event) => updates.push(event as (typeof updates)[number]));
    client.on('reconnected', () => reconnected++);
    try {
      await Promise.all(client.subscribeV5(['kline.1.ETHUSDT'], 'linear'));
      await waitFor(() => updates.find((u) => u.topic === 'kline.1.ETHUSDT' && u.data[0].confirm), 5000, 'a confirmed Bybit kline');
      sim.dropAllSockets();
      await waitFor(() => reconnected > 0, 5000, 'the Bybit client to reconnect');
      const seen = updates.length;
      await waitFor(() => updates.length > seen, 5000, 'updates after the reconnect');
    } finally {
      client.closeAll(true);
    }
  });

  it('binance WebsocketClient receives spot and USD-M klines', async () => {
    const spotClient = new BinanceWebsocketClient({ wsUrl: sim.endpoints.binanceSpotWs }, silentLogger);
    const futuresClient = new BinanceWebsocketClient({ wsUrl: sim.endpoints.binanceFuturesWs }, silentLogger);
    const events: Array<{ wsKey: string; k?: { s: string; x: boolean }; data?: { k: { s: string; x: boolean } } }> = [];
    const record = (event: unknown) => events.push(event as (typeof events)[number]);
    spotClient.on('message', record);
    futuresClient.on('message', record);
    const kline = (event: (typeof events)[number]) => event.k ?? event.data?.k;
    try {
      spotClient.subscribeKlines('BTCUSDT', '1m', 'spot');
      futuresClient.subscribeKlines('ETHUSDT', '1m', 'usdm');
      await waitFor(() => events.find((e) => kline(e)?.s === 'BTCUSDT' && kline(e)?.x), 5000, 'a closed spot kline');
      await waitFor(() => events.find((e) => kline(e)?.s === 'ETHUSDT' && e.wsKey === 'usdmMarket'), 5000, 'a USD-M kline');
    } finally {
      spotClient.closeAll(true);
      futuresClient.closeAll(true);
    }
  });
});
