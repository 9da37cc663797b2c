/** Every indicator the engine knows, looked up by its kind (`sma`, `macd`, ...). */
import { movingAverageIndicators } from './moving-averages.ts';
import { oscillatorIndicators } from './oscillators.ts';
import { trendIndicators } from './trend.ts';
import { volatilityIndicators } from './volatility.ts';
import { volumeIndicators } from './volume.ts';
import { extraMovingAverageIndicators } from './weighted-averages.ts';
import type { IndicatorDefinition } from './types.ts';

export const INDICATORS: readonly IndicatorDefinition[] = [
  ...movingAverageIndicators,
  ...extraMovingAverageIndicators,
  ...oscillatorIndicators,
  ...volatilityIndicators,
  ...trendIndicators,
  ...volumeIndicators,
];

const byKind = new Map(INDICATORS.map((definition) => [definition.kind, definition]));

export function findIndicator(kind: string): IndicatorDefinition | undefined {
  return byKind.get(kind.toLowerCase());
}

export function indicatorKinds(): string[] {
  return INDICATORS.map((definition) => definition.kind);
}
