/**
 * The Pareto plot: two chosen objectives of the passing, scored trials as points, and which of
 * them no other point dominates on those two (at least as good on both, better on one), in the
 * order of the first objective so the front can be drawn as a line.
 */
import type { Direction, TrialTable } from './trials.ts';

export interface ParetoAxis {
  readonly objective: number;
  readonly direction: Direction;
}

export interface ParetoPlot {
  /** Rows plotted (passing trials scored on both objectives). */
  readonly rows: readonly number[];
  /** Rows on the two-objective front, by ascending first-objective score. */
  readonly front: readonly number[];
}

/** Oriented so that larger is better. */
function gain(value: number, direction: Direction): number {
  return direction === 'maximize' ? value : -value;
}

export function paretoPlot(table: TrialTable, a: ParetoAxis, b: ParetoAxis): ParetoPlot {
  const sa = table.scores[a.objective];
  const sb = table.scores[b.objective];
  if (sa === undefined || sb === undefined) return { rows: [], front: [] };
  const rows: number[] = [];
  for (let row = 0; row < table.count; row++) {
    if (table.filteredBy[row] === null && !Number.isNaN(sa[row]) && !Number.isNaN(sb[row])) rows.push(row);
  }
  // Best first on a, then on b: a point is on the front when it beats every earlier point's b.
  const ordered = [...rows].sort((p, q) => gain(sa[q], a.direction) - gain(sa[p], a.direction) || gain(sb[q], b.direction) - gain(sb[p], b.direction) || p - q);
  const front: number[] = [];
  let bestB = Number.NEGATIVE_INFINITY;
  let lastA = Number.NaN;
  for (const row of ordered) {
    const ga = gain(sa[row], a.direction);
    const gb = gain(sb[row], b.direction);
    const previous = front.at(-1);
    // Equal points do not dominate each other: a twin of the last front point is on it too.
    const twin = previous !== undefined && ga === lastA && gb === gain(sb[previous], b.direction);
    if (gb > bestB || twin) {
      front.push(row);
      bestB = Math.max(bestB, gb);
      lastA = ga;
    }
  }
  return { rows, front: front.sort((p, q) => sa[p] - sa[q] || p - q) };
}
