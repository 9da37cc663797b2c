import { describe, expect, it } from 'vitest';
import { checkStrategy } from '../../../src-engine/strategy/validate.ts';
import type { SpecIssue } from '../../../src-shared/strategy/issues.ts';
import { findTemplate } from '../../../src-main/host/templates.ts';

function issuesOf(document: unknown, overrides: Record<string, string | number> = {}): SpecIssue[] {
  const result = checkStrategy(document, overrides);
  if (result.ok) throw new Error('expected the strategy to be rejected');
  return [...result.issues];
}

const minimal = {
  name: 'minimal',
  indicators: [{ id: 'fast', kind: 'sma', params: { period: 5 } }],
  direction: 'long',
  entry: { long: { left: { price: 'close' }, op: '>', right: { indicator: 'fast' } } },
};

describe('strategy validation', () => {
  it('accepts a minimal strategy and resolves no parameters', () => {
    const result = checkStrategy(minimal);
    expect(result.ok).toBe(true);
  });

  it('names an unknown indicator kind and lists the available ones', () => {
    const [issue] = issuesOf({ ...minimal, indicators: [{ id: 'fast', kind: 'smaa', params: { period: 5 } }] });
    expect(issue.path).toBe('indicators[0].kind');
    expect(issue.message).toMatch(/^unknown indicator kind "smaa"; available: sma, ema, rma/);
  });

  it('names an unknown indicator parameter and lists the real ones', () => {
    const [issue] = issuesOf({ ...minimal, indicators: [{ id: 'fast', kind: 'sma', params: { length: 5 } }] });
    expect(issue).toEqual({ path: 'indicators[0].params.length', message: 'sma has no parameter "length"; its parameters: period' });
  });

  it('rejects an indicator parameter outside its range', () => {
    const [issue] = issuesOf({ ...minimal, indicators: [{ id: 'fast', kind: 'sma', params: { period: 0 } }] });
    expect(issue).toEqual({ path: 'indicators[0].params.period', message: 'period=0 is outside 1..100000 for sma' });
  });

  it('explains a bad comparison operator with the allowed ones', () => {
    const [issue] = issuesOf({ ...minimal, entry: { long: { left: { price: 'close' }, op: '=>', right: 1 } } });
    expect(issue.path).toBe('entry.long.op');
    expect(issue.message).toBe('op must be one of >, <, >=, <=, ==, !=, crossesAbove, crossesBelow');
  });

  it('reports a reference to an undeclared indicator', () => {
    const [issue] = issuesOf({ ...minimal, entry: { long: { left: { price: 'close' }, op: '>', right: { indicator: 'slow' } } } });
    expect(issue).toEqual({ path: 'entry.long.right', message: 'unknown indicator "slow"; declared indicators: fast' });
  });

  it('asks for an output when an indicator has several', () => {
    const [issue] = issuesOf({
      ...minimal,
      indicators: [{ id: 'm', kind: 'macd' }],
      entry: { long: { left: { indicator: 'm' }, op: '>', right: 0 } },
    });
    expect(issue).toEqual({ path: 'entry.long.left', message: 'm (macd) has several outputs; name one with "output": macd, signal, histogram' });
  });

  it('requires an entry rule for every side the direction trades', () => {
    const [issue] = issuesOf({ ...minimal, direction: 'both' });
    expect(issue).toEqual({ path: 'entry.short', message: 'the strategy can trade short but has no short entry rule' });
  });

  it('rejects risk-percent sizing without a stop-loss', () => {
    const [issue] = issuesOf({ ...minimal, sizing: { mode: 'risk-percent', percent: 1 } });
    expect(issue.path).toBe('sizing');
  });

  it('detects indicator sources that form a loop', () => {
    const issues = issuesOf({
      ...minimal,
      indicators: [
        { id: 'a', kind: 'sma', source: { indicator: 'b' } },
        { id: 'b', kind: 'ema', source: { indicator: 'a' } },
      ],
      entry: { long: { left: { indicator: 'a' }, op: '>', right: 0 } },
    });
    expect(issues).toContainEqual({ path: 'indicators', message: 'indicator sources form a loop: a -> b -> a' });
  });

  it('reports a reference to an undeclared parameter', () => {
    const [issue] = issuesOf({ ...minimal, indicators: [{ id: 'fast', kind: 'sma', params: { period: { param: 'len' } } }] });
    expect(issue).toEqual({ path: 'indicators[0].params.period', message: 'unknown parameter "len"; declared parameters: none' });
  });

  it('rejects a parameter override outside the declared range, naming the range', () => {
    const smaCross = findTemplate('sma-cross');
    expect(smaCross).toBeDefined();
    const [issue] = issuesOf(smaCross?.spec, { fast: '1' });
    expect(issue).toEqual({ path: 'parameters[0]', message: 'fast=1 is outside its declared range 2..500' });
    expect(issuesOf(smaCross?.spec, { slow: 'abc' })[0].message).toBe('slow="abc" is not a number');
    expect(issuesOf(smaCross?.spec, { direction: 'sideways' })[0].message).toBe('direction="sideways" is not an option; allowed: long, short, both');
    expect(issuesOf(smaCross?.spec, { fsat: 3 })[0].message).toBe(
      'unknown parameter "fsat"; this strategy declares: fast, slow, direction, stopLossPct, takeProfitPct',
    );
  });

  it('rejects unknown fields instead of ignoring them', () => {
    const [issue] = issuesOf({ ...minimal, stoploss: 2 });
    expect(issue).toEqual({ path: '', message: 'Unrecognized key: "stoploss"' });
  });
});
