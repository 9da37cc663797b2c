/** The coalescer: one event per subscription per tick, the latest forming candle, every closed candle in order. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Coalescer } from '../../../src-main/host/live/coalescer.ts';
import type { LiveCandle, LiveCandlesPayload } from '../../../src-shared/contract/schemas/live.ts';
import { rowsOf } from './live-support.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const candle = (time: number, close: number): LiveCandle => ({ time, open: 1, high: 9, low: 0.5, close, volume: 2 });

it('sends one event per subscription per tick: all closed candles, the latest forming one', () => {
  const sent: LiveCandlesPayload[] = [];
  const coalescer = new Coalescer(16, (payload) => sent.push(payload));
  coalescer.forming('a', candle(0, 1));
  coalescer.forming('a', candle(0, 2));
  coalescer.closed('a', [candle(0, 3)]);
  coalescer.forming('a', candle(60, 4));
  coalescer.forming('a', candle(60, 5));
  coalescer.closed('a', [candle(60, 6), candle(120, 7)]);
  coalescer.forming('b', candle(0, 8));
  expect(sent).toEqual([]);
  vi.advanceTimersByTime(16);
  expect(sent.map((p) => p.subscriptionId)).toEqual(['a', 'b']);
  expect(rowsOf(sent[0].candles as NonNullable<LiveCandlesPayload['candles']>)).toEqual([candle(0, 3), candle(60, 6), candle(120, 7)]);
  expect(sent[0].forming).toBeUndefined();
  expect(sent[1]).toEqual({ subscriptionId: 'b', forming: candle(0, 8) });

  coalescer.forming('a', candle(180, 9));
  coalescer.drop('b');
  vi.advanceTimersByTime(16);
  expect(sent.slice(2)).toEqual([{ subscriptionId: 'a', forming: candle(180, 9) }]);
  vi.advanceTimersByTime(1000);
  expect(sent).toHaveLength(3);
});

it('flushes one subscription on demand, leaving the others for the tick', () => {
  const sent: LiveCandlesPayload[] = [];
  const coalescer = new Coalescer(16, (payload) => sent.push(payload));
  coalescer.forming('a', candle(0, 1));
  coalescer.forming('b', candle(0, 2));
  coalescer.flushOne('a');
  expect(sent.map((p) => p.subscriptionId)).toEqual(['a']);
  vi.advanceTimersByTime(16);
  expect(sent.map((p) => p.subscriptionId)).toEqual(['a', 'b']);
});
