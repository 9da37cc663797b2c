import { describe, expect, it } from 'vitest';
import { compileConstraint, ConstraintError } from '../../../src-engine/optimise/constraints.ts';
import {
  bestTrial,
  defaultDirection,
  paretoFront,
  paretoRanks,
  parseObjective,
  scoreTrial,
} from '../../../src-engine/optimise/objectives.ts';
import type { Objective, TrialResult } from '../../../src-engine/optimise/types.ts';
import { metricsWith } from './support.ts';

describe('constraints', () => {
  it('evaluates arithmetic with precedence, parentheses, comparisons and "and"', () => {
    const c = compileConstraint('slow - fast >= 2 * (fast - 1) and fast != 3');
    expect(c.names).toEqual(['slow', 'fast']);
    expect(c.test({ fast: 4, slow: 10 })).toBe(true); // 6 >= 6, 4 != 3
    expect(c.test({ fast: 5, slow: 10 })).toBe(false); // 5 >= 8 fails
    expect(c.test({ fast: 3, slow: 20 })).toBe(false); // fast == 3
    expect(compileConstraint('-fast / 2 < -1.5e0').test({ fast: 4 })).toBe(true);
    expect(compileConstraint('fast == 2').test({ fast: 'ema' })).toBe(false);
  });

  it('names the constraint and the position of the problem', () => {
    const cases: [string, string][] = [
      ['fast <', 'constraint "fast <": expected a number or a parameter name, found the end at position 7'],
      ['fast < slow < 3', 'constraint "fast < slow < 3": comparisons cannot be chained; join them with "and" at position 13'],
      ['fast = slow', 'constraint "fast = slow": unexpected "=" (write == to compare) at position 6'],
      ['fast < slow && slow < 9', 'constraint "fast < slow && slow < 9": unexpected "&" (write "and") at position 13'],
      ['(fast < slow', 'constraint "(fast < slow": expected ")" but found "<" at position 7'],
      ['fast + 2', 'constraint "fast + 2": expected a comparison (< <= > >= == !=) but found the end at position 9'],
      ['fast < slow slow', 'constraint "fast < slow slow": expected "and" or the end but found "slow" at position 13'],
      ['', 'constraint "": empty constraint at position 1'],
    ];
    for (const [text, message] of cases) {
      expect(() => compileConstraint(text)).toThrow(ConstraintError);
      expect(() => compileConstraint(text)).toThrow(message);
    }
  });
});

describe('objectives', () => {
  it('parses an objective with its natural or given direction', () => {
    expect(parseObjective('sharpe')).toEqual({ metric: 'sharpe', direction: 'maximize' });
    expect(parseObjective('maxDrawdownPct')).toEqual({ metric: 'maxDrawdownPct', direction: 'minimize' });
    expect(parseObjective('netProfit:min')).toEqual({ metric: 'netProfit', direction: 'minimize' });
    expect(() => parseObjective('sharp')).toThrow(/^unknown objective "sharp"; use one of: initialCapital, /);
    expect(() => parseObjective('sharpe:up')).toThrow('objective "sharpe:up": write metric, metric:max or metric:min');
    expect(defaultDirection('profitFactor')).toBe('maximize');
  });

  it('scores the objectives and applies the filters', () => {
    const objectives: Objective[] = [
      { metric: 'sharpe', direction: 'maximize' },
      { metric: 'profitFactor', direction: 'maximize' },
    ];
    const m = metricsWith({ sharpe: 1.5, profitFactor: null, trades: 12, maxDrawdownPct: 30 });
    expect(scoreTrial(m, objectives)).toEqual({ scores: [1.5, null], filteredBy: null });
    expect(scoreTrial(m, objectives, { minTrades: 20 })).toEqual({ scores: [1.5, null], filteredBy: 'min-trades' });
    expect(scoreTrial(m, objectives, { maxDrawdownPct: 25 })).toEqual({ scores: [1.5, null], filteredBy: 'max-drawdown' });
    expect(scoreTrial(m, objectives, { minTrades: 12, maxDrawdownPct: 30 }).filteredBy).toBeNull();
  });
});

describe('best trial and Pareto front', () => {
  const result = (index: number, ret: number | null, dd: number, filteredBy: TrialResult['filteredBy'] = null): TrialResult => ({
    index,
    params: { x: index },
    metrics: metricsWith({ totalReturnPct: ret, maxDrawdownPct: dd }),
    scores: [ret, dd],
    filteredBy,
  });
  const results = [
    result(0, 10, 5), // front
    result(1, 20, 10), // front
    result(2, 15, 12), // dominated by 1
    result(3, 30, 25), // front
    result(4, 40, 2, 'min-trades'), // filtered
    result(5, null, 1), // undefined return
    result(6, 20, 10), // equal to 1: neither dominates
    result(7, 5, 6), // dominated by 0
  ];
  const objectives: Objective[] = [
    { metric: 'totalReturnPct', direction: 'maximize' },
    { metric: 'maxDrawdownPct', direction: 'minimize' },
  ];

  it('picks the best unfiltered trial, ties to the earlier', () => {
    expect(bestTrial(results, objectives[0])?.index).toBe(3);
    expect(bestTrial(results, objectives[1])?.index).toBe(5);
    expect(bestTrial(results, { metric: 'sharpe', direction: 'maximize' })?.index).toBe(0);
    expect(bestTrial([], objectives[0])).toBeNull();
  });

  it('returns the non-dominated trials, and ranks the others', () => {
    expect(paretoFront(results, objectives)).toEqual([0, 1, 3, 6]);
    expect(paretoRanks(results, objectives)).toEqual([0, 0, 1, 0, null, null, 0, 1]);
  });
});
