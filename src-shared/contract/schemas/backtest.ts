/** Backtests run as jobs: what to run on which data with which settings, and what comes back. */
import { z } from 'zod';
import { seriesKeySchema } from '../../market.ts';
import { countSchema, epochMsSchema, orderedRange, parameterOverridesSchema } from './common.ts';

const nonNegative = z.number().finite().nonnegative();
const rate = (max: number) => nonNegative.max(max);

export const strategySourceSchema = z.union(
  [
    /** A strategy document (the older flat format is converted). */
    z.strictObject({ document: z.unknown() }),
    z.strictObject({ template: z.string().min(1) }),
  ],
  { error: 'strategy is {"document": {...}} or {"template": name}' },
);

export const backtestDataSchema = z.union(
  [
    orderedRange(z.strictObject({ series: seriesKeySchema, from: epochMsSchema.optional(), to: epochMsSchema.optional() })),
    z.strictObject({ csvPath: z.string().min(1) }),
  ],
  { error: 'data is {"series": key, "from"?, "to"?} (the cache) or {"csvPath": file}' },
);

/**
 * The simulator's settings (BacktestSettings without its bulk series). Omitted fields take the
 * same defaults as `bst backtest`; instrument rules default to the cached instrument's.
 */
export const backtestSettingsSchema = z.strictObject({
  initialCapital: z.number().finite().positive().optional(),
  takerFee: rate(0.1).optional(),
  makerFee: rate(0.1).optional(),
  fixedFeePerOrder: nonNegative.optional(),
  slippageBps: rate(10_000).optional(),
  slippageTicks: nonNegative.optional(),
  leverage: z.number().finite().min(1).max(125).optional(),
  maintenanceMarginRate: rate(0.5).optional(),
  liquidationFeeRate: rate(0.1).optional(),
  fill: z.enum(['next-open', 'close']).optional(),
  exitsLiveFrom: z.enum(['entry-bar', 'next-bar']).optional(),
  intrabar: z.enum(['pessimistic', 'tradingview', 'magnifier']).optional(),
  atEnd: z.enum(['leave-open', 'close-at-open', 'close-at-close']).optional(),
  instrument: z
    .strictObject({
      tickSize: nonNegative.optional(),
      qtyStep: nonNegative.optional(),
      minQty: nonNegative.optional(),
      minNotional: nonNegative.optional(),
    })
    .optional(),
});

export const startBacktestInputSchema = z.strictObject({
  strategy: strategySourceSchema,
  params: parameterOverridesSchema.optional(),
  data: backtestDataSchema,
  settings: backtestSettingsSchema,
});

/** The headline numbers of a finished run (all trades); the full ledger is fetched separately. */
export const backtestSummarySchema = z.strictObject({
  /** The run saved from this backtest (runs.get). */
  runId: z.string(),
  strategyName: z.string(),
  bars: countSchema,
  trades: countSchema,
  openTrades: countSchema,
  netProfit: z.number().finite(),
  totalReturnPct: z.number().finite(),
  maxDrawdownPct: z.number().finite(),
  winRatePct: z.number().finite().nullable(),
  profitFactor: z.number().finite().nullable(),
  sharpe: z.number().finite().nullable(),
  warnings: z.array(z.string()),
  manifest: z.strictObject({
    engineVersion: z.string(),
    specHash: z.string(),
    dataHash: z.string(),
    dataSource: z.string(),
    seed: z.number().int(),
  }),
});
