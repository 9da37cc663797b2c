/**
 * An open position and the exits attached to it. Levels are checked along the intrabar path:
 * moving against the position it can hit the stop (initial, break-even or trailing) or its
 * liquidation price, whichever comes first; moving in its favour it can hit the target, arm
 * the break-even move and ratchet the trailing stop. A level the price has already jumped past
 * (a gap) fills at the price where trading resumed, never at the level itself.
 */
import { roundToTick } from './sizing.ts';
import type { ExitReason } from './types.ts';

export interface ExitHit {
  readonly price: number;
  readonly reason: ExitReason;
}

export class Position {
  /** 1 for long, -1 for short: most formulas below are written once with it. */
  readonly side: 1 | -1;
  readonly qty: number;
  readonly entryPrice: number;
  readonly entryBar: number;
  readonly entryTime: number;
  readonly entryFee: number;
  readonly initialStop: number;
  readonly initialTarget: number;
  readonly liquidationPrice: number;
  funding = 0;
  /** The stop in force and what moved it there; NaN when there is none. */
  stop: number;
  stopReason: ExitReason = 'stop_loss';
  target: number;
  private trailPercent: number;
  private trailDistance: number;
  private breakEvenTrigger: number;
  private readonly breakEvenLevel: number;
  private readonly tickSize: number;
  /** Exit levels waiting for the close of the entry bar (see BacktestSettings.exitsLiveFrom). */
  private deferred: { stop: number; target: number; trailPercent: number; trailDistance: number; breakEvenTrigger: number } | null;
  /** Best price reached since entry (highest for a long), the trailing stop's anchor. */
  private anchor: number;
  /** Lowest and highest prices traded while open, for MAE and MFE. */
  low: number;
  high: number;

  constructor(init: {
    side: 1 | -1;
    qty: number;
    entryPrice: number;
    entryBar: number;
    entryTime: number;
    entryFee: number;
    stop: number;
    target: number;
    trailPercent: number;
    trailDistance: number;
    breakEvenTrigger: number;
    breakEvenLevel: number;
    liquidationPrice: number;
    /** False: stop, target, trailing and break-even start only after the entry bar closes. */
    armed: boolean;
    /** Trailing levels are rounded to it (0: no rounding). */
    tickSize: number;
  }) {
    this.side = init.side;
    this.qty = init.qty;
    this.entryPrice = init.entryPrice;
    this.entryBar = init.entryBar;
    this.entryTime = init.entryTime;
    this.entryFee = init.entryFee;
    this.stop = init.stop;
    this.initialStop = init.stop;
    this.target = init.target;
    this.initialTarget = init.target;
    this.trailPercent = init.trailPercent;
    this.trailDistance = init.trailDistance;
    this.breakEvenTrigger = init.breakEvenTrigger;
    this.breakEvenLevel = init.breakEvenLevel;
    this.liquidationPrice = init.liquidationPrice;
    this.tickSize = init.tickSize;
    this.anchor = init.entryPrice;
    this.low = init.entryPrice;
    this.high = init.entryPrice;
    this.deferred = null;
    if (!init.armed) {
      this.deferred = {
        stop: this.stop,
        target: this.target,
        trailPercent: this.trailPercent,
        trailDistance: this.trailDistance,
        breakEvenTrigger: this.breakEvenTrigger,
      };
      this.stop = this.target = this.trailPercent = this.trailDistance = this.breakEvenTrigger = Number.NaN;
    }
  }

  /** Puts deferred exit levels in force (called at every close; only the first call acts). */
  armExits(): void {
    const deferred = this.deferred;
    if (deferred === null) return;
    this.deferred = null;
    this.stop = deferred.stop;
    this.target = deferred.target;
    this.trailPercent = deferred.trailPercent;
    this.trailDistance = deferred.trailDistance;
    this.breakEvenTrigger = deferred.breakEvenTrigger;
  }

  /** Trailing or break-even exits move with every favourable price, so every bar is walked. */
  private hasDynamicExits(): boolean {
    return this.trailPercent === this.trailPercent || this.trailDistance === this.trailDistance || this.breakEvenTrigger === this.breakEvenTrigger;
  }

  /** Whole bars can be skipped while only static levels (stop, target, liquidation) are live. */
  canSkipBars(): boolean {
    return this.deferred === null && !this.hasDynamicExits();
  }

  /** The adverse level met first: for a long the higher of stop and liquidation price. */
  nearestAdverseLevel(): number {
    const stop = this.stop === this.stop ? this.stop : this.liquidationPrice;
    return this.side > 0 ? Math.max(stop, this.liquidationPrice) : Math.min(stop, this.liquidationPrice);
  }

  /** Could anything happen between `low` and `high`? (NaN levels never compare true.) */
  levelsWithin(low: number, high: number): boolean {
    if (this.hasDynamicExits()) return true;
    const adverse = this.side > 0 ? low : high;
    const favourable = this.side > 0 ? high : low;
    return (
      this.side * (adverse - this.stop) <= 0 ||
      this.side * (adverse - this.liquidationPrice) <= 0 ||
      this.side * (favourable - this.target) >= 0
    );
  }

  unrealized(price: number): number {
    return this.side * this.qty * (price - this.entryPrice);
  }

  /** Checks the point where trading (re)starts: a level already passed fills right there. */
  checkPoint(price: number): ExitHit | null {
    this.touch(price);
    const s = this.side;
    // Isolated margin caps the loss at the margin: when the market gaps through the
    // liquidation price the position is liquidated there, whatever stop sat above it (the
    // exchange's insurance fund takes the rest).
    if (s * (price - this.liquidationPrice) <= 0) return { price: this.liquidationPrice, reason: 'liquidation' };
    if (s * (price - this.stop) <= 0) return { price, reason: this.stopReason };
    if (s * (price - this.target) >= 0) return { price, reason: 'take_profit' };
    return null;
  }

  /** Walks the price from `from` to `to` (the start was already checked) and returns the first exit. */
  checkSegment(from: number, to: number): ExitHit | null {
    const s = this.side;
    if (s * (to - from) < 0) {
      // Against the position: the first level met going down (for a long) is the higher one.
      const stopHit = s * (to - this.stop) <= 0;
      const liquidationHit = s * (to - this.liquidationPrice) <= 0;
      if (stopHit && (!liquidationHit || s * (this.stop - this.liquidationPrice) >= 0)) {
        this.touch(this.stop);
        return { price: this.stop, reason: this.stopReason };
      }
      if (liquidationHit) {
        this.touch(this.liquidationPrice);
        return { price: this.liquidationPrice, reason: 'liquidation' };
      }
      this.touch(to);
      return null;
    }
    if (s * (to - this.target) >= 0) {
      this.touch(this.target);
      return { price: this.target, reason: 'take_profit' };
    }
    this.touch(to);
    this.advanceDynamicExits(to);
    return null;
  }

  /** Records a traded price for MAE/MFE. */
  touch(price: number): void {
    if (price < this.low) this.low = price;
    if (price > this.high) this.high = price;
  }

  /** After a move in the position's favour to `price`: arm break-even, ratchet the trailing stop. */
  private advanceDynamicExits(price: number): void {
    const s = this.side;
    if (s * (price - this.breakEvenTrigger) >= 0) {
      this.breakEvenTrigger = Number.NaN;
      if (!(s * (this.stop - this.breakEvenLevel) >= 0)) {
        this.stop = this.breakEvenLevel;
        this.stopReason = 'break_even';
      }
    }
    if (s * (price - this.anchor) > 0) this.anchor = price;
    const trail = roundToTick(
      this.trailPercent === this.trailPercent
        ? this.anchor * (1 - (s * this.trailPercent) / 100)
        : this.trailDistance === this.trailDistance
          ? this.anchor - s * this.trailDistance
          : Number.NaN,
      this.tickSize,
    );
    if (trail === trail && !(s * (this.stop - trail) >= 0)) {
      this.stop = trail;
      this.stopReason = 'trailing_stop';
    }
  }

  /** Worst and best excursion in percent of the entry price (both >= 0). */
  excursions(): { maePct: number; mfePct: number } {
    const adverse = this.side > 0 ? this.entryPrice - this.low : this.high - this.entryPrice;
    const favourable = this.side > 0 ? this.high - this.entryPrice : this.entryPrice - this.low;
    return { maePct: (Math.max(0, adverse) / this.entryPrice) * 100, mfePct: (Math.max(0, favourable) / this.entryPrice) * 100 };
  }
}
