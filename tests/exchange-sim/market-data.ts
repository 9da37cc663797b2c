/**
 * The candles the simulated exchanges serve, at any interval, as exact aggregates of the seeded
 * one-minute candles: open of the first minute, highest high, lowest low, close of the last
 * minute, summed volumes. Minutes before listing, inside a gap, or after the simulator's clock
 * do not exist; a bar with no minute does not exist either, and the bar holding the clock is
 * served still forming, built from the minutes so far and the current minute in part.
 * Hour and day aggregates are cached, so a page of weekly bars does not rescan every minute.
 */
import type { SymbolSpec } from './catalogue.ts';
import { CandleGenerator, MINUTES_PER_DAY, type MinuteBlock, dayStartOf } from './candle-generator.ts';
import { DAY, HOUR, MINUTE, type SimInterval, barOpen, nextBarOpen, previousBarOpen } from './intervals.ts';

/** An aggregated candle in integer units (see decimal.ts); `closed` is false while it is forming. */
export interface Bar {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  turnover: number;
  trades: number;
  takerVolume: number;
  takerTurnover: number;
  closed: boolean;
}

/** Time ranges [from, to) where a listing has no candles (maintenance windows). */
export type GapLookup = (spec: SymbolSpec) => ReadonlyArray<readonly [number, number]>;

export interface FundingPoint {
  readonly time: number;
  /** Units of 1e-8. */
  readonly rate: number;
  /** Price units of the symbol (see Precision). */
  readonly markPrice: number;
}

const BLOCK_CACHE = 256;
const HOUR_CACHE = 4096;
const DAY_CACHE = 200_000;
const FUNDING_PERIOD = 8 * HOUR;

export class MarketData {
  private readonly seed: number;
  private readonly gaps: GapLookup;
  private readonly generators = new Map<SymbolSpec, CandleGenerator>();
  private readonly blocks = new Map<string, MinuteBlock>();
  private readonly hours = new Map<string, Bar[]>();
  private readonly days = new Map<string, Bar>();

  constructor(seed: number, gaps: GapLookup) {
    this.seed = seed;
    this.gaps = gaps;
  }

  /** The bar of `interval` opening at `openTime` as served at `now`, or null when it has no minute. */
  bar(spec: SymbolSpec, interval: SimInterval, openTime: number, now: number): Bar | null {
    const end = nextBarOpen(openTime, interval);
    const bar = this.aggregate(spec, openTime, end, now);
    if (bar === null) return null;
    bar.openTime = openTime;
    bar.closed = end <= now;
    return bar;
  }

  /**
   * Bars opening in [from, to] (both inclusive, as the exchanges filter), at most `limit`:
   * the oldest ones or the newest ones, always returned ascending.
   */
  bars(spec: SymbolSpec, interval: SimInterval, from: number, to: number, limit: number, keep: 'oldest' | 'newest', now: number): Bar[] {
    const first = Math.max(from, barOpen(spec.listedAt, interval));
    const last = Math.min(to, now);
    const result: Bar[] = [];
    if (first > last || limit <= 0) return result;
    if (keep === 'oldest') {
      const start = barOpen(first, interval) === first ? first : nextBarOpen(barOpen(first, interval), interval);
      for (let t = start; t <= last && result.length < limit; t = nextBarOpen(t, interval)) {
        const bar = this.bar(spec, interval, t, now);
        if (bar !== null) result.push(bar);
      }
      return result;
    }
    for (let t = barOpen(last, interval); t >= first && result.length < limit; t = previousBarOpen(t, interval)) {
      const bar = this.bar(spec, interval, t, now);
      if (bar !== null) result.push(bar);
    }
    return result.reverse();
  }

  /** Funding settlements (every 8 h at 00:00, 08:00, 16:00 UTC) in [from, to], up to `now`, ascending. */
  funding(spec: SymbolSpec, from: number, to: number, now: number): FundingPoint[] {
    const points: FundingPoint[] = [];
    const first = Math.ceil(Math.max(from, spec.listedAt) / FUNDING_PERIOD) * FUNDING_PERIOD;
    const last = Math.min(to, now);
    const generator = this.generator(spec);
    for (let t = first; t <= last; t += FUNDING_PERIOD) points.push({ time: t, rate: generator.fundingRate(t), markPrice: generator.openPrice(t) });
    return points;
  }

  /** Aggregate of the existing minutes in [from, to) at `now`; from and to on minute boundaries. */
  private aggregate(spec: SymbolSpec, from: number, to: number, now: number): Bar | null {
    const gaps = this.gaps(spec);
    const nowMinute = Math.floor(now / MINUTE) * MINUTE;
    const end = Math.min(to, now);
    let acc: Bar | null = null;
    let t = Math.max(from, spec.listedAt);
    while (t < end) {
      const gapEnd = gapEndAt(gaps, t);
      if (gapEnd !== null) {
        t = Math.ceil(gapEnd / MINUTE) * MINUTE;
        continue;
      }
      const clean = (length: number): boolean => t % length === 0 && t + length <= to && t + length <= nowMinute && !overlapsGap(gaps, t, t + length);
      if (clean(DAY)) {
        acc = merge(acc, this.dayBar(spec, t));
        t += DAY;
      } else if (clean(HOUR)) {
        acc = merge(acc, this.hourBars(spec, dayStartOf(t))[(t - dayStartOf(t)) / HOUR]);
        t += HOUR;
      } else {
        const minute = this.minuteBar(spec, t);
        acc = merge(acc, t === nowMinute ? partial(minute, (now - t) / MINUTE, this.generator(spec).precision.tickUnits) : minute);
        t += MINUTE;
      }
    }
    return acc;
  }

  private generator(spec: SymbolSpec): CandleGenerator {
    let generator = this.generators.get(spec);
    if (generator === undefined) {
      generator = new CandleGenerator(this.seed, spec);
      this.generators.set(spec, generator);
    }
    return generator;
  }

  private block(spec: SymbolSpec, dayStart: number): MinuteBlock {
    return cached(this.blocks, keyOf(spec, dayStart), BLOCK_CACHE, () => this.generator(spec).day(dayStart));
  }

  private minuteBar(spec: SymbolSpec, time: number): Bar {
    const block = this.block(spec, dayStartOf(time));
    return minuteOf(block, (time - block.dayStart) / MINUTE);
  }

  private hourBars(spec: SymbolSpec, dayStart: number): Bar[] {
    return cached(this.hours, keyOf(spec, dayStart), HOUR_CACHE, () => {
      const block = this.block(spec, dayStart);
      const hours: Bar[] = [];
      for (let h = 0; h < 24; h++) {
        const bar = minuteOf(block, h * 60);
        for (let i = h * 60 + 1; i < (h + 1) * 60; i++) {
          bar.high = Math.max(bar.high, block.high[i]);
          bar.low = Math.min(bar.low, block.low[i]);
          bar.volume += block.volume[i];
          bar.turnover += block.turnover[i];
          bar.trades += block.trades[i];
          bar.takerVolume += block.takerVolume[i];
          bar.takerTurnover += block.takerTurnover[i];
        }
        bar.close = block.close[h * 60 + 59];
        hours.push(bar);
      }
      return hours;
    });
  }

  private dayBar(spec: SymbolSpec, dayStart: number): Bar {
    return cached(this.days, keyOf(spec, dayStart), DAY_CACHE, () => {
      let acc: Bar | null = null;
      for (const hour of this.hourBars(spec, dayStart)) acc = merge(acc, hour);
      return acc as Bar;
    });
  }
}

function keyOf(spec: SymbolSpec, dayStart: number): string {
  return `${spec.exchange}/${spec.market}/${spec.symbol}/${dayStart}`;
}

/** Least-recently-used cache on a Map (insertion order): a hit moves to the back, the front is evicted. */
function cached<V>(map: Map<string, V>, key: string, capacity: number, make: () => V): V {
  const hit = map.get(key);
  if (hit !== undefined) {
    map.delete(key);
    map.set(key, hit);
    return hit;
  }
  const value = make();
  map.set(key, value);
  if (map.size > capacity) map.delete(map.keys().next().value as string);
  return value;
}

function minuteOf(block: MinuteBlock, i: number): Bar {
  if (i < 0 || i >= MINUTES_PER_DAY) throw new Error(`minute ${i} outside the day`);
  return {
    openTime: block.dayStart + i * MINUTE,
    open: block.open[i],
    high: block.high[i],
    low: block.low[i],
    close: block.close[i],
    volume: block.volume[i],
    turnover: block.turnover[i],
    trades: block.trades[i],
    takerVolume: block.takerVolume[i],
    takerTurnover: block.takerTurnover[i],
    closed: true,
  };
}

/** The minute as it stands `fraction` of the way through: the close walks from open toward the final close. */
function partial(minute: Bar, fraction: number, step: number): Bar {
  const close = minute.open + Math.round(((minute.close - minute.open) * fraction) / step) * step;
  const share = (value: number): number => Math.floor(value * fraction);
  return {
    ...minute,
    close,
    high: Math.max(minute.open, close) + Math.floor(((minute.high - Math.max(minute.open, minute.close)) * fraction) / step) * step,
    low: Math.min(minute.open, close) - Math.floor(((Math.min(minute.open, minute.close) - minute.low) * fraction) / step) * step,
    volume: share(minute.volume),
    turnover: share(minute.turnover),
    trades: Math.max(1, share(minute.trades)),
    takerVolume: share(minute.takerVolume),
    takerTurnover: share(minute.takerTurnover),
    closed: false,
  };
}

function merge(acc: Bar | null, next: Bar): Bar {
  if (acc === null) return { ...next };
  acc.high = Math.max(acc.high, next.high);
  acc.low = Math.min(acc.low, next.low);
  acc.close = next.close;
  acc.volume += next.volume;
  acc.turnover += next.turnover;
  acc.trades += next.trades;
  acc.takerVolume += next.takerVolume;
  acc.takerTurnover += next.takerTurnover;
  return acc;
}

function gapEndAt(gaps: ReadonlyArray<readonly [number, number]>, time: number): number | null {
  let end: number | null = null;
  for (const [from, to] of gaps) if (from <= time && time < to) end = Math.max(end ?? to, to);
  return end;
}

function overlapsGap(gaps: ReadonlyArray<readonly [number, number]>, from: number, to: number): boolean {
  return gaps.some(([gapFrom, gapTo]) => gapFrom < to && from < gapTo);
}
