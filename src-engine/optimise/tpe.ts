/**
 * Bayesian search with a tree-structured Parzen estimator (Bergstra et al., 2011), our own code
 * over the discrete domains of a search space. The trials seen so far are split into "good"
 * (the best gamma share) and "bad" (the rest, with filtered trials and undefined scores); for
 * each parameter a Parzen density is built over its values for each group, l(x) from the good
 * and g(x) from the bad, and of candidates drawn from l the one maximising l(x)/g(x) is taken.
 *
 * Trials are proposed in generations of `generation` trials; every trial of generation k is
 * fitted on exactly the trials before the generation, and drawn from its own random stream
 * (seed, trial index). So the proposals depend only on the seed and on those results, never on
 * how the evaluation was batched or interrupted: a search resumed from its stored trials
 * proposes what an uninterrupted one would have.
 */
import { gain, nonDominatedRanks } from './objectives.ts';
import { createRng } from './random.ts';
import type { Rng } from './random.ts';
import { randomUnseenSet } from './samplers.ts';
import { countSpace, indexSpace, setKey } from './space.ts';
import type { IndexedSpace } from './space.ts';
import type { Objective, ParameterSet, Sampler, SearchSpace, Trial, TrialResult } from './types.ts';

export interface TpeOptions {
  readonly trials: number;
  readonly seed: number;
  /** The objectives the results' scores follow, for their directions; 2+ rank by non-domination. */
  readonly objectives: readonly Objective[];
  /** Random trials before the model is used (default 10). */
  readonly startupTrials?: number;
  /** Trials proposed from one fit of the model (default 8). */
  readonly generation?: number;
  /** Share of the trials counted as good (default 0.2, at most 25 trials). */
  readonly gamma?: number;
  /** Candidates drawn from l(x) per proposal (default 24). */
  readonly candidates?: number;
}

/** Per parameter, the probability of each of its values. */
type Densities = readonly Float64Array[];

/** Spaces up to this size are counted so that `total` never exceeds the sets available. */
const COUNT_LIMIT = 1_000_000;
const PRIOR_WEIGHT = 1;

export function tpeSampler(space: SearchSpace, options: TpeOptions): Sampler {
  const indexed = indexSpace(space);
  const startup = options.startupTrials ?? 10;
  const generation = Math.max(1, Math.floor(options.generation ?? 8));
  let total = Math.max(0, Math.floor(options.trials));
  if (indexed.size <= COUNT_LIMIT) total = Math.min(total, countSpace(space));

  const results = new Map<number, TrialResult>();
  const asked = new Set<number>();
  const generations = new Map<number, readonly ParameterSet[]>();
  let toldPrefix = 0;

  const proposeGeneration = (g: number): readonly ParameterSet[] => {
    const start = g * generation;
    const history: TrialResult[] = [];
    for (let i = 0; i < start; i++) history.push(results.get(i)!);
    const taken = new Set(history.map((r) => setKey(indexed, r.params)));
    const model = start >= startup ? fitModel(indexed, history, options) : null;
    const sets: ParameterSet[] = [];
    for (let i = start; i < Math.min(start + generation, total); i++) {
      const rng = createRng(options.seed, i);
      const set = model && i >= startup ? proposeFromModel(indexed, model, rng, taken, options.candidates ?? 24) : null;
      const chosen = set ?? randomUnseenSet(indexed, rng, taken);
      if (chosen === null) break;
      taken.add(setKey(indexed, chosen));
      sets.push(chosen);
    }
    return sets;
  };

  return {
    ask(count) {
      const trials: Trial[] = [];
      for (let index = toldPrefix; trials.length < count && index < total; index++) {
        if (results.has(index) || asked.has(index)) continue;
        const g = Math.floor(index / generation);
        // A generation is fitted on every trial before it; until they are all told, wait.
        if (toldPrefix < g * generation) break;
        let sets = generations.get(g);
        if (!sets) {
          sets = proposeGeneration(g);
          generations.set(g, sets);
        }
        const set = sets[index - g * generation];
        if (set === undefined) {
          total = index;
          break;
        }
        asked.add(index);
        trials.push({ index, params: set });
      }
      return trials;
    },
    tell(told) {
      for (const r of told) results.set(r.index, r);
      while (results.has(toldPrefix)) toldPrefix++;
    },
    get total() {
      return total;
    },
  };
}

interface Model {
  readonly good: Densities;
  readonly bad: Densities;
}

/** Good trials first: by the single objective, or by non-dominated rank, ties to the earlier trial. */
function splitGoodBad(history: readonly TrialResult[], options: TpeOptions): { good: TrialResult[]; bad: TrialResult[] } {
  const objectives = options.objectives;
  const points = history.map((r) => {
    if (r.filteredBy !== null) return null;
    const gains: number[] = [];
    for (let k = 0; k < objectives.length; k++) {
      const g = gain(r.scores[k] ?? null, objectives[k].direction);
      if (g === null) return null;
      gains.push(g);
    }
    return gains;
  });
  const eligible = history.map((_, i) => i).filter((i) => points[i] !== null && points[i]!.length > 0);
  const key =
    objectives.length > 1
      ? (() => {
          const ranks = nonDominatedRanks(points);
          return (i: number) => -(ranks[i] ?? 0);
        })()
      : (i: number) => points[i]![0];
  eligible.sort((a, b) => key(b) - key(a) || history[a].index - history[b].index);
  const nGood = Math.min(eligible.length, 25, Math.max(1, Math.ceil((options.gamma ?? 0.2) * history.length)));
  const goodPositions = new Set(eligible.slice(0, nGood));
  const good: TrialResult[] = [];
  const bad: TrialResult[] = [];
  history.forEach((r, i) => (goodPositions.has(i) ? good : bad).push(r));
  return { good, bad };
}

function fitModel(indexed: IndexedSpace, history: readonly TrialResult[], options: TpeOptions): Model | null {
  const { good, bad } = splitGoodBad(history, options);
  if (good.length === 0) return null;
  return { good: densities(indexed, good), bad: densities(indexed, bad) };
}

/**
 * Parzen densities over each parameter's values. Ordered numeric ranges use Gaussian kernels
 * over value positions (bandwidth shrinking with the number of observations as m^(-1/5)); lists
 * are categorical (counts). A uniform prior with the weight of one observation keeps every
 * value possible.
 */
function densities(indexed: IndexedSpace, trials: readonly TrialResult[]): Densities {
  return indexed.names.map((name, p) => {
    const values = indexed.values[p];
    const n = values.length;
    const density = new Float64Array(n).fill(PRIOR_WEIGHT / n);
    const positions = trials.map((t) => values.indexOf(t.params[name])).filter((k) => k >= 0);
    const m = positions.length;
    const ordinal = n > 2 && values.every((v) => typeof v === 'number') && isAscending(values as readonly number[]);
    if (ordinal && m > 0) {
      const sigma = Math.max(1, ((n - 1) * m ** -0.2) / 5);
      const kernel = new Float64Array(n);
      for (const centre of positions) {
        let sum = 0;
        for (let k = 0; k < n; k++) {
          kernel[k] = Math.exp(-0.5 * ((k - centre) / sigma) ** 2);
          sum += kernel[k];
        }
        for (let k = 0; k < n; k++) density[k] += kernel[k] / sum;
      }
    } else {
      for (const k of positions) density[k] += 1;
    }
    for (let k = 0; k < n; k++) density[k] /= m + PRIOR_WEIGHT;
    return density;
  });
}

function isAscending(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i] > values[i - 1])) return false;
  return true;
}

function drawPosition(density: Float64Array, rng: Rng): number {
  let u = rng.next();
  for (let k = 0; k < density.length; k++) {
    u -= density[k];
    if (u < 0) return k;
  }
  return density.length - 1;
}

/** Of candidates drawn from l, the valid untried one with the largest log l(x) - log g(x). */
function proposeFromModel(
  indexed: IndexedSpace,
  model: Model,
  rng: Rng,
  taken: ReadonlySet<string>,
  candidates: number,
): ParameterSet | null {
  let best: ParameterSet | null = null;
  let bestScore = -Infinity;
  // Rejected draws (constraints, repeats) do not count, up to a bound, so a tight space still gets its candidates.
  for (let drawn = 0, tried = 0; drawn < candidates && tried < candidates * 20; tried++) {
    const set: Record<string, number | string> = {};
    let score = 0;
    indexed.names.forEach((name, p) => {
      const k = drawPosition(model.good[p], rng);
      set[name] = indexed.values[p][k];
      score += Math.log(model.good[p][k]) - Math.log(model.bad[p][k]);
    });
    if (!indexed.accepts(set) || taken.has(setKey(indexed, set))) continue;
    drawn++;
    if (score > bestScore) {
      best = set;
      bestScore = score;
    }
  }
  return best;
}
