/**
 * A line over time as inline SVG for the report: dates along the bottom, values up the left,
 * the lowest value on the plot's bottom edge and the highest on its top, one path point per
 * sample. No script and no namespace URL: it is drawn by the HTML parser as it is.
 */
import { escapeHtml } from './html-escape.ts';

export interface PlotFrame {
  readonly width: number;
  readonly height: number;
  /** Room for the value labels on the left and the date labels below. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const PLOT_FRAME: PlotFrame = { width: 900, height: 240, left: 84, right: 16, top: 12, bottom: 28 };

export interface Point {
  readonly x: number;
  readonly y: number;
}

interface Range {
  readonly min: number;
  readonly max: number;
}

function range(values: ArrayLike<number>): Range {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return { min, max };
}

/** Maps [min, max] onto [from, to]; a flat series lies in the middle. */
function scale({ min, max }: Range, from: number, to: number): (value: number) => number {
  if (!(max > min)) return () => (from + to) / 2;
  return (value) => from + ((value - min) / (max - min)) * (to - from);
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Screen points of the samples: the earliest on the left edge, the highest value on the top edge. */
export function plotPoints(time: ArrayLike<number>, values: ArrayLike<number>, frame: PlotFrame = PLOT_FRAME): Point[] {
  const x = scale(range(time), frame.left, frame.width - frame.right);
  const y = scale(range(values), frame.height - frame.bottom, frame.top);
  return Array.from({ length: values.length }, (_, i) => ({ x: round(x(time[i])), y: round(y(values[i])) }));
}

export function pathData(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join('');
}

/** `count` evenly spaced values from min to max (both included). */
function ticks({ min, max }: Range, count: number): number[] {
  if (!(max > min)) return [min];
  return Array.from({ length: count }, (_, i) => min + ((max - min) * i) / (count - 1));
}

export interface LinePlot {
  readonly title: string;
  /** Epoch ms, ascending. */
  readonly time: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly formatValue: (value: number) => string;
  /** A CSS class of the report's stylesheet colouring the line. */
  readonly tone: 'equity' | 'drawdown';
}

export function svgLinePlot(plot: LinePlot, frame: PlotFrame = PLOT_FRAME): string {
  const { width, height, left, right, top, bottom } = frame;
  const title = escapeHtml(plot.title);
  if (plot.values.length === 0) return `<p class="empty">${title}: no bars</p>`;
  const points = plotPoints(plot.time, plot.values, frame);
  const values = range(plot.values);
  const times = range(plot.time);
  const y = scale(values, height - bottom, top);
  const x = scale(times, left, width - right);
  const yAxis = ticks(values, 5)
    .map((v) => `<line class="grid" x1="${left}" x2="${width - right}" y1="${round(y(v))}" y2="${round(y(v))}"/><text x="${left - 6}" y="${round(y(v)) + 4}" text-anchor="end">${escapeHtml(plot.formatValue(v))}</text>`)
    .join('');
  const xAxis = ticks(times, 5)
    .map((t, i, all) => {
      const anchor = all.length === 1 ? 'middle' : i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle';
      return `<text x="${round(x(t))}" y="${height - 8}" text-anchor="${anchor}">${new Date(t).toISOString().slice(0, 10)}</text>`;
    })
    .join('');
  return (
    `<figure><figcaption>${title}</figcaption>` +
    `<svg class="plot ${plot.tone}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" data-points="${points.length}">` +
    `<rect class="frame" x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}"/>` +
    `${yAxis}${xAxis}<path class="line" d="${pathData(points)}"/></svg></figure>`
  );
}
