/** Strategy documents: checking one, and the built-in templates. */
import { z } from 'zod';
import { parameterSchema, strategySpecSchema } from '../../strategy/spec.ts';
import { parameterOverridesSchema } from './common.ts';

export const specIssueSchema = z.strictObject({ path: z.string(), message: z.string() });

export const templateInfoSchema = z.strictObject({
  name: z.string(),
  description: z.string().nullable(),
  parameters: z.array(parameterSchema),
  spec: strategySpecSchema,
});

export const listTemplatesOutputSchema = z.strictObject({ templates: z.array(templateInfoSchema) });

export const validateStrategyInputSchema = z.strictObject({
  /** Any JSON document: the strategy language or the older flat format (converted first). */
  document: z.unknown(),
  overrides: parameterOverridesSchema.optional(),
});

export const validateStrategyOutputSchema = z.strictObject({
  /** Empty when the strategy can run. */
  issues: z.array(specIssueSchema),
  /** The document was in the older flat format and was checked as converted. */
  legacyFormat: z.boolean(),
  /** Every declared parameter's value after overrides; null when there are issues. */
  parameterValues: z.record(z.string(), z.union([z.number(), z.string()])).nullable(),
});
