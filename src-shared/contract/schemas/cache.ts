/** The candle cache: what it holds, reading a series as columns, deleting, importing files. */
import { z } from 'zod';
import { marketSchema, seriesKeySchema } from '../../market.ts';
import { candleColumnsSchema, countSchema, epochMsSchema, orderedRange, timeRangeSchema } from './common.ts';
import { uploadedFilesSchema } from './upload.ts';

export const seriesInventorySchema = z.strictObject({
  key: seriesKeySchema,
  /** Open time of the first and last stored candle; null when only empty ranges were fetched. */
  first: epochMsSchema.nullable(),
  last: epochMsSchema.nullable(),
  count: countSchema,
  /** Bars a complete series holds from first to last inclusive. */
  expected: countSchema,
  coverage: z.array(timeRangeSchema),
  /** Downloaded, yet the exchange had no candle (outages, halts). */
  gaps: z.array(timeRangeSchema),
  /** Never downloaded. */
  uncovered: z.array(timeRangeSchema),
  sizeBytes: countSchema,
});

export const inventoryOutputSchema = z.strictObject({ series: z.array(seriesInventorySchema) });

export const readCandlesInputSchema = orderedRange(
  z.strictObject({
    key: seriesKeySchema,
    /** Bars with open time in [from, to); open-ended when omitted. */
    from: epochMsSchema.optional(),
    to: epochMsSchema.optional(),
  }),
);

export const readCandlesOutputSchema = z.strictObject({ key: seriesKeySchema, columns: candleColumnsSchema });

export const deleteSeriesInputSchema = z.strictObject({ key: seriesKeySchema });
export const deleteSeriesOutputSchema = z.strictObject({ deleted: z.boolean() });

export const importInputSchema = z.strictObject({
  /**
   * The files' contents, uploaded: the core cannot read a browser's files, and a sandboxed
   * page cannot name their paths. Generic OHLCV CSVs, Binance kline CSVs, Binance Vision .zip
   * archives, and a `.CHECKSUM` uploaded with its archive, which is then verified.
   */
  files: uploadedFilesSchema,
  /** The series every file goes to; by default taken from each Binance Vision file name. */
  target: z.union([seriesKeySchema, z.literal('infer')]).optional(),
  /** With an inferred target: the market, which an uploaded Binance Vision name does not tell. */
  market: marketSchema.optional(),
});

export const importedFileSchema = z.strictObject({
  file: z.string(),
  key: seriesKeySchema,
  format: z.enum(['generic', 'binance']),
  candles: countSchema,
  /** The coverage recorded: [first open, last open + one bar). */
  from: epochMsSchema,
  to: epochMsSchema,
  checksumVerified: z.boolean(),
});

export const importOutputSchema = z.strictObject({ files: z.array(importedFileSchema), candles: countSchema });
