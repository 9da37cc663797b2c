/**
 * What a backtest takes and what it gives back: settings, the trade ledger, per-bar equity,
 * rejected orders. Shared by the simulator, the metrics and every front end, so a number means
 * the same thing everywhere. Money is in the quote currency; rates are fractions (0.001 = 0.1%).
 */
import type { Candles } from '../candles.ts';

export type Side = 'long' | 'short';
export type FillTiming = 'next-open' | 'close';
export type IntrabarPath = 'pessimistic' | 'tradingview' | 'magnifier';
export type EndOfData = 'leave-open' | 'close-at-open' | 'close-at-close';

export type ExitReason =
  | 'signal'
  | 'reverse'
  | 'stop_loss'
  | 'take_profit'
  | 'trailing_stop'
  | 'break_even'
  | 'time_exit'
  | 'liquidation'
  | 'end_of_data';

/** Exchange rules for the traded instrument; 0 means "no rule". */
export interface InstrumentRules {
  readonly tickSize: number;
  readonly qtyStep: number;
  readonly minQty: number;
  readonly minNotional: number;
}

/** A funding-rate series: settlement times (epoch ms) and the rate paid by longs at each. */
export interface FundingSeries {
  readonly time: Float64Array;
  readonly rate: Float64Array;
}

export interface BacktestSettings {
  readonly initialCapital: number;
  /** Fee rate for market and stop fills. */
  readonly takerFee: number;
  /** Fee rate for limit fills. */
  readonly makerFee: number;
  /** Fixed fee charged per filled order, in quote currency. */
  readonly fixedFeePerOrder: number;
  /** Adverse slippage on market and stop fills: basis points of the price, plus whole ticks. */
  readonly slippageBps: number;
  readonly slippageTicks: number;
  /** 1..125; isolated margin. Overrides the strategy's leverage when given. */
  readonly leverage?: number;
  readonly maintenanceMarginRate: number;
  /** Fee rate on the notional closed by a liquidation. */
  readonly liquidationFeeRate: number;
  readonly fill: FillTiming;
  /**
   * When stop-loss, take-profit, trailing and break-even start to act. `entry-bar`: they are
   * attached to the entry order and can fire in the bar that filled it (TradingView, exchange
   * bracket orders). `next-bar`: they are placed once the entry bar has closed, like a strategy
   * that sets them on seeing the fill (backtesting.py's `trade.sl = ...`).
   */
  readonly exitsLiveFrom: 'entry-bar' | 'next-bar';
  readonly intrabar: IntrabarPath;
  readonly atEnd: EndOfData;
  readonly instrument: InstrumentRules;
  readonly funding?: FundingSeries;
  /** Lower-timeframe candles covering the run, for the magnifier intrabar path. */
  readonly magnifier?: Candles;
}

export interface Trade {
  readonly side: Side;
  readonly qty: number;
  readonly entryBar: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly exitBar: number;
  readonly exitTime: number;
  readonly exitPrice: number;
  readonly entryFee: number;
  readonly exitFee: number;
  /** Funding paid (positive) or received (negative) while the trade was open. */
  readonly funding: number;
  /** Net of fees and funding. */
  readonly pnl: number;
  /** side x (exit / entry - 1) - (fees + funding) / (qty x entry), in percent. */
  readonly returnPct: number;
  /** pnl divided by the money at risk to the initial stop; NaN without a stop. */
  readonly rMultiple: number;
  /** Worst and best price move against / for the trade while open, in percent of the entry. */
  readonly maePct: number;
  readonly mfePct: number;
  readonly barsHeld: number;
  readonly exitReason: ExitReason;
  readonly initialStop: number;
  readonly initialTarget: number;
}

/** A position still open when the data ends (leave-open mode), marked at the last close. */
export interface OpenTrade {
  readonly side: Side;
  readonly qty: number;
  readonly entryBar: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly entryFee: number;
  readonly funding: number;
  readonly markPrice: number;
  readonly unrealizedPnl: number;
}

export interface RejectedOrder {
  readonly bar: number;
  readonly time: number;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  readonly reason: string;
}

export interface BacktestResult {
  readonly trades: readonly Trade[];
  readonly openTrades: readonly OpenTrade[];
  readonly rejectedOrders: readonly RejectedOrder[];
  /** Equity at each bar's close: cash plus open positions marked at that close. */
  readonly equity: Float64Array;
  /** Initial capital plus what long (short) trades alone earned, realised and open, per bar. */
  readonly equityLong: Float64Array;
  readonly equityShort: Float64Array;
  /** 1 on bars where a position was open at any moment of the bar. */
  readonly inPosition: Uint8Array;
  /** First bar on which the strategy could decide (every indicator has a value). */
  readonly warmupBars: number;
  readonly liquidations: number;
  readonly warnings: readonly string[];
}
