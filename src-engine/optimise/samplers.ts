/**
 * Grid and random samplers. Both walk a fixed sequence of sets that depends only on the space
 * and the seed, so trial i is always the same set: a resumed search told its stored trials
 * proposes exactly the ones an uninterrupted search would have, skipping those already done.
 */
import { createRng } from './random.ts';
import type { Rng } from './random.ts';
import { countSpace, indexSpace, MAX_ENUMERABLE, setAt, setKey } from './space.ts';
import type { IndexedSpace } from './space.ts';
import type { ParameterSet, Sampler, SearchSpace, Trial, TrialResult } from './types.ts';

/** Random sampling enumerates the valid sets (and shuffles them) in spaces up to this size. */
const SHUFFLE_LIMIT = 1_000_000;
/** Draws tried for one new set before a large space counts as exhausted. */
const MAX_ATTEMPTS = 1_000;

/**
 * A sampler over a deterministic sequence: `nth(i)` is trial i's set, asked in order, or null
 * past the sequence's end. Indices already told (or asked) are never proposed again.
 */
function sequenceSampler(total: number, nth: (index: number) => ParameterSet | null): Sampler {
  const done = new Set<number>();
  let cursor = 0;
  return {
    total,
    ask(count) {
      const trials: Trial[] = [];
      while (trials.length < count && cursor < total) {
        const index = cursor++;
        const params = nth(index);
        if (params === null) {
          cursor = total;
          break;
        }
        if (done.has(index)) continue;
        done.add(index);
        trials.push({ index, params });
      }
      return trials;
    },
    tell(results: readonly TrialResult[]) {
      for (const r of results) done.add(r.index);
    },
  };
}

/** Every set satisfying the constraints, first parameter slowest. */
export function gridSampler(space: SearchSpace): Sampler {
  const indexed = indexSpace(space);
  const total = countSpace(space);
  let position = 0;
  let produced = 0;
  return sequenceSampler(total, (index) => {
    // Trials are asked in index order, so the walk over the product only moves forward.
    if (index !== produced) throw new Error(`grid trial ${index} asked out of order`);
    while (position < indexed.size) {
      const set = setAt(indexed, position++);
      if (indexed.accepts(set)) {
        produced++;
        return set;
      }
    }
    return null;
  });
}

export interface RandomSamplerOptions {
  /** Trials to run at most; fewer when the space (after constraints) is smaller. */
  readonly trials: number;
  readonly seed: number;
}

/**
 * A uniformly random draw of a set not tried yet (by rejection, then by scanning the space when
 * it is small enough), or null when none is left or none was found in the bounded attempts.
 */
export function randomUnseenSet(indexed: IndexedSpace, rng: Rng, taken: ReadonlySet<string>): ParameterSet | null {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const set = setAt(indexed, rng.int(indexed.size));
    if (indexed.accepts(set) && !taken.has(setKey(indexed, set))) return set;
  }
  if (indexed.size > SHUFFLE_LIMIT) return null;
  const free: number[] = [];
  for (let p = 0; p < indexed.size; p++) {
    const set = setAt(indexed, p);
    if (indexed.accepts(set) && !taken.has(setKey(indexed, set))) free.push(p);
  }
  return free.length === 0 ? null : setAt(indexed, free[rng.int(free.length)]);
}

/**
 * Sets drawn uniformly without repetition until the budget is spent or the space exhausted.
 * Small spaces are enumerated and shuffled (Fisher-Yates, drawn lazily); large ones are sampled
 * by rejection, with a bounded number of draws per set.
 */
export function randomSampler(space: SearchSpace, options: RandomSamplerOptions): Sampler {
  const indexed = indexSpace(space);
  const rng = createRng(options.seed);
  const produced: ParameterSet[] = [];
  let next: () => ParameterSet | null;
  let total = Math.max(0, Math.floor(options.trials));
  if (indexed.size <= SHUFFLE_LIMIT) {
    const valid: number[] = [];
    for (let p = 0; p < indexed.size; p++) if (indexed.accepts(setAt(indexed, p))) valid.push(p);
    total = Math.min(total, valid.length);
    let drawn = 0;
    next = () => {
      if (drawn >= valid.length) return null;
      const j = drawn + rng.int(valid.length - drawn);
      [valid[drawn], valid[j]] = [valid[j], valid[drawn]];
      return setAt(indexed, valid[drawn++]);
    };
  } else {
    if (indexed.size <= MAX_ENUMERABLE) total = Math.min(total, countSpace(space));
    const taken = new Set<string>();
    next = () => {
      const set = randomUnseenSet(indexed, rng, taken);
      if (set !== null) taken.add(setKey(indexed, set));
      return set;
    };
  }
  return sequenceSampler(total, (index) => {
    while (produced.length <= index) {
      const set = next();
      if (set === null) return null;
      produced.push(set);
    }
    return produced[index];
  });
}
