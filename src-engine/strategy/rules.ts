/**
 * Rule trees evaluated over all bars at once into masks (1 = the rule holds at that bar's
 * close). A comparison with a missing value (warm-up, NaN) is false, including `!=`.
 */
import type { ComparisonOp, CrossOp, Rule } from '../../src-shared/strategy/spec.ts';
import { numberOf } from './parameters.ts';
import { type Column, evaluateOperand, type OperandContext, valueAt } from './operands.ts';

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

const OPCODES: Record<ComparisonOp | CrossOp, number> = {
  '>': 0,
  '<': 1,
  '>=': 2,
  '<=': 3,
  '==': 4,
  '!=': 5,
  crossesAbove: 6,
  crossesBelow: 7,
};

function compare(a: Column, op: ComparisonOp | CrossOp, b: Column, n: number): Mask {
  const out = new Uint8Array(n);
  const code = OPCODES[op];
  for (let i = 0; i < n; i++) {
    const x = valueAt(a, i);
    const y = valueAt(b, i);
    let holds: boolean;
    switch (code) {
      case 0:
        holds = x > y;
        break;
      case 1:
        holds = x < y;
        break;
      case 2:
        holds = x >= y;
        break;
      case 3:
        holds = x <= y;
        break;
      case 4:
        holds = x === y;
        break;
      case 5:
        holds = x === x && y === y && x !== y;
        break;
      case 6:
        holds = i > 0 && valueAt(a, i - 1) < valueAt(b, i - 1) && x > y;
        break;
      default:
        holds = i > 0 && valueAt(a, i - 1) > valueAt(b, i - 1) && x < y;
    }
    out[i] = holds ? 1 : 0;
  }
  return out;
}

/** TradingView's rising/falling: the value is beyond every one of the previous `bars` values. */
function trend(a: Column, bars: number, sign: 1 | -1, n: number): Mask {
  const out = new Uint8Array(n);
  for (let i = bars; i < n; i++) {
    const now = valueAt(a, i);
    let holds = now === now;
    for (let k = 1; k <= bars && holds; k++) {
      const before = valueAt(a, i - k);
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
