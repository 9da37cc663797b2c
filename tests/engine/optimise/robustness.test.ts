import { describe, expect, it } from 'vitest';
import { monteCarlo, percentileOfSorted } from '../../../src-engine/optimise/monte-carlo.ts';
import { plateauNeighbours, plateauScore } from '../../../src-engine/optimise/plateau.ts';
import { parseDomain } from '../../../src-engine/optimise/space.ts';
import type { Objective, ParameterSet, SearchSpace } from '../../../src-engine/optimise/types.ts';

describe('monteCarlo', () => {
  const base = { kind: 'pnl' as const, initialCapital: 1000, simulations: 1000, seed: 17 };

  it('is reproducible with a seed and differs with another', () => {
    const trades = [120, -40, 75, -90, 30, 60, -20, 45];
    const a = monteCarlo({ ...base, trades, method: 'bootstrap' });
    expect(monteCarlo({ ...base, trades, method: 'bootstrap' })).toEqual(a);
    expect(monteCarlo({ ...base, trades, method: 'bootstrap', seed: 18 }).finalEquity).not.toEqual(a.finalEquity);
    expect(a.steps).toBe(8);
    expect(a.equity.p50).toHaveLength(9);
    expect(a.equity.p5[0]).toBe(1000);
    expect(a.equity.p95[0]).toBe(1000);
  });

  it('reshuffling keeps the final equity and spreads the drawdown over the orders', () => {
    // From 1000, the six orders of +100, -50, +30 have max drawdowns:
    // 100,-50,30: 1100 -> 1050 = 4.5455%;  100,30,-50: 1130 -> 1080 = 4.4248%;
    // -50,100,30 and -50,30,100: 1000 -> 950 = 5%;  30,100,-50: 4.4248%;  30,-50,100: 1030 -> 980 = 4.8544%.
    // Each order is drawn about a sixth of the time, so the 5th percentile is 4.4248% and the 95th 5%.
    const result = monteCarlo({ ...base, trades: [100, -50, 30], method: 'reshuffle' });
    expect(result.finalEquity).toEqual({ p5: 1080, p25: 1080, p50: 1080, p75: 1080, p95: 1080 });
    expect(result.maxDrawdownPct.p5).toBeCloseTo((1 - 1080 / 1130) * 100, 12);
    expect(result.maxDrawdownPct.p95).toBeCloseTo(5, 12);
    expect(result.equity.p50[3]).toBe(1080);
    expect(result.ruinProbability).toBe(0);
    // After the last trade, below the path's own peak: 1080/1100 - 1, 1080/1130 - 1 (twice), or 0 (three orders end at their peak).
    expect(result.drawdownPct.p5[3]).toBeCloseTo((1080 / 1130 - 1) * 100, 12);
    expect(result.drawdownPct.p95[3]).toBe(0);
    expect(result.drawdownPct.p50[0]).toBe(0);
    // After the first trade only -50 is below a peak (1000): a third of the paths.
    expect(result.drawdownPct.p5[1]).toBeCloseTo(-5, 12);
    expect(result.drawdownPct.p75[1]).toBe(0);
  });

  it('skipping leaves out the given share of trades, keeping the order of the rest', () => {
    // Two of +100, -50, +30, +20 are kept; the pairs end at 1050, 1130, 1120, 980, 970 or 1050.
    const result = monteCarlo({ ...base, trades: [100, -50, 30, 20], method: 'skip', skipPct: 50 });
    expect(result.steps).toBe(2);
    expect(result.finalEquity.p5).toBe(970);
    expect(result.finalEquity.p95).toBe(1130);
  });

  it('compounds percent returns and counts ruin', () => {
    const result = monteCarlo({ ...base, kind: 'returnPct', trades: [10, 10], method: 'bootstrap' });
    expect(result.finalEquity.p50).toBeCloseTo(1210, 9);
    const ruin = monteCarlo({ ...base, trades: [600, -1200], method: 'reshuffle' });
    // -1200 first takes the account to -200: half of the orders.
    expect(ruin.ruinProbability).toBeGreaterThan(0.45);
    expect(ruin.ruinProbability).toBeLessThan(0.55);
    // A ruined path stops at 0 (it cannot trade its +600 back): final 0 and a 100% drawdown, never more.
    expect(ruin.finalEquity.p5).toBe(0);
    expect(ruin.maxDrawdownPct.p95).toBe(100);
    expect(Math.min(...ruin.equity.p5)).toBe(0);
  });

  it('interpolates percentiles between closest ranks', () => {
    expect(percentileOfSorted([1, 2, 3, 4], 25)).toBe(1.75);
    expect(percentileOfSorted([1, 2, 3, 4], 100)).toBe(4);
    expect(() => monteCarlo({ ...base, trades: [1], method: 'skip', skipPct: 100 })).toThrow('skipPct must be in [0, 100), got 100');
  });
});

describe('plateau score', () => {
  const space: SearchSpace = {
    parameters: [parseDomain('fast', '2:20:2'), parseDomain('slow', '10,20,30'), parseDomain('ma', 'sma,ema')],
    constraints: ['fast < slow'],
  };
  const objective: Objective = { metric: 'sharpe', direction: 'maximize' };
  const best: ParameterSet = { fast: 4, slow: 20, ma: 'sma' };

  it('lists the neighbours at ±1 and ±2 steps that exist and satisfy the constraints', () => {
    expect(plateauNeighbours(space, best).map((n) => [n.parameter, n.offset, n.params.fast, n.params.slow])).toEqual([
      ['fast', -1, 2, 20],
      ['fast', 1, 6, 20],
      ['fast', 2, 8, 20],
      ['slow', -1, 4, 10],
      ['slow', 1, 4, 30],
    ]);
  });

  it('measures how much of the best score each neighbourhood keeps', () => {
    // Best 2.0. fast: 2 -> 1.5 (keeps 0.75), 6 -> 2.2 (better: 1), 8 -> -1 (0);  mean 0.5833.
    // slow: 10 -> filtered (null: 0), 30 -> 1.8 (0.9); mean 0.45.  Overall (0.5833 + 0.45) / 2 = 0.5167.
    const scores: Record<string, number | null> = { '4/20': 2, '2/20': 1.5, '6/20': 2.2, '8/20': -1, '4/10': null, '4/30': 1.8 };
    const result = plateauScore(space, best, objective, (p) => scores[`${p.fast}/${p.slow}`]);
    expect(result.parameters.map((p) => [p.name, p.neighbours.map((n) => n.retention)])).toEqual([
      ['fast', [0.75, 1, 0]],
      ['slow', [0, 0.9]],
    ]);
    expect(result.parameters[0].score).toBeCloseTo(1.75 / 3, 12);
    expect(result.overall).toBeCloseTo((1.75 / 3 + 0.45) / 2, 12);
  });

  it('follows the direction for minimised objectives and is undefined for a zero best', () => {
    const dd: Objective = { metric: 'maxDrawdownPct', direction: 'minimize' };
    // Best 10%; a neighbour at 15% is half again worse: keeps 0.5.
    const result = plateauScore(space, best, dd, (p) => (p.fast === 4 && p.slow === 20 ? 10 : 15));
    expect(result.overall).toBe(0.5);
    expect(plateauScore(space, best, objective, () => 0).overall).toBeNull();
  });
});
