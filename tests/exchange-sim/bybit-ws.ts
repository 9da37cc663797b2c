/**
 * Bybit v5 public WebSocket (wss://stream.bybit.com/v5/public/{spot|linear|inverse}): JSON ops
 * subscribe / unsubscribe / ping, answered with {success, ret_msg, conn_id, req_id, op}, and
 * kline.{interval}.{symbol} pushes {topic, data: [{start, end, interval, open, close, high,
 * low, volume, turnover, confirm, timestamp}], ts, type: "snapshot"}.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Market } from '../../src-shared/market.ts';
import { findSymbol, precisionOf } from './catalogue.ts';
import { trimmedDecimal } from './decimal.ts';
import type { SimContext } from './exchange-api.ts';
import { bybitCode, bybitInterval, nextBarOpen } from './intervals.ts';
import type { Bar } from './market-data.ts';
import type { StreamSession, Subscription } from './streams.ts';

export function openBybitSession(socket: WebSocket, category: Market, context: SimContext): StreamSession {
  const connId = randomUUID();
  const subscriptions = new Map<string, Subscription>();
  const reply = (op: string, reqId: unknown, success: boolean, retMsg: string): void => {
    socket.send(JSON.stringify({ success, ret_msg: retMsg, conn_id: connId, req_id: typeof reqId === 'string' ? reqId : '', op }));
  };

  socket.on('message', (data) => {
    let message: { op?: unknown; args?: unknown; req_id?: unknown };
    try {
      message = JSON.parse(String(data)) as typeof message;
    } catch {
      reply('', '', false, 'error:request not supported');
      return;
    }
    const topics = Array.isArray(message.args) ? message.args.map(String) : [];
    switch (message.op) {
      case 'ping':
        reply('ping', message.req_id, true, 'pong');
        return;
      case 'subscribe': {
        const bad = topics.find((topic) => parseTopic(topic, category, context) === null);
        if (bad !== undefined) {
          reply('subscribe', message.req_id, false, `Invalid symbol :[${bad}]`);
          return;
        }
        for (const topic of topics) if (!subscriptions.has(topic)) subscriptions.set(topic, parseTopic(topic, category, context) as Subscription);
        // Spot answers "subscribe" in ret_msg, the derivative streams an empty string.
        reply('subscribe', message.req_id, true, category === 'spot' ? 'subscribe' : '');
        return;
      }
      case 'unsubscribe':
        for (const topic of topics) subscriptions.delete(topic);
        reply('unsubscribe', message.req_id, true, category === 'spot' ? 'unsubscribe' : '');
        return;
      default:
        reply(String(message.op ?? ''), message.req_id, false, `error:handler not found,op:${String(message.op)}`);
    }
  });

  return {
    socket,
    subscriptions,
    send(topic: string, subscription: Subscription, bar: Bar, now: number): void {
      const precision = precisionOf(subscription.spec);
      const price = (units: number): string => trimmedDecimal(units, precision.price);
      socket.send(
        JSON.stringify({
          topic,
          data: [
            {
              start: bar.openTime,
              end: nextBarOpen(bar.openTime, subscription.interval) - 1,
              interval: bybitCode(subscription.interval),
              open: price(bar.open),
              close: price(bar.close),
              high: price(bar.high),
              low: price(bar.low),
              volume: trimmedDecimal(bar.volume, precision.volume),
              turnover: trimmedDecimal(bar.turnover, precision.turnover),
              confirm: bar.closed,
              timestamp: now,
            },
          ],
          ts: now,
          type: 'snapshot',
        }),
      );
    },
  };
}

function parseTopic(topic: string, category: Market, context: SimContext): Subscription | null {
  const match = /^kline\.([^.]+)\.([A-Z0-9]+)$/.exec(topic);
  if (match === null) return null;
  const interval = bybitInterval(match[1]);
  const spec = findSymbol(context.symbols, 'bybit', category, match[2]);
  if (interval === null || spec === undefined) return null;
  return { spec, interval, lastOpen: null };
}
