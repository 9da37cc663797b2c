/**
 * Binance market streams (spot wss://stream.binance.com:9443, USD-M wss://fstream.binance.com):
 * raw streams on /ws/<stream> and /ws (then SUBSCRIBE), combined streams on
 * /stream?streams=a/b wrapped as {stream, data}; USD-M also answers on /market/... and
 * /public/.... Requests are {method, params, id} with SUBSCRIBE, UNSUBSCRIBE,
 * LIST_SUBSCRIPTIONS, SET_PROPERTY and GET_PROPERTY ("combined"). The server sends ping
 * frames and drops a connection that stops answering them. Kline events are
 * {e: "kline", E, s, k: {t, T, s, i, f, L, o, c, h, l, v, n, x, q, V, Q, B}}.
 */
import type { WebSocket } from 'ws';
import type { Market } from '../../src-shared/market.ts';
import { type BinanceMarket, binanceNumbers } from './binance-format.ts';
import { findSymbol } from './catalogue.ts';
import type { SimContext } from './exchange-api.ts';
import { binanceInterval, nextBarOpen } from './intervals.ts';
import type { Bar } from './market-data.ts';
import type { StreamSession, Subscription } from './streams.ts';

export interface BinanceSessionOptions {
  readonly market: BinanceMarket;
  /** Path after the prefix, e.g. /ws/btcusdt@kline_1m or /market/stream. */
  readonly path: string;
  readonly query: URLSearchParams;
}

/** Stream names from the URL, or null when the path is not a stream endpoint. */
export function binanceStreamPath(path: string, market: Market): { combined: boolean; streams: string[] } | null {
  const route = market === 'linear' ? path.replace(/^\/(market|public)(?=\/)/, '') : path;
  if (route === '/stream') return { combined: true, streams: [] };
  if (route === '/ws') return { combined: false, streams: [] };
  if (route.startsWith('/ws/')) return { combined: false, streams: route.slice(4).split('/').filter((name) => name !== '') };
  return null;
}

export function openBinanceSession(socket: WebSocket, options: BinanceSessionOptions, context: SimContext): StreamSession {
  const route = binanceStreamPath(options.path, options.market) ?? { combined: false, streams: [] };
  let combined = route.combined;
  const subscriptions = new Map<string, Subscription>();
  // Streams on unknown symbols are accepted and stay silent, as on Binance.
  const silent = new Set<string>();
  const subscribe = (name: string): void => {
    const subscription = parseStream(name, options.market, context);
    if (subscription === null) silent.add(name);
    else if (!subscriptions.has(name)) subscriptions.set(name, subscription);
  };
  for (const name of [...route.streams, ...(options.query.get('streams') ?? '').split('/').filter((name) => name !== '')]) subscribe(name);

  const answer = (id: unknown, result: unknown): void => socket.send(JSON.stringify({ result, id }));
  const fail = (id: unknown, code: number, msg: string): void => socket.send(JSON.stringify({ error: { code, msg }, id: id ?? null }));

  socket.on('message', (data) => {
    let request: { method?: unknown; params?: unknown; id?: unknown };
    try {
      request = JSON.parse(String(data)) as typeof request;
    } catch (error) {
      fail(null, 3, `Invalid JSON: ${(error as Error).message}`);
      return;
    }
    const params = Array.isArray(request.params) ? request.params.map(String) : [];
    switch (request.method) {
      case 'SUBSCRIBE':
        params.forEach(subscribe);
        answer(request.id, null);
        return;
      case 'UNSUBSCRIBE':
        for (const name of params) {
          subscriptions.delete(name);
          silent.delete(name);
        }
        answer(request.id, null);
        return;
      case 'LIST_SUBSCRIPTIONS':
        answer(request.id, [...subscriptions.keys(), ...silent]);
        return;
      case 'SET_PROPERTY':
        if (params[0] !== 'combined') {
          fail(request.id, 0, `Unknown property: ${params[0]}`);
          return;
        }
        combined = params[1] === 'true';
        answer(request.id, null);
        return;
      case 'GET_PROPERTY':
        if (params[0] !== 'combined') fail(request.id, 0, `Unknown property: ${params[0]}`);
        else answer(request.id, combined);
        return;
      default:
        fail(request.id, 2, `Invalid request: unknown variant \`${String(request.method)}\`, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\``);
    }
  });

  return {
    socket,
    subscriptions,
    send(name: string, subscription: Subscription, bar: Bar, now: number): void {
      const { spec, interval } = subscription;
      const { price, volume, quote } = binanceNumbers(spec, options.market);
      // Trade ids are not simulated; a running count keyed on the bar keeps f <= L consistent.
      const firstTrade = Math.floor(bar.openTime / 1000);
      const event = {
        e: 'kline',
        E: now,
        s: spec.symbol,
        k: {
          t: bar.openTime,
          T: nextBarOpen(bar.openTime, interval) - 1,
          s: spec.symbol,
          i: interval,
          f: firstTrade,
          L: firstTrade + bar.trades - 1,
          o: price(bar.open),
          c: price(bar.close),
          h: price(bar.high),
          l: price(bar.low),
          v: volume(bar.volume),
          n: bar.trades,
          x: bar.closed,
          q: quote(bar.turnover),
          V: volume(bar.takerVolume),
          Q: quote(bar.takerTurnover),
          B: '0',
        },
      };
      socket.send(JSON.stringify(combined ? { stream: name, data: event } : event));
    },
  };
}

function parseStream(name: string, market: Market, context: SimContext): Subscription | null {
  const match = /^([a-z0-9]+)@kline_(\w+)$/.exec(name);
  if (match === null) return null;
  const interval = binanceInterval(match[2]);
  const spec = findSymbol(context.symbols, 'binance', market, match[1].toUpperCase());
  if (interval === null || spec === undefined) return null;
  return { spec, interval, lastOpen: null };
}
