/**
 * An optimisation's trials as one table of columns (the pages of optimise.trials joined), the
 * columns a person can sort and read (index, parameters, scores, every metric), sorting them
 * with undefined values last, and the best passing trial by the first objective.
 */
export type ParamColumn = Float64Array | readonly string[];

export interface TrialTable {
  readonly count: number;
  /** The walk-forward window of each trial (0 for a plain search); indices restart per window. */
  readonly window: Float64Array;
  readonly index: Float64Array;
  readonly params: Readonly<Record<string, ParamColumn>>;
  /** One column per objective; NaN where undefined. */
  readonly scores: readonly Float64Array[];
  readonly metrics: Readonly<Record<string, Float64Array>>;
  readonly filteredBy: readonly (string | null)[];
}

export type Direction = 'maximize' | 'minimize';

export const EMPTY_TRIALS: TrialTable = { count: 0, window: new Float64Array(0), index: new Float64Array(0), params: {}, scores: [], metrics: {}, filteredBy: [] };

/** One page of optimise.trials: the table's columns, without its count. */
export type TrialPage = Omit<TrialTable, 'count'>;

function joinNumbers(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function joinParam(parts: readonly ParamColumn[]): ParamColumn {
  if (parts.every((p) => p instanceof Float64Array)) return joinNumbers(parts as Float64Array[]);
  return parts.flatMap((p) => Array.from(p as ArrayLike<number | string>, String));
}

/** Pages in offset order as one table. */
export function joinTrialPages(pages: readonly TrialPage[]): TrialTable {
  if (pages.length === 0) return EMPTY_TRIALS;
  const first = pages[0];
  return {
    count: pages.reduce((n, p) => n + p.index.length, 0),
    window: joinNumbers(pages.map((p) => p.window)),
    index: joinNumbers(pages.map((p) => p.index)),
    params: Object.fromEntries(Object.keys(first.params).map((name) => [name, joinParam(pages.map((p) => p.params[name]))])),
    scores: first.scores.map((_, i) => joinNumbers(pages.map((p) => p.scores[i]))),
    metrics: Object.fromEntries(Object.keys(first.metrics).map((name) => [name, joinNumbers(pages.map((p) => p.metrics[name]))])),
    filteredBy: pages.flatMap((p) => p.filteredBy),
  };
}

export type TrialColumn = { readonly kind: 'index' } | { readonly kind: 'param'; readonly name: string } | { readonly kind: 'score'; readonly objective: number } | { readonly kind: 'metric'; readonly name: string };

export function columnKey(column: TrialColumn): string {
  switch (column.kind) {
    case 'index':
      return 'index';
    case 'param':
      return `param-${column.name}`;
    case 'score':
      return `score-${column.objective}`;
    case 'metric':
      return `metric-${column.name}`;
  }
}

/** A row's value in a column; NaN for none. */
export function cellValue(table: TrialTable, column: TrialColumn, row: number): number | string {
  switch (column.kind) {
    case 'index':
      return table.index[row];
    case 'param':
      return table.params[column.name]?.[row] ?? Number.NaN;
    case 'score':
      return table.scores[column.objective]?.[row] ?? Number.NaN;
    case 'metric':
      return table.metrics[column.name]?.[row] ?? Number.NaN;
  }
}

export interface TrialSort {
  readonly column: TrialColumn;
  readonly order: 'asc' | 'desc';
}

function missing(value: number | string): boolean {
  return typeof value === 'number' && Number.isNaN(value);
}

/** Row positions in sorted order, stable; NaN values go last in either order. */
export function sortTrials(table: TrialTable, sort: TrialSort): Int32Array {
  const rows = Array.from({ length: table.count }, (_, row) => row);
  const values = rows.map((row) => cellValue(table, sort.column, row));
  const sign = sort.order === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const va = values[a];
    const vb = values[b];
    if (missing(va) || missing(vb)) return missing(va) === missing(vb) ? a - b : missing(va) ? 1 : -1;
    const cmp = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return cmp === 0 ? a - b : sign * cmp;
  });
  return Int32Array.from(rows);
}

/** The row of the best trial that passes the filters by one objective (earliest on ties); null when none has a score. */
export function bestRow(table: TrialTable, objective: number, direction: Direction): number | null {
  const scores = table.scores[objective];
  if (scores === undefined) return null;
  let best: number | null = null;
  for (let row = 0; row < table.count; row++) {
    const score = scores[row];
    if (Number.isNaN(score) || table.filteredBy[row] !== null) continue;
    if (best === null || (direction === 'maximize' ? score > scores[best] : score < scores[best])) best = row;
  }
  return best;
}

/** The walk-forward windows present, ascending. */
export function trialWindows(table: TrialTable): number[] {
  return [...new Set(table.window)].sort((a, b) => a - b);
}

/** The trials of one walk-forward window, as a table of their own. */
export function windowTrials(table: TrialTable, window: number): TrialTable {
  const rows: number[] = [];
  for (let row = 0; row < table.count; row++) if (table.window[row] === window) rows.push(row);
  const pick = (column: Float64Array) => Float64Array.from(rows, (row) => column[row]);
  return {
    count: rows.length,
    window: pick(table.window),
    index: pick(table.index),
    params: Object.fromEntries(Object.entries(table.params).map(([name, column]) => [name, column instanceof Float64Array ? pick(column) : rows.map((row) => column[row])])),
    scores: table.scores.map(pick),
    metrics: Object.fromEntries(Object.entries(table.metrics).map(([name, column]) => [name, pick(column)])),
    filteredBy: rows.map((row) => table.filteredBy[row]),
  };
}

/** The parameter values of one row, in column order. */
export function rowParams(table: TrialTable, row: number): Record<string, number | string> {
  return Object.fromEntries(Object.entries(table.params).map(([name, column]) => [name, column[row]]));
}
