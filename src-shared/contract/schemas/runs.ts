/**
 * Finished backtests kept as runs: summaries for a list, and one run in full (metrics of all,
 * long and short trades, the manifest, the trades). A metric the engine leaves undefined (a
 * ratio over zero) is null, never NaN; trade columns are Float64Array with NaN for "none".
 */
import { z } from 'zod';
import { candleColumnsSchema, countSchema, epochMsSchema, float64ColumnSchema } from './common.ts';

export const runIdSchema = z.string().min(1, { error: 'a run id is required' });
const parameterValuesSchema = z.record(z.string(), z.union([z.number(), z.string()]));
const finiteOrNull = z.number().finite().nullable();

/** The headline numbers a list shows (all trades). */
export const runKeyMetricsSchema = z.strictObject({
  netProfit: z.number().finite(),
  totalReturnPct: z.number().finite(),
  maxDrawdownPct: z.number().finite(),
  winRatePct: finiteOrNull,
  profitFactor: finiteOrNull,
  sharpe: finiteOrNull,
  totalFees: z.number().finite(),
  trades: countSchema,
});

export const runSummarySchema = z.strictObject({
  id: runIdSchema,
  strategyName: z.string(),
  parameters: parameterValuesSchema,
  /** The series ("bybit linear BTCUSDT 1h") or the CSV file's name. */
  dataSource: z.string(),
  createdAt: epochMsSchema,
  metrics: runKeyMetricsSchema,
});

export const listRunsOutputSchema = z.strictObject({ runs: z.array(runSummarySchema) });
export const runByIdSchema = z.strictObject({ id: runIdSchema });

/** Every metric of one side by name (see the engine's SideMetrics and docs/metrics.md). */
export const sideMetricsSchema = z.record(z.string(), finiteOrNull);

export const runManifestSchema = z.strictObject({
  engineVersion: z.string(),
  strategyName: z.string(),
  specHash: z.string(),
  parameters: parameterValuesSchema,
  dataHash: z.string(),
  bars: countSchema,
  firstBarTime: z.string().nullable(),
  lastBarTime: z.string().nullable(),
  dataSource: z.string(),
  /** The simulator settings the run used (BacktestSettings without its bulk series). */
  settings: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
});

/**
 * The closed trades as columns, one entry per trade in exit order. Numbers are Float64Array
 * columns, which cross a socket as raw bytes: a 1,000,000-bar run can have 50,000 trades, and
 * as JSON numbers they cost the UI half a second. NaN marks a value that does not exist (an R
 * multiple without a stop, no stop or no target), as in the engine.
 */
export const tradeColumnsSchema = z
  .strictObject({
    side: z.array(z.enum(['long', 'short'])),
    qty: float64ColumnSchema,
    entryBar: float64ColumnSchema,
    entryTime: float64ColumnSchema,
    entryPrice: float64ColumnSchema,
    exitBar: float64ColumnSchema,
    exitTime: float64ColumnSchema,
    exitPrice: float64ColumnSchema,
    entryFee: float64ColumnSchema,
    exitFee: float64ColumnSchema,
    funding: float64ColumnSchema,
    pnl: float64ColumnSchema,
    returnPct: float64ColumnSchema,
    /** NaN when the trade had no stop to measure risk by. */
    rMultiple: float64ColumnSchema,
    maePct: float64ColumnSchema,
    mfePct: float64ColumnSchema,
    barsHeld: float64ColumnSchema,
    exitReason: z.array(z.string()),
    /** NaN when the trade had no stop or no target. */
    initialStop: float64ColumnSchema,
    initialTarget: float64ColumnSchema,
  })
  .refine((t) => Object.values(t).every((values) => values.length === t.side.length), { error: 'trade columns must all have the same length' });

export const runDetailSchema = runSummarySchema.omit({ metrics: true }).extend({
  manifest: runManifestSchema,
  metrics: z.strictObject({ all: sideMetricsSchema, long: sideMetricsSchema, short: sideMetricsSchema }),
  trades: tradeColumnsSchema,
  /** What the simulator warned about (e.g. orders refused by the instrument rules). */
  warnings: z.array(z.string()),
});

/**
 * Bars [from, to) of a run, or its `last` bars (what a chart opens on, in one call: it need not
 * learn the run's length first). A chart asks for the visible window plus a margin, never a
 * whole long run.
 */
export const MAX_WINDOW_BARS = 100_000;
export const runBarsInputSchema = z.union(
  [
    z
      .strictObject({ id: runIdSchema, from: z.number().int().min(0), to: z.number().int().min(0) })
      .refine((input) => input.to >= input.from, { error: 'to must not be before from', path: ['to'] })
      .refine((input) => input.to - input.from <= MAX_WINDOW_BARS, { error: `a window holds at most ${MAX_WINDOW_BARS} bars`, path: ['to'] }),
    z.strictObject({ id: runIdSchema, last: z.number().int().min(0).max(MAX_WINDOW_BARS) }),
  ],
  { error: 'a window is {id, from, to} or {id, last}' },
);

export const indicatorLineSchema = z.strictObject({
  /** The indicator's id in the strategy. */
  id: z.string(),
  kind: z.string(),
  output: z.string(),
  pane: z.enum(['price', 'own']),
  /** NaN during warm-up. */
  values: float64ColumnSchema,
});

const sameLength = (window: { time: Float64Array; equity: Float64Array; drawdownPct: Float64Array; indicators: { values: Float64Array }[] }) =>
  window.equity.length === window.time.length && window.drawdownPct.length === window.time.length && window.indicators.every((line) => line.values.length === window.time.length);

export const runBarsOutputSchema = z
  .strictObject({
    /** The window actually returned, clamped to the run. */
    from: countSchema,
    to: countSchema,
    totalBars: countSchema,
    /** First bar on which the strategy could decide. */
    warmupBars: countSchema,
    candles: candleColumnsSchema,
    equity: float64ColumnSchema,
    /** 0 or negative: percent below the running equity peak. */
    drawdownPct: float64ColumnSchema,
    indicators: z.array(indicatorLineSchema),
  })
  .refine((w) => sameLength({ time: w.candles.time, ...w }), { error: 'every column of a window has one value per bar' });

export const runEquityInputSchema = z.strictObject({ id: runIdSchema, maxPoints: z.number().int().min(16).max(20_000) });

/** The equity curve thinned to about maxPoints bars, keeping each bucket's extremes and deepest drawdown. */
export const runEquityOutputSchema = z.strictObject({
  totalBars: countSchema,
  bar: float64ColumnSchema,
  time: float64ColumnSchema,
  equity: float64ColumnSchema,
  drawdownPct: float64ColumnSchema,
});

export const RUN_EXPORT_FORMATS = ['trades-csv', 'results-json', 'html-report'] as const;
export const runExportInputSchema = z.strictObject({ id: runIdSchema, format: z.enum(RUN_EXPORT_FORMATS) });
export const runExportOutputSchema = z.strictObject({ fileName: z.string(), mimeType: z.string(), text: z.string() });
