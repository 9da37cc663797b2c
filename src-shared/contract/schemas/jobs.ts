/** Long-running work (downloads, backtests, optimisations) as jobs: listing, cancelling, progress and results. */
import { z } from 'zod';
import { backtestSummarySchema } from './backtest.ts';
import { durationMsSchema, epochMsSchema, jobIdSchema, jobKindSchema, rpcErrorSchema } from './common.ts';
import { downloadSummarySchema } from './download.ts';
import { optimiseJobSummarySchema } from './optimise.ts';

export const JOB_STATES = ['queued', 'running', 'finished', 'failed', 'cancelled'] as const;

export const jobProgressSchema = z.strictObject({
  jobId: jobIdSchema,
  kind: jobKindSchema,
  /** Units of work (candles, bars) done out of total; total 0 while unknown. */
  done: z.number().finite().nonnegative(),
  total: z.number().finite().nonnegative(),
  /** Estimated time left; null until the pace is known. */
  etaMs: durationMsSchema.nullable(),
  message: z.string(),
});

export const jobInfoSchema = z.strictObject({
  jobId: jobIdSchema,
  kind: jobKindSchema,
  state: z.enum(JOB_STATES),
  /** What the job does, for a list: "Download bybit linear BTCUSDT 1m". */
  title: z.string(),
  startedAt: epochMsSchema,
  finishedAt: epochMsSchema.nullable(),
  progress: jobProgressSchema.omit({ jobId: true, kind: true }).nullable(),
});

export const listJobsOutputSchema = z.strictObject({ jobs: z.array(jobInfoSchema) });

export const cancelJobInputSchema = z.strictObject({ jobId: jobIdSchema });
/** False when the job had already ended; an unknown id is a 'not-found' error. */
export const cancelJobOutputSchema = z.strictObject({ cancelled: z.boolean() });

export const jobFinishedSchema = z.union([
  z.strictObject({ jobId: jobIdSchema, kind: z.literal('download'), ok: z.literal(true), result: downloadSummarySchema }),
  z.strictObject({ jobId: jobIdSchema, kind: z.literal('backtest'), ok: z.literal(true), result: backtestSummarySchema }),
  z.strictObject({ jobId: jobIdSchema, kind: z.literal('optimise'), ok: z.literal(true), result: optimiseJobSummarySchema }),
  /** A cancelled job ends here too, with error code 'cancelled'. */
  z.strictObject({ jobId: jobIdSchema, kind: jobKindSchema, ok: z.literal(false), error: rpcErrorSchema }),
]);
