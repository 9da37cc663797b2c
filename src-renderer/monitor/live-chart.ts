/**
 * One live chart's controller: subscribes to its series through the window's feed, keeps the
 * closed candles and the forming one, and applies each event as it arrives (the core sends at
 * most one per chart per 16 ms; the chart is drawn once per frame). Indicator overlays
 * stream along; the strategy overlay is recomputed over the closed candles after each close.
 * The card's figures and test attributes are written straight to the DOM, not through React
 * (the status, which changes rarely, goes through React).
 */
import type { LiveCandle, LiveCandlesPayload, LiveState } from '../../src-shared/contract/schemas/live.ts';
import type { MonitorIndicator } from '../../src-shared/contract/schemas/settings.ts';
import type { SeriesKey } from '../../src-shared/market.ts';
import { createLiveIndicator, type LiveIndicator, type OverlayValues, type StrategyMark, strategyMarks } from '../../src-engine/for-windows.ts';
import type { ChartColours } from '../charts/chart-theme.ts';
import { CandleBuffer } from './candle-buffer.ts';
import { ChartView } from './chart-view.ts';
import type { LiveFeed } from './feed.ts';
import { recordApplied } from './test-hooks.ts';

/** One UTC day of one-minute bars and a little more, so the day's open is known. */
const HISTORY_BARS = 1_500;

export interface ChartStatus {
  readonly state: LiveState | 'connecting';
  readonly reason: string;
}

export interface LiveChartEvents {
  status(status: ChartStatus): void;
  /** New strategy marks on the bar that just closed. */
  signals(marks: readonly StrategyMark[]): void;
  /** The strategy could not be run (its problems). */
  strategyFailed(message: string): void;
}

export interface ChartElements {
  /** The card: carries data-bars, data-last-time, data-forming-time, data-updates, data-signals, data-gaps. */
  readonly card: HTMLElement;
  readonly chart: HTMLElement;
  readonly price: HTMLElement;
  readonly change: HTMLElement;
}

export class LiveChart {
  readonly key: SeriesKey;
  readonly #feed: LiveFeed;
  readonly #elements: ChartElements;
  readonly #events: LiveChartEvents;
  readonly #view: ChartView;
  readonly #buffer: CandleBuffer;
  #subscriptionId: string | null = null;
  #indicators: LiveIndicator[] = [];
  #strategy: unknown = null;
  #marks: StrategyMark[] = [];
  #updates = 0;
  #disposed = false;
  /** The day's open from the exchange's forming daily bar, when the history starts later that day. */
  #dayOpen: { readonly dayStart: number; readonly open: number } | null = null;
  #dayOpenAsked = false;
  readonly #priceFormat: Intl.NumberFormat;

  constructor(key: SeriesKey, feed: LiveFeed, elements: ChartElements, colours: ChartColours, events: LiveChartEvents) {
    this.key = key;
    this.#feed = feed;
    this.#elements = elements;
    this.#events = events;
    this.#buffer = new CandleBuffer(key.interval);
    this.#view = new ChartView(elements.chart, colours);
    this.#priceFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 8 });
    this.#writeAttributes();
    void this.#subscribe();
  }

  applyColours(colours: ChartColours): void {
    this.#view.applyColours(colours);
    this.#redraw();
  }

  setIndicators(specs: readonly MonitorIndicator[]): void {
    this.#indicators = specs.flatMap((spec) => createLiveIndicator(spec.kind, spec.params) ?? []);
    this.#redrawIndicators();
  }

  /** A strategy document whose signals are marked, or null for none. */
  setStrategy(document: unknown): void {
    this.#strategy = document;
    this.#marks = [];
    this.#recomputeMarks(false);
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#subscriptionId !== null) this.#feed.release(this.#subscriptionId);
    this.#view.dispose();
  }

  async #subscribe(): Promise<void> {
    this.#events.status({ state: 'connecting', reason: 'Subscribing' });
    try {
      const answer = await this.#feed.client.call('live.subscribe', { key: this.key, historyBars: HISTORY_BARS });
      if (this.#disposed) {
        await this.#feed.client.call('live.unsubscribe', { subscriptionId: answer.subscriptionId });
        return;
      }
      this.#subscriptionId = answer.subscriptionId;
      this.#buffer.reset(answer.history, answer.forming);
      this.#redraw();
      this.#recomputeMarks(false);
      this.#setStatus(answer.status.state, answer.status.reason);
      if (this.#buffer.dayOpen() === null) void this.#askDayOpen();
      this.#feed.attach(answer.subscriptionId, {
        candles: (payload) => this.#received(payload),
        status: (payload) => this.#setStatus(payload.state, payload.reason),
        expired: () => {
          this.#subscriptionId = null;
          void this.#subscribe();
        },
      });
    } catch (error) {
      if (!this.#disposed) this.#setStatus('down', error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * The history holds fewer bars than the day so far: the day's open is read once from the
   * daily bar forming now (a short subscription without history), then the bars carry it.
   */
  async #askDayOpen(): Promise<void> {
    if (this.#dayOpenAsked || this.key.interval === '1d') return;
    this.#dayOpenAsked = true;
    const feed = this.#feed;
    try {
      const daily = await feed.client.call('live.subscribe', { key: { ...this.key, interval: '1d' }, historyBars: 0 });
      const take = (candle: LiveCandle) => {
        feed.release(daily.subscriptionId);
        if (this.#disposed) return;
        this.#dayOpen = { dayStart: candle.time, open: candle.open };
        this.#writeAttributes();
      };
      feed.attach(daily.subscriptionId, {
        candles: (payload) => {
          if (payload.forming !== undefined) take(payload.forming);
        },
        status: () => {},
        expired: () => {},
      });
      if (daily.forming !== null) take(daily.forming);
      else if (this.#disposed) feed.release(daily.subscriptionId);
    } catch {
      // Without it the change is shown once the history reaches the day's start.
    }
  }

  /**
   * Applied as it arrives: the core already sends at most one event per chart per 16 ms, and the
   * chart library draws at most once per animation frame whatever it was given, so waiting for
   * a frame here only added one (measured: p50 latency 143 -> 99 ms with 20 busy charts).
   */
  #received(payload: LiveCandlesPayload): void {
    if (this.#disposed) return;
    const { candles } = payload;
    const closed: LiveCandle[] = [];
    if (candles !== undefined) {
      for (let i = 0; i < candles.time.length; i++) {
        closed.push({ time: candles.time[i], open: candles.open[i], high: candles.high[i], low: candles.low[i], close: candles.close[i], volume: candles.volume[i] });
      }
    }
    let forming = payload.forming ?? null;
    let newest: LiveCandle | null = null;
    for (const candle of closed) {
      const last = this.#buffer.lastTime;
      if (last !== null && candle.time <= last) continue;
      this.#buffer.push(candle);
      this.#view.update(candle);
      this.#view.updateIndicators(candle.time, this.#indicators.map((indicator) => indicator.closed(candle)));
      newest = candle;
    }
    const lastClosed = this.#buffer.lastTime;
    if (forming !== null && lastClosed !== null && forming.time <= lastClosed) forming = null;
    if (forming !== null) {
      this.#buffer.forming = forming;
      this.#view.update(forming);
      this.#view.updateIndicators(forming.time, this.#indicators.map((indicator) => indicator.forming(forming)));
      newest = forming;
    }
    if (newest === null) return;
    this.#updates++;
    recordApplied(this.key, newest);
    if (closed.length > 0) this.#recomputeMarks(true);
    this.#writeAttributes();
  }

  /** Draws the buffer from scratch: candles, then the indicators streamed over them. */
  #redraw(): void {
    const candles: LiveCandle[] = [];
    for (let i = 0; i < this.#buffer.length; i++) candles.push(this.#buffer.at(i));
    if (this.#buffer.forming !== null) candles.push(this.#buffer.forming);
    this.#view.setCandles(candles);
    this.#redrawIndicators();
    this.#view.setMarks(this.#marks);
    this.#writeAttributes();
  }

  #redrawIndicators(): void {
    const fresh = this.#indicators.map((indicator) => createLiveIndicator(indicator.kind, indicator.params) as LiveIndicator);
    this.#indicators = fresh;
    const times: number[] = [];
    const values: OverlayValues[][] = fresh.map(() => []);
    for (let i = 0; i < this.#buffer.length; i++) {
      const bar = this.#buffer.at(i);
      times.push(bar.time);
      fresh.forEach((indicator, k) => values[k].push(indicator.closed(bar)));
    }
    const forming = this.#buffer.forming;
    if (forming !== null) {
      times.push(forming.time);
      fresh.forEach((indicator, k) => values[k].push(indicator.forming(forming)));
    }
    this.#view.setIndicators(fresh, times, values);
  }

  /** Runs the strategy over the closed candles; with `announce`, marks on the newest bar are new signals. */
  #recomputeMarks(announce: boolean): void {
    if (this.#strategy === null || this.#buffer.length === 0) {
      this.#marks = [];
    } else {
      try {
        this.#marks = strategyMarks(this.#strategy, this.#buffer.view());
        const newestBar = this.#buffer.length - 1;
        const fresh = this.#marks.filter((mark) => mark.bar === newestBar);
        if (announce && fresh.length > 0) this.#events.signals(fresh);
      } catch (error) {
        this.#strategy = null;
        this.#marks = [];
        this.#events.strategyFailed(error instanceof Error ? error.message : String(error));
      }
    }
    this.#view.setMarks(this.#marks);
    this.#writeAttributes();
  }

  #setStatus(state: LiveState, reason: string): void {
    this.#events.status({ state, reason });
  }

  #writeAttributes(): void {
    const { card, price, change } = this.#elements;
    const buffer = this.#buffer;
    card.dataset.bars = String(buffer.length);
    card.dataset.lastTime = buffer.lastTime === null ? '' : String(buffer.lastTime);
    card.dataset.formingTime = buffer.forming === null ? '' : String(buffer.forming.time);
    card.dataset.updates = String(this.#updates);
    card.dataset.signals = String(this.#marks.length);
    card.dataset.gaps = String(buffer.gaps);
    const last = buffer.lastPrice();
    const dayStart = buffer.dayStart();
    const open = buffer.dayOpen() ?? (this.#dayOpen !== null && this.#dayOpen.dayStart === dayStart ? this.#dayOpen.open : null);
    price.textContent = last === null ? '—' : this.#priceFormat.format(last);
    if (last === null || open === null || open === 0) {
      change.textContent = '—';
      change.dataset.direction = 'flat';
      return;
    }
    const pct = (last / open - 1) * 100;
    change.textContent = `${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%`;
    change.dataset.direction = pct > 0 ? 'up' : pct < 0 ? 'down' : 'flat';
    change.dataset.value = String(pct);
  }

  closedTimes(): number[] {
    return this.#buffer.closedTimes();
  }
}
