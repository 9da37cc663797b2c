/**
 * The strategy language: a JSON document, validated by zod, that declares indicators, entry
 * and exit rules (rule trees and weighted confluence), risk exits, sizing and the parameters a
 * user may change or optimise. This file is the single source of truth for its shape; the
 * engine (src-engine/strategy) checks meaning (known indicators, references) and compiles it.
 */
import { z } from 'zod';

export const STRATEGY_FORMAT = 'bst.strategy/1';

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const name = (what: string) =>
  z.string().regex(NAME_PATTERN, {
    error: `${what} must start with a letter and contain only letters, digits, "_" or "-"`,
  });

const finite = z.number({ error: 'expected a number' }).finite();

/** A number written inline, or a reference to a declared parameter: `{"param": "fast"}`. */
export const paramRefSchema = z.strictObject({ param: name('a parameter name') });
export const numberRefSchema = z.union([finite, paramRefSchema], {
  error: 'expected a number or a parameter reference like {"param": "fast"}',
});
export type NumberRef = z.infer<typeof numberRefSchema>;

export const numericParameterSchema = z.strictObject({
  name: name('a parameter name'),
  default: finite,
  min: finite,
  max: finite,
  step: finite.positive({ error: 'step must be greater than 0' }).optional(),
  integer: z.boolean().optional(),
  description: z.string().optional(),
});
export const choiceParameterSchema = z.strictObject({
  name: name('a parameter name'),
  default: z.string(),
  options: z.array(z.string()).min(1, { error: 'a choice parameter needs at least one option' }),
  description: z.string().optional(),
});
export const parameterSchema = z.union([numericParameterSchema, choiceParameterSchema], {
  error: 'a parameter is either numeric {name, default, min, max, step?} or a choice {name, default, options}',
});
export type NumericParameter = z.infer<typeof numericParameterSchema>;
export type ChoiceParameter = z.infer<typeof choiceParameterSchema>;
export type StrategyParameter = z.infer<typeof parameterSchema>;

export const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'hl2', 'hlc3', 'ohlc4', 'volume'] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];
const priceFieldSchema = z.enum(PRICE_FIELDS, {
  error: `expected a price field: ${PRICE_FIELDS.join(', ')}`,
});

const indicatorOutputRefSchema = z.strictObject({
  indicator: name('an indicator id'),
  output: z.string().optional(),
});
export const sourceSchema = z.union([priceFieldSchema, indicatorOutputRefSchema], {
  error: `a source is a price field (${PRICE_FIELDS.join(', ')}) or {"indicator": id, "output"?: name}`,
});
export type SourceRef = z.infer<typeof sourceSchema>;

export const indicatorSpecSchema = z.strictObject({
  id: name('an indicator id'),
  kind: z.string().min(1),
  params: z.record(z.string(), numberRefSchema).optional(),
  source: sourceSchema.optional(),
});
export type IndicatorSpec = z.infer<typeof indicatorSpecSchema>;

const barsAgoSchema = z.union([z.number().int().min(0, { error: 'barsAgo must be 0 or more' }), paramRefSchema], {
  error: 'barsAgo must be a whole number of bars (0 or more) or a parameter reference',
});

export type Operand =
  | number
  | { param: string }
  | { price: PriceField; barsAgo?: number | { param: string } }
  | { indicator: string; output?: string; barsAgo?: number | { param: string } }
  | { add: [Operand, Operand] }
  | { sub: [Operand, Operand] }
  | { mul: [Operand, Operand] }
  | { div: [Operand, Operand] }
  | { abs: Operand };

export const operandSchema: z.ZodType<Operand> = z.lazy(() =>
  z.union(
    [
      finite,
      paramRefSchema,
      z.strictObject({ price: priceFieldSchema, barsAgo: barsAgoSchema.optional() }),
      z.strictObject({ indicator: name('an indicator id'), output: z.string().optional(), barsAgo: barsAgoSchema.optional() }),
      z.strictObject({ add: z.tuple([operandSchema, operandSchema]) }),
      z.strictObject({ sub: z.tuple([operandSchema, operandSchema]) }),
      z.strictObject({ mul: z.tuple([operandSchema, operandSchema]) }),
      z.strictObject({ div: z.tuple([operandSchema, operandSchema]) }),
      z.strictObject({ abs: operandSchema }),
    ],
    {
      error:
        'expected an operand: a number, {"param": name}, {"price": field, "barsAgo"?}, {"indicator": id, "output"?, "barsAgo"?}, {"add"|"sub"|"mul"|"div": [a, b]} or {"abs": a}',
    },
  ),
);

export const COMPARISON_OPS = ['>', '<', '>=', '<=', '==', '!='] as const;
export const CROSS_OPS = ['crossesAbove', 'crossesBelow'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type CrossOp = (typeof CROSS_OPS)[number];
const ruleOpSchema = z.enum([...COMPARISON_OPS, ...CROSS_OPS], {
  error: `op must be one of ${[...COMPARISON_OPS, ...CROSS_OPS].join(', ')}`,
});

export interface WeightedRule {
  weight: number | { param: string };
  rule: Rule;
  label?: string;
}

export type Rule =
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule }
  | { left: Operand; op: ComparisonOp | CrossOp; right: Operand }
  | { rising: Operand; bars: number | { param: string } }
  | { falling: Operand; bars: number | { param: string } }
  | {
      confluence: {
        gates?: Rule[];
        rules: WeightedRule[];
        minConfidence: number | { param: string };
      };
    };

const barsCountSchema = z.union([z.number().int().min(1, { error: 'bars must be 1 or more' }), paramRefSchema], {
  error: 'bars must be a whole number of bars (1 or more) or a parameter reference',
});

export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ all: z.array(ruleSchema).min(1, { error: '"all" needs at least one rule' }) }),
      z.strictObject({ any: z.array(ruleSchema).min(1, { error: '"any" needs at least one rule' }) }),
      z.strictObject({ not: ruleSchema }),
      z.strictObject({ left: operandSchema, op: ruleOpSchema, right: operandSchema }),
      z.strictObject({ rising: operandSchema, bars: barsCountSchema }),
      z.strictObject({ falling: operandSchema, bars: barsCountSchema }),
      z.strictObject({
        confluence: z.strictObject({
          gates: z.array(ruleSchema).optional(),
          rules: z
            .array(
              z.strictObject({
                weight: z.union([finite.positive({ error: 'a weight must be greater than 0' }), paramRefSchema]),
                rule: ruleSchema,
                label: z.string().optional(),
              }),
            )
            .min(1, { error: 'a confluence needs at least one weighted rule' }),
          minConfidence: z.union([finite.min(0).max(1, { error: 'minConfidence is a fraction from 0 to 1' }), paramRefSchema]),
        }),
      }),
    ],
    {
      error:
        'expected a rule: {"all": [...]}, {"any": [...]}, {"not": rule}, {"left", "op", "right"}, {"rising"|"falling": operand, "bars": n} or {"confluence": {...}}',
    },
  ),
);

const positiveRef = z.union([finite.positive({ error: 'must be greater than 0' }), paramRefSchema]);

/** A distance of 0 turns the exit off, so one template can run with and without it. */
const distanceRef = z.union([finite.min(0, { error: 'must be 0 (off) or more' }), paramRefSchema]);

/** Where a stop or target sits: percent of the fill price, ATR multiple, or an indicator's level. */
export const exitLevelSchema = z.union(
  [
    z.strictObject({ percent: distanceRef }),
    z.strictObject({ atr: distanceRef, period: positiveRef.optional() }),
    z.strictObject({ indicator: name('an indicator id'), output: z.string().optional() }),
  ],
  { error: 'expected {"percent": p}, {"atr": multiple, "period"?: n} or {"indicator": id, "output"?: name}' },
);
export type ExitLevel = z.infer<typeof exitLevelSchema>;

export const trailingStopSchema = z.union(
  [z.strictObject({ percent: distanceRef }), z.strictObject({ atr: distanceRef, period: positiveRef.optional() })],
  { error: 'expected {"percent": p} or {"atr": multiple, "period"?: n}' },
);

export type TrailingStopSpec = z.infer<typeof trailingStopSchema>;

export const riskSchema = z.strictObject({
  stopLoss: exitLevelSchema.optional(),
  takeProfit: exitLevelSchema.optional(),
  trailingStop: trailingStopSchema.optional(),
  breakEven: z.strictObject({ afterPercent: positiveRef, offsetPercent: numberRefSchema.optional() }).optional(),
  maxBarsInTrade: positiveRef.optional(),
});
export type RiskSpec = z.infer<typeof riskSchema>;

export const sizingSchema = z.union(
  [
    z.strictObject({ mode: z.literal('all-equity') }),
    z.strictObject({ mode: z.literal('percent-equity'), percent: positiveRef }),
    z.strictObject({ mode: z.literal('fixed-qty'), qty: positiveRef }),
    z.strictObject({ mode: z.literal('fixed-notional'), notional: positiveRef }),
    z.strictObject({ mode: z.literal('risk-percent'), percent: positiveRef }),
  ],
  {
    error:
      'sizing is {"mode": "all-equity"}, {"mode": "percent-equity", "percent"}, {"mode": "fixed-qty", "qty"}, {"mode": "fixed-notional", "notional"} or {"mode": "risk-percent", "percent"}',
  },
);
export type SizingSpec = z.infer<typeof sizingSchema>;

/**
 * How entries are placed: at market (default), or as a limit (better price) or stop (breakout)
 * order `offsetPercent` away from the signal bar's close, working for `validBars` bars.
 */
export const entryOrderSchema = z.union(
  [
    z.strictObject({ type: z.literal('market') }),
    z.strictObject({
      type: z.enum(['limit', 'stop']),
      offsetPercent: z.union([finite.min(0, { error: 'offsetPercent must be 0 or more' }), paramRefSchema]),
      validBars: positiveRef.optional(),
    }),
  ],
  { error: 'entryOrder is {"type": "market"} or {"type": "limit"|"stop", "offsetPercent": p, "validBars"?: n}' },
);
export type EntryOrderSpec = z.infer<typeof entryOrderSchema>;

export const DIRECTIONS = ['long', 'short', 'both'] as const;
export type Direction = (typeof DIRECTIONS)[number];

const sideRulesSchema = z.strictObject({ long: ruleSchema.optional(), short: ruleSchema.optional() });

export const strategySpecSchema = z.strictObject({
  format: z.literal(STRATEGY_FORMAT, { error: `format must be "${STRATEGY_FORMAT}"` }).optional(),
  name: z.string().min(1, { error: 'a strategy needs a name' }),
  description: z.string().optional(),
  parameters: z.array(parameterSchema).optional(),
  indicators: z.array(indicatorSpecSchema).optional(),
  direction: z.union([z.enum(DIRECTIONS), paramRefSchema], {
    error: 'direction must be "long", "short", "both" or a choice parameter reference',
  }),
  reverse: z.boolean().optional(),
  entry: sideRulesSchema,
  entryOrder: entryOrderSchema.optional(),
  exit: sideRulesSchema.optional(),
  risk: riskSchema.optional(),
  sizing: sizingSchema.optional(),
  leverage: z.union([finite.min(1, { error: 'leverage is from 1 to 125' }).max(125, { error: 'leverage is from 1 to 125' }), paramRefSchema]).optional(),
});
export type StrategySpec = z.infer<typeof strategySpecSchema>;
