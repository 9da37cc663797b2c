/** Shared parameter declarations, so the same knob has the same name and limits everywhere. */
import type { IndicatorParam } from './types.ts';

export function periodParam(defaultValue: number, name = 'period', description = 'bars in the window'): IndicatorParam {
  return { name, default: defaultValue, min: 1, max: 100_000, integer: true, description };
}

export function multiplierParam(defaultValue: number, name = 'multiplier', description = 'band width multiple'): IndicatorParam {
  return { name, default: defaultValue, min: 0, max: 1_000, integer: false, description };
}
