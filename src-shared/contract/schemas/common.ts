/**
 * Building blocks of the workstation contract. Everything is JSON-safe: times are epoch
 * milliseconds (numbers), never Date; bulk series are Float64Array columns, which structured
 * clone copies as raw bytes and the WebSocket codec sends as binary frames.
 */
import { z } from 'zod';
import { rpcErrorCodes } from '../rpc/errors.ts';

export const epochMsSchema = z.number().int({ error: 'expected a time in epoch milliseconds (a whole number)' });
export const durationMsSchema = z.number().finite().nonnegative();
export const countSchema = z.number().int().nonnegative();

/** An envelope error as data, e.g. inside job.finished. */
export const rpcErrorSchema = z.strictObject({
  code: z.enum(rpcErrorCodes),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** Half-open [from, to) in epoch ms, as the cache stores coverage. */
export const timeRangeSchema = z.strictObject({ from: epochMsSchema, to: epochMsSchema });

/** Methods without arguments take an empty object, so one can be added later without breaking callers. */
export const noInputSchema = z.strictObject({});

export const jobIdSchema = z.string().min(1, { error: 'a job id is required' });
export const JOB_KINDS = ['download', 'backtest', 'optimise'] as const;
export const jobKindSchema = z.enum(JOB_KINDS);

/** Parameter values by name, as `--param fast=12` gives them (text is checked against the declaration). */
export const parameterOverridesSchema = z.record(z.string(), z.union([z.number().finite(), z.string()]));

export const float64ColumnSchema = z.instanceof(Float64Array, { error: 'expected a Float64Array' });

/** One candle series as six equally long columns; time is the bar's open time in epoch ms. */
export const candleColumnsSchema = z
  .strictObject({
    time: float64ColumnSchema,
    open: float64ColumnSchema,
    high: float64ColumnSchema,
    low: float64ColumnSchema,
    close: float64ColumnSchema,
    volume: float64ColumnSchema,
  })
  .refine((c) => [c.open, c.high, c.low, c.close, c.volume].every((column) => column.length === c.time.length), {
    error: 'candle columns must all have the same length',
  });

export type CandleColumns = z.infer<typeof candleColumnsSchema>;

/** Checks from < to when both ends are given; the issue is reported at `to`. */
export function orderedRange<T extends z.ZodType<{ from?: number; to?: number }>>(schema: T): T {
  return schema.refine((range) => range.from === undefined || range.to === undefined || range.from < range.to, {
    error: 'to must be after from',
    path: ['to'],
  });
}
