/**
 * Turns a checked strategy spec and candles into what the simulator consumes: per-bar entry
 * and exit signals for each side, the indicator columns, and risk and sizing with every
 * parameter resolved. Every value at bar i depends only on bars 0..i (no look-ahead), and no
 * signal fires before every declared indicator has a value.
 */
import type { Direction, ExitLevel, IndicatorSpec, Rule, StrategySpec, TrailingStopSpec } from '../../src-shared/strategy/spec.ts';
import type { Candles } from '../candles.ts';
import { atr } from '../indicators/volatility.ts';
import { findIndicator } from '../indicators/registry.ts';
import { sourceSeries } from '../indicators/sources.ts';
import { firstFinite } from '../indicators/types.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import type { OperandContext } from './operands.ts';
import { numberOf, type ParameterOverrides, type ParameterValues } from './parameters.ts';
import { evaluateRule, type Mask, type MaskCache } from './rules.ts';
import { requireStrategy } from './validate.ts';

export interface ComputedIndicator {
  readonly id: string;
  readonly kind: string;
  readonly params: readonly number[];
  readonly outputs: Readonly<Record<string, Float64Array>>;
}

/** A stop or target distance from the fill price: percent of it, or an ATR multiple. */
export type ResolvedDistance =
  | { readonly type: 'percent'; readonly percent: number }
  | { readonly type: 'atr'; readonly multiple: number; readonly period: number; readonly atr: Float64Array };

/** A distance, or an absolute level read from an indicator at the signal bar. */
export type ResolvedExitLevel = ResolvedDistance | { readonly type: 'level'; readonly level: Float64Array };

export interface ResolvedRisk {
  readonly stopLoss?: ResolvedExitLevel;
  readonly takeProfit?: ResolvedExitLevel;
  readonly trailingStop?: ResolvedDistance;
  readonly breakEven?: { readonly afterPercent: number; readonly offsetPercent: number };
  readonly maxBarsInTrade?: number;
}

export type ResolvedSizing =
  | { readonly mode: 'all-equity' }
  | { readonly mode: 'percent-equity'; readonly percent: number }
  | { readonly mode: 'fixed-qty'; readonly qty: number }
  | { readonly mode: 'fixed-notional'; readonly notional: number }
  | { readonly mode: 'risk-percent'; readonly percent: number };

export type ResolvedEntryOrder =
  | { readonly type: 'market' }
  | { readonly type: 'limit' | 'stop'; readonly offsetPercent: number; readonly validBars: number };

export interface StrategySignals {
  readonly longEntry: Mask;
  readonly longExit: Mask;
  readonly shortEntry: Mask;
  readonly shortExit: Mask;
}

export interface CompiledStrategy {
  readonly name: string;
  readonly parameters: ParameterValues;
  readonly direction: Direction;
  readonly reverse: boolean;
  readonly signals: StrategySignals;
  readonly indicators: ReadonlyMap<string, ComputedIndicator>;
  /** First bar on which a decision can be made: every indicator and look-back has a value. */
  readonly warmupBars: number;
  readonly risk: ResolvedRisk;
  readonly sizing: ResolvedSizing;
  readonly entryOrder: ResolvedEntryOrder;
  readonly leverage: number;
}

/**
 * Indicator results keyed by kind, parameters and source, shared between compilations over the
 * same candles (a parameter sweep computes each distinct indicator once).
 */
export type IndicatorCache = Map<string, Float64Array[]>;

/** Wilder's classic ATR length, used when a stop names an ATR multiple without a period. */
const DEFAULT_ATR_PERIOD = 14;

export interface CompileOptions {
  readonly params?: ParameterOverrides;
  readonly cache?: IndicatorCache;
}

export function compileStrategy(document: unknown, candles: Candles, options: CompileOptions = {}): CompiledStrategy {
  const { spec, values } = requireStrategy(document, options.params);
  return compileChecked(spec, values, candles, options.cache);
}

/** For callers that already hold a checked spec and resolved values (sweeps, live overlays). */
export function compileChecked(spec: StrategySpec, values: ParameterValues, candles: Candles, cache?: IndicatorCache): CompiledStrategy {
  const n = candles.time.length;
  const indicators = computeIndicators(spec, values, candles, cache ?? new Map());
  let warmupBars = 0;
  for (const indicator of indicators.values()) {
    for (const series of Object.values(indicator.outputs)) warmupBars = Math.max(warmupBars, firstFinite(series));
  }
  const context: OperandContext = {
    candles,
    values,
    indicatorOutput: (id, output) => outputOf(indicators, id, output),
    noteWarmup: (bar) => {
      warmupBars = Math.max(warmupBars, bar);
    },
  };
  const direction = typeof spec.direction === 'string' ? spec.direction : (values[spec.direction.param] as Direction);
  const trades = (side: 'long' | 'short') => direction === side || direction === 'both';
  const masks: MaskCache = new Map();
  const evaluate = (rule: Rule | undefined, enabled: boolean): Mask =>
    rule !== undefined && enabled ? evaluateRule(rule, context, masks) : new Uint8Array(n);
  const signals: StrategySignals = {
    longEntry: evaluate(spec.entry.long, trades('long')),
    longExit: evaluate(spec.exit?.long, trades('long')),
    shortEntry: evaluate(spec.entry.short, trades('short')),
    shortExit: evaluate(spec.exit?.short, trades('short')),
  };
  const risk = resolveRisk(spec, values, candles, indicators, cache ?? new Map());
  for (const series of riskSeries(risk)) warmupBars = Math.max(warmupBars, firstFinite(series));
  warmupBars = Math.min(warmupBars, n);
  // Signals may share one mask (sma-cross's short entry is its long exit); the masks belong to
  // this compilation alone, so silencing the warm-up in place is safe and idempotent.
  for (const mask of Object.values(signals)) mask.fill(0, 0, warmupBars);
  return {
    name: spec.name,
    parameters: values,
    direction,
    reverse: spec.reverse ?? false,
    signals,
    indicators,
    warmupBars,
    risk,
    sizing: resolveSizing(spec, values),
    entryOrder: resolveEntryOrder(spec, values),
    leverage: spec.leverage === undefined ? 1 : numberOf(spec.leverage, values),
  };
}

function computeIndicators(
  spec: StrategySpec,
  values: ParameterValues,
  candles: Candles,
  cache: IndicatorCache,
): Map<string, ComputedIndicator> {
  const pending = new Map((spec.indicators ?? []).map((ind) => [ind.id, ind]));
  const done = new Map<string, ComputedIndicator>();
  const sourceKeys = new Map<string, string>();
  const compute = (ind: IndicatorSpec): void => {
    if (done.has(ind.id)) return;
    const definition = findIndicator(ind.kind) as IndicatorDefinition;
    const params = definition.params.map((p) => {
      const ref = ind.params?.[p.name];
      return ref === undefined ? p.default : numberOf(ref, values);
    });
    let source: Float64Array;
    let sourceKey: string;
    if (typeof ind.source === 'object') {
      const upstream = pending.get(ind.source.indicator) as IndicatorSpec;
      compute(upstream);
      source = outputOf(done, ind.source.indicator, ind.source.output);
      sourceKey = `${sourceKeys.get(upstream.id)}.${ind.source.output ?? 'value'}`;
    } else {
      const field = definition.usesSource ? (ind.source ?? definition.defaultSource) : 'close';
      source = sourceSeries(candles, field);
      sourceKey = field;
    }
    const key = `${definition.kind}(${params.join(',')})<-${definition.usesSource ? sourceKey : 'ohlcv'}`;
    sourceKeys.set(ind.id, key);
    let series = cache.get(key);
    if (series === undefined) {
      series = definition.batch({ candles, source }, params);
      cache.set(key, series);
    }
    const outputs: Record<string, Float64Array> = {};
    definition.outputs.forEach((name, o) => {
      outputs[name] = series[o];
    });
    done.set(ind.id, { id: ind.id, kind: definition.kind, params, outputs });
  };
  for (const ind of pending.values()) compute(ind);
  return done;
}

function outputOf(indicators: ReadonlyMap<string, ComputedIndicator>, id: string, output: string | undefined): Float64Array {
  const indicator = indicators.get(id) as ComputedIndicator;
  return output === undefined ? (Object.values(indicator.outputs)[0] as Float64Array) : indicator.outputs[output];
}

function cachedAtr(candles: Candles, period: number, cache: IndicatorCache): Float64Array {
  const key = `atr(${period})<-ohlcv`;
  let series = cache.get(key);
  if (series === undefined) {
    series = [atr(candles.high, candles.low, candles.close, period)];
    cache.set(key, series);
  }
  return series[0];
}

function resolveRisk(
  spec: StrategySpec,
  values: ParameterValues,
  candles: Candles,
  indicators: ReadonlyMap<string, ComputedIndicator>,
  cache: IndicatorCache,
): ResolvedRisk {
  const risk = spec.risk;
  if (risk === undefined) return {};
  const distance = (exit: TrailingStopSpec): ResolvedDistance | undefined => {
    if ('percent' in exit) {
      const percent = numberOf(exit.percent, values);
      return percent > 0 ? { type: 'percent', percent } : undefined;
    }
    const multiple = numberOf(exit.atr, values);
    const period = exit.period === undefined ? DEFAULT_ATR_PERIOD : numberOf(exit.period, values);
    return multiple > 0 ? { type: 'atr', multiple, period, atr: cachedAtr(candles, period, cache) } : undefined;
  };
  const level = (exit: ExitLevel | undefined): ResolvedExitLevel | undefined => {
    if (exit === undefined) return undefined;
    if ('indicator' in exit) return { type: 'level', level: outputOf(indicators, exit.indicator, exit.output) };
    return distance(exit);
  };
  return {
    stopLoss: level(risk.stopLoss),
    takeProfit: level(risk.takeProfit),
    trailingStop: risk.trailingStop === undefined ? undefined : distance(risk.trailingStop),
    breakEven:
      risk.breakEven === undefined
        ? undefined
        : {
            afterPercent: numberOf(risk.breakEven.afterPercent, values),
            offsetPercent: risk.breakEven.offsetPercent === undefined ? 0 : numberOf(risk.breakEven.offsetPercent, values),
          },
    maxBarsInTrade: risk.maxBarsInTrade === undefined ? undefined : numberOf(risk.maxBarsInTrade, values),
  };
}

function riskSeries(risk: ResolvedRisk): Float64Array[] {
  const out: Float64Array[] = [];
  for (const exit of [risk.stopLoss, risk.takeProfit, risk.trailingStop]) {
    if (exit?.type === 'atr') out.push(exit.atr);
    if (exit?.type === 'level') out.push(exit.level);
  }
  return out;
}

function resolveEntryOrder(spec: StrategySpec, values: ParameterValues): ResolvedEntryOrder {
  const order = spec.entryOrder;
  if (order === undefined || order.type === 'market') return { type: 'market' };
  return {
    type: order.type,
    offsetPercent: numberOf(order.offsetPercent, values),
    validBars: order.validBars === undefined ? 1 : numberOf(order.validBars, values),
  };
}

function resolveSizing(spec: StrategySpec, values: ParameterValues): ResolvedSizing {
  const sizing = spec.sizing ?? { mode: 'all-equity' };
  switch (sizing.mode) {
    case 'all-equity':
      return sizing;
    case 'percent-equity':
      return { mode: sizing.mode, percent: numberOf(sizing.percent, values) };
    case 'fixed-qty':
      return { mode: sizing.mode, qty: numberOf(sizing.qty, values) };
    case 'fixed-notional':
      return { mode: sizing.mode, notional: numberOf(sizing.notional, values) };
    case 'risk-percent':
      return { mode: sizing.mode, percent: numberOf(sizing.percent, values) };
  }
}
