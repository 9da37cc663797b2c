/** The sliding-window limiter on a fake clock: budgets, waits, queueing, pauses, server resync, cancellation. */
import { describe, expect, it } from 'vitest';
import { ExchangePause, SlidingWindowLimiter } from '../../../src-main/host/exchanges/rate-limiter.ts';
import { fakeTime } from './fake-time.ts';

/** Books `weight` and settles it at once: a request answered instantly. */
async function send(bucket: SlidingWindowLimiter, weight: number, signal?: AbortSignal): Promise<void> {
  const settle = await bucket.acquire(weight, signal);
  settle();
}

function limiter(limit: number, windowMs: number, time = fakeTime(), pause = new ExchangePause()) {
  return { time, pause, limiter: new SlidingWindowLimiter({ limit: { limit, windowMs }, clock: time.clock, sleep: time.sleep, pause }) };
}

describe('SlidingWindowLimiter', () => {
  it('keeps 5% headroom under the published limit', () => {
    expect(limiter(600, 5_000).limiter.budget).toBe(570);
    expect(limiter(6_000, 60_000).limiter.budget).toBe(5_700);
    expect(limiter(1, 1_000).limiter.budget).toBe(1);
  });

  it('lets a burst up to the budget through at once, then waits for the oldest weight to leave', async () => {
    const { time, limiter: bucket } = limiter(10, 1_000);
    const start = time.clock();
    for (let i = 0; i < 9; i++) await send(bucket, 1);
    expect(time.sleeps).toEqual([]);
    await send(bucket, 1);
    expect(time.clock() - start).toBe(1_000);
    expect(bucket.used()).toBe(1);
  });

  it('never lets more than the budget into any window, whatever the weights', async () => {
    const { time, limiter: bucket } = limiter(100, 60_000);
    const sent: { at: number; weight: number }[] = [];
    const weights = [20, 5, 40, 1, 30, 10, 10, 2, 45, 7, 33, 9, 1, 1, 60];
    for (const weight of weights) {
      await send(bucket, weight);
      sent.push({ at: time.clock(), weight });
      time.advance(1_000);
    }
    for (const { at } of sent) {
      const inWindow = sent.filter((s) => s.at > at - 60_000 && s.at <= at).reduce((sum, s) => sum + s.weight, 0);
      expect(inWindow).toBeLessThanOrEqual(bucket.budget);
    }
  });

  it('serves parallel callers in arrival order instead of letting them burst', async () => {
    const { time, limiter: bucket } = limiter(4, 1_000);
    const start = time.clock();
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5, 6].map(async (i) => {
        await send(bucket, 1);
        order.push(i);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Budget 3 per second: 3 now, 3 after one second, 1 after two.
    expect(time.clock() - start).toBe(2_000);
  });

  it('clamps a request heavier than the whole budget to the budget', async () => {
    const { time, limiter: bucket } = limiter(10, 1_000);
    await send(bucket, 50);
    expect(time.sleeps).toEqual([]);
    await send(bucket, 1);
    expect(time.sleeps).toEqual([1_000]);
  });

  it('waits out a pause shared by all limiters of the exchange', async () => {
    const time = fakeTime();
    const pause = new ExchangePause();
    const spot = limiter(100, 1_000, time, pause).limiter;
    const futures = limiter(100, 1_000, time, pause).limiter;
    pause.pauseUntil(time.clock() + 3_000);
    pause.pauseUntil(time.clock() + 1_000);
    await send(spot, 1);
    await send(futures, 1);
    expect(time.sleeps).toEqual([3_000]);
  });

  it('adopts a higher server count of used weight', async () => {
    const { time, limiter: bucket } = limiter(100, 60_000);
    await send(bucket, 10);
    bucket.syncUsed(86);
    expect(bucket.used()).toBe(86);
    bucket.syncUsed(20);
    bucket.syncUsed(Number.NaN);
    expect(bucket.used()).toBe(86);
    await send(bucket, 10);
    expect(time.sleeps).toEqual([60_000]);
  });

  it('rejects a cancelled caller without booking its weight', async () => {
    const { limiter: bucket } = limiter(3, 1_000);
    await send(bucket, 2);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(send(bucket, 1, controller.signal)).rejects.toThrow('stop');
    expect(bucket.used()).toBe(2);
  });

  it('lets the queue move on when a waiting caller is cancelled', async () => {
    const time = fakeTime();
    let release: () => void = () => undefined;
    // A sleep that blocks until released, so the head of the queue stays waiting.
    const sleep = (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        release = () => {
          time.advance(ms);
          resolve();
        };
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    const bucket = new SlidingWindowLimiter({ limit: { limit: 2, windowMs: 1_000 }, clock: time.clock, sleep, pause: new ExchangePause() });
    await send(bucket, 1);
    const controller = new AbortController();
    const waiting = send(bucket, 1, controller.signal);
    const next = send(bucket, 1);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    await Promise.resolve();
    release();
    await next;
    expect(bucket.used()).toBe(1);
  });

  it('keeps a request counting until its answer is in, then for a full window after', async () => {
    const { time, limiter: bucket } = limiter(3, 1_000);
    const slow = await bucket.acquire(1);
    await send(bucket, 1);
    time.advance(5_000);
    // The slow request is still in flight: it counts however long ago it was sent.
    expect(bucket.used()).toBe(1);
    slow();
    slow();
    time.advance(999);
    expect(bucket.used()).toBe(1);
    time.advance(1);
    expect(bucket.used()).toBe(0);
  });

  it('waits a window for room when only requests in flight hold the budget', async () => {
    const time = fakeTime();
    const pending: Array<() => void> = [];
    // Each wait lets the oldest request in flight be answered at the end of the wait.
    const sleep = async (ms: number) => {
      time.advance(ms);
      pending.shift()?.();
    };
    const bucket = new SlidingWindowLimiter({ limit: { limit: 3, windowMs: 1_000 }, clock: time.clock, sleep, pause: new ExchangePause() });
    const start = time.clock();
    pending.push(await bucket.acquire(1), await bucket.acquire(1));
    await send(bucket, 1);
    // Answered at start + 1000 by the first wait, then held a window: room at start + 2000.
    expect(time.clock() - start).toBe(2_000);
  });
});
