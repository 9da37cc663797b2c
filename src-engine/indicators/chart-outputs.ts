/**
 * Which outputs of an indicator a chart draws. Most draw all; a few price-pane indicators also
 * have outputs on another scale (Bollinger %B and bandwidth, a trend direction of ±1) that
 * would crush the price axis, and Ichimoku's lagging span is only meaningful shifted back.
 */
import type { IndicatorDefinition } from './types.ts';

const NOT_DRAWN: Readonly<Record<string, readonly string[]>> = {
  bb: ['percentB', 'bandwidth'],
  supertrend: ['direction'],
  psar: ['direction'],
  ichimoku: ['lagging'],
};

export function chartOutputs(definition: Pick<IndicatorDefinition, 'kind' | 'outputs'>): string[] {
  const hidden = NOT_DRAWN[definition.kind] ?? [];
  return definition.outputs.filter((output) => !hidden.includes(output));
}
