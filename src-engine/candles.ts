/**
 * Columnar OHLCV candles, the engine's only market-data shape, and their validation.
 * Columns keep a million bars in six flat Float64Arrays: no object per bar, cheap to share
 * with workers and to slice without copying.
 */

export interface Candles {
  /** Bar open time, epoch milliseconds UTC, strictly ascending. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** The six column names, in canonical order. */
export const CANDLE_FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Allocates zero-filled columns for `count` bars, to be filled in place by a reader. */
export function allocateCandles(count: number): Candles {
  return {
    time: new Float64Array(count),
    open: new Float64Array(count),
    high: new Float64Array(count),
    low: new Float64Array(count),
    close: new Float64Array(count),
    volume: new Float64Array(count),
  };
}

/** Bars [start, end) as views over the same memory (no copy). */
export function sliceCandles(candles: Candles, start: number, end: number): Candles {
  return {
    time: candles.time.subarray(start, end),
    open: candles.open.subarray(start, end),
    high: candles.high.subarray(start, end),
    low: candles.low.subarray(start, end),
    close: candles.close.subarray(start, end),
    volume: candles.volume.subarray(start, end),
  };
}

export type CandleRule =
  | 'column-length'
  | 'non-finite'
  | 'time-not-ascending'
  | 'duplicate-time'
  | 'high-below-open-close'
  | 'low-above-open-close'
  | 'negative-volume';

export interface CandleIssue {
  /** 0-based bar index. */
  readonly bar: number;
  readonly rule: CandleRule;
  readonly message: string;
}

/**
 * Checks every bar against the rules a real exchange series obeys and returns the problems
 * found, in bar order, up to `maxIssues`. An empty array means the series is valid.
 */
export function findCandleIssues(candles: Candles, maxIssues = 20): CandleIssue[] {
  const issues: CandleIssue[] = [];
  const n = candles.time.length;
  for (const field of CANDLE_FIELDS) {
    if (candles[field].length !== n) {
      issues.push({
        bar: Math.min(n, candles[field].length),
        rule: 'column-length',
        message: `column ${field} has ${candles[field].length} values but time has ${n}`,
      });
      return issues;
    }
  }
  const { time, open, high, low, close, volume } = candles;
  for (let i = 0; i < n && issues.length < maxIssues; i++) {
    const problem = barProblem(i, time, open, high, low, close, volume);
    if (problem !== null) issues.push(problem);
  }
  return issues;
}

function barProblem(
  i: number,
  time: Float64Array,
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
): CandleIssue | null {
  for (const [name, column] of [
    ['time', time],
    ['open', open],
    ['high', high],
    ['low', low],
    ['close', close],
    ['volume', volume],
  ] as const) {
    if (!Number.isFinite(column[i])) {
      return { bar: i, rule: 'non-finite', message: `${name} is ${column[i]}, expected a finite number` };
    }
  }
  if (i > 0 && time[i] === time[i - 1]) {
    return { bar: i, rule: 'duplicate-time', message: `time ${isoTime(time[i])} repeats the previous bar's time` };
  }
  if (i > 0 && time[i] < time[i - 1]) {
    return {
      bar: i,
      rule: 'time-not-ascending',
      message: `time ${isoTime(time[i])} is before the previous bar's time ${isoTime(time[i - 1])}`,
    };
  }
  if (high[i] < Math.max(open[i], close[i])) {
    return {
      bar: i,
      rule: 'high-below-open-close',
      message: `high ${high[i]} is below max(open ${open[i]}, close ${close[i]})`,
    };
  }
  if (low[i] > Math.min(open[i], close[i])) {
    return {
      bar: i,
      rule: 'low-above-open-close',
      message: `low ${low[i]} is above min(open ${open[i]}, close ${close[i]})`,
    };
  }
  if (volume[i] < 0) {
    return { bar: i, rule: 'negative-volume', message: `volume ${volume[i]} is negative` };
  }
  return null;
}

export class InvalidCandlesError extends Error {
  readonly issues: readonly CandleIssue[];
  constructor(issues: readonly CandleIssue[]) {
    const first = issues[0];
    super(`invalid candles: bar ${first.bar}: ${first.message} (rule ${first.rule})`);
    this.name = 'InvalidCandlesError';
    this.issues = issues;
  }
}

export function assertValidCandles(candles: Candles): void {
  const issues = findCandleIssues(candles);
  if (issues.length > 0) throw new InvalidCandlesError(issues);
}

/** ISO 8601 UTC rendering of an epoch-ms time, for messages and CSV output. */
export function isoTime(epochMs: number): string {
  return Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : String(epochMs);
}
