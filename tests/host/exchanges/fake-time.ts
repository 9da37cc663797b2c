/**
 * A clock and sleep for timing tests: sleeping advances the clock at once, so limiter and
 * retry waits are measured exactly without real delays.
 */
export interface FakeTime {
  readonly clock: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Every wait asked for, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

export function fakeTime(start = 1_000_000): FakeTime {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleeps,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
    advance(ms) {
      now += ms;
    },
  };
}
