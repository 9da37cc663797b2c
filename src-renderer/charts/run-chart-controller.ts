/**
 * Runs the charts of one saved run outside React: the price, equity and drawdown charts on one
 * synced time axis, fed window by window from runs.bars as the user scrolls (the view stays put
 * when a window is swapped), the trade markers of the window, and the selected trade shown
 * with its levels. Candle arrays live here and in the charts, never in React state.
 */
import type { LogicalRange } from 'lightweight-charts';
import type { WorkstationClient } from '../../src-shared/contract/index.ts';
import type { ChartColours } from './chart-theme.ts';
import { CurveChart } from './curve-chart.ts';
import { tradeMarkers } from './markers.ts';
import { PriceChart, type TradeLevels } from './price-chart.ts';
import { BarTimes } from './series-data.ts';
import { RangeSync } from './sync.ts';
import { writeAttributes } from './test-hooks.ts';
import type { BarRange, RunWindow, TradeColumns } from './types.ts';
import { DEFAULT_POLICY, toBars, toLogical, WindowLoader, type WindowRequest } from './window-loader.ts';

export interface ChartElements {
  /** Carries the run's test attributes. */
  readonly root: HTMLElement;
  readonly price: HTMLElement;
  readonly equity: HTMLElement;
  readonly drawdown: HTMLElement;
  /** The equity and drawdown charts' labelled boxes, which carry their point counts. */
  readonly equityBox: HTMLElement;
  readonly drawdownBox: HTMLElement;
}

export type LoadStatus = { readonly state: 'loading' } | { readonly state: 'idle' } | { readonly state: 'failed'; readonly message: string };

export interface ControllerEvents {
  onSelectTrade(index: number): void;
  onStatus(status: LoadStatus): void;
  /** How many indicator panes the price chart has below its price pane. */
  onIndicatorPanes(count: number): void;
}

export interface ControllerOptions {
  readonly client: WorkstationClient;
  readonly runId: string;
  readonly elements: ChartElements;
  readonly colours: ChartColours;
  readonly trades: TradeColumns;
  readonly selected: number | null;
  readonly events: ControllerEvents;
  /** performance.now() when the component mounted, for firstPaintMs. */
  readonly mountedAt: number;
}

/** Bars the first view shows when no trade is selected, like TradingView opening on the latest bars. */
const INITIAL_BARS = 500;
/** The first window: the window the loader would ask for around the last INITIAL_BARS (its margins, clamped at the run's end). */
const FIRST_WINDOW_BARS = INITIAL_BARS + 2 * DEFAULT_POLICY.margin;
/** A selected trade is shown with at least this many bars around it. */
const TRADE_VIEW_MIN = 60;
const TRADE_PAD_MIN = 10;

export class RunChartController {
  readonly #options: ControllerOptions;
  readonly #price: PriceChart;
  readonly #equity: CurveChart;
  readonly #drawdown: CurveChart;
  readonly #sync = new RangeSync();
  #loader: WindowLoader | null = null;
  #window: RunWindow | null = null;
  #times: BarTimes | null = null;
  #trades: TradeColumns;
  #selected: number | null;
  #colours: ChartColours;
  /** The view a jump request shows when it lands; scrolling waits for it. */
  #jump: { readonly seq: number; readonly view: BarRange } | null = null;
  #applying = false;
  #disposed = false;
  /** Whether a mouse button or finger is down on the charts (a drag in progress). */
  #dragging = false;
  /** A window that arrived during a drag, shown when the drag ends. */
  #held: { readonly seq: number; readonly answer: RunWindow } | null = null;
  #firstPaintMs: number | null = null;

  constructor(options: ControllerOptions) {
    this.#options = options;
    this.#trades = options.trades;
    this.#selected = options.selected;
    this.#colours = options.colours;
    const { elements } = options;
    this.#price = new PriceChart(elements.price, options.colours, (trade) => options.events.onSelectTrade(trade));
    this.#equity = new CurveChart(elements.equity, 'equity', options.colours);
    this.#drawdown = new CurveChart(elements.drawdown, 'drawdown', options.colours);
    for (const chart of [this.#price.chart, this.#equity.chart, this.#drawdown.chart]) this.#sync.add(chart);
    this.#price.chart.timeScale().subscribeVisibleLogicalRangeChange(this.#onRange);
    elements.root.addEventListener('pointerdown', this.#onPointerDown, true);
    window.addEventListener('pointerup', this.#onPointerUp, true);
    window.addEventListener('pointercancel', this.#onPointerUp, true);
    this.#publish();
  }

  get firstPaintMs(): number | null {
    return this.#firstPaintMs;
  }

  /**
   * Loads the run's last bars, which tell its length and indicators too, in one call (the page
   * asks for the run's trades at the same time, so a second round trip would wait behind that
   * larger answer); then shows them, or the selected trade's window.
   */
  async start(): Promise<void> {
    const { client, runId, events } = this.#options;
    events.onStatus({ state: 'loading' });
    let probe: RunWindow;
    try {
      probe = await client.call('runs.bars', { id: runId, last: FIRST_WINDOW_BARS });
    } catch (error) {
      if (!this.#disposed) events.onStatus({ state: 'failed', message: (error as Error).message });
      return;
    }
    if (this.#disposed) return;
    const total = probe.totalBars;
    this.#loader = new WindowLoader(total);
    this.#price.ensureLines(probe.indicators);
    events.onIndicatorPanes(new Set(probe.indicators.filter((line) => line.pane === 'own').map((line) => line.id)).size);
    this.#publish();
    if (total === 0) {
      events.onStatus({ state: 'idle' });
      this.#painted();
      return;
    }
    const trade = this.#tradeView(this.#selected);
    if (trade !== null) {
      this.#show(trade);
      return;
    }
    // The last bars came with the probe: they answer the jump to them.
    const view = { from: total - INITIAL_BARS, to: total };
    const request = this.#loader.jump(view);
    if (request === null) return;
    this.#jump = { seq: request.seq, view };
    this.#land(request.seq, probe);
  }

  setTrades(trades: TradeColumns): void {
    if (trades === this.#trades) return;
    this.#trades = trades;
    this.#refreshTrade();
  }

  setSelected(index: number | null): void {
    if (index === this.#selected) return;
    this.#selected = index;
    this.#refreshTrade();
    const view = this.#tradeView(index);
    if (view !== null && this.#loader !== null) this.#show(view);
  }

  setColours(colours: ChartColours): void {
    if (colours === this.#colours) return;
    this.#colours = colours;
    this.#price.applyColours(colours);
    this.#equity.applyColours(colours);
    this.#drawdown.applyColours(colours);
    const range = this.#price.chart.timeScale().getVisibleLogicalRange();
    if (this.#window !== null) this.#applyWindow(this.#window, range);
    this.#refreshTrade();
  }

  /** Centres `bar` keeping the current zoom, loading its window first when needed. */
  scrollToBar(bar: number): void {
    const visible = this.visibleRange();
    const width = visible === null ? INITIAL_BARS : Math.max(1, visible.to - visible.from);
    this.#show({ from: bar - width / 2, to: bar + width / 2 });
  }

  /** The bars on screen (clamped to the run), or null before the first window. */
  visibleRange(): BarRange | null {
    const loader = this.#loader;
    const range = this.#price.chart.timeScale().getVisibleLogicalRange();
    if (loader === null || loader.loaded === null || range === null) return null;
    const bars = toBars(range, loader.loaded.from);
    return { from: Math.max(0, Math.floor(bars.from)), to: Math.min(loader.totalBars, Math.ceil(bars.to)) };
  }

  /** Keyboard control of the view; true when the key was used. */
  key(key: string): boolean {
    const visible = this.visibleRange();
    if (visible === null || this.#loader === null) return false;
    const width = visible.to - visible.from;
    const step = Math.max(1, Math.round(width / 10));
    const centre = (visible.from + visible.to) / 2;
    const views: Record<string, BarRange> = {
      ArrowLeft: { from: visible.from - step, to: visible.to - step },
      ArrowRight: { from: visible.from + step, to: visible.to + step },
      '+': { from: centre - width / 2.5, to: centre + width / 2.5 },
      '=': { from: centre - width / 2.5, to: centre + width / 2.5 },
      '-': { from: centre - width * 0.625, to: centre + width * 0.625 },
      Home: { from: 0, to: width },
      End: { from: this.#loader.totalBars - width, to: this.#loader.totalBars },
    };
    const view = views[key];
    if (view === undefined) return false;
    this.#show(view);
    return true;
  }

  dispose(): void {
    this.#disposed = true;
    this.#options.elements.root.removeEventListener('pointerdown', this.#onPointerDown, true);
    window.removeEventListener('pointerup', this.#onPointerUp, true);
    window.removeEventListener('pointercancel', this.#onPointerUp, true);
    this.#price.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.#onRange);
    this.#sync.dispose();
    this.#price.dispose();
    this.#equity.dispose();
    this.#drawdown.dispose();
  }

  readonly #onRange = (range: LogicalRange | null): void => {
    if (this.#applying || range === null) return;
    this.#follow(range);
    this.#publish();
  };

  readonly #onPointerDown = (): void => {
    this.#dragging = true;
  };

  readonly #onPointerUp = (): void => {
    this.#dragging = false;
    const held = this.#held;
    this.#held = null;
    if (held !== null) this.#land(held.seq, held.answer);
  };

  /** Pages in the next window when the view nears a loaded end. */
  #follow(range: BarRange): void {
    const loader = this.#loader;
    if (loader === null || loader.loaded === null) return;
    if (this.#jump !== null && loader.pending?.seq === this.#jump.seq) return;
    const request = loader.follow(toBars(range, loader.loaded.from));
    if (request !== null) this.#fetch(request);
  }

  /** Shows bars `wanted` (kept within the run), at once when they are loaded, else after their window arrives. */
  #show(wanted: BarRange): void {
    const loader = this.#loader;
    if (loader === null) return;
    const view = inside(wanted, loader.totalBars);
    const request = loader.jump(view);
    const loaded = loader.loaded;
    if (request === null && loaded !== null) {
      this.#jump = null;
      this.#sync.setAll(toLogical(view, loaded.from));
      return;
    }
    if (request === null) return;
    this.#jump = { seq: request.seq, view };
    this.#fetch(request);
  }

  #fetch(request: WindowRequest): void {
    const { client, runId, events } = this.#options;
    events.onStatus({ state: 'loading' });
    client.call('runs.bars', { id: runId, from: request.range.from, to: request.range.to }).then(
      (answer) => this.#land(request.seq, answer),
      (error: unknown) => {
        if (this.#disposed || this.#loader === null || !this.#loader.fail(request.seq)) return;
        events.onStatus({ state: 'failed', message: (error as Error).message });
      },
    );
  }

  /** A window arrived: show it if it is still wanted, keeping the view (or showing the jump's). */
  #land(seq: number, answer: RunWindow): void {
    if (this.#disposed || this.#loader === null) return;
    // A drag moves the view relative to where it started: swapping the window under it would
    // make the view jump by the shift, so the swap waits for the drag to end.
    if (this.#dragging) {
      this.#held = { seq, answer };
      return;
    }
    const current = this.#price.chart.timeScale().getVisibleLogicalRange();
    const accepted = this.#loader.accept(seq, answer);
    if (accepted === null) return;
    const jump = this.#jump?.seq === seq ? this.#jump.view : null;
    this.#jump = null;
    const range: BarRange =
      jump !== null
        ? toLogical(jump, answer.from)
        : current !== null
          ? { from: current.from + accepted.shift, to: current.to + accepted.shift }
          : toLogical({ from: answer.to - INITIAL_BARS, to: answer.to }, answer.from);
    this.#applyWindow(answer, range);
    this.#options.events.onStatus({ state: 'idle' });
    if (this.#firstPaintMs === null) this.#painted(range);
    this.#follow(range);
  }

  #applyWindow(window: RunWindow, range: BarRange | null): void {
    this.#window = window;
    this.#times = new BarTimes(window);
    this.#applying = true;
    try {
      this.#sync.pausedWhile(() => {
        this.#price.setWindow(window);
        this.#equity.setValues(window.candles.time, window.equity);
        this.#drawdown.setValues(window.candles.time, window.drawdownPct);
        this.#refreshTrade();
        if (range !== null) this.#sync.setAll(range);
      });
    } finally {
      this.#applying = false;
    }
    this.#publish();
  }

  /** After the first window is drawn: the charts have their size by then, so the view is set once more. */
  #painted(range?: BarRange): void {
    requestAnimationFrame(() => {
      if (this.#disposed) return;
      if (range !== undefined) this.#sync.setAll(range);
      this.#firstPaintMs = performance.now() - this.#options.mountedAt;
      writeAttributes(this.#options.elements.root, { ready: 'true' });
    });
  }

  /** Markers and levels after the trades, the selection, the window or the colours changed. */
  #refreshTrade(): void {
    if (this.#times !== null) this.#price.setMarkers(tradeMarkers(this.#trades, this.#times, this.#selected, this.#colours));
    this.#price.showLevels(this.#levels(this.#selected));
    this.#publish();
  }

  #levels(index: number | null): TradeLevels | null {
    if (index === null || index < 0 || index >= this.#trades.side.length) return null;
    const level = (value: number) => (Number.isNaN(value) ? null : value);
    return { entry: this.#trades.entryPrice[index], stop: level(this.#trades.initialStop[index]), target: level(this.#trades.initialTarget[index]) };
  }

  /** The selected trade from entry to exit with room either side. */
  #tradeView(index: number | null): BarRange | null {
    if (index === null || index < 0 || index >= this.#trades.side.length) return null;
    const entry = this.#trades.entryBar[index];
    const exit = this.#trades.exitBar[index];
    const span = exit - entry + 1;
    const pad = Math.max(TRADE_PAD_MIN, Math.ceil(span / 4), Math.ceil((TRADE_VIEW_MIN - span) / 2));
    return { from: entry - pad, to: exit + 1 + pad };
  }

  #publish(): void {
    const { elements } = this.#options;
    const loaded = this.#loader?.loaded ?? null;
    writeAttributes(elements.root, {
      'total-bars': this.#loader?.totalBars ?? null,
      'loaded-from': loaded?.from ?? null,
      'loaded-to': loaded?.to ?? null,
      bars: this.#price.bars,
      markers: this.#price.markerCount,
      'indicator-lines': this.#price.lineCount,
      'selected-trade': this.#selected,
    });
    writeAttributes(elements.equityBox, { points: this.#equity.points });
    writeAttributes(elements.drawdownBox, { points: this.#drawdown.points });
  }
}

/** `view` moved (and if need be cut) to lie within the run's bars, so no empty space shows beside them. */
function inside(view: BarRange, totalBars: number): BarRange {
  const width = Math.min(view.to - view.from, totalBars);
  const from = Math.max(0, Math.min(view.from, totalBars - width));
  return { from, to: from + width };
}
