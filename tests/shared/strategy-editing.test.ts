/** The strategy editor's pure document logic: paths, issues per field, names, JSON, kinds and defaults. */
import { describe, expect, it } from 'vitest';
import {
  blankSpec,
  copyName,
  documentName,
  exportFileName,
  getAt,
  issuesAt,
  issuesWithin,
  parseDocument,
  pathText,
  setAt,
  uniqueName,
} from '../../src-shared/strategy/editing.ts';
import {
  defaultEntryOrder,
  defaultExitLevel,
  defaultOperand,
  defaultRule,
  defaultSizing,
  exitLevelKind,
  indicatorIds,
  numberRefKind,
  operandKind,
  parameterKind,
  parameterNames,
  parseOptions,
  ruleKind,
  withIndicatorKind,
} from '../../src-shared/strategy/spec-parts.ts';
import { strategySpecSchema } from '../../src-shared/strategy/spec.ts';

const doc = {
  name: 's',
  parameters: [{ name: 'fast', default: 10, min: 2, max: 50 }, { name: 'dir', default: 'long', options: ['long'] }],
  indicators: [{ id: 'f', kind: 'sma', params: { period: { param: 'fast' } } }],
  entry: { long: { all: [{ left: { price: 'close' }, op: '>', right: 1 }] } },
};

describe('paths', () => {
  it('reads values at a path, undefined where there is none', () => {
    expect(getAt(doc, ['parameters', 0, 'max'])).toBe(50);
    expect(getAt(doc, ['entry', 'long', 'all', 0, 'op'])).toBe('>');
    expect(getAt(doc, ['entry', 'short', 'left'])).toBeUndefined();
    expect(getAt(doc, ['parameters', 'x'])).toBeUndefined();
    expect(getAt(doc, ['name', 0])).toBeUndefined();
  });

  it('writes immutably, sharing what is off the path', () => {
    const next = setAt(doc, ['parameters', 0, 'max'], 5) as typeof doc;
    expect(next.parameters[0]).toEqual({ name: 'fast', default: 10, min: 2, max: 5 });
    expect(doc.parameters[0].max).toBe(50);
    expect(next.parameters[1]).toBe(doc.parameters[1]);
    expect(next.indicators).toBe(doc.indicators);
  });

  it('creates missing objects and arrays on the way', () => {
    expect(setAt({}, ['risk', 'stopLoss', 'percent'], 2)).toEqual({ risk: { stopLoss: { percent: 2 } } });
    expect(setAt({}, ['rules', 0, 'weight'], 1)).toEqual({ rules: [{ weight: 1 }] });
    expect(setAt(doc, [], 3)).toBe(3);
  });

  it('removes a field when set to undefined, and array elements by index', () => {
    expect(setAt({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
    expect(setAt({ list: [1, 2, 3] }, ['list', 1], undefined)).toEqual({ list: [1, 3] });
    const same = { a: { b: 1 } };
    expect(setAt(same, ['a', 'c'], undefined)).toBe(same);
    expect(setAt(same, ['x', 'y'], undefined)).toBe(same);
    expect(setAt({ list: [1] }, ['list', 4], undefined)).toEqual({ list: [1] });
  });

  it('spells paths as issues do', () => {
    expect(pathText(['entry', 'long', 'all', 2, 'left'])).toBe('entry.long.all[2].left');
    expect(pathText([])).toBe('');
  });
});

describe('issues per field', () => {
  const issues = [
    { path: 'parameters[0]', message: 'min 60 is greater than max 50' },
    { path: 'parameters[0].step', message: 'step must be greater than 0' },
    { path: 'parameters[10]', message: 'other' },
    { path: 'name', message: 'a strategy needs a name' },
  ];

  it('finds the issues of exactly one field', () => {
    expect(issuesAt(issues, ['parameters', 0])).toEqual([issues[0]]);
    expect(issuesAt(issues, ['name'])).toEqual([issues[3]]);
    expect(issuesAt(issues, ['direction'])).toEqual([]);
  });

  it('finds the issues inside a part, without matching a longer index', () => {
    expect(issuesWithin(issues, ['parameters', 0])).toEqual([issues[0], issues[1]]);
    expect(issuesWithin(issues, ['parameters', 1])).toEqual([]);
    expect(issuesWithin(issues, ['parameters'])).toEqual([issues[0], issues[1], issues[2]]);
    expect(issuesWithin(issues, [])).toEqual(issues);
  });
});

describe('names', () => {
  it('numbers a name that is taken', () => {
    expect(uniqueName('sma-cross', [])).toBe('sma-cross');
    expect(uniqueName('sma-cross', ['sma-cross'])).toBe('sma-cross-2');
    expect(uniqueName('sma-cross', ['sma-cross', 'sma-cross-2'])).toBe('sma-cross-3');
    expect(uniqueName('rsi-14', ['rsi-14'])).toBe('rsi-14-2');
  });

  it('names copies without stacking suffixes', () => {
    expect(copyName('sma-cross', ['sma-cross'])).toBe('sma-cross-copy');
    expect(copyName('sma-cross', ['sma-cross', 'sma-cross-copy'])).toBe('sma-cross-copy-2');
    expect(copyName('sma-cross-copy', ['sma-cross', 'sma-cross-copy'])).toBe('sma-cross-copy-2');
    expect(copyName('sma-cross-copy-2', ['sma-cross-copy', 'sma-cross-copy-2'])).toBe('sma-cross-copy-3');
  });

  it('makes export file names safe', () => {
    expect(exportFileName('sma-cross')).toBe('sma-cross.json');
    expect(exportFileName('a/b: c?')).toBe('a_b_ c_.json');
    expect(exportFileName('  ')).toBe('strategy.json');
  });

  it('reads the name a document carries', () => {
    expect(documentName({ name: 'x' })).toBe('x');
    expect(documentName({ name: 3 })).toBe('');
    expect(documentName(null)).toBe('');
  });
});

describe('documents', () => {
  it('makes a blank strategy the schema accepts', () => {
    const spec = blankSpec('new-strategy');
    expect(strategySpecSchema.safeParse(spec).success).toBe(true);
    expect(spec).toEqual({
      format: 'bst.strategy/1',
      name: 'new-strategy',
      direction: 'long',
      entry: { long: { left: { price: 'close' }, op: '>', right: { price: 'open' } } },
      sizing: { mode: 'all-equity' },
    });
  });

  it('parses JSON text into a document, or says why not', () => {
    expect(parseDocument('{"name": "x"}')).toEqual({ ok: true, document: { name: 'x' } });
    const broken = parseDocument('{"name": }');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message.startsWith('Not valid JSON: ')).toBe(true);
    expect(parseDocument('[1]')).toEqual({ ok: false, message: 'A strategy is a JSON object: { "name": ..., "direction": ..., "entry": ... }' });
  });
});

describe('kinds and defaults', () => {
  it('tells the kind of numbers, operands, rules and exit levels', () => {
    expect(numberRefKind(3)).toBe('number');
    expect(numberRefKind({ param: 'x' })).toBe('param');
    expect(numberRefKind('3')).toBeNull();
    expect(operandKind(1)).toBe('number');
    expect(operandKind({ indicator: 'f', barsAgo: 1 })).toBe('indicator');
    expect(operandKind({ sub: [1, 2] })).toBe('sub');
    expect(operandKind({})).toBeNull();
    expect(ruleKind({ left: 1, op: '>', right: 2 })).toBe('compare');
    expect(ruleKind({ confluence: {} })).toBe('confluence');
    expect(ruleKind({ falling: 1, bars: 2 })).toBe('falling');
    expect(ruleKind(3)).toBeNull();
    expect(exitLevelKind({ atr: 2 })).toBe('atr');
    expect(exitLevelKind({ stop: 2 })).toBeNull();
    expect(parameterKind({ name: 'd', options: [] })).toBe('choice');
    expect(parameterKind({ name: 'n' })).toBe('numeric');
  });

  it('keeps the previous part when a new kind can hold it', () => {
    const compare = { left: { price: 'close' as const }, op: '<' as const, right: 3 };
    expect(defaultRule('all', {}, compare)).toEqual({ all: [compare] });
    expect(defaultRule('not', {}, compare)).toEqual({ not: compare });
    expect(defaultRule('confluence', {}, compare)).toEqual({ confluence: { rules: [{ weight: 1, rule: compare }], minConfidence: 0.5 } });
    expect(defaultRule('compare', { indicator: 'f' })).toEqual({ left: { price: 'close' }, op: '>', right: { indicator: 'f' } });
    expect(defaultRule('rising', {})).toEqual({ rising: { price: 'close' }, bars: 1 });
    expect(defaultOperand('mul', {}, { indicator: 'f' })).toEqual({ mul: [{ indicator: 'f' }, 0] });
    expect(defaultOperand('abs', {})).toEqual({ abs: 0 });
    expect(defaultOperand('param', { param: 'fast' })).toEqual({ param: 'fast' });
    expect(defaultEntryOrder('stop', { type: 'limit', offsetPercent: 1.5, validBars: 3 })).toEqual({ type: 'stop', offsetPercent: 1.5, validBars: 3 });
    expect(defaultEntryOrder('limit', { type: 'market' })).toEqual({ type: 'limit', offsetPercent: 0.5 });
    expect(defaultEntryOrder('market', { type: 'limit', offsetPercent: 1 })).toEqual({ type: 'market' });
  });

  it('makes sizing and exit levels of each kind', () => {
    expect(defaultSizing('all-equity')).toEqual({ mode: 'all-equity' });
    expect(defaultSizing('fixed-notional')).toEqual({ mode: 'fixed-notional', notional: 1000 });
    expect(defaultSizing('risk-percent')).toEqual({ mode: 'risk-percent', percent: 1 });
    expect(defaultExitLevel('atr', {})).toEqual({ atr: 2, period: 14 });
    expect(defaultExitLevel('indicator', { indicator: 'st' })).toEqual({ indicator: 'st' });
  });

  it('lists declared names', () => {
    expect(parameterNames(doc)).toEqual(['fast', 'dir']);
    expect(parameterNames(doc, 'numeric')).toEqual(['fast']);
    expect(parameterNames(doc, 'choice')).toEqual(['dir']);
    expect(indicatorIds(doc)).toEqual(['f']);
    expect(indicatorIds({ indicators: 'x' })).toEqual([]);
  });

  it('parses choice options', () => {
    expect(parseOptions(' long, short ,,both ')).toEqual(['long', 'short', 'both']);
  });

  it('resets an indicator to a new kind', () => {
    const rsi = { kind: 'rsi', params: [{ name: 'period', default: 14 }], usesSource: true };
    const atr = { kind: 'atr', params: [{ name: 'period', default: 14 }], usesSource: false };
    expect(withIndicatorKind({ id: 'x', kind: 'sma', params: { period: 5 }, source: 'hl2' }, rsi)).toEqual({ id: 'x', kind: 'rsi', params: { period: 14 }, source: 'hl2' });
    expect(withIndicatorKind({ id: 'x', kind: 'sma', source: 'hl2' }, atr)).toEqual({ id: 'x', kind: 'atr', params: { period: 14 } });
    expect(withIndicatorKind(undefined, { kind: 'obv', params: [], usesSource: false })).toEqual({ id: 'obv', kind: 'obv' });
  });
});
