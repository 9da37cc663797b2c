/**
 * Converts the older flat strategy format into the strategy language.
 *
 * Conditions are combined in list order, each joined to everything before it by its own
 * `logic` (the first condition's is ignored): [A, B OR, C AND] means ((A or B) and C). That is
 * how the older tool evaluated its lists; the converted rule tree makes the grouping visible.
 * Column names map to indicators: `RSI_14` -> rsi(14), `SMA_20` -> sma(20), `MACD_Signal` ->
 * macd(12,26,9).signal, `BB_Upper` -> bb(20,2).upper, trailing numbers override defaults.
 */
import { type SpecIssue, issuesFromZod } from '../../src-shared/strategy/issues.ts';
import { type LegacyCondition, type LegacyStrategy, legacyStrategySchema } from '../../src-shared/strategy/legacy-spec.ts';
import { type IndicatorSpec, type Operand, PRICE_FIELDS, type PriceField, type Rule, STRATEGY_FORMAT, type StrategySpec } from '../../src-shared/strategy/spec.ts';
import { findIndicator } from '../indicators/registry.ts';
import { StrategyError } from './validate.ts';

/** Column-name stems that name one output of a multi-output indicator. */
const OUTPUT_ALIASES: Readonly<Record<string, { kind: string; output: string }>> = {
  macd: { kind: 'macd', output: 'macd' },
  macd_line: { kind: 'macd', output: 'macd' },
  macd_signal: { kind: 'macd', output: 'signal' },
  macd_hist: { kind: 'macd', output: 'histogram' },
  macd_histogram: { kind: 'macd', output: 'histogram' },
  bb_upper: { kind: 'bb', output: 'upper' },
  bb_middle: { kind: 'bb', output: 'middle' },
  bb_mid: { kind: 'bb', output: 'middle' },
  bb_lower: { kind: 'bb', output: 'lower' },
  bb_width: { kind: 'bb', output: 'bandwidth' },
  bb_percent: { kind: 'bb', output: 'percentB' },
  stoch_k: { kind: 'stoch', output: 'k' },
  stoch_d: { kind: 'stoch', output: 'd' },
  stochrsi_k: { kind: 'stochrsi', output: 'k' },
  stochrsi_d: { kind: 'stochrsi', output: 'd' },
  adx: { kind: 'adx', output: 'adx' },
  plus_di: { kind: 'adx', output: 'plusDi' },
  minus_di: { kind: 'adx', output: 'minusDi' },
  di_plus: { kind: 'adx', output: 'plusDi' },
  di_minus: { kind: 'adx', output: 'minusDi' },
  supertrend: { kind: 'supertrend', output: 'value' },
  supertrend_direction: { kind: 'supertrend', output: 'direction' },
  psar: { kind: 'psar', output: 'value' },
  donchian_upper: { kind: 'donchian', output: 'upper' },
  donchian_lower: { kind: 'donchian', output: 'lower' },
  keltner_upper: { kind: 'keltner', output: 'upper' },
  keltner_lower: { kind: 'keltner', output: 'lower' },
  volume_sma: { kind: 'volsma', output: 'value' },
  vol_sma: { kind: 'volsma', output: 'value' },
};

export function isLegacyStrategy(document: unknown): boolean {
  return typeof document === 'object' && document !== null && 'entry_conditions' in document;
}

export function importLegacyStrategy(document: unknown): StrategySpec {
  const parsed = legacyStrategySchema.safeParse(document);
  if (!parsed.success) throw new StrategyError(issuesFromZod(parsed.error, document));
  return new LegacyConverter().convert(parsed.data);
}

class LegacyConverter {
  private readonly indicators = new Map<string, IndicatorSpec>();
  private readonly issues: SpecIssue[] = [];

  convert(legacy: LegacyStrategy): StrategySpec {
    const entryLong = this.rule(legacy.entry_conditions.long, 'entry_conditions.long');
    const entryShort = this.rule(legacy.entry_conditions.short, 'entry_conditions.short');
    const exitLong = this.rule(legacy.exit_conditions?.long, 'exit_conditions.long');
    const exitShort = this.rule(legacy.exit_conditions?.short, 'exit_conditions.short');
    if (entryLong === undefined && entryShort === undefined) {
      this.issues.push({ path: 'entry_conditions', message: 'no entry conditions for either side' });
    }
    if (this.issues.length > 0) throw new StrategyError(this.issues);
    const risk: NonNullable<StrategySpec['risk']> = {};
    if (legacy.stop_loss !== undefined && legacy.stop_loss > 0) risk.stopLoss = { percent: legacy.stop_loss };
    if (legacy.take_profit !== undefined && legacy.take_profit > 0) risk.takeProfit = { percent: legacy.take_profit };
    return {
      format: STRATEGY_FORMAT,
      name: legacy.name ?? 'imported strategy',
      description: legacy.description ?? 'Imported from the older flat format.',
      indicators: [...this.indicators.values()],
      direction: entryLong !== undefined && entryShort !== undefined ? 'both' : entryLong !== undefined ? 'long' : 'short',
      reverse: false,
      entry: { long: entryLong, short: entryShort },
      exit: { long: exitLong, short: exitShort },
      risk,
      sizing: { mode: 'all-equity' },
    };
  }

  private rule(conditions: readonly LegacyCondition[] | undefined, path: string): Rule | undefined {
    if (conditions === undefined || conditions.length === 0) return undefined;
    let combined: Rule = this.condition(conditions[0], `${path}[0]`);
    conditions.slice(1).forEach((condition, k) => {
      const next = this.condition(condition, `${path}[${k + 1}]`);
      const joiner = (condition.logic ?? 'AND').toUpperCase() === 'OR' ? 'any' : 'all';
      combined =
        joiner === 'all'
          ? { all: 'all' in combined ? [...combined.all, next] : [combined, next] }
          : { any: 'any' in combined ? [...combined.any, next] : [combined, next] };
    });
    return combined;
  }

  private condition(condition: LegacyCondition, path: string): Rule {
    const left = this.operand(condition.indicator, `${path}.indicator`);
    const right = typeof condition.value === 'number' ? condition.value : this.operand(condition.value, `${path}.value`);
    const op = condition.operator;
    if (op === 'crosses_above' || op === 'cross_above') return { left, op: 'crossesAbove', right };
    if (op === 'crosses_below' || op === 'cross_below') return { left, op: 'crossesBelow', right };
    return { left, op, right };
  }

  /** A column name as an operand: a price field, or an indicator output (declared on first use). */
  private operand(column: string, path: string): Operand {
    const name = column.trim();
    const lower = name.toLowerCase();
    if ((PRICE_FIELDS as readonly string[]).includes(lower)) return { price: lower as PriceField };
    const parts = lower.split('_');
    for (let cut = parts.length; cut >= 1; cut--) {
      const stem = parts.slice(0, cut).join('_');
      const numbers = parts.slice(cut);
      if (!numbers.every((part) => /^\d+(\.\d+)?$/.test(part))) continue;
      const alias = OUTPUT_ALIASES[stem];
      const kind = alias?.kind ?? stem;
      const definition = findIndicator(kind);
      if (definition === undefined) continue;
      if (numbers.length > definition.params.length) break;
      const params = definition.params.map((p, i) => (i < numbers.length ? Number(numbers[i]) : p.default));
      const id = [definition.kind, ...params].join('_').replace(/\./g, 'p');
      if (!this.indicators.has(id)) {
        this.indicators.set(id, {
          id,
          kind: definition.kind,
          params: Object.fromEntries(definition.params.map((p, i) => [p.name, params[i]])),
        });
      }
      const output = alias?.output ?? definition.outputs[0];
      return definition.outputs.length === 1 ? { indicator: id } : { indicator: id, output };
    }
    this.issues.push({
      path,
      message: `unknown column "${name}"; expected a price field (${PRICE_FIELDS.join(', ')}) or an indicator column such as SMA_20, RSI_14, MACD_Signal, BB_Upper`,
    });
    return 0;
  }
}
