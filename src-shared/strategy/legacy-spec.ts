/**
 * The older flat strategy format that traders bring from the previous tool: per side, a list
 * of `{indicator, operator, value, logic}` conditions over indicator column names such as
 * `SMA_20` or `MACD_Signal`, plus percent take-profit and stop-loss.
 */
import { z } from 'zod';

export const LEGACY_OPERATORS = [
  '>',
  '<',
  '>=',
  '<=',
  '==',
  '!=',
  'crosses_above',
  'crosses_below',
  'cross_above',
  'cross_below',
] as const;

export const legacyConditionSchema = z.object({
  indicator: z.string().min(1, { error: 'indicator must name a column such as RSI_14 or close' }),
  operator: z.enum(LEGACY_OPERATORS, { error: `operator must be one of ${LEGACY_OPERATORS.join(', ')}` }),
  value: z.union([z.number().finite(), z.string().min(1)], { error: 'value must be a number or a column name' }),
  logic: z.enum(['AND', 'OR', 'and', 'or'], { error: 'logic must be AND or OR' }).optional(),
});
export type LegacyCondition = z.infer<typeof legacyConditionSchema>;

const sideConditions = z.object({
  long: z.array(legacyConditionSchema).optional(),
  short: z.array(legacyConditionSchema).optional(),
});

export const legacyStrategySchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  entry_conditions: sideConditions,
  exit_conditions: sideConditions.optional(),
  take_profit: z.number().finite().min(0, { error: 'take_profit is a percent, 0 or more' }).optional(),
  stop_loss: z.number().finite().min(0, { error: 'stop_loss is a percent, 0 or more' }).optional(),
});
export type LegacyStrategy = z.infer<typeof legacyStrategySchema>;
