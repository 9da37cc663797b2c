import { describe, expect, it } from 'vitest';
import { createSampler, resumeSearch, runSearch } from '../../../src-engine/optimise/search.ts';
import type { SearchProgress } from '../../../src-engine/optimise/search.ts';
import { parseDomain } from '../../../src-engine/optimise/space.ts';
import type { SearchMethod, SearchSpace, Trial, TrialResult } from '../../../src-engine/optimise/types.ts';
import { bowl, resultOf, SHARPE } from './support.ts';

const space: SearchSpace = {
  parameters: [parseDomain('fast', '2:30:2'), parseDomain('slow', '10:100:10')],
  constraints: ['fast < slow'],
};
const objectives = [SHARPE];

/** A clock that moves 100 ms per evaluated trial. */
function fakeTime() {
  let t = 0;
  return {
    now: () => t,
    evaluate: async (trials: readonly Trial[]) => {
      t += 100 * trials.length;
      return trials.map((trial) => resultOf(trial, bowl));
    },
  };
}

describe('runSearch', () => {
  it('runs a grid in batches and reports done, total, best so far and the ETA', async () => {
    const clock = fakeTime();
    const reports: SearchProgress[] = [];
    // 150 sets, of which 18 have fast >= slow.
    const outcome = await runSearch({
      sampler: createSampler('grid', space, { objectives }),
      evaluate: clock.evaluate,
      batchSize: 40,
      objectives,
      now: clock.now,
      onResults: (_, progress) => {
        reports.push(progress);
      },
    });
    expect(outcome.status).toBe('done');
    expect(reports.map((p) => [p.done, p.total, p.etaMs])).toEqual([
      [40, 132, 9_200],
      [80, 132, 5_200],
      [120, 132, 1_200],
      [132, 132, 0],
    ]);
    expect(outcome.progress.best?.params).toEqual({ fast: 12, slow: 40 });
    expect(outcome.progress.best?.scores).toEqual([2]);
  });

  it('stops when the signal is aborted, after the batch in flight', async () => {
    const clock = fakeTime();
    const signal = { aborted: false };
    const seen: TrialResult[] = [];
    const outcome = await runSearch({
      sampler: createSampler('random', space, { objectives, trials: 100, seed: 5 }),
      evaluate: clock.evaluate,
      batchSize: 16,
      objectives,
      signal,
      now: clock.now,
      onResults: (results) => {
        seen.push(...results);
        if (seen.length >= 32) signal.aborted = true;
      },
    });
    expect(outcome.status).toBe('stopped');
    expect(outcome.progress.done).toBe(32);
    expect(outcome.progress.total).toBe(100);
  });

  it('refuses a batch evaluated only in part without being stopped', async () => {
    await expect(
      runSearch({
        sampler: createSampler('grid', space, { objectives }),
        evaluate: async (trials) => trials.slice(1).map((t) => resultOf(t, bowl)),
        batchSize: 4,
        objectives,
      }),
    ).rejects.toThrow('evaluate returned 3 results for 4 trials without being stopped');
  });
});

describe('resumeSearch', () => {
  const TOTAL: Record<SearchMethod, number> = { grid: 132, random: 60, bayes: 60 };

  /** Runs a search to the end; the trials by index. */
  async function uninterrupted(method: SearchMethod, batchSize: number): Promise<Trial[]> {
    const trials: Trial[] = [];
    await runSearch({
      sampler: createSampler(method, space, { objectives, trials: 60, seed: 9 }),
      evaluate: async (batch) => {
        trials.push(...batch);
        return batch.map((t) => resultOf(t, bowl));
      },
      batchSize,
      objectives,
    });
    return trials.sort((a, b) => a.index - b.index);
  }

  /**
   * Stops after `stopAfter` results, as an app quitting mid-batch: only the first part of the
   * batch in flight reached storage. Then resumes with a new sampler and another batch size.
   */
  async function interrupted(method: SearchMethod, stopAfter: number, resumeBatch: number): Promise<Trial[]> {
    const stored: TrialResult[] = [];
    const signal = { aborted: false };
    await runSearch({
      sampler: createSampler(method, space, { objectives, trials: 60, seed: 9 }),
      evaluate: async (batch) => {
        const room = stopAfter - stored.length;
        if (room <= batch.length) signal.aborted = true;
        const results = batch.slice(0, room).map((t) => resultOf(t, bowl));
        stored.push(...results);
        return results;
      },
      batchSize: 8,
      objectives,
      signal,
    });
    expect(stored).toHaveLength(stopAfter);
    const resumedTrials: Trial[] = [];
    const outcome = await resumeSearch({
      sampler: createSampler(method, space, { objectives, trials: 60, seed: 9 }),
      stored,
      evaluate: async (batch) => {
        resumedTrials.push(...batch);
        return batch.map((t) => resultOf(t, bowl));
      },
      batchSize: resumeBatch,
      objectives,
    });
    expect(outcome.progress.done).toBe(TOTAL[method]);
    expect(resumedTrials).toHaveLength(TOTAL[method] - stopAfter);
    return [...stored.map(({ index, params }) => ({ index, params })), ...resumedTrials].sort((a, b) => a.index - b.index);
  }

  for (const method of ['grid', 'random', 'bayes'] as const) {
    it(`${method}: a search resumed from stored results runs the same trials as an uninterrupted one`, async () => {
      const expected = await uninterrupted(method, 8);
      expect(expected).toHaveLength(TOTAL[method]);
      expect(await interrupted(method, 21, 5)).toEqual(expected);
      expect(await interrupted(method, 32, 12)).toEqual(expected);
    });
  }
});
