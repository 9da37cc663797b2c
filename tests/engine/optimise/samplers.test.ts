import { describe, expect, it } from 'vitest';
import { gridSampler, randomSampler } from '../../../src-engine/optimise/samplers.ts';
import { parseDomain } from '../../../src-engine/optimise/space.ts';
import { tpeSampler } from '../../../src-engine/optimise/tpe.ts';
import type { Sampler, SearchSpace, Trial } from '../../../src-engine/optimise/types.ts';
import { bowl, resultOf, SHARPE } from './support.ts';

const small: SearchSpace = {
  parameters: [parseDomain('fast', '1:4:1'), parseDomain('slow', '2,3,4,5')],
  constraints: ['fast < slow'],
};

const wide: SearchSpace = {
  parameters: [parseDomain('fast', '2:50:1'), parseDomain('slow', '10:200:5')],
  constraints: ['fast * 2 <= slow'],
};

function drain(sampler: Sampler, batch: number): Trial[] {
  const all: Trial[] = [];
  for (;;) {
    const trials = sampler.ask(batch);
    if (trials.length === 0) return all;
    sampler.tell(trials.map((t) => resultOf(t, bowl)));
    all.push(...trials);
  }
}

const keyOf = (t: Trial) => `${t.params.fast}/${t.params.slow}`;

describe('gridSampler', () => {
  it('proposes every valid set once, first parameter slowest, and counts them', () => {
    const sampler = gridSampler(small);
    expect(sampler.total).toBe(10);
    expect(drain(sampler, 3).map(keyOf)).toEqual(['1/2', '1/3', '1/4', '1/5', '2/3', '2/4', '2/5', '3/4', '3/5', '4/5']);
  });

  it('skips trials already told when resumed', () => {
    const first = gridSampler(small);
    const done = first.ask(4).map((t) => resultOf(t, bowl));
    const resumed = gridSampler(small);
    resumed.tell([done[0], done[2]]);
    expect(resumed.ask(3).map((t) => [t.index, keyOf(t)])).toEqual([[1, '1/3'], [3, '1/5'], [4, '2/3']]);
  });
});

describe('randomSampler', () => {
  it('draws without repetition until the space is exhausted, the same for a seed', () => {
    const sampler = randomSampler(small, { trials: 100, seed: 7 });
    expect(sampler.total).toBe(10);
    const trials = drain(sampler, 4);
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(trials.map(keyOf)).size).toBe(10);
    expect(drain(randomSampler(small, { trials: 100, seed: 7 }), 3).map(keyOf)).toEqual(trials.map(keyOf));
    expect(drain(randomSampler(small, { trials: 100, seed: 8 }), 3).map(keyOf)).not.toEqual(trials.map(keyOf));
  });

  it('respects constraints and the budget in a large space', () => {
    const large: SearchSpace = {
      parameters: [parseDomain('fast', '1:1000:1'), parseDomain('slow', '1:2000:1')],
      constraints: ['fast < slow'],
    };
    const trials = drain(randomSampler(large, { trials: 500, seed: 3 }), 64);
    expect(trials).toHaveLength(500);
    expect(trials.every((t) => Number(t.params.fast) < Number(t.params.slow))).toBe(true);
    expect(new Set(trials.map(keyOf)).size).toBe(500);
  });
});

describe('tpeSampler', () => {
  const options = { trials: 80, seed: 11, objectives: [SHARPE], startupTrials: 10, generation: 8 };

  it('is deterministic for a seed, never repeats a set and respects constraints', () => {
    const a = drain(tpeSampler(wide, options), 8);
    const b = drain(tpeSampler(wide, options), 8);
    expect(a).toHaveLength(80);
    expect(a).toEqual(b);
    expect(new Set(a.map(keyOf)).size).toBe(80);
    expect(a.every((t) => Number(t.params.fast) * 2 <= Number(t.params.slow))).toBe(true);
  });

  it('does not depend on how trials were batched', () => {
    expect(drain(tpeSampler(wide, options), 3)).toEqual(drain(tpeSampler(wide, options), 8));
    expect(drain(tpeSampler(wide, options), 50)).toEqual(drain(tpeSampler(wide, options), 8));
  });

  it('homes in on the optimum better than random sampling with the same budget', () => {
    const best = (trials: Trial[]) => Math.max(...trials.map((t) => bowl(t.params).sharpe!));
    const late = (trials: Trial[]) => trials.slice(40).reduce((s, t) => s + bowl(t.params).sharpe!, 0) / 40;
    const tpe = drain(tpeSampler(wide, options), 8);
    const random = drain(randomSampler(wide, { trials: 80, seed: 11 }), 8);
    expect(best(tpe)).toBeGreaterThanOrEqual(best(random));
    expect(late(tpe)).toBeGreaterThan(late(random));
  });

  it('treats filtered trials as bad', () => {
    // Sets with fast < 20 score best but are filtered (too few trades) in the second search.
    const highFast = (filter: boolean) => {
      const sampler = tpeSampler(wide, options);
      const all: Trial[] = [];
      for (let trials = sampler.ask(8); trials.length > 0; trials = sampler.ask(8)) {
        const evaluate = (t: Trial) => {
          const m = bowl(t.params);
          const trades = filter && Number(t.params.fast) < 20 ? 0 : 50;
          return resultOf(t, () => ({ ...m, trades }), [SHARPE], { minTrades: 1 });
        };
        sampler.tell(trials.map(evaluate));
        all.push(...trials);
      }
      return all.slice(40).filter((t) => Number(t.params.fast) >= 20).length;
    };
    expect([highFast(false), highFast(true)]).toEqual([0, 20]);
  });

  it('stops when a small space is exhausted', () => {
    const sampler = tpeSampler(small, { ...options, startupTrials: 2, generation: 2 });
    expect(sampler.total).toBe(10);
    const trials = drain(sampler, 4);
    expect(trials).toHaveLength(10);
    expect(new Set(trials.map(keyOf)).size).toBe(10);
  });
});
