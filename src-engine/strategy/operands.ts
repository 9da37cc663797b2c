/**
 * Operands of rules evaluated over all bars at once. Every operand becomes a column read `lag`
 * bars back (lags are index offsets, not shifted copies); a constant is a filled column, so
 * the comparison loops stay branch-free and monomorphic.
 */
import type { Operand } from '../../src-shared/strategy/spec.ts';
import type { Candles } from '../candles.ts';
import { sourceSeries } from '../indicators/sources.ts';
import { firstFinite } from '../indicators/types.ts';
import { numberOf, type ParameterValues } from './parameters.ts';

export interface Column {
  /** One value per bar; the operand's value at bar i is values[i - lag]. */
  readonly values: Float64Array;
  readonly lag: number;
  /** Set when every bar has this same value (lets arithmetic fold constants). */
  readonly constant?: number;
}

export interface OperandContext {
  readonly candles: Candles;
  readonly values: ParameterValues;
  indicatorOutput(id: string, output: string | undefined): Float64Array;
  /** Told the first bar each referenced column has a value, so signals start only then. */
  noteWarmup(firstBar: number): void;
}

export function evaluateOperand(operand: Operand, context: OperandContext): Column {
  if (typeof operand === 'number') return constant(operand, context);
  if ('param' in operand) return constant(numberOf(operand, context.values), context);
  if ('price' in operand) return series(sourceSeries(context.candles, operand.price), operand.barsAgo, context);
  if ('indicator' in operand) return series(context.indicatorOutput(operand.indicator, operand.output), operand.barsAgo, context);
  if ('abs' in operand) return absolute(evaluateOperand(operand.abs, context), context);
  if ('add' in operand) return arithmetic('add', operand.add, context);
  if ('sub' in operand) return arithmetic('sub', operand.sub, context);
  if ('mul' in operand) return arithmetic('mul', operand.mul, context);
  return arithmetic('div', operand.div, context);
}

function constant(value: number, context: OperandContext): Column {
  return { values: new Float64Array(context.candles.time.length).fill(value), lag: 0, constant: value };
}

function series(values: Float64Array, barsAgo: number | { param: string } | undefined, context: OperandContext): Column {
  const lag = barsAgo === undefined ? 0 : numberOf(barsAgo, context.values);
  context.noteWarmup(firstFinite(values) + lag);
  return { values, lag };
}

function absolute(a: Column, context: OperandContext): Column {
  if (a.constant !== undefined) return constant(Math.abs(a.constant), context);
  const n = context.candles.time.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const av = a.values;
  const la = a.lag;
  for (let i = la; i < n; i++) out[i] = Math.abs(av[i - la]);
  return { values: out, lag: 0 };
}

type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div';

function arithmetic(op: ArithmeticOp, args: readonly [Operand, Operand], context: OperandContext): Column {
  const a = evaluateOperand(args[0], context);
  const b = evaluateOperand(args[1], context);
  if (a.constant !== undefined && b.constant !== undefined) return constant(apply(op, a.constant, b.constant), context);
  const n = context.candles.time.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const av = a.values;
  const bv = b.values;
  const la = a.lag;
  const lb = b.lag;
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
  return { values: out, lag: 0 };
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
