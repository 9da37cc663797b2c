import { describe, expect, it } from 'vitest';
import { alignRange, ceilBarOpenTime, intersectRanges, mergeRanges, subtractRanges } from '../../../src-main/host/store/ranges.ts';

const r = (from: number, to: number) => ({ from, to });

describe('range arithmetic', () => {
  it('merges overlapping and touching ranges, drops empty ones', () => {
    expect(mergeRanges([r(20, 30), r(0, 10), r(10, 15), r(5, 8), r(40, 40), r(29, 35)])).toEqual([r(0, 15), r(20, 35)]);
    expect(mergeRanges([])).toEqual([]);
  });

  it('subtracts a normalised list from a range', () => {
    expect(subtractRanges(r(0, 100), [r(-10, 5), r(20, 30), r(90, 200)])).toEqual([r(5, 20), r(30, 90)]);
    expect(subtractRanges(r(0, 10), [])).toEqual([r(0, 10)]);
    expect(subtractRanges(r(0, 10), [r(0, 10)])).toEqual([]);
  });

  it('intersects two normalised lists', () => {
    expect(intersectRanges([r(0, 10), r(20, 30)], [r(5, 25), r(28, 40)])).toEqual([r(5, 10), r(20, 25), r(28, 30)]);
    expect(intersectRanges([r(0, 10)], [r(10, 20)])).toEqual([]);
  });

  it('aligns to the bars a range holds: both ends move up to the next open time', () => {
    const t = Date.UTC(2024, 0, 1);
    expect(alignRange(r(t + 1, t + 60_000), '1m')).toEqual(r(t + 60_000, t + 60_000));
    expect(alignRange(r(t, t + 59_999), '1m')).toEqual(r(t, t + 60_000));
    expect(ceilBarOpenTime(Date.UTC(2024, 0, 3, 5), '1w')).toBe(Date.UTC(2024, 0, 8));
    expect(ceilBarOpenTime(Date.UTC(2024, 1, 10), '1M')).toBe(Date.UTC(2024, 2, 1));
  });
});
