/** The shapes the run charts work with, named once from the contract. */
import type { OutputOf, WorkstationContract } from '../../src-shared/contract/index.ts';

/** A run's closed trades as columns (runs.get). */
export type TradeColumns = OutputOf<WorkstationContract, 'runs.get'>['trades'];

/** One window of a run's bars (runs.bars). */
export type RunWindow = OutputOf<WorkstationContract, 'runs.bars'>;

export type IndicatorLine = RunWindow['indicators'][number];

/** Bars [from, to) by index in the run; `from` may be fractional or outside the run for a view. */
export interface BarRange {
  readonly from: number;
  readonly to: number;
}
