/**
 * Finished backtests kept as runs: summaries for a list, and one run in full (metrics of all,
 * long and short trades, the manifest, the trades). JSON-safe: a value the engine leaves
 * undefined (an R multiple without a stop, a ratio over zero) is null, never NaN.
 */
import { z } from 'zod';
import { countSchema, epochMsSchema } from './common.ts';

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

const column = <T extends z.ZodType>(item: T) => z.array(item);

/** The closed trades as columns, one entry per trade in exit order: a ledger of thousands stays compact. */
export const tradeColumnsSchema = z
  .strictObject({
    side: column(z.enum(['long', 'short'])),
    qty: column(z.number().finite()),
    entryBar: column(z.number().int()),
    entryTime: column(epochMsSchema),
    entryPrice: column(z.number().finite()),
    exitBar: column(z.number().int()),
    exitTime: column(epochMsSchema),
    exitPrice: column(z.number().finite()),
    entryFee: column(z.number().finite()),
    exitFee: column(z.number().finite()),
    funding: column(z.number().finite()),
    pnl: column(z.number().finite()),
    returnPct: column(z.number().finite()),
    /** Null when the trade had no stop to measure risk by. */
    rMultiple: column(finiteOrNull),
    maePct: column(z.number().finite()),
    mfePct: column(z.number().finite()),
    barsHeld: column(z.number().int()),
    exitReason: column(z.string()),
    /** Null when the trade had no stop or no target. */
    initialStop: column(finiteOrNull),
    initialTarget: column(finiteOrNull),
  })
  .refine((t) => Object.values(t).every((values) => values.length === t.side.length), { error: 'trade columns must all have the same length' });

export const runDetailSchema = runSummarySchema.omit({ metrics: true }).extend({
  manifest: runManifestSchema,
  metrics: z.strictObject({ all: sideMetricsSchema, long: sideMetricsSchema, short: sideMetricsSchema }),
  trades: tradeColumnsSchema,
});
