/**
 * The objective over one or two parameters, for the heatmap and the line chart: trials grouped
 * by their values of the chosen parameters, the others either held at given values (the best
 * trial's) or aggregated, by the best score among them or by the mean. Filtered trials and
 * undefined scores are left out, so an empty cell means no passing trial was scored there.
 */
import type { Direction, ParamColumn, TrialTable } from './trials.ts';

export const AGGREGATIONS = ['fixed', 'best', 'mean'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export type AxisValue = number | string;

export interface HeatmapOptions {
  readonly x: string;
  readonly y: string;
  /** Which objective's scores (index into table.scores). */
  readonly objective: number;
  readonly direction: Direction;
  readonly aggregation: Aggregation;
  /** The other parameters' values for 'fixed' (the best trial's). */
  readonly fixed: Readonly<Record<string, AxisValue>>;
}

export interface Heatmap {
  /** Distinct values along each axis, ascending (numbers) or in text order. */
  readonly xValues: readonly AxisValue[];
  readonly yValues: readonly AxisValue[];
  /** Row-major by y then x: values[y * xValues.length + x]; NaN where no trial. */
  readonly values: Float64Array;
  /** Cells holding a value. */
  readonly filled: number;
  /** Range of the values shown; NaN when none. */
  readonly min: number;
  readonly max: number;
}

function distinct(column: ParamColumn, rows: readonly number[]): AxisValue[] {
  const values = [...new Set(rows.map((row) => column[row]))];
  return values.every((v) => typeof v === 'number') ? (values as number[]).sort((a, b) => a - b) : values.map(String).sort((a, b) => a.localeCompare(b));
}

/** Rows that count: passing, scored and, for 'fixed', matching the held values of every parameter not in `free`. */
function eligibleRows(table: TrialTable, options: Omit<HeatmapOptions, 'x' | 'y'>, free: readonly string[]): number[] {
  const scores = table.scores[options.objective];
  const held = options.aggregation === 'fixed' ? Object.keys(table.params).filter((name) => !free.includes(name) && name in options.fixed) : [];
  const rows: number[] = [];
  for (let row = 0; row < table.count; row++) {
    if (scores === undefined || Number.isNaN(scores[row]) || table.filteredBy[row] !== null) continue;
    if (held.every((name) => table.params[name][row] === options.fixed[name])) rows.push(row);
  }
  return rows;
}

function aggregate(scores: readonly number[], options: { readonly aggregation: Aggregation; readonly direction: Direction }): number {
  if (options.aggregation === 'mean') return scores.reduce((a, b) => a + b, 0) / scores.length;
  return options.direction === 'maximize' ? Math.max(...scores) : Math.min(...scores);
}

export function heatmap(table: TrialTable, options: HeatmapOptions): Heatmap {
  const xColumn = table.params[options.x];
  const yColumn = table.params[options.y];
  if (xColumn === undefined || yColumn === undefined) return { xValues: [], yValues: [], values: new Float64Array(0), filled: 0, min: Number.NaN, max: Number.NaN };
  const rows = eligibleRows(table, options, [options.x, options.y]);
  const xValues = distinct(xColumn, rows);
  const yValues = distinct(yColumn, rows);
  const xAt = new Map(xValues.map((v, i) => [v, i]));
  const yAt = new Map(yValues.map((v, i) => [v, i]));
  const groups = new Map<number, number[]>();
  const scores = table.scores[options.objective];
  for (const row of rows) {
    const cell = (yAt.get(yColumn[row]) ?? 0) * xValues.length + (xAt.get(xColumn[row]) ?? 0);
    const group = groups.get(cell);
    if (group === undefined) groups.set(cell, [scores[row]]);
    else group.push(scores[row]);
  }
  const values = new Float64Array(xValues.length * yValues.length).fill(Number.NaN);
  let min = Number.NaN;
  let max = Number.NaN;
  for (const [cell, group] of groups) {
    const value = aggregate(group, options);
    values[cell] = value;
    min = Number.isNaN(min) ? value : Math.min(min, value);
    max = Number.isNaN(max) ? value : Math.max(max, value);
  }
  return { xValues, yValues, values, filled: groups.size, min, max };
}

export interface LinePoint {
  readonly x: AxisValue;
  readonly value: number;
}

/** The objective along one parameter, the others held or aggregated as for the heatmap. */
export function parameterLine(table: TrialTable, options: Omit<HeatmapOptions, 'x' | 'y'> & { readonly x: string }): LinePoint[] {
  const column = table.params[options.x];
  if (column === undefined) return [];
  const rows = eligibleRows(table, options, [options.x]);
  const scores = table.scores[options.objective];
  return distinct(column, rows).map((x) => ({ x, value: aggregate(rows.filter((row) => column[row] === x).map((row) => scores[row]), options) }));
}
