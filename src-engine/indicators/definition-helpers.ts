/** Builders that turn plain functions into IndicatorDefinitions without repeating the wiring. */
import type { IndicatorDefinition, IndicatorParam, ValueStream } from './types.ts';

interface SourceIndicatorSpec {
  readonly kind: string;
  readonly title: string;
  readonly params: readonly IndicatorParam[];
  readonly pane: 'price' | 'own';
  batch(source: Float64Array, params: readonly number[]): Float64Array;
  stream(params: readonly number[]): ValueStream;
}

/** A single-output indicator computed from the source series alone (SMA, RSI, ROC, ...). */
export function sourceIndicator(spec: SourceIndicatorSpec): IndicatorDefinition {
  return {
    kind: spec.kind,
    title: spec.title,
    params: spec.params,
    outputs: ['value'],
    usesSource: true,
    defaultSource: 'close',
    pane: spec.pane,
    batch: (input, params) => [spec.batch(input.source, params)],
    stream: (params) => {
      const values = spec.stream(params);
      return {
        push: (_bar, source) => [values.push(source)],
        replaceLast: (_bar, source) => [values.replaceLast(source)],
      };
    },
  };
}
