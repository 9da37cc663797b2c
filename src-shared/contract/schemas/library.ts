/** Saved strategies: listing, saving (checked first), fetching and deleting them. */
import { z } from 'zod';
import { strategySpecSchema } from '../../strategy/spec.ts';
import { epochMsSchema } from './common.ts';

export const strategyIdSchema = z.string().min(1, { error: 'a strategy id is required' });

export const savedStrategyInfoSchema = z.strictObject({
  id: strategyIdSchema,
  name: z.string(),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});

export const listStrategiesOutputSchema = z.strictObject({ strategies: z.array(savedStrategyInfoSchema) });

export const saveStrategyInputSchema = z.strictObject({
  /** Absent: a new strategy. Present: replaces that saved strategy ('not-found' when there is none). */
  id: strategyIdSchema.optional(),
  /** Any JSON document; the core checks it (the older flat format is converted) and refuses it with code 'strategy' and the issues. */
  spec: z.unknown(),
});

export const saveStrategyOutputSchema = savedStrategyInfoSchema.pick({ id: true, name: true, updatedAt: true });

export const strategyByIdSchema = z.strictObject({ id: strategyIdSchema });

export const savedStrategySchema = savedStrategyInfoSchema.extend({ spec: strategySpecSchema });

/** False when there was nothing to delete, so deleting twice is harmless. */
export const deletedOutputSchema = z.strictObject({ deleted: z.boolean() });
