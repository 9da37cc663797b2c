/**
 * An indicator line over a live chart, computed with the indicator's streaming version (the
 * one tested equal to the batch function): a closed bar is pushed, the forming bar replaces
 * the previous forming value until it closes. Only the outputs a chart draws are kept.
 */
import { chartOutputs } from '../indicators/chart-outputs.ts';
import { findIndicator } from '../indicators/registry.ts';
import { sourceValue } from '../indicators/sources.ts';
import type { Bar, IndicatorDefinition, StreamingIndicator } from '../indicators/types.ts';

export type { Bar } from '../indicators/types.ts';

/** One value per drawn output, NaN during warm-up. */
export type OverlayValues = readonly number[];

export interface LiveIndicator {
  readonly kind: string;
  readonly title: string;
  readonly params: readonly number[];
  /** The drawn outputs, in the order of the values. */
  readonly outputs: readonly string[];
  readonly pane: 'price' | 'own';
  /** A bar that closed, after every earlier closed bar. */
  closed(bar: Bar): OverlayValues;
  /** The bar forming after the last closed one; called again as it changes. */
  forming(bar: Bar): OverlayValues;
}

/**
 * The live indicator of `kind` with `params` in its definition's order (missing ones take the
 * defaults, out-of-range ones are clamped); null for an unknown kind.
 */
export function createLiveIndicator(kind: string, params: readonly number[]): LiveIndicator | null {
  const definition = findIndicator(kind);
  if (definition === undefined) return null;
  const values = resolveParams(definition, params);
  const drawn = chartOutputs(definition);
  const indices = drawn.map((name) => definition.outputs.indexOf(name));
  const field = definition.usesSource ? definition.defaultSource : 'close';
  const stream: StreamingIndicator = definition.stream(values);
  // Whether the stream's last bar is a forming one, to be replaced rather than appended to.
  let formingPushed = false;
  const pick = (all: readonly number[]): OverlayValues => indices.map((i) => all[i]);
  return {
    kind: definition.kind,
    title: definition.title,
    params: values,
    outputs: drawn,
    pane: definition.pane,
    closed(bar) {
      const out = formingPushed ? stream.replaceLast(bar, sourceValue(bar, field)) : stream.push(bar, sourceValue(bar, field));
      formingPushed = false;
      return pick(out);
    },
    forming(bar) {
      const out = formingPushed ? stream.replaceLast(bar, sourceValue(bar, field)) : stream.push(bar, sourceValue(bar, field));
      formingPushed = true;
      return pick(out);
    },
  };
}

function resolveParams(definition: IndicatorDefinition, params: readonly number[]): number[] {
  return definition.params.map((p, i) => {
    const given = params[i];
    if (given === undefined || !Number.isFinite(given)) return p.default;
    const clamped = Math.min(p.max, Math.max(p.min, given));
    return p.integer ? Math.round(clamped) : clamped;
  });
}
