/**
 * Operands of rules evaluated over all bars at once. A value is either a constant or a column
 * read `lag` bars back; lags are applied by index arithmetic instead of shifted copies.
 */
import type { Operand } from '../../src-shared/strategy/spec.ts';
import type { Candles } from '../candles.ts';
import { sourceSeries } from '../indicators/sources.ts';
import { firstFinite } from '../indicators/types.ts';
import { numberOf, type ParameterValues } from './parameters.ts';

export interface Column {
  /** A single value when `constant`; otherwise one value per bar. */
  readonly values: Float64Array;
  readonly constant: boolean;
  /** Bars back: the value at bar i is values[i - lag] (NaN before the series has that history). */
  readonly lag: number;
}

export function valueAt(column: Column, bar: number): number {
  if (column.constant) return column.values[0];
  const index = bar - column.lag;
  return index >= 0 ? column.values[index] : Number.NaN;
}

export interface OperandContext {
  readonly candles: Candles;
  readonly values: ParameterValues;
  indicatorOutput(id: string, output: string | undefined): Float64Array;
  /** Told the first bar each referenced column has a value, so signals start only then. */
  noteWarmup(firstBar: number): void;
}

export function evaluateOperand(operand: Operand, context: OperandContext): Column {
  if (typeof operand === 'number') return constant(operand);
  if ('param' in operand) return constant(numberOf(operand, context.values));
  if ('price' in operand) return series(sourceSeries(context.candles, operand.price), lagOf(operand.barsAgo, context), context);
  if ('indicator' in operand) {
    return series(context.indicatorOutput(operand.indicator, operand.output), lagOf(operand.barsAgo, context), context);
  }
  if ('abs' in operand) return map1(evaluateOperand(operand.abs, context), Math.abs, context);
  if ('add' in operand) return map2(operand.add, (a, b) => a + b, context);
  if ('sub' in operand) return map2(operand.sub, (a, b) => a - b, context);
  if ('mul' in operand) return map2(operand.mul, (a, b) => a * b, context);
  return map2(operand.div, (a, b) => a / b, context);
}

function lagOf(barsAgo: number | { param: string } | undefined, context: OperandContext): number {
  return barsAgo === undefined ? 0 : numberOf(barsAgo, context.values);
}

function constant(value: number): Column {
  return { values: Float64Array.of(value), constant: true, lag: 0 };
}

function series(values: Float64Array, lag: number, context: OperandContext): Column {
  context.noteWarmup(firstFinite(values) + lag);
  return { values, constant: false, lag };
}

function map1(a: Column, f: (x: number) => number, context: OperandContext): Column {
  if (a.constant) return constant(f(a.values[0]));
  const n = context.candles.time.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(valueAt(a, i));
  return { values: out, constant: false, lag: 0 };
}

function map2(args: readonly [Operand, Operand], f: (x: number, y: number) => number, context: OperandContext): Column {
  const a = evaluateOperand(args[0], context);
  const b = evaluateOperand(args[1], context);
  if (a.constant && b.constant) return constant(f(a.values[0], b.values[0]));
  const n = context.candles.time.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(valueAt(a, i), valueAt(b, i));
  return { values: out, constant: false, lag: 0 };
}
