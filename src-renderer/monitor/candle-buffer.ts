/**
 * A live chart's closed candles as growing columns (what the strategy overlay compiles over and
 * what the chart was drawn from), the candle forming after them, and the figures the card shows:
 * last price and the change since the UTC day's open.
 */
import type { LiveCandle } from '../../src-shared/contract/schemas/live.ts';
import type { CandleColumns } from '../../src-shared/contract/schemas/common.ts';
import type { Interval } from '../../src-shared/market.ts';
import { allocateCandles, barOpenTime, type Candles } from '../../src-engine/for-windows.ts';

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
/** About two weeks of one-minute bars; older bars are dropped from the front beyond this. */
export const MAX_BARS = 20_000;
const DAY_MS = 86_400_000;

export class CandleBuffer {
  readonly #interval: Interval;
  #columns: Candles = allocateCandles(1024);
  #length = 0;
  #gaps = 0;
  forming: LiveCandle | null = null;

  constructor(interval: Interval) {
    this.#interval = interval;
  }

  get length(): number {
    return this.#length;
  }

  get lastTime(): number | null {
    return this.#length === 0 ? null : this.#columns.time[this.#length - 1];
  }

  reset(history: CandleColumns, forming: LiveCandle | null): void {
    this.#length = 0;
    this.#gaps = 0;
    this.forming = null;
    for (let i = 0; i < history.time.length; i++) {
      this.push({ time: history.time[i], open: history.open[i], high: history.high[i], low: history.low[i], close: history.close[i], volume: history.volume[i] });
    }
    this.forming = forming;
  }

  /** A newly closed candle; a forming candle it closes (or that is older) is dropped. */
  push(candle: LiveCandle): void {
    if (this.#length === this.#columns.time.length) this.#grow();
    const i = this.#length++;
    if (i > 0 && barOpenTime(candle.time - 1, this.#interval) !== this.#columns.time[i - 1]) this.#gaps++;
    for (const field of FIELDS) this.#columns[field][i] = candle[field];
    if (this.forming !== null && this.forming.time <= candle.time) this.forming = null;
  }

  at(i: number): LiveCandle {
    const c = this.#columns;
    return { time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i] };
  }

  /** The closed candles as columns (views, valid until the next push). */
  view(): Candles {
    const c = this.#columns;
    const n = this.#length;
    return { time: c.time.subarray(0, n), open: c.open.subarray(0, n), high: c.high.subarray(0, n), low: c.low.subarray(0, n), close: c.close.subarray(0, n), volume: c.volume.subarray(0, n) };
  }

  /** How many neighbouring closed bars were not one interval apart (a hole in the series). */
  get gaps(): number {
    return this.#gaps;
  }

  closedTimes(): number[] {
    return Array.from(this.#columns.time.subarray(0, this.#length));
  }

  lastPrice(): number | null {
    if (this.forming !== null) return this.forming.close;
    return this.#length === 0 ? null : this.#columns.close[this.#length - 1];
  }

  /**
   * The open of the UTC day holding the newest bar: the open of that day's first bar (bars of a
   * day or longer hold whole days, so theirs is the newest bar's own open). Null when the
   * candles do not reach back to the day's start, or there are none.
   */
  dayOpen(): number | null {
    const interval = this.#interval;
    const newest = this.forming ?? (this.#length === 0 ? null : this.at(this.#length - 1));
    if (newest === null) return null;
    if (interval === '1d' || interval === '1w' || interval === '1M') return newest.open;
    const dayStart = Math.floor(newest.time / DAY_MS) * DAY_MS;
    const time = this.#columns.time;
    let lo = 0;
    let hi = this.#length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (time[mid] < dayStart) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0 && (this.#length === 0 || time[0] !== dayStart) && newest.time !== dayStart) return null;
    return lo < this.#length ? this.#columns.open[lo] : newest.open;
  }

  /** Start of the UTC day holding the newest bar. */
  dayStart(): number | null {
    const newest = this.forming?.time ?? this.lastTime;
    return newest === null ? null : Math.floor(newest / DAY_MS) * DAY_MS;
  }

  #grow(): void {
    if (this.#columns.time.length >= MAX_BARS) {
      // Full: keep the newer half, so trimming happens once per MAX_BARS / 2 closes.
      const keep = MAX_BARS / 2;
      for (const field of FIELDS) this.#columns[field].copyWithin(0, this.#length - keep, this.#length);
      this.#length = keep;
      return;
    }
    const next = allocateCandles(Math.min(MAX_BARS, this.#columns.time.length * 2));
    for (const field of FIELDS) next[field].set(this.#columns[field].subarray(0, this.#length));
    this.#columns = next;
  }
}
