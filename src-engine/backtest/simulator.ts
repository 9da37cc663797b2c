/**
 * The backtest simulator: replays candles bar by bar against a compiled strategy and keeps the
 * books. Pure and deterministic: the same inputs give the same trades and equity to the bit.
 *
 * Each bar: (1) at the open, funding due at that instant, then orders decided on the previous
 * close (exits before entries, so a reversal is sized on the equity after the close);
 * (2) along the intrabar path, exits of the open position and pending limit/stop entries;
 * (3) at the close, funding due inside the bar, equity marked at the close, then the decisions
 * for the next bar (or fills at this close with `fill: close`: like backtesting.py, a bar's
 * equity is what was held through the bar; orders filled at its close show from the next bar).
 */
import type { Candles } from '../candles.ts';
import type { CompiledStrategy, ResolvedExitLevel } from '../strategy/compile.ts';
import { Magnifier, writeNearestFirstPath, writePessimisticPath } from './intrabar.ts';
import { type ExitHit, Position } from './position.ts';
import { entryQuantity, orderRejection, roundToStep, roundToTick, roundToTickAgainst } from './sizing.ts';
import type { BacktestResult, BacktestSettings, ExitReason, OpenTrade, RejectedOrder, Trade } from './types.ts';

export const ENGINE_VERSION = '0.1.0';

/**
 * The per-bar columns of a result, reused run after run over the same number of bars: an
 * optimiser's worker runs thousands of backtests, and allocating (and collecting) four fresh
 * columns for each cost it a tenth of its time. A run given buffers writes its curves into
 * them, so its result's curves hold that run's values only until the next run.
 */
export class SimulationBuffers {
  readonly equity: Float64Array;
  readonly equityLong: Float64Array;
  readonly equityShort: Float64Array;
  readonly inPosition: Uint8Array;

  constructor(bars: number) {
    this.equity = new Float64Array(bars);
    this.equityLong = new Float64Array(bars);
    this.equityShort = new Float64Array(bars);
    this.inPosition = new Uint8Array(bars);
  }
}

export function runBacktest(strategy: CompiledStrategy, candles: Candles, settings: BacktestSettings, buffers?: SimulationBuffers): BacktestResult {
  if (!(settings.initialCapital > 0)) throw new RangeError(`initial capital must be greater than 0, got ${settings.initialCapital}`);
  const bars = candles.time.length;
  if (buffers !== undefined && buffers.equity.length !== bars) throw new RangeError(`the buffers hold ${buffers.equity.length} bars but the candles have ${bars}`);
  // Every bar's equity is written by the run; only the in-position flags must start cleared.
  buffers?.inPosition.fill(0);
  return new Simulator(strategy, candles, settings, buffers ?? new SimulationBuffers(bars)).run();
}

type OrderType = 'market' | 'limit' | 'stop';

interface PendingEntry {
  readonly side: 1 | -1;
  readonly type: OrderType;
  /** Trigger or limit price; NaN for market orders. */
  readonly price: number;
  readonly signalBar: number;
  /** Last bar on which the order may fill. */
  readonly lastBar: number;
}

class Simulator {
  private readonly strategy: CompiledStrategy;
  private readonly candles: Candles;
  private readonly settings: BacktestSettings;
  private readonly n: number;
  private readonly leverage: number;
  private balance: number;
  private realizedLong = 0;
  private realizedShort = 0;
  private position: Position | null = null;
  private pendingEntry: PendingEntry | null = null;
  private pendingExit: ExitReason | null = null;
  private readonly trades: Trade[] = [];
  private readonly rejectedOrders: RejectedOrder[] = [];
  private readonly warnings: string[] = [];
  private liquidations = 0;
  private conflictingSignals = 0;
  private readonly equity: Float64Array;
  private readonly equityLong: Float64Array;
  private readonly equityShort: Float64Array;
  private readonly inPosition: Uint8Array;
  private readonly scratch = { path: new Float64Array(4) };
  private readonly magnifier: Magnifier | null;
  private fundingCursor = 0;

  constructor(strategy: CompiledStrategy, candles: Candles, settings: BacktestSettings, buffers: SimulationBuffers) {
    this.strategy = strategy;
    this.candles = candles;
    this.settings = settings;
    this.n = candles.time.length;
    this.leverage = settings.leverage ?? strategy.leverage;
    this.balance = settings.initialCapital;
    this.equity = buffers.equity;
    this.equityLong = buffers.equityLong;
    this.equityShort = buffers.equityShort;
    this.inPosition = buffers.inPosition;
    this.magnifier = settings.intrabar === 'magnifier' && settings.magnifier !== undefined ? new Magnifier(settings.magnifier) : null;
    if (settings.intrabar === 'magnifier' && settings.magnifier === undefined) {
      this.warnings.push('magnifier path chosen without lower-timeframe candles: used the tradingview path');
    }
  }

  run(): BacktestResult {
    const { time, open, close } = this.candles;
    const { longEntry, shortEntry } = this.strategy.signals;
    const funded = this.settings.funding !== undefined;
    const last = this.n - 1;
    // Most bars are quiet (flat without a signal, or holding with no level in reach): each
    // phase is entered only when it can act, and runs of quiet bars are skipped in one step.
    for (let i = 0; i < this.n; i++) {
      if (funded) this.applyFunding(i, true, open[i]);
      if (this.pendingExit !== null || this.pendingEntry !== null || i === last) this.atOpen(i);
      if (this.position !== null || this.pendingEntry !== null) this.alongPath(i);
      if (funded) this.applyFunding(i, false, close[i]);
      this.markEquity(i, close[i]);
      if (this.position !== null || (longEntry[i] | shortEntry[i]) !== 0) this.atClose(i);
      if (!funded && this.pendingEntry === null && this.pendingExit === null) {
        const next = this.nextEventBar(i + 1);
        if (next > i + 1) {
          this.markQuietBars(i + 1, next);
          i = next - 1;
        }
      }
    }
    const openTrades = this.finish(time, close);
    this.summariseWarnings();
    return {
      trades: this.trades,
      openTrades,
      rejectedOrders: this.rejectedOrders,
      equity: this.equity,
      equityLong: this.equityLong,
      equityShort: this.equityShort,
      inPosition: this.inPosition,
      warmupBars: this.strategy.warmupBars,
      liquidations: this.liquidations,
      warnings: this.warnings,
    };
  }

  /**
   * The first bar from `from` on where anything can happen: an entry or exit signal, a stop,
   * target or liquidation level inside the bar's range, a time exit, or the last bar. Returns
   * `from` when bars must be stepped one by one (trailing or break-even exits, exits not yet
   * armed).
   */
  private nextEventBar(from: number): number {
    const { high, low } = this.candles;
    const { longEntry, shortEntry, longExit, shortExit } = this.strategy.signals;
    let limit = this.n - 1;
    const position = this.position;
    if (position === null) {
      let j = from;
      while (j < limit && (longEntry[j] | shortEntry[j]) === 0) j++;
      return j;
    }
    if (!position.canSkipBars()) return from;
    const maxBars = this.strategy.risk.maxBarsInTrade;
    if (maxBars !== undefined) limit = Math.min(limit, position.entryBar + maxBars - (this.settings.fill === 'close' ? 0 : 1));
    const exit = position.side > 0 ? longExit : shortExit;
    const adverse = position.nearestAdverseLevel();
    const target = position.target;
    let j = from;
    if (position.side > 0) {
      while (j < limit && !(low[j] <= adverse || high[j] >= target) && (exit[j] | longEntry[j] | shortEntry[j]) === 0) j++;
    } else {
      while (j < limit && !(high[j] >= adverse || low[j] <= target) && (exit[j] | longEntry[j] | shortEntry[j]) === 0) j++;
    }
    return Math.max(j, from);
  }

  /** Bars [from, to) where nothing happens: equity follows the close, MAE/MFE the range. */
  private markQuietBars(from: number, to: number): void {
    const { high, low, close } = this.candles;
    const position = this.position;
    const initial = this.settings.initialCapital;
    const long = initial + this.realizedLong;
    const short = initial + this.realizedShort;
    if (position === null) {
      this.equity.fill(this.balance, from, to);
      this.equityLong.fill(long, from, to);
      this.equityShort.fill(short, from, to);
      return;
    }
    const { side, qty, entryPrice, entryFee, funding } = position;
    const balance = this.balance;
    const sideBase = side > 0 ? long : short;
    const equity = this.equity;
    const sideEquity = side > 0 ? this.equityLong : this.equityShort;
    let lowest = Number.POSITIVE_INFINITY;
    let highest = Number.NEGATIVE_INFINITY;
    for (let k = from; k < to; k++) {
      // The same operations, in the same order, as markEquity: skipping must not change a bit.
      const unrealized = side * qty * (close[k] - entryPrice);
      equity[k] = balance + unrealized;
      sideEquity[k] = sideBase + (unrealized - entryFee - funding);
      lowest = Math.min(lowest, low[k]);
      highest = Math.max(highest, high[k]);
    }
    (side > 0 ? this.equityShort : this.equityLong).fill(side > 0 ? short : long, from, to);
    this.inPosition.fill(1, from, to);
    position.touch(lowest);
    position.touch(highest);
  }

  private atOpen(i: number): void {
    const price = this.candles.open[i];
    if (this.pendingExit !== null && this.position !== null) this.closePosition(i, { price, reason: this.pendingExit }, true);
    this.pendingExit = null;
    const lastBar = i === this.n - 1;
    if (lastBar && this.settings.atEnd === 'close-at-open') {
      if (this.position !== null) this.closePosition(i, { price, reason: 'end_of_data' }, true);
      this.pendingEntry = null;
      return;
    }
    const pending = this.pendingEntry;
    if (pending !== null && pending.type === 'market') {
      this.pendingEntry = null;
      if (this.position === null) this.openPosition(i, pending, price, 'market');
    }
  }

  private alongPath(i: number): void {
    const { high, low } = this.candles;
    const position = this.position;
    const pending = this.pendingEntry;
    const pathNeeded = (position !== null && position.levelsWithin(low[i], high[i])) || (pending !== null && position === null);
    if (!pathNeeded) {
      position?.touch(low[i]);
      position?.touch(high[i]);
      return;
    }
    const length = this.writePath(i);
    const path = this.scratch.path;
    this.visit(i, path[0], path[0]);
    for (let k = 1; k < length; k++) this.visit(i, path[k - 1], path[k]);
    const expired = this.pendingEntry;
    if (expired !== null && expired.type !== 'market' && i >= expired.lastBar) this.pendingEntry = null;
  }

  private writePath(i: number): number {
    const { time, open, high, low, close } = this.candles;
    if (this.settings.intrabar === 'pessimistic') {
      const side = this.position?.side ?? this.pendingEntry?.side ?? 1;
      return writePessimisticPath(this.scratch.path, open[i], high[i], low[i], close[i], side);
    }
    if (this.magnifier !== null) {
      return this.magnifier.writePath(this.scratch, time[i], this.barEnd(i), open[i], high[i], low[i], close[i]);
    }
    return writeNearestFirstPath(this.scratch.path, 0, open[i], high[i], low[i], close[i]);
  }

  /** Price moves from `from` to `to` (equal for the opening point): exits first, then entries. */
  private visit(i: number, from: number, to: number): void {
    let start = from;
    if (this.position !== null) {
      const hit = from === to ? this.position.checkPoint(to) : this.position.checkSegment(from, to);
      if (hit === null) return;
      this.closePosition(i, hit, hit.reason !== 'take_profit' && hit.reason !== 'liquidation');
      start = hit.price;
    }
    const pending = this.pendingEntry;
    if (pending === null || pending.type === 'market') return;
    const fill = pendingFill(pending, start, to);
    if (fill === null) return;
    this.pendingEntry = null;
    this.openPosition(i, pending, fill, pending.type);
    if (this.position !== null && fill !== to) this.visit(i, fill, to);
  }

  private atClose(i: number): void {
    const { signals, reverse, risk } = this.strategy;
    const atClose = this.settings.fill === 'close';
    const lastBar = i === this.n - 1;
    const position = this.position;
    position?.armExits();
    let exitReason: ExitReason | null = null;
    const longEntry = signals.longEntry[i] === 1;
    const shortEntry = signals.shortEntry[i] === 1;
    if (longEntry && shortEntry) this.conflictingSignals++;
    const entrySide: 0 | 1 | -1 = longEntry === shortEntry ? 0 : longEntry ? 1 : -1;
    if (position !== null) {
      const exitSignal = position.side > 0 ? signals.longExit[i] === 1 : signals.shortExit[i] === 1;
      if (exitSignal) exitReason = reverse && entrySide === -position.side ? 'reverse' : 'signal';
      else if (reverse && entrySide === -position.side) exitReason = 'reverse';
      else if (risk.maxBarsInTrade !== undefined && i + (atClose ? 0 : 1) - position.entryBar >= risk.maxBarsInTrade) {
        exitReason = 'time_exit';
      }
    }
    const flatAfterExit = position === null || exitReason !== null;
    const enters = !lastBar && entrySide !== 0 && flatAfterExit && (position === null || entrySide !== position.side);
    if (atClose) {
      const price = this.candles.close[i];
      if (exitReason !== null) this.closePosition(i, { price, reason: exitReason }, true);
      if (!enters) return;
      const order = this.entryOrder(entrySide, i);
      if (order.type === 'market') this.openPosition(i, order, price, 'market');
      else this.pendingEntry = order;
      return;
    }
    if (lastBar) return;
    this.pendingExit = exitReason;
    if (enters) this.pendingEntry = this.entryOrder(entrySide, i);
  }

  private entryOrder(side: 1 | -1, signalBar: number): PendingEntry {
    const order = this.strategy.entryOrder;
    if (order.type === 'market') return { side, type: 'market', price: Number.NaN, signalBar, lastBar: signalBar + 1 };
    const close = this.candles.close[signalBar];
    const towardsBetter = order.type === 'limit' ? -side : side;
    const price = roundToTick(close * (1 + (towardsBetter * order.offsetPercent) / 100), this.settings.instrument.tickSize);
    return { side, type: order.type, price, signalBar, lastBar: signalBar + order.validBars };
  }

  private openPosition(i: number, order: PendingEntry, rawPrice: number, type: OrderType): void {
    const { settings } = this;
    const side = order.side;
    const price = type === 'limit' ? rawPrice : this.slipped(rawPrice, side);
    const feeRate = type === 'limit' ? settings.makerFee : settings.takerFee;
    const signalBar = order.signalBar;
    const stop = this.exitLevel(this.strategy.risk.stopLoss, signalBar, price, -side);
    const target = this.exitLevel(this.strategy.risk.takeProfit, signalBar, price, side);
    const equity = this.balance;
    const wanted = entryQuantity(this.strategy.sizing, equity, price, Math.abs(price - stop), this.leverage, {
      rate: feeRate,
      fixed: settings.fixedFeePerOrder,
    });
    const qty = roundToStep(wanted, settings.instrument.qtyStep);
    const fee = qty * price * feeRate + settings.fixedFeePerOrder;
    const rejection = orderRejection(qty, price, settings.instrument, (qty * price) / this.leverage + fee, equity);
    if (rejection !== null) {
      this.rejectedOrders.push({ bar: i, time: this.candles.time[i], side: side > 0 ? 'long' : 'short', qty, price, reason: rejection });
      return;
    }
    const trailing = this.strategy.risk.trailingStop;
    const breakEven = this.strategy.risk.breakEven;
    const mmr = settings.maintenanceMarginRate;
    this.balance -= fee;
    this.inPosition[i] = 1;
    this.position = new Position({
      side,
      qty,
      entryPrice: price,
      entryBar: i,
      entryTime: this.candles.time[i],
      entryFee: fee,
      stop,
      target,
      trailPercent: trailing?.type === 'percent' ? trailing.percent : Number.NaN,
      trailDistance: trailing?.type === 'atr' ? trailing.multiple * trailing.atr[signalBar] : Number.NaN,
      breakEvenTrigger: breakEven === undefined ? Number.NaN : price * (1 + (side * breakEven.afterPercent) / 100),
      breakEvenLevel:
        breakEven === undefined ? Number.NaN : roundToTick(price * (1 + (side * breakEven.offsetPercent) / 100), settings.instrument.tickSize),
      liquidationPrice: price * (1 - side * (1 / this.leverage - mmr)),
      armed: settings.exitsLiveFrom === 'entry-bar',
      tickSize: settings.instrument.tickSize,
    });
  }

  /**
   * A stop (direction -side) or target (+side) level for an entry filled at `price`; NaN when
   * there is none, or when an indicator level sits on the wrong side of the fill.
   */
  private exitLevel(level: ResolvedExitLevel | undefined, signalBar: number, price: number, direction: number): number {
    if (level === undefined) return Number.NaN;
    let value: number;
    if (level.type === 'percent') value = price * (1 + (direction * level.percent) / 100);
    else if (level.type === 'atr') value = price + direction * level.multiple * level.atr[signalBar];
    else value = level.level[signalBar];
    if (!(direction * (value - price) > 0)) return Number.NaN;
    return roundToTick(value, this.settings.instrument.tickSize);
  }

  /** Closes the position at `hit.price`; market and stop exits pay taker fee and slippage. */
  private closePosition(i: number, hit: ExitHit, taker: boolean): void {
    const position = this.position as Position;
    const { settings } = this;
    const liquidation = hit.reason === 'liquidation';
    const price = taker ? this.slipped(hit.price, -position.side) : hit.price;
    position.touch(price);
    const feeRate = liquidation ? settings.liquidationFeeRate : taker ? settings.takerFee : settings.makerFee;
    const exitFee = position.qty * price * feeRate + settings.fixedFeePerOrder;
    const gross = position.unrealized(price);
    const pnl = gross - position.entryFee - exitFee - position.funding;
    this.balance += gross - exitFee;
    if (position.side > 0) this.realizedLong += pnl;
    else this.realizedShort += pnl;
    if (liquidation) this.liquidations++;
    this.inPosition[i] = 1;
    const cost = position.qty * position.entryPrice;
    const risk = Math.abs(position.entryPrice - position.initialStop) * position.qty;
    this.trades.push({
      side: position.side > 0 ? 'long' : 'short',
      qty: position.qty,
      entryBar: position.entryBar,
      entryTime: position.entryTime,
      entryPrice: position.entryPrice,
      exitBar: i,
      exitTime: this.candles.time[i],
      exitPrice: price,
      entryFee: position.entryFee,
      exitFee,
      funding: position.funding,
      pnl,
      returnPct: (position.side * (price / position.entryPrice - 1) - (position.entryFee + exitFee + position.funding) / cost) * 100,
      rMultiple: risk > 0 ? pnl / risk : Number.NaN,
      ...position.excursions(),
      barsHeld: i - position.entryBar,
      exitReason: hit.reason,
      initialStop: position.initialStop,
      initialTarget: position.initialTarget,
    });
    this.position = null;
  }

  /** Adverse slippage for an order that buys (side 1) or sells (side -1), on the tick grid. */
  private slipped(price: number, side: number): number {
    const { slippageBps, slippageTicks, instrument } = this.settings;
    if (slippageBps === 0 && slippageTicks === 0) return price;
    const moved = price * (1 + (side * slippageBps) / 10_000) + side * slippageTicks * instrument.tickSize;
    return roundToTickAgainst(moved, instrument.tickSize, side);
  }

  /** Funding settlements at this bar's open (`atOpen`) or strictly inside it, paid by longs when positive. */
  private applyFunding(i: number, atOpen: boolean, price: number): void {
    const funding = this.settings.funding;
    if (funding === undefined) return;
    const { time } = this.candles;
    const barEnd = this.barEnd(i);
    while (this.fundingCursor < funding.time.length && funding.time[this.fundingCursor] < time[i]) this.fundingCursor++;
    while (this.fundingCursor < funding.time.length) {
      const at = funding.time[this.fundingCursor];
      if (atOpen ? at !== time[i] : at >= barEnd) return;
      this.fundingCursor++;
      const position = this.position;
      if (position === null) continue;
      const payment = position.side * position.qty * price * funding.rate[this.fundingCursor - 1];
      position.funding += payment;
      this.balance -= payment;
    }
  }

  /** When bar i ends: the next bar's open; the last bar lasts as long as the one before it. */
  private barEnd(i: number): number {
    const { time } = this.candles;
    if (i + 1 < this.n) return time[i + 1];
    return time[i] + (i > 0 ? time[i] - time[i - 1] : 1);
  }

  private markEquity(i: number, close: number): void {
    const position = this.position;
    const initial = this.settings.initialCapital;
    const long = initial + this.realizedLong;
    const short = initial + this.realizedShort;
    if (position === null) {
      this.equity[i] = this.balance;
      this.equityLong[i] = long;
      this.equityShort[i] = short;
      return;
    }
    this.inPosition[i] = 1;
    const unrealized = position.side * position.qty * (close - position.entryPrice);
    const openResult = unrealized - position.entryFee - position.funding;
    this.equity[i] = this.balance + unrealized;
    this.equityLong[i] = position.side > 0 ? long + openResult : long;
    this.equityShort[i] = position.side > 0 ? short : short + openResult;
  }

  private finish(time: Float64Array, close: Float64Array): OpenTrade[] {
    const last = this.n - 1;
    const position = this.position;
    if (position === null || last < 0) return [];
    if (this.settings.atEnd === 'close-at-close') {
      this.closePosition(last, { price: close[last], reason: 'end_of_data' }, true);
      this.markEquity(last, close[last]);
      return [];
    }
    return [
      {
        side: position.side > 0 ? 'long' : 'short',
        qty: position.qty,
        entryBar: position.entryBar,
        entryTime: position.entryTime,
        entryPrice: position.entryPrice,
        entryFee: position.entryFee,
        funding: position.funding,
        markPrice: close[last],
        unrealizedPnl: position.unrealized(close[last]),
      },
    ];
  }

  private summariseWarnings(): void {
    if (this.conflictingSignals > 0) {
      this.warnings.push(`${this.conflictingSignals} bar(s) had both a long and a short entry signal; no entry was taken on them`);
    }
    if (this.magnifier !== null && this.magnifier.uncoveredBars > 0) {
      this.warnings.push(`${this.magnifier.uncoveredBars} bar(s) had no lower-timeframe candles; the tradingview path was used for them`);
    }
  }
}

/** Where a pending limit or stop entry fills on a move from `from` to `to`, or null. */
function pendingFill(order: PendingEntry, from: number, to: number): number | null {
  const s = order.side;
  // A long limit buys at or below its price; a long stop buys at or above it; shorts mirror.
  const direction = order.type === 'limit' ? -s : s;
  if (direction * (from - order.price) >= 0) return from;
  if (direction * (to - order.price) >= 0) return order.price;
  return null;
}
