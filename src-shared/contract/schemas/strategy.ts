/** Strategy documents: checking one, the built-in templates, and the indicators a document can use. */
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

export const indicatorParamInfoSchema = z.strictObject({
  name: z.string(),
  default: z.number(),
  min: z.number(),
  max: z.number(),
  integer: z.boolean(),
  description: z.string(),
});

/** What an editor needs to offer an indicator: its parameters, outputs, source and chart pane. */
export const indicatorInfoSchema = z.strictObject({
  kind: z.string(),
  title: z.string(),
  params: z.array(indicatorParamInfoSchema),
  /** Output names; single-output indicators have exactly ['value']. */
  outputs: z.array(z.string()),
  /** The outputs a chart draws, in its pane (e.g. Bollinger without %B and bandwidth). */
  chartOutputs: z.array(z.string()),
  usesSource: z.boolean(),
  defaultSource: z.string(),
  /** Drawn over price, or in a pane of its own. */
  pane: z.enum(['price', 'own']),
});

export const listIndicatorsOutputSchema = z.strictObject({ indicators: z.array(indicatorInfoSchema) });
