import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from '../../../src-main/host/core/throttle.ts';

describe('progress throttle (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first update at once, then the newest of each burst once per interval', () => {
    const sent: Array<[number, number]> = [];
    const throttle = new Throttle<number>(100, (value) => sent.push([performance.now(), value]));
    throttle.push(1);
    throttle.push(2);
    throttle.push(3);
    expect(sent).toEqual([[0, 1]]);
    vi.advanceTimersByTime(99);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      [0, 1],
      [100, 3],
    ]);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
  });

  it('drain delivers the waiting update immediately and nothing afterwards', () => {
    const sent: number[] = [];
    const throttle = new Throttle<number>(100, (value) => sent.push(value));
    throttle.push(1);
    throttle.push(2);
    throttle.drain();
    expect(sent).toEqual([1, 2]);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([1, 2]);
    throttle.drain();
    expect(sent).toEqual([1, 2]);
  });
});
