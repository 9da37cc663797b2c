/**
 * The contract every indicator fulfils: a batch function over candle columns (fast, for
 * backtests) and a streaming version (for live charts) that yield the same numbers, plus the
 * metadata the strategy language, the CLI and the charts need to use it by name.
 */
import type { Candles } from '../candles.ts';

/** One OHLCV bar, as a live feed delivers it. */
export interface Bar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface IndicatorParam {
  readonly name: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly description: string;
}

/** What a batch computation reads: the candles, and the source series the user picked. */
export interface IndicatorInput {
  readonly candles: Candles;
  /** The chosen source (close by default); indicators that read OHLC directly ignore it. */
  readonly source: Float64Array;
}

/**
 * A live indicator. `push` appends a bar; `replaceLast` recomputes the most recent bar after
 * the forming candle changed, as if that bar had been pushed with the new values. Both return
 * the outputs at that bar, in the order of IndicatorDefinition.outputs.
 */
export interface StreamingIndicator {
  push(bar: Bar, source: number): readonly number[];
  replaceLast(bar: Bar, source: number): readonly number[];
}

export type SourceField = 'open' | 'high' | 'low' | 'close' | 'hl2' | 'hlc3' | 'ohlc4' | 'volume';

export interface IndicatorDefinition {
  /** Lower-case identifier used in strategy specs and on the command line (`sma`, `macd`). */
  readonly kind: string;
  readonly title: string;
  readonly params: readonly IndicatorParam[];
  /** Output names; single-output indicators have exactly ['value']. */
  readonly outputs: readonly string[];
  /** True when the indicator reads the chosen source series; false when it reads OHLCV itself. */
  readonly usesSource: boolean;
  readonly defaultSource: SourceField;
  /** Where a chart draws it: over price, or in a pane of its own. */
  readonly pane: 'price' | 'own';
  /** One Float64Array per output, NaN during warm-up. `params` follow the order of `params`. */
  batch(input: IndicatorInput, params: readonly number[]): Float64Array[];
  stream(params: readonly number[]): StreamingIndicator;
}

/** A single-valued live series (the building block of streaming indicators). */
export interface ValueStream {
  push(value: number): number;
  replaceLast(value: number): number;
}

export function nanArray(length: number): Float64Array {
  return new Float64Array(length).fill(Number.NaN);
}

/** Index of the first finite value, or `length` when there is none (leading NaN is warm-up). */
export function firstFinite(series: Float64Array): number {
  let i = 0;
  while (i < series.length && !Number.isFinite(series[i])) i++;
  return i;
}
