/**
 * Rule trees evaluated over all bars at once into masks (1 = the rule holds at that bar's
 * close). A comparison with a missing value (warm-up, NaN) is false, including `!=`.
 */
import type { ComparisonOp, CrossOp, Rule } from '../../src-shared/strategy/spec.ts';
import { numberOf } from './parameters.ts';
import { type Column, evaluateOperand, type OperandContext } from './operands.ts';

export type Mask = Uint8Array;

export function evaluateRule(rule: Rule, context: OperandContext): Mask {
  const n = context.candles.time.length;
  if ('all' in rule) return combine(rule.all.map((r) => evaluateRule(r, context)), n, 'all');
  if ('any' in rule) return combine(rule.any.map((r) => evaluateRule(r, context)), n, 'any');
  if ('not' in rule) {
    const inner = evaluateRule(rule.not, context);
    for (let i = 0; i < n; i++) inner[i] = inner[i] ^ 1;
    return inner;
  }
  if ('left' in rule) return compare(evaluateOperand(rule.left, context), rule.op, evaluateOperand(rule.right, context), n);
  if ('rising' in rule) return trend(evaluateOperand(rule.rising, context), numberOf(rule.bars, context.values), 1, n);
  if ('falling' in rule) return trend(evaluateOperand(rule.falling, context), numberOf(rule.bars, context.values), -1, n);
  return confluence(rule.confluence, context, n);
}

function combine(masks: Mask[], n: number, how: 'all' | 'any'): Mask {
  const out = masks[0];
  for (let m = 1; m < masks.length; m++) {
    const other = masks[m];
    if (how === 'all') for (let i = 0; i < n; i++) out[i] &= other[i];
    else for (let i = 0; i < n; i++) out[i] |= other[i];
  }
  return out;
}

/**
 * One tight loop per operator. Bars before both columns have history stay 0; NaN compares
 * false by IEEE rules, and `!=` checks for NaN explicitly because NaN !== NaN is true.
 */
function compare(a: Column, op: ComparisonOp | CrossOp, b: Column, n: number): Mask {
  const out = new Uint8Array(n);
  const av = a.values;
  const bv = b.values;
  const la = a.lag;
  const lb = b.lag;
  const start = Math.max(la, lb);
  switch (op) {
    case '>':
      for (let i = start; i < n; i++) out[i] = av[i - la] > bv[i - lb] ? 1 : 0;
      break;
    case '<':
      for (let i = start; i < n; i++) out[i] = av[i - la] < bv[i - lb] ? 1 : 0;
      break;
    case '>=':
      for (let i = start; i < n; i++) out[i] = av[i - la] >= bv[i - lb] ? 1 : 0;
      break;
    case '<=':
      for (let i = start; i < n; i++) out[i] = av[i - la] <= bv[i - lb] ? 1 : 0;
      break;
    case '==':
      for (let i = start; i < n; i++) out[i] = av[i - la] === bv[i - lb] ? 1 : 0;
      break;
    case '!=':
      for (let i = start; i < n; i++) {
        const x = av[i - la];
        const y = bv[i - lb];
        out[i] = x === x && y === y && x !== y ? 1 : 0;
      }
      break;
    case 'crossesAbove':
      for (let i = start + 1; i < n; i++) out[i] = av[i - 1 - la] < bv[i - 1 - lb] && av[i - la] > bv[i - lb] ? 1 : 0;
      break;
    case 'crossesBelow':
      for (let i = start + 1; i < n; i++) out[i] = av[i - 1 - la] > bv[i - 1 - lb] && av[i - la] < bv[i - lb] ? 1 : 0;
      break;
  }
  return out;
}

/** TradingView's rising/falling: the value is beyond every one of the previous `bars` values. */
function trend(a: Column, bars: number, sign: 1 | -1, n: number): Mask {
  const out = new Uint8Array(n);
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

function confluence(spec: Extract<Rule, { confluence: unknown }>['confluence'], context: OperandContext, n: number): Mask {
  const score = new Float64Array(n);
  let total = 0;
  for (const weighted of spec.rules) {
    const weight = numberOf(weighted.weight, context.values);
    const mask = evaluateRule(weighted.rule, context);
    total += weight;
    for (let i = 0; i < n; i++) if (mask[i] === 1) score[i] += weight;
  }
  const minimum = numberOf(spec.minConfidence, context.values);
  const gates = spec.gates !== undefined && spec.gates.length > 0 ? combine(spec.gates.map((g) => evaluateRule(g, context)), n, 'all') : null;
  const out = new Uint8Array(n);
  // Weights such as 0.8 + 1.1 + ... do not sum exactly in binary; without the tolerance a
  // confidence of exactly the minimum could fail by one ulp.
  for (let i = 0; i < n; i++) {
    const passesGates = gates === null || gates[i] === 1;
    out[i] = passesGates && score[i] / total >= minimum - 1e-12 ? 1 : 0;
  }
  return out;
}
