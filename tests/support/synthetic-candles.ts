/**
 * Seeded synthetic candles for tests and benchmarks (never shipped in the product): a
 * geometric random walk with consistent OHLC, optional flat stretches and zero-volume bars so
 * edge cases (zero range, zero volume) are exercised.
 */
import { allocateCandles, type Candles } from '../../src-engine/candles.ts';

/** mulberry32: tiny, fast, good enough for test data, and reproducible from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  readonly bars: number;
  readonly seed: number;
  readonly startTime?: number;
  readonly intervalMs?: number;
  readonly startPrice?: number;
  /** Probability that a bar is perfectly flat (open = high = low = close). */
  readonly flatBarChance?: number;
  /** Probability that a bar has zero volume. */
  readonly zeroVolumeChance?: number;
}

export function syntheticCandles(options: SyntheticOptions): Candles {
  const {
    bars,
    seed,
    startTime = Date.UTC(2024, 0, 1),
    intervalMs = 60_000,
    startPrice = 30_000,
    flatBarChance = 0,
    zeroVolumeChance = 0,
  } = options;
  const random = seededRandom(seed);
  const candles = allocateCandles(bars);
  let price = startPrice;
  for (let i = 0; i < bars; i++) {
    const open = price;
    const flat = random() < flatBarChance;
    const drift = flat ? 0 : (random() - 0.5) * 0.004;
    const close = open * (1 + drift);
    const wickUp = flat ? 0 : random() * 0.002;
    const wickDown = flat ? 0 : random() * 0.002;
    candles.time[i] = startTime + i * intervalMs;
    candles.open[i] = open;
    candles.close[i] = close;
    candles.high[i] = Math.max(open, close) * (1 + wickUp);
    candles.low[i] = Math.min(open, close) * (1 - wickDown);
    candles.volume[i] = random() < zeroVolumeChance ? 0 : 1 + random() * 100;
    price = close;
  }
  return candles;
}
