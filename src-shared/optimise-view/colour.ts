/**
 * The heatmap's colour scale: a score placed between the lowest and highest shown (flipped for
 * minimised objectives, so better is always brighter) and read off a perceptually even ramp
 * (viridis: dark purple through teal to yellow), readable on the dark and the light theme and by
 * most colour-blind people.
 */
import type { Direction } from './trials.ts';

/** Viridis at 0, 1/8, ..., 1. */
export const RAMP: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** Where a value sits from 0 (worst shown) to 1 (best shown); 0.5 when all are equal; NaN for none. */
export function scalePosition(value: number, min: number, max: number, direction: Direction): number {
  if (Number.isNaN(value)) return Number.NaN;
  if (!(max > min)) return 0.5;
  const t = Math.min(1, Math.max(0, (value - min) / (max - min)));
  return direction === 'maximize' ? t : 1 - t;
}

function hex(channel: number): string {
  return Math.round(channel).toString(16).padStart(2, '0');
}

/** The ramp's colour at t in [0, 1] (clamped), as #rrggbb, interpolated linearly between stops. */
export function rampColour(t: number): string {
  const clamped = Math.min(1, Math.max(0, t));
  const at = clamped * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(at));
  const f = at - i;
  const [r0, g0, b0] = RAMP[i];
  const [r1, g1, b1] = RAMP[i + 1];
  return `#${hex(r0 + (r1 - r0) * f)}${hex(g0 + (g1 - g0) * f)}${hex(b0 + (b1 - b0) * f)}`;
}
