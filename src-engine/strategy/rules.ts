/**
 * Rule trees evaluated over all bars at once into masks (1 = the rule holds at that bar's
 * close). A comparison with a missing value (warm-up, NaN) is false, including `!=`.
 */
import type { ComparisonOp, CrossOp, Rule } from '../../src-shared/strategy/spec.ts';
import { numberOf } from './parameters.ts';
import { type Column, evaluateOperand, type OperandContext } from './operands.ts';

export type Mask = Uint8Array;

/**
 * Masks already evaluated in this compilation, by the rule's JSON: strategies repeat rules
 * (sma-cross's short entry is its long exit), and each costs a pass over every bar. Masks in
 * it are shared, so nothing below ever writes into a mask it did not create.
 */
export type MaskCache = Map<string, Mask>;

export function evaluateRule(rule: Rule, context: OperandContext, cache: MaskCache = new Map()): Mask {
  const key = JSON.stringify(rule);
  let mask = cache.get(key);
  if (mask === undefined) {
    mask = evaluateUncached(rule, context, cache);
    cache.set(key, mask);
  }
  return mask;
}

function evaluateUncached(rule: Rule, context: OperandContext, cache: MaskCache): Mask {
  const n = context.candles.time.length;
  if ('all' in rule) return combine(rule.all.map((r) => evaluateRule(r, context, cache)), n, 'all');
  if ('any' in rule) return combine(rule.any.map((r) => evaluateRule(r, context, cache)), n, 'any');
  if ('not' in rule) {
    const inner = evaluateRule(rule.not, context, cache);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = inner[i] ^ 1;
    return out;
  }
  if ('left' in rule) return compare(evaluateOperand(rule.left, context), rule.op, evaluateOperand(rule.right, context), n);
  if ('rising' in rule) return trend(evaluateOperand(rule.rising, context), numberOf(rule.bars, context.values), 1, n);
  if ('falling' in rule) return trend(evaluateOperand(rule.falling, context), numberOf(rule.bars, context.values), -1, n);
  return confluence(rule.confluence, context, n, cache);
}

function combine(masks: Mask[], n: number, how: 'all' | 'any'): Mask {
  const out = masks[0].slice();
  for (let m = 1; m < masks.length; m++) {
    const other = masks[m];
    if (how === 'all') for (let i = 0; i < n; i++) out[i] &= other[i];
    else for (let i = 0; i < n; i++) out[i] |= other[i];
  }
  return out;
}

type Op = ComparisonOp | CrossOp;

/** The operator that gives the same answer with its operands swapped. */
const MIRRORED: Record<Op, Op> = {
  '>': '<',
  '<': '>',
  '>=': '<=',
  '<=': '>=',
  '==': '==',
  '!=': '!=',
  crossesAbove: 'crossesBelow',
  crossesBelow: 'crossesAbove',
};

function compare(a: Column, op: Op, b: Column, n: number): Mask {
  if (a.kind === 'series' && b.kind === 'series') return compareSeries(a.values, a.lag, op, b.values, b.lag, n);
  if (a.kind === 'series' && b.kind === 'constant') return compareToConstant(a.values, a.lag, op, b.value, n);
  if (a.kind === 'constant' && b.kind === 'series') return compareToConstant(b.values, b.lag, MIRRORED[op], a.value, n);
  const x = (a as { value: number }).value;
  const y = (b as { value: number }).value;
  return new Uint8Array(n).fill(compareToConstant(Float64Array.of(x), 0, op, y, 1)[0]);
}

/**
 * One tight loop per operator. Bars before both columns have history stay 0; NaN compares
 * false by IEEE rules, and `!=` checks for NaN explicitly because NaN !== NaN is true.
 * Results are written as `+(x > y)`, not `x > y ? 1 : 0`: on market data the outcome is
 * unpredictable, and the branch-free form measured three times faster.
 */
function compareSeries(av: Float64Array, la: number, op: Op, bv: Float64Array, lb: number, n: number): Mask {
  const out = new Uint8Array(n);
  const start = Math.max(la, lb);
  switch (op) {
    case '>':
      for (let i = start; i < n; i++) out[i] = +(av[i - la] > bv[i - lb]);
      break;
    case '<':
      for (let i = start; i < n; i++) out[i] = +(av[i - la] < bv[i - lb]);
      break;
    case '>=':
      for (let i = start; i < n; i++) out[i] = +(av[i - la] >= bv[i - lb]);
      break;
    case '<=':
      for (let i = start; i < n; i++) out[i] = +(av[i - la] <= bv[i - lb]);
      break;
    case '==':
      for (let i = start; i < n; i++) out[i] = +(av[i - la] === bv[i - lb]);
      break;
    case '!=':
      for (let i = start; i < n; i++) {
        const x = av[i - la];
        const y = bv[i - lb];
        out[i] = +(x === x) & +(y === y) & +(x !== y);
      }
      break;
    case 'crossesAbove':
      for (let i = start + 1; i < n; i++) out[i] = +(av[i - 1 - la] < bv[i - 1 - lb]) & +(av[i - la] > bv[i - lb]);
      break;
    case 'crossesBelow':
      for (let i = start + 1; i < n; i++) out[i] = +(av[i - 1 - la] > bv[i - 1 - lb]) & +(av[i - la] < bv[i - lb]);
      break;
  }
  return out;
}

function compareToConstant(av: Float64Array, la: number, op: Op, c: number, n: number): Mask {
  const out = new Uint8Array(n);
  if (c !== c) return out;
  switch (op) {
    case '>':
      for (let i = la; i < n; i++) out[i] = +(av[i - la] > c);
      break;
    case '<':
      for (let i = la; i < n; i++) out[i] = +(av[i - la] < c);
      break;
    case '>=':
      for (let i = la; i < n; i++) out[i] = +(av[i - la] >= c);
      break;
    case '<=':
      for (let i = la; i < n; i++) out[i] = +(av[i - la] <= c);
      break;
    case '==':
      for (let i = la; i < n; i++) out[i] = +(av[i - la] === c);
      break;
    case '!=':
      for (let i = la; i < n; i++) {
        const x = av[i - la];
        out[i] = +(x === x) & +(x !== c);
      }
      break;
    case 'crossesAbove':
      for (let i = la + 1; i < n; i++) out[i] = +(av[i - 1 - la] < c) & +(av[i - la] > c);
      break;
    case 'crossesBelow':
      for (let i = la + 1; i < n; i++) out[i] = +(av[i - 1 - la] > c) & +(av[i - la] < c);
      break;
  }
  return out;
}

/** TradingView's rising/falling: the value is beyond every one of the previous `bars` values. */
function trend(a: Column, bars: number, sign: 1 | -1, n: number): Mask {
  const out = new Uint8Array(n);
  if (a.kind === 'constant') return out;
  const av = a.values;
  const la = a.lag;
  for (let i = bars + la; i < n; i++) {
    const now = av[i - la];
    let holds = now === now;
    for (let k = 1; k <= bars && holds; k++) {
      const before = av[i - la - k];
      holds = sign > 0 ? now > before : now < before;
    }
    out[i] = holds ? 1 : 0;
  }
  return out;
}

function confluence(spec: Extract<Rule, { confluence: unknown }>['confluence'], context: OperandContext, n: number, cache: MaskCache): Mask {
  const score = new Float64Array(n);
  let total = 0;
  for (const weighted of spec.rules) {
    const weight = numberOf(weighted.weight, context.values);
    const mask = evaluateRule(weighted.rule, context, cache);
    total += weight;
    for (let i = 0; i < n; i++) score[i] += weight * mask[i];
  }
  const minimum = numberOf(spec.minConfidence, context.values);
  const gates = spec.gates !== undefined && spec.gates.length > 0 ? combine(spec.gates.map((g) => evaluateRule(g, context, cache)), n, 'all') : null;
  const out = new Uint8Array(n);
  // Weights such as 0.8 + 1.1 + ... do not sum exactly in binary; without the tolerance a
  // confidence of exactly the minimum could fail by one ulp.
  const threshold = minimum * total - 1e-12 * total;
  for (let i = 0; i < n; i++) out[i] = +(score[i] >= threshold);
  if (gates !== null) for (let i = 0; i < n; i++) out[i] &= gates[i];
  return out;
}
