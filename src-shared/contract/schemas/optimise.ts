/**
 * Parameter optimisation and robustness: starting a search (grid, random or Bayesian, optionally
 * walk-forward) over a strategy's parameters, following it, pausing and resuming it (also after a
 * restart), reading its trials as columns, sending a trial's parameters to a saved strategy, and
 * Monte Carlo bands over a saved run's trades. Bulk numbers cross as Float64Array columns with
 * NaN for "none"; single numbers the engine leaves undefined are null.
 */
import { z } from 'zod';
import { backtestDataSchema, backtestSettingsSchema, strategySourceSchema } from './backtest.ts';
import { countSchema, durationMsSchema, epochMsSchema, float64ColumnSchema, jobIdSchema } from './common.ts';
import { strategyIdSchema } from './library.ts';
import { runIdSchema, sideMetricsSchema } from './runs.ts';

export const optimisationIdSchema = z.string().min(1, { error: 'an optimisation id is required' });
const parameterValueSchema = z.union([z.number(), z.string()]);
const parameterValuesSchema = z.record(z.string(), parameterValueSchema);
const finiteOrNull = z.number().finite().nullable();

export const OPTIMISE_METHODS = ['grid', 'random', 'bayes'] as const;
export const OPTIMISATION_STATES = ['running', 'paused', 'finished', 'failed', 'cancelled'] as const;
export const TRIAL_FILTERS = ['min-trades', 'max-drawdown'] as const;

/** A metric of the engine's SideMetrics (all trades), e.g. 'sharpe', 'netProfit', 'maxDrawdownPct'. */
export const optimiseObjectiveSchema = z.strictObject({
  metric: z.string().min(1),
  direction: z.enum(['maximize', 'minimize']),
});

export const optimiseSearchSchema = z.strictObject({
  method: z.enum(OPTIMISE_METHODS),
  /**
   * Domains by declared parameter name, as text: "5:50:1" (min:max:step), "5,10,20" or "a,b"
   * (a list), "12" (fixed). Declared parameters not named keep their defaults.
   */
  parameters: z.record(z.string(), z.string().min(1)),
  /** Comparisons every set must satisfy, e.g. "fast < slow", "slow <= 4 * fast". */
  constraints: z.array(z.string().min(1)).optional(),
  /** Budget of random and Bayesian search (default 100); grid evaluates the whole space. */
  trials: z.number().int().positive().max(1_000_000).optional(),
  seed: z.number().int().optional(),
  /** One objective, or several for a Pareto front; the first one orders "best". */
  objectives: z.array(optimiseObjectiveSchema).min(1),
  filters: z
    .strictObject({
      minTrades: countSchema.optional(),
      /** Percent, positive (as maxDrawdownPct). */
      maxDrawdownPct: z.number().finite().positive().optional(),
    })
    .optional(),
  /** Worker threads (default: the machine's available parallelism). */
  workers: z.number().int().min(1).max(256).optional(),
});

const positiveDays = z.number().finite().positive();
const positiveBars = z.number().int().positive();

/** Window lengths in days or in bars (one of each pair); step defaults to the out-of-sample length. */
export const walkForwardSettingsSchema = z
  .strictObject({
    inSampleDays: positiveDays.optional(),
    inSampleBars: positiveBars.optional(),
    outOfSampleDays: positiveDays.optional(),
    outOfSampleBars: positiveBars.optional(),
    stepDays: positiveDays.optional(),
    stepBars: positiveBars.optional(),
    /** In-sample windows all start at the first bar and grow (default false: they roll). */
    anchored: z.boolean().optional(),
  })
  .refine((w) => (w.inSampleDays === undefined) !== (w.inSampleBars === undefined), { error: 'give inSampleDays or inSampleBars', path: ['inSampleDays'] })
  .refine((w) => (w.outOfSampleDays === undefined) !== (w.outOfSampleBars === undefined), {
    error: 'give outOfSampleDays or outOfSampleBars',
    path: ['outOfSampleDays'],
  })
  .refine((w) => w.stepDays === undefined || w.stepBars === undefined, { error: 'give stepDays or stepBars, not both', path: ['stepDays'] });

export const startOptimiseInputSchema = z.strictObject({
  strategy: strategySourceSchema,
  data: backtestDataSchema,
  settings: backtestSettingsSchema,
  search: optimiseSearchSchema,
  walkForward: walkForwardSettingsSchema.optional(),
});

export const startOptimiseOutputSchema = z.strictObject({ jobId: jobIdSchema, optimisationId: optimisationIdSchema });

export const optimisationByIdSchema = z.strictObject({ id: optimisationIdSchema });

export const optimiseProgressSchema = z.strictObject({
  /** Trials evaluated (over every walk-forward window) out of total. */
  done: countSchema,
  total: countSchema,
  /** Estimated time left while running; null otherwise or until the pace is known. */
  etaMs: durationMsSchema.nullable(),
});

/** The best trial that passes the filters, by the first objective. */
export const optimiseBestSchema = z.strictObject({
  trialIndex: countSchema,
  params: parameterValuesSchema,
  scores: z.array(finiteOrNull),
});

export const optimisationSummarySchema = z.strictObject({
  id: optimisationIdSchema,
  strategyName: z.string(),
  /** The series ("bybit linear BTCUSDT 1m") or the CSV file's name. */
  dataSource: z.string(),
  method: z.enum(OPTIMISE_METHODS),
  objectives: z.array(optimiseObjectiveSchema),
  /** 'walk-forward' when the request had walk-forward windows. */
  mode: z.enum(['search', 'walk-forward']),
  state: z.enum(OPTIMISATION_STATES),
  /** The job running it, while it runs. */
  jobId: jobIdSchema.nullable(),
  progress: optimiseProgressSchema,
  best: optimiseBestSchema.nullable(),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
  /** Why it failed (state 'failed'). */
  error: z.string().nullable(),
});

export const listOptimisationsOutputSchema = z.strictObject({ optimisations: z.array(optimisationSummarySchema) });

const barRangeSchema = z.strictObject({
  /** Bars [from, to) of the whole series. */
  from: countSchema,
  to: countSchema,
  /** Open time of the first bar, and open time of the last bar (inclusive). */
  fromTime: epochMsSchema,
  toTime: epochMsSchema,
});

export const walkForwardWindowSchema = z.strictObject({
  index: countSchema,
  inSample: barRangeSchema,
  outOfSample: barRangeSchema,
  /** The in-sample winner, run out of sample; null when no in-sample trial passed the filters. */
  params: parameterValuesSchema.nullable(),
  /** First objective's score of the winner in sample and out of sample. */
  inSampleScore: finiteOrNull,
  outOfSampleScore: finiteOrNull,
});

export const walkForwardResultSchema = z.strictObject({
  windows: z.array(walkForwardWindowSchema),
  /** Out-of-sample equity of every window chained into one curve (each window starts where the last ended). */
  oosEquity: z.strictObject({ time: float64ColumnSchema, equity: float64ColumnSchema }),
  /** Walk-forward efficiency: annualised out-of-sample over in-sample performance; null when undefined. */
  efficiency: finiteOrNull,
  /** Each parameter's chosen value per window, in window order (null where no winner). */
  parameterPath: z.record(z.string(), z.array(parameterValueSchema.nullable())),
});

export const deflatedSharpeSchema = z.strictObject({
  /** The Sharpe ratio of the best trial's daily returns (per day, not annualised). */
  sharpe: finiteOrNull,
  /** Probabilistic Sharpe ratio against 0. */
  psr: finiteOrNull,
  /** Deflated Sharpe ratio: the PSR against the best Sharpe expected from `trials` unskilled tries. */
  dsr: finiteOrNull,
  trials: countSchema,
});

export const optimisationDetailSchema = optimisationSummarySchema.extend({
  /** The request as started, the strategy as a document (templates resolved). */
  request: startOptimiseInputSchema,
  /** Names of the searched parameters, in the request's order. */
  parameterNames: z.array(z.string()),
  /** Every metric of the best trial (all trades). */
  bestMetrics: sideMetricsSchema.nullable(),
  /** Trial indices on the Pareto front (multi-objective, passing trials only); empty with one objective. */
  paretoFront: z.array(countSchema),
  walkForward: walkForwardResultSchema.nullable(),
  deflatedSharpe: deflatedSharpeSchema.nullable(),
  /**
   * Per searched parameter, how much the first objective keeps in the best trial's neighbourhood
   * (1 = flat plateau, toward 0 or below = a lone peak); null where it cannot be measured.
   */
  plateau: z.record(z.string(), finiteOrNull).nullable(),
});

/** Up to 100,000 trials per call, in evaluation order from `offset`. */
export const MAX_TRIALS_PAGE = 100_000;
export const optimiseTrialsInputSchema = z.strictObject({
  id: optimisationIdSchema,
  offset: countSchema.optional(),
  limit: z.number().int().min(1).max(MAX_TRIALS_PAGE).optional(),
});

/** Trials as columns, one entry per trial. */
export const optimiseTrialsOutputSchema = z.strictObject({
  /** Trials stored in all (the rows here are [offset, offset + index.length)). */
  total: countSchema,
  offset: countSchema,
  /** The walk-forward window a trial belongs to (0 for a plain search); indices restart per window. */
  window: float64ColumnSchema,
  index: float64ColumnSchema,
  /** Per searched parameter: numbers as a column, or text values (choice parameters). */
  params: z.record(z.string(), z.union([float64ColumnSchema, z.array(z.string())])),
  /** One column per objective, in objective order; NaN where undefined. */
  scores: z.array(float64ColumnSchema),
  /** Every SideMetrics metric of all trades by name; NaN where undefined. */
  metrics: z.record(z.string(), float64ColumnSchema),
  filteredBy: z.array(z.enum(TRIAL_FILTERS).nullable()),
});

export const pauseOptimisationOutputSchema = z.strictObject({ paused: z.boolean() });
export const resumeOptimisationOutputSchema = z.strictObject({ jobId: jobIdSchema });

export const applyToStrategyInputSchema = z.strictObject({
  id: optimisationIdSchema,
  trialIndex: countSchema,
  /** The walk-forward window the trial belongs to (its indices restart per window); 0 for a plain search. */
  window: countSchema.optional(),
  strategyId: strategyIdSchema,
});
export const applyToStrategyOutputSchema = z.strictObject({
  strategyId: strategyIdSchema,
  updatedAt: epochMsSchema,
  /** The defaults written to the strategy's declared parameters. */
  parameters: parameterValuesSchema,
});

/** What an optimisation job's job.finished carries: it ended finished or paused. */
export const optimiseJobSummarySchema = z.strictObject({
  optimisationId: optimisationIdSchema,
  state: z.enum(['finished', 'paused']),
  done: countSchema,
  total: countSchema,
  best: optimiseBestSchema.nullable(),
});

export const MONTE_CARLO_METHODS = ['reshuffle', 'bootstrap', 'skip'] as const;

export const monteCarloInputSchema = z.strictObject({
  runId: runIdSchema,
  method: z.enum(MONTE_CARLO_METHODS),
  /** Percent of trades dropped at random per simulation (method 'skip'; default 10). */
  skipPct: z.number().finite().min(0).max(99).optional(),
  simulations: z.number().int().min(1).max(100_000),
  seed: z.number().int(),
});

export const monteCarloOutputSchema = z.strictObject({
  method: z.enum(MONTE_CARLO_METHODS),
  simulations: countSchema,
  trades: countSchema,
  /** The percentiles of the bands, ascending (5, 25, 50, 75, 95). */
  percentiles: z.array(z.number()),
  /** Per percentile: equity after 0..n trades (n + 1 values; starts at the initial capital). */
  equity: z.array(float64ColumnSchema),
  /** Per percentile: drawdown in percent below the running peak after 0..n trades (0 or negative). */
  drawdownPct: z.array(float64ColumnSchema),
  /** Per percentile: final equity and maximum drawdown (percent, positive) over the simulations. */
  finalEquity: z.array(z.number().finite()),
  maxDrawdownPct: z.array(z.number().finite()),
  /** The run's own trades in their order. */
  original: z.strictObject({ finalEquity: z.number().finite(), maxDrawdownPct: z.number().finite() }),
});
