/** What the core reports about itself: versions, where the data lives, and its state. */
import { z } from 'zod';
import { countSchema } from './common.ts';

export const systemInfoSchema = z.strictObject({
  engineVersion: z.string(),
  /** The folder holding candles.sqlite (userData, next to the portable exe, or --data). */
  dataDir: z.string(),
  cacheSizeBytes: countSchema,
});

export const CORE_STATES = ['starting', 'ready', 'stopping', 'stopped', 'crashed'] as const;

export const coreStatusSchema = z.strictObject({
  state: z.enum(CORE_STATES),
  /** A sentence for the status bar, e.g. why the core stopped. */
  message: z.string(),
  runningJobs: countSchema,
});
