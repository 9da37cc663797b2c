/**
 * Operands of rules evaluated over all bars at once. An operand is a constant, or a column
 * read `lag` bars back (lags are index offsets, not shifted copies). Constants stay scalars:
 * filling a million-bar column for every `30` or `0` in a rule measured as a large part of
 * evaluating a strategy.
 */
import type { Operand } from '../../src-shared/strategy/spec.ts';
import type { Candles } from '../candles.ts';
import { sourceSeries } from '../indicators/sources.ts';
import { firstFinite } from '../indicators/types.ts';
import { numberOf, type ParameterValues } from './parameters.ts';

export type Column =
  | { readonly kind: 'constant'; readonly value: number }
  /** The operand's value at bar i is values[i - lag]. */
  | { readonly kind: 'series'; readonly values: Float64Array; readonly lag: number };

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
  if ('price' in operand) return series(sourceSeries(context.candles, operand.price), operand.barsAgo, context);
  if ('indicator' in operand) return series(context.indicatorOutput(operand.indicator, operand.output), operand.barsAgo, context);
  if ('abs' in operand) return absolute(evaluateOperand(operand.abs, context), context);
  if ('add' in operand) return arithmetic('add', operand.add, context);
  if ('sub' in operand) return arithmetic('sub', operand.sub, context);
  if ('mul' in operand) return arithmetic('mul', operand.mul, context);
  return arithmetic('div', operand.div, context);
}

function constant(value: number): Column {
  return { kind: 'constant', value };
}

function series(values: Float64Array, barsAgo: number | { param: string } | undefined, context: OperandContext): Column {
  const lag = barsAgo === undefined ? 0 : numberOf(barsAgo, context.values);
  context.noteWarmup(firstFinite(values) + lag);
  return { kind: 'series', values, lag };
}

/** A series as its values and lag; a constant as a filled column (arithmetic only, which is rare). */
function asSeries(column: Column, n: number): { values: Float64Array; lag: number } {
  return column.kind === 'series' ? column : { values: new Float64Array(n).fill(column.value), lag: 0 };
}

function absolute(a: Column, context: OperandContext): Column {
  if (a.kind === 'constant') return constant(Math.abs(a.value));
  const n = context.candles.time.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const av = a.values;
  const la = a.lag;
  for (let i = la; i < n; i++) out[i] = Math.abs(av[i - la]);
  return { kind: 'series', values: out, lag: 0 };
}

type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div';

function arithmetic(op: ArithmeticOp, args: readonly [Operand, Operand], context: OperandContext): Column {
  const left = evaluateOperand(args[0], context);
  const right = evaluateOperand(args[1], context);
  if (left.kind === 'constant' && right.kind === 'constant') return constant(apply(op, left.value, right.value));
  const n = context.candles.time.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const { values: av, lag: la } = asSeries(left, n);
  const { values: bv, lag: lb } = asSeries(right, n);
  const start = Math.max(la, lb);
  switch (op) {
    case 'add':
      for (let i = start; i < n; i++) out[i] = av[i - la] + bv[i - lb];
      break;
    case 'sub':
      for (let i = start; i < n; i++) out[i] = av[i - la] - bv[i - lb];
      break;
    case 'mul':
      for (let i = start; i < n; i++) out[i] = av[i - la] * bv[i - lb];
      break;
    case 'div':
      for (let i = start; i < n; i++) out[i] = av[i - la] / bv[i - lb];
      break;
  }
  return { kind: 'series', values: out, lag: 0 };
}

function apply(op: ArithmeticOp, x: number, y: number): number {
  switch (op) {
    case 'add':
      return x + y;
    case 'sub':
      return x - y;
    case 'mul':
      return x * y;
    case 'div':
      return x / y;
  }
}
