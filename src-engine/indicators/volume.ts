/** PLACEHOLDER: filled in by the indicator work in progress. */
import type { IndicatorDefinition } from './types.ts';

export const volumeIndicators: readonly IndicatorDefinition[] = [];
