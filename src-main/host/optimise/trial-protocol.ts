/**
 * What the pool and its trial workers say to each other: the data a worker starts with (the
 * candles as SharedArrayBuffer columns, the strategy, the settings) and one message per batch
 * each way. Types only, so the worker imports nothing of the host at run time.
 */
import type { SideMetrics } from '../../../src-engine/backtest/metrics.ts';
import type { BacktestSettings } from '../../../src-engine/backtest/types.ts';
import type { Trial } from '../../../src-engine/optimise/types.ts';

export interface SharedCandleColumns {
  readonly time: SharedArrayBuffer;
  readonly open: SharedArrayBuffer;
  readonly high: SharedArrayBuffer;
  readonly low: SharedArrayBuffer;
  readonly close: SharedArrayBuffer;
  readonly volume: SharedArrayBuffer;
}

export interface TrialWorkerData {
  readonly candles: SharedCandleColumns;
  /** A strategy document (checked by the host before the pool starts). */
  readonly strategy: unknown;
  readonly settings: BacktestSettings;
}

export interface TrialTask {
  readonly id: number;
  /** Bars [from, to) of the shared series the trials run on. */
  readonly from: number;
  readonly to: number;
  readonly trials: readonly Trial[];
  /** Send back each trial's equity curve (walk-forward out-of-sample runs). */
  readonly equity: boolean;
}

export interface EvaluatedTrial {
  readonly index: number;
  /** Metrics of all trades, exactly as computeMetrics(...).all gives them. */
  readonly metrics: SideMetrics;
  readonly equity?: Float64Array;
}

export type TrialTaskReply =
  | { readonly id: number; readonly ok: true; readonly results: readonly EvaluatedTrial[] }
  | { readonly id: number; readonly ok: false; readonly message: string };
