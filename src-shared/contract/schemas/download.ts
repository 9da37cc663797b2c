/** Downloads into the cache run as jobs: start returns at once, progress arrives as events. */
import { z } from 'zod';
import { seriesKeySchema } from '../../market.ts';
import { countSchema, durationMsSchema, epochMsSchema, jobIdSchema, orderedRange, timeRangeSchema } from './common.ts';

export const startDownloadInputSchema = orderedRange(
  z.strictObject({
    key: seriesKeySchema,
    from: epochMsSchema,
    /** Until now when omitted; the candle still forming is never stored. */
    to: epochMsSchema.optional(),
  }),
);

export const jobStartedSchema = z.strictObject({ jobId: jobIdSchema });

/** What a finished download reports (DownloadReport). */
export const downloadSummarySchema = z.strictObject({
  key: seriesKeySchema,
  window: timeRangeSchema,
  alreadyCached: countSchema,
  pagesFetched: countSchema,
  candlesWritten: countSchema,
  /** Bars the exchange did not have inside the fetched ranges (outages). */
  exchangeGaps: countSchema,
  requests: countSchema,
  retries: countSchema,
  elapsedMs: durationMsSchema,
});
