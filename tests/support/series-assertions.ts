/** Assertions on numeric series with NaN-aware, relative-tolerance comparison. */
import { expect } from 'vitest';

export function relativeDifference(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(1e-12, Math.abs(expected));
}

/**
 * Every bar where `expected` has a value (from `fromBar` on) must be matched to `relTol`;
 * where `expected` is NaN, `actual` must be NaN too unless `allowExtraValues`.
 */
export function expectSeriesClose(
  label: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  options: { relTol: number; fromBar?: number; allowExtraValues?: boolean },
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  const from = options.fromBar ?? 0;
  let compared = 0;
  for (let i = from; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (Number.isNaN(e)) {
      if (!options.allowExtraValues && !Number.isNaN(a)) {
        throw new Error(`${label}: bar ${i}: expected NaN (warm-up), got ${a}`);
      }
      continue;
    }
    if (Number.isNaN(a) || relativeDifference(a, e) > options.relTol) {
      throw new Error(`${label}: bar ${i}: expected ${e}, got ${a} (relative difference ${relativeDifference(a, e)})`);
    }
    compared++;
  }
  expect(compared, `${label}: compared values`).toBeGreaterThan(0);
}
