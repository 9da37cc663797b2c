import { describe, expect, it } from 'vitest';
import type { StrategySpec } from '../../../src-shared/strategy/spec.ts';
import {
  checkSpace,
  countSpace,
  domainValues,
  enumerateSpace,
  parseDomain,
  SearchSpaceError,
  spaceFromStrategy,
  spaceSize,
} from '../../../src-engine/optimise/space.ts';
import type { SearchSpace } from '../../../src-engine/optimise/types.ts';

const spec = {
  format: 'bst.strategy/1',
  name: 'cross',
  parameters: [
    { name: 'fast', default: 10, min: 2, max: 50, integer: true },
    { name: 'slow', default: 30, min: 10, max: 200, step: 10, integer: true },
    { name: 'stop', default: 1, min: 0.5, max: 3 },
    { name: 'ma', default: 'sma', options: ['sma', 'ema'] },
  ],
} as unknown as StrategySpec;

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('parseDomain', () => {
  it('reads ranges, lists and fixed values', () => {
    expect(parseDomain('fast', '5:50:1')).toEqual({ name: 'fast', kind: 'range', min: 5, max: 50, step: 1 });
    expect(parseDomain('fast', ' 5, 10 ,20')).toEqual({ name: 'fast', kind: 'list', values: [5, 10, 20] });
    expect(parseDomain('ma', 'sma,ema')).toEqual({ name: 'ma', kind: 'list', values: ['sma', 'ema'] });
    expect(parseDomain('fast', '12')).toEqual({ name: 'fast', kind: 'fixed', value: 12 });
    expect(parseDomain('ma', 'ema')).toEqual({ name: 'ma', kind: 'fixed', value: 'ema' });
  });

  it('says what is wrong and with which parameter', () => {
    expect(messageOf(() => parseDomain('fast', '5:50'))).toBe('fast: "5:50" is not a range; write min:max:step, e.g. 5:50:1');
    expect(messageOf(() => parseDomain('fast', '50:5:1'))).toBe('fast: range 50:5 has min above max');
    expect(messageOf(() => parseDomain('fast', '5:50:0'))).toBe('fast: step 0 must be greater than 0');
    expect(messageOf(() => parseDomain('fast', '5:x:1'))).toBe('fast: max "x" is not a number');
    expect(messageOf(() => parseDomain('fast', '5,,6'))).toBe('fast: list "5,,6" has an empty item');
    expect(messageOf(() => parseDomain('fast', '5,6,5'))).toBe('fast: list "5,6,5" repeats 5');
    expect(messageOf(() => parseDomain('fast', ' '))).toBe('fast: no value given; write min:max:step, a list a,b,c or one value');
  });
});

describe('domainValues', () => {
  it('steps without floating-point drift and includes max when the step lands on it', () => {
    expect(domainValues({ name: 'x', kind: 'range', min: 0.1, max: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(domainValues({ name: 'x', kind: 'range', min: 5, max: 20, step: 5 })).toEqual([5, 10, 15, 20]);
    expect(domainValues({ name: 'x', kind: 'range', min: 5, max: 21, step: 5 })).toEqual([5, 10, 15, 20]);
  });
});

describe('spaceFromStrategy', () => {
  it('takes declared ranges (integer step 1, declared step, else a tenth) and options', () => {
    const space = spaceFromStrategy(spec);
    expect(space.parameters).toEqual([
      { name: 'fast', kind: 'range', min: 2, max: 50, step: 1 },
      { name: 'slow', kind: 'range', min: 10, max: 200, step: 10 },
      { name: 'stop', kind: 'range', min: 0.5, max: 3, step: 0.25 },
      { name: 'ma', kind: 'list', values: ['sma', 'ema'] },
    ]);
    expect(spaceSize(space)).toBe(49 * 20 * 11 * 2);
  });

  it('applies overrides and lists every problem at once', () => {
    const space = spaceFromStrategy(spec, { fast: '5:20:5', slow: '20,40', stop: '1', ma: 'ema' }, ['fast < slow']);
    expect(space.parameters.map(domainValues)).toEqual([[5, 10, 15, 20], [20, 40], [1], ['ema']]);
    const error = (() => {
      try {
        spaceFromStrategy(spec, { fast: '1:20:1', slow: '20:40:2.5', ma: 'wma', size: '3' }, ['fast < slw']);
      } catch (e) {
        return e as SearchSpaceError;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(SearchSpaceError);
    expect(error.issues).toEqual([
      { path: 'size', message: 'unknown parameter "size"; this strategy declares: fast, slow, stop, ma' },
      { path: 'fast', message: '1 is outside its declared range 2..50' },
      { path: 'slow', message: 'step 2.5 must be a whole number' },
      { path: 'ma', message: '"wma" is not an option; allowed: sma, ema' },
      { path: 'constraints[0]', message: 'constraint "fast < slw" names "slw", which is not a parameter of this search' },
    ]);
  });
});

describe('checkSpace', () => {
  it('rejects constraints over choice parameters and malformed ones', () => {
    const space: SearchSpace = {
      parameters: [parseDomain('fast', '5:10:1'), parseDomain('ma', 'sma,ema')],
      constraints: ['ma < 3', 'fast < = 3'],
    };
    expect(checkSpace(spec, space)).toEqual([
      { path: 'constraints[0]', message: 'constraint "ma < 3" names "ma", a choice parameter; constraints compare numbers' },
      { path: 'constraints[1]', message: 'constraint "fast < = 3": unexpected "=" (write == to compare) at position 8' },
    ]);
  });
});

describe('enumerateSpace', () => {
  it('walks the first parameter slowest and skips sets breaking a constraint', () => {
    const space: SearchSpace = {
      parameters: [parseDomain('fast', '1:3:1'), parseDomain('slow', '2,3'), parseDomain('ma', 'ema')],
      constraints: ['fast < slow'],
    };
    expect([...enumerateSpace(space)]).toEqual([
      { fast: 1, slow: 2, ma: 'ema' },
      { fast: 1, slow: 3, ma: 'ema' },
      { fast: 2, slow: 3, ma: 'ema' },
    ]);
    expect(spaceSize(space)).toBe(6);
    expect(countSpace(space)).toBe(3);
  });
});
