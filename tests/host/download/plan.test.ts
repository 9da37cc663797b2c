import { describe, expect, it } from 'vitest';
import { downloadWindow, planPages } from '../../../src-main/host/download/plan.ts';

const utc = Date.UTC;
const MIN = 60_000;

describe('download window', () => {
  it('rounds the start up to a bar and stops before the bar still forming', () => {
    const now = utc(2024, 0, 1, 12, 30, 20);
    expect(downloadWindow(utc(2024, 0, 1, 0, 0, 30), utc(2024, 0, 2), '1m', now, null)).toEqual({
      from: utc(2024, 0, 1, 0, 1),
      to: utc(2024, 0, 1, 12, 30),
    });
  });

  it('never starts before the listing', () => {
    expect(downloadWindow(utc(2020, 0, 1), utc(2020, 0, 10), '1d', utc(2024, 0, 1), utc(2020, 0, 5, 8))).toEqual({
      from: utc(2020, 0, 6),
      to: utc(2020, 0, 10),
    });
  });

  it('is empty when everything asked for is still forming or before listing', () => {
    const window = downloadWindow(utc(2024, 0, 1), utc(2024, 0, 2), '1d', utc(2024, 0, 1, 5), null);
    expect(window.to).toBe(window.from);
  });
});

describe('page plan', () => {
  it('cuts missing ranges into pages of at most the exchange limit', () => {
    const pages = planPages([{ from: 0, to: 2500 * MIN }, { from: 3000 * MIN, to: 3001 * MIN }], '1m', 1000);
    expect(pages).toEqual([
      { from: 0, to: 1000 * MIN, bars: 1000 },
      { from: 1000 * MIN, to: 2000 * MIN, bars: 1000 },
      { from: 2000 * MIN, to: 2500 * MIN, bars: 500 },
      { from: 3000 * MIN, to: 3001 * MIN, bars: 1 },
    ]);
  });

  it('pages months by the calendar', () => {
    expect(planPages([{ from: utc(2023, 0, 1), to: utc(2024, 0, 1) }], '1M', 5)).toEqual([
      { from: utc(2023, 0, 1), to: utc(2023, 5, 1), bars: 5 },
      { from: utc(2023, 5, 1), to: utc(2023, 10, 1), bars: 5 },
      { from: utc(2023, 10, 1), to: utc(2024, 0, 1), bars: 2 },
    ]);
  });
});
