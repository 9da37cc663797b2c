/**
 * The exchanges' kline streams in one vocabulary: the topic a series is streamed on (Bybit
 * `kline.{interval}.{symbol}`, Binance `<symbol>@kline_<interval>`) and the pushes read into
 * candles with their closed flag. A push that is not a well-formed kline is skipped.
 */
import type { LiveCandle } from '../../../src-shared/contract/schemas/live.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { BYBIT_INTERVALS } from '../exchanges/bybit.ts';

export interface KlineUpdate {
  readonly topic: string;
  readonly candle: LiveCandle;
  /** The exchange says the bar is final (Bybit confirm, Binance x). */
  readonly closed: boolean;
}

export function topicOf(key: SeriesKey): string {
  return key.exchange === 'bybit' ? `kline.${BYBIT_INTERVALS[key.interval]}.${key.symbol}` : `${key.symbol.toLowerCase()}@kline_${key.interval}`;
}

type Fields = Readonly<Record<string, unknown>>;

function fieldsOf(value: unknown): Fields | null {
  return typeof value === 'object' && value !== null ? (value as Fields) : null;
}

function candleOf(time: unknown, open: unknown, high: unknown, low: unknown, close: unknown, volume: unknown): LiveCandle | null {
  const values = [time, open, high, low, close, volume].map((v) => (typeof v === 'string' || typeof v === 'number' ? Number(v) : Number.NaN));
  if (!values.every(Number.isFinite) || !Number.isInteger(values[0])) return null;
  const [t, o, h, l, c, v] = values;
  return { time: t, open: o, high: h, low: l, close: c, volume: v };
}

/** A bybit-api `update` event: {topic, data: [{start, open, high, low, close, volume, confirm}, ...]}. */
export function readBybitUpdate(event: unknown): KlineUpdate[] {
  const fields = fieldsOf(event);
  const topic = fields?.topic;
  if (typeof topic !== 'string' || !topic.startsWith('kline.') || !Array.isArray(fields?.data)) return [];
  const updates: KlineUpdate[] = [];
  for (const item of fields.data) {
    const bar = fieldsOf(item);
    if (bar === null || typeof bar.confirm !== 'boolean') continue;
    const candle = candleOf(bar.start, bar.open, bar.high, bar.low, bar.close, bar.volume);
    if (candle !== null) updates.push({ topic, candle, closed: bar.confirm });
  }
  return updates;
}

/** A binance `message` event: the kline event {e: 'kline', k: {t, s, i, o, h, l, c, v, x}}, unwrapped from a combined stream or not. */
export function readBinanceMessage(event: unknown): KlineUpdate[] {
  const outer = fieldsOf(event);
  const inner = outer?.e === 'kline' ? outer : fieldsOf(outer?.data);
  if (inner?.e !== 'kline') return [];
  const k = fieldsOf(inner.k);
  if (k === null || typeof k.s !== 'string' || typeof k.i !== 'string' || typeof k.x !== 'boolean') return [];
  const candle = candleOf(k.t, k.o, k.h, k.l, k.c, k.v);
  return candle === null ? [] : [{ topic: `${k.s.toLowerCase()}@kline_${k.i}`, candle, closed: k.x }];
}
