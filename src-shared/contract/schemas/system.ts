/** What the core reports about itself: versions, where the data lives, and its state. */
import { z } from 'zod';
import { countSchema } from './common.ts';

export const systemInfoSchema = z.strictObject({
  engineVersion: z.string(),
  /** The folder holding candles.sqlite (userData, next to the portable exe, or --data). */
  dataDir: z.string(),
  /** The folder config.json names, which takes effect at the next start; null when none is set. */
  configuredDataDir: z.string().nullable(),
  cacheSizeBytes: countSchema,
});

export const setDataDirectoryInputSchema = z.strictObject({
  /** An absolute folder; created when missing. */
  path: z.string().min(1),
});

export const setDataDirectoryOutputSchema = z.strictObject({
  dataDir: z.string(),
  /** Always true: the core keeps the open database until the app starts again. */
  restartRequired: z.literal(true),
});

export const CORE_STATES = ['starting', 'ready', 'stopping', 'stopped', 'crashed'] as const;

export const coreStatusSchema = z.strictObject({
  state: z.enum(CORE_STATES),
  /** A sentence for the status bar, e.g. why the core stopped. */
  message: z.string(),
  runningJobs: countSchema,
});
