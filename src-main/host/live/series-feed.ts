/**
 * One live series: keeps it complete and in order. Messages are judged by open time: a bar
 * older than the last closed one is dropped (duplicates, late deliveries), an update of the
 * forming bar replaces it, an older forming update is dropped. Closed bars go to the cache with
 * their one-bar coverage; the forming bar only to the watchers. When bars may have been missed
 * (at start, after every reconnect, or when a bar arrives past a hole) the missing closed bars
 * are fetched from REST first, messages arriving meanwhile wait, and everything is delivered in
 * open-time order. A bar REST cannot serve either is accepted with the hole left uncovered.
 */
import { barOpenTime, nextBarOpenTime } from '../../../src-engine/intervals.ts';
import type { LiveCandle, LiveStatus } from '../../../src-shared/contract/schemas/live.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import type { CandleRows, ExchangeAdapter } from '../exchanges/adapter.ts';
import { backfill, type LiveStore } from './backfill.ts';
import { type KlineUpdate, topicOf } from './klines.ts';
import { backoffDelay, type ReconnectPolicy } from './upstream.ts';

export interface SeriesFeedOptions {
  readonly key: SeriesKey;
  readonly store: LiveStore;
  readonly adapter: () => ExchangeAdapter;
  /** The market clock: which bar is forming, and when a closed bar may be stored. */
  readonly now: () => number;
  /** Bars the first fill makes sure the cache holds. */
  readonly historyBars: number;
  /** Waits between failed REST fills. */
  readonly retry: ReconnectPolicy;
  /** Failed attempts (connection or REST) after which the state is 'down' rather than 'reconnecting'. */
  readonly downAfterAttempts: number;
  readonly onClosed: (candles: readonly LiveCandle[]) => void;
  readonly onForming: (candle: LiveCandle) => void;
  readonly onStatus: (status: LiveStatus) => void;
  readonly onError: (error: unknown, context: string) => void;
}

type Connection = { readonly kind: 'connecting' } | { readonly kind: 'open' } | { readonly kind: 'lost'; readonly reason: string; readonly attempt: number };

export class SeriesFeed {
  readonly key: SeriesKey;
  readonly topic: string;
  readonly #options: SeriesFeedOptions;
  /** Open time of the first bar not delivered as closed yet. */
  #closedUntil = 0;
  #forming: LiveCandle | null = null;
  /** Messages held while a fill runs; null when none runs. */
  #held: KlineUpdate[] | null = null;
  #fillAgain = false;
  #fillFailure: string | null = null;
  #fillAttempt = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  /** Closed bars the local clock does not yet see closed; the cache refuses them until it does. */
  #unwritten: LiveCandle[] = [];
  #writeTimer: NodeJS.Timeout | null = null;
  /** The forming bar past a hole that already caused a fill, so it causes one only. */
  #gapChecked = Number.NaN;
  #connection: Connection = { kind: 'connecting' };
  #refused: string | null = null;
  #status: LiveStatus = { state: 'reconnecting', reason: 'connecting' };
  readonly #abort = new AbortController();
  #closed = false;

  constructor(options: SeriesFeedOptions) {
    this.key = options.key;
    this.topic = topicOf(options.key);
    this.#options = options;
  }

  get status(): LiveStatus {
    return this.#status;
  }

  get forming(): LiveCandle | null {
    return this.#forming;
  }

  /** Fills the recent history (failures are reported in the status and retried); resolves when the first attempt ended. */
  start(connected: boolean): Promise<void> {
    if (connected) this.#connection = { kind: 'open' };
    const { key, store, now, historyBars } = this.#options;
    const to = barOpenTime(now(), key.interval);
    const from = barsBefore(to, historyBars, key.interval);
    const cached = store.readCandles(key, from, to);
    const count = cached.time.length;
    this.#closedUntil = count > 0 ? nextBarOpenTime(cached.time[count - 1], key.interval) : from;
    return this.#fill(from);
  }

  /**
   * Makes sure the cache holds the `bars` closed bars before the live edge, fetching older ones
   * a watcher asks for beyond what the series filled when it started. A failure leaves the
   * history shorter (the chart shows what there is); the live stream is not affected.
   */
  async extendHistory(bars: number): Promise<void> {
    const { key, store, adapter } = this.#options;
    const from = barsBefore(this.#closedUntil, bars, key.interval);
    const filledFrom = barsBefore(this.#closedUntil, this.#options.historyBars, key.interval);
    if (from >= filledFrom || this.#closed) return;
    try {
      await backfill(store, adapter(), key, from, filledFrom, this.#abort.signal);
    } catch {
      // Reported nowhere on purpose: older history is a convenience, and the next subscribe retries.
    }
  }

  /** The last `bars` closed bars delivered, ascending. */
  history(bars: number): CandleRows {
    const { key, store } = this.#options;
    const rows = store.readCandles(key, barsBefore(this.#closedUntil, bars, key.interval), this.#closedUntil);
    const last = rows.time.length > 0 ? rows.time[rows.time.length - 1] : Number.NEGATIVE_INFINITY;
    const pending = this.#unwritten.filter((candle) => candle.time > last);
    return pending.length === 0 ? rows : appendRows(rows, pending, bars);
  }

  receive(update: KlineUpdate): void {
    if (this.#closed) return;
    if (this.#held !== null) this.#held.push(update);
    else this.#apply(update, false);
  }

  opened(): void {
    this.#connection = { kind: 'open' };
    this.#refill();
  }

  lost(reason: string, attempt: number): void {
    this.#connection = { kind: 'lost', reason, attempt };
    this.#report();
  }

  refused(reason: string): void {
    this.#refused = reason;
    this.#report();
  }

  close(): void {
    this.#closed = true;
    this.#abort.abort();
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    if (this.#writeTimer !== null) clearTimeout(this.#writeTimer);
  }

  #apply(update: KlineUpdate, replaying: boolean): void {
    const { candle, closed } = update;
    const t = candle.time;
    if (t < this.#closedUntil) return;
    if (closed) {
      if (t > this.#closedUntil && !replaying) return this.#fillFirst(update);
      return this.#commit(candle);
    }
    if (this.#forming !== null && t < this.#forming.time) return;
    if (t > this.#closedUntil && !replaying && this.#gapChecked !== t) {
      this.#gapChecked = t;
      return this.#fillFirst(update);
    }
    this.#forming = candle;
    this.#options.onForming(candle);
  }

  #commit(candle: LiveCandle): void {
    this.#closedUntil = nextBarOpenTime(candle.time, this.key.interval);
    if (this.#forming !== null && this.#forming.time <= candle.time) this.#forming = null;
    this.#unwritten.push(candle);
    this.#writeDue();
    this.#options.onClosed([candle]);
  }

  /** Stores the closed bars the local clock sees closed; the rest when it does. */
  #writeDue(): void {
    const { key, store, now } = this.#options;
    const time = now();
    while (this.#unwritten.length > 0 && nextBarOpenTime(this.#unwritten[0].time, key.interval) <= time) {
      const candle = this.#unwritten.shift() as LiveCandle;
      try {
        store.writeCandles(key, appendRows(emptyRows(), [candle], 1), { from: candle.time, to: nextBarOpenTime(candle.time, key.interval) });
      } catch (error) {
        this.#options.onError(error, `storing a live ${key.symbol} candle`);
      }
    }
    if (this.#unwritten.length === 0 || this.#writeTimer !== null || this.#closed) return;
    const wait = Math.max(1, nextBarOpenTime(this.#unwritten[0].time, key.interval) - time);
    this.#writeTimer = setTimeout(() => {
      this.#writeTimer = null;
      this.#writeDue();
    }, wait);
    this.#writeTimer.unref();
  }

  #fillFirst(update: KlineUpdate): void {
    this.#held = [update];
    void this.#fill(this.#closedUntil);
  }

  /** After a reconnect: fetch what the connection missed, now or once the running fill ends. */
  #refill(): void {
    if (this.#held !== null && this.#retryTimer === null) {
      this.#fillAgain = true;
      this.#report();
      return;
    }
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#held ??= [];
    void this.#fill(this.#closedUntil);
  }

  async #fill(from: number): Promise<void> {
    this.#held ??= [];
    this.#fillAgain = false;
    this.#report();
    const { key, store, now, adapter } = this.#options;
    try {
      const to = barOpenTime(now(), key.interval);
      await backfill(store, adapter(), key, from, to, this.#abort.signal);
      if (this.#closed) return;
      this.#fillFailure = null;
      this.#fillAttempt = 0;
      this.#deliverStored(to);
    } catch (error) {
      if (this.#closed) return;
      this.#fillFailure = error instanceof Error ? error.message : String(error);
      this.#fillAttempt++;
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        void this.#fill(this.#closedUntil);
      }, backoffDelay(this.#options.retry, this.#fillAttempt - 1));
      this.#retryTimer.unref();
      this.#report();
      return;
    }
    if (this.#fillAgain) return void this.#fill(this.#closedUntil);
    const held = this.#held ?? [];
    this.#held = null;
    for (const update of held) this.#apply(update, true);
    this.#report();
  }

  /** Delivers the stored closed bars from #closedUntil to `to`, the ones the fill found. */
  #deliverStored(to: number): void {
    const { key, store } = this.#options;
    const rows = store.readCandles(key, this.#closedUntil, to);
    const count = rows.time.length;
    if (count === 0) return;
    const candles: LiveCandle[] = [];
    for (let i = 0; i < count; i++) {
      candles.push({ time: rows.time[i], open: rows.open[i], high: rows.high[i], low: rows.low[i], close: rows.close[i], volume: rows.volume[i] });
    }
    this.#closedUntil = nextBarOpenTime(rows.time[count - 1], key.interval);
    if (this.#forming !== null && this.#forming.time < this.#closedUntil) this.#forming = null;
    this.#options.onClosed(candles);
  }

  #report(): void {
    const next = this.#currentStatus();
    if (next.state === this.#status.state && next.reason === this.#status.reason) return;
    this.#status = next;
    this.#options.onStatus(next);
  }

  #currentStatus(): LiveStatus {
    const { downAfterAttempts } = this.#options;
    const where = `${this.key.exchange} ${this.key.market}`;
    if (this.#refused !== null) return { state: 'down', reason: `${where} refused ${this.topic}: ${this.#refused}` };
    const connection = this.#connection;
    if (connection.kind === 'lost') {
      if (connection.attempt >= downAfterAttempts) {
        return { state: 'down', reason: `no connection to ${where} after ${connection.attempt} attempts (${connection.reason}); still trying` };
      }
      return { state: 'reconnecting', reason: `${connection.reason}; reconnecting (attempt ${connection.attempt})` };
    }
    if (connection.kind === 'connecting') return { state: 'reconnecting', reason: `connecting to ${where}` };
    if (this.#fillFailure !== null) {
      const reason = `fetching missed candles failed (${this.#fillFailure}); retrying`;
      return { state: this.#fillAttempt >= downAfterAttempts ? 'down' : 'reconnecting', reason };
    }
    if (this.#held !== null) return { state: 'reconnecting', reason: 'fetching missed candles' };
    return { state: 'live', reason: 'streaming' };
  }
}

/** Open time `bars` bars before `to`. */
function barsBefore(to: number, bars: number, interval: SeriesKey['interval']): number {
  let time = to;
  for (let i = 0; i < bars; i++) time = barOpenTime(time - 1, interval);
  return time;
}

function emptyRows(): CandleRows {
  const empty = () => new Float64Array(0);
  return { time: empty(), open: empty(), high: empty(), low: empty(), close: empty(), volume: empty() };
}

/** `rows` then `extra`, keeping the last `keep` bars. */
function appendRows(rows: CandleRows, extra: readonly LiveCandle[], keep: number): CandleRows {
  const column = (name: keyof LiveCandle): Float64Array => {
    const all = new Float64Array(rows[name].length + extra.length);
    all.set(rows[name]);
    extra.forEach((candle, i) => (all[rows[name].length + i] = candle[name]));
    return all.slice(Math.max(0, all.length - keep));
  };
  return { time: column('time'), open: column('open'), high: column('high'), low: column('low'), close: column('close'), volume: column('volume') };
}
