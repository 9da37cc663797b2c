/**
 * Parameter-plateau stability: does the best set sit on a plateau or on a spike? For each
 * parameter, the objective is read at ±1 and ±2 steps of its domain (the others held at the
 * best) and compared with the best's. A set whose neighbours score nearly as well is more
 * likely to keep working than one surrounded by much worse sets. Definition in
 * docs/optimisation.md.
 */
import { gain } from './objectives.ts';
import { domainValues } from './space.ts';
import { compileConstraints } from './constraints.ts';
import type { Objective, ParameterSet, SearchSpace } from './types.ts';

/** Offsets, in steps of a parameter's domain, that make up its neighbourhood. */
export const PLATEAU_OFFSETS = [-2, -1, 1, 2] as const;

export interface PlateauNeighbour {
  readonly parameter: string;
  readonly offset: number;
  readonly params: ParameterSet;
}

/**
 * The neighbours of `best` to evaluate: for each parameter with more than one value, the sets
 * at ±1 and ±2 positions in its domain that exist and satisfy the constraints. Categorical
 * (text) lists have no order, so they are left out.
 */
export function plateauNeighbours(space: SearchSpace, best: ParameterSet): PlateauNeighbour[] {
  const accepts = compileConstraints(space.constraints);
  const out: PlateauNeighbour[] = [];
  for (const domain of space.parameters) {
    const values = domainValues(domain);
    if (values.length < 2 || values.some((v) => typeof v !== 'number')) continue;
    const at = values.indexOf(best[domain.name]);
    if (at < 0) continue;
    for (const offset of PLATEAU_OFFSETS) {
      const value = values[at + offset];
      if (value === undefined) continue;
      const params = { ...best, [domain.name]: value };
      if (accepts(params)) out.push({ parameter: domain.name, offset, params });
    }
  }
  return out;
}

export interface PlateauScore {
  /** Mean of the parameters' scores (each parameter counts alike), 0..1; null when undefined. */
  readonly overall: number | null;
  readonly parameters: readonly {
    readonly name: string;
    /** Mean retention over this parameter's neighbours, 0..1. */
    readonly score: number;
    readonly neighbours: readonly { readonly offset: number; readonly score: number | null; readonly retention: number }[];
  }[];
}

/**
 * Retention of a neighbour = 1 - (how much worse it scores than the best) / |best score|,
 * clipped to [0, 1]: 1 when it scores as well or better, 0 when it loses all of the best's
 * score or more, or when it is filtered out or undefined (`scoreOf` gives null for both). A
 * parameter scores the mean retention of its neighbours. Null overall when the
 * best score is null or 0, or when no parameter has a neighbour.
 */
export function plateauScore(
  space: SearchSpace,
  best: ParameterSet,
  objective: Objective,
  scoreOf: (params: ParameterSet) => number | null,
): PlateauScore {
  const bestGain = gain(scoreOf(best), objective.direction);
  const groups = new Map<string, { offset: number; score: number | null; retention: number }[]>();
  for (const n of plateauNeighbours(space, best)) {
    const score = scoreOf(n.params);
    const g = gain(score, objective.direction);
    let retention = 0;
    if (g !== null && bestGain !== null && bestGain !== 0) {
      retention = Math.min(1, Math.max(0, 1 - (bestGain - g) / Math.abs(bestGain)));
    }
    const list = groups.get(n.parameter) ?? [];
    list.push({ offset: n.offset, score, retention });
    groups.set(n.parameter, list);
  }
  const parameters = [...groups].map(([name, neighbours]) => ({
    name,
    score: neighbours.reduce((s, n) => s + n.retention, 0) / neighbours.length,
    neighbours,
  }));
  const overall =
    bestGain === null || bestGain === 0 || parameters.length === 0
      ? null
      : parameters.reduce((s, p) => s + p.score, 0) / parameters.length;
  return { overall, parameters };
}
