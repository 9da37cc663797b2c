/**
 * Constraints between parameters ("fast < slow", "slow <= 4 * fast and stop > 0.5"): a tiny
 * expression language parsed once into a closure, never evaluated with eval, so a stored or
 * typed constraint can only compare arithmetic over parameter values and numbers.
 *
 *   constraint := comparison ("and" comparison)*
 *   comparison := sum ("<" | "<=" | ">" | ">=" | "==" | "!=") sum
 *   sum        := product (("+" | "-") product)*
 *   product    := unary (("*" | "/") unary)*
 *   unary      := "-" unary | number | name | "(" sum ")"
 *
 * A name is letters, digits and "_": "slow-fast" reads as a subtraction, so a parameter whose
 * name holds "-" cannot appear in a constraint.
 */
import type { ParameterSet } from './types.ts';

/** A malformed constraint; `position` is the 1-based character where the problem starts. */
export class ConstraintError extends Error {
  readonly constraint: string;
  readonly position: number;
  constructor(constraint: string, position: number, problem: string) {
    super(`constraint "${constraint}": ${problem} at position ${position}`);
    this.name = 'ConstraintError';
    this.constraint = constraint;
    this.position = position;
  }
}

export interface CompiledConstraint {
  readonly text: string;
  /** The parameter names it reads, in order of first appearance. */
  readonly names: readonly string[];
  /** True when the set satisfies it; a name missing from the set or holding text reads as NaN, so the comparison fails. */
  test(values: ParameterSet): boolean;
}

type Token =
  | { readonly kind: 'number'; readonly value: number; readonly at: number }
  | { readonly kind: 'name'; readonly value: string; readonly at: number }
  | { readonly kind: 'op'; readonly value: string; readonly at: number }
  | { readonly kind: 'end'; readonly at: number };

type NumberNode = (values: ParameterSet) => number;
type Comparison = (a: number, b: number) => boolean;

const COMPARISONS: Readonly<Record<string, Comparison>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const at = i + 1;
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      tokens.push({ kind: 'name', value: name[0], at });
      i += name[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '==' || two === '!=') {
      tokens.push({ kind: 'op', value: two, at });
      i += 2;
      continue;
    }
    if ('<>+-*/()'.includes(c)) {
      tokens.push({ kind: 'op', value: c, at });
      i++;
      continue;
    }
    const hint = c === '=' ? ' (write == to compare)' : c === '&' ? ' (write "and")' : '';
    throw new ConstraintError(text, at, `unexpected "${c}"${hint}`);
  }
  tokens.push({ kind: 'end', at: text.length + 1 });
  return tokens;
}

/** Parses a constraint; throws ConstraintError naming the constraint and the position. */
export function compileConstraint(text: string): CompiledConstraint {
  const tokens = tokenize(text);
  const names: string[] = [];
  let pos = 0;
  const peek = (): Token => tokens[pos];
  const fail = (token: Token, problem: string): never => {
    throw new ConstraintError(text, token.at, problem);
  };
  const describe = (token: Token): string => (token.kind === 'end' ? 'the end' : `"${token.value}"`);
  const isOp = (token: Token, value: string): boolean => token.kind === 'op' && token.value === value;

  const unary = (): NumberNode => {
    const token = peek();
    if (isOp(token, '-')) {
      pos++;
      const inner = unary();
      return (v) => -inner(v);
    }
    if (token.kind === 'number') {
      pos++;
      const value = token.value;
      return () => value;
    }
    if (token.kind === 'name') {
      if (token.value === 'and') fail(token, 'expected a number or a parameter name, found "and"');
      pos++;
      const name = token.value;
      if (!names.includes(name)) names.push(name);
      return (v) => {
        const value = v[name];
        return typeof value === 'number' ? value : Number.NaN;
      };
    }
    if (isOp(token, '(')) {
      pos++;
      const inner = sum();
      if (!isOp(peek(), ')')) fail(peek(), `expected ")" but found ${describe(peek())}`);
      pos++;
      return inner;
    }
    return fail(token, `expected a number or a parameter name, found ${describe(token)}`);
  };

  const product = (): NumberNode => {
    let left = unary();
    for (;;) {
      const token = peek();
      if (!isOp(token, '*') && !isOp(token, '/')) return left;
      pos++;
      const right = unary();
      const a = left;
      left = token.kind === 'op' && token.value === '*' ? (v) => a(v) * right(v) : (v) => a(v) / right(v);
    }
  };

  const sum = (): NumberNode => {
    let left = product();
    for (;;) {
      const token = peek();
      if (!isOp(token, '+') && !isOp(token, '-')) return left;
      pos++;
      const right = product();
      const a = left;
      left = token.kind === 'op' && token.value === '+' ? (v) => a(v) + right(v) : (v) => a(v) - right(v);
    }
  };

  const comparison = (): ((values: ParameterSet) => boolean) => {
    const left = sum();
    const token = peek();
    const compare = token.kind === 'op' ? COMPARISONS[token.value] : undefined;
    if (!compare) return fail(token, `expected a comparison (< <= > >= == !=) but found ${describe(token)}`);
    pos++;
    const right = sum();
    const next = peek();
    if (next.kind === 'op' && COMPARISONS[next.value]) {
      fail(next, 'comparisons cannot be chained; join them with "and"');
    }
    return (v) => compare(left(v), right(v));
  };

  if (peek().kind === 'end') fail(peek(), 'empty constraint');
  const parts = [comparison()];
  while (peek().kind === 'name' && (peek() as { value: string }).value === 'and') {
    pos++;
    parts.push(comparison());
  }
  if (peek().kind !== 'end') fail(peek(), `expected "and" or the end but found ${describe(peek())}`);
  return {
    text,
    names,
    test: (values) => {
      for (const part of parts) if (!part(values)) return false;
      return true;
    },
  };
}

/** All constraints as one test; an empty list accepts every set. */
export function compileConstraints(texts: readonly string[]): (values: ParameterSet) => boolean {
  const compiled = texts.map(compileConstraint);
  return (values) => {
    for (const c of compiled) if (!c.test(values)) return false;
    return true;
  };
}
