/**
 * Live charts and the backtester must agree: for every registered indicator, the streaming
 * version fed bar by bar (with the forming candle updated several times before it closes)
 * gives the batch numbers.
 */
import { describe, expect, it } from 'vitest';
import type { Candles } from '../../src-engine/candles.ts';
import { INDICATORS } from '../../src-engine/indicators/registry.ts';
import { sourceSeries, sourceValue } from '../../src-engine/indicators/sources.ts';
import type { Bar, IndicatorDefinition } from '../../src-engine/indicators/types.ts';
import { loadFixtureCandles } from '../support/fixtures.ts';
import { syntheticCandles } from '../support/synthetic-candles.ts';
import { expectSeriesClose } from '../support/series-assertions.ts';

const datasets: Array<[string, Candles]> = [
  ['GOOG-1d', loadFixtureCandles('GOOG-1d.csv')],
  ['synthetic with flat and zero-volume bars', syntheticCandles({ bars: 1500, seed: 7, flatBarChance: 0.05, zeroVolumeChance: 0.05, intervalMs: 3_600_000 })],
];

function barAt(candles: Candles, i: number): Bar {
  return {
    time: candles.time[i],
    open: candles.open[i],
    high: candles.high[i],
    low: candles.low[i],
    close: candles.close[i],
    volume: candles.volume[i],
  };
}

/** Two earlier states of the forming candle: just opened, then half-way. */
function formingStates(bar: Bar): Bar[] {
  const opened = { ...bar, high: bar.open, low: bar.open, close: bar.open, volume: 0 };
  const midClose = (bar.open + bar.close) / 2;
  const halfway = {
    ...bar,
    high: Math.max(bar.open, midClose, (bar.open + bar.high) / 2),
    low: Math.min(bar.open, midClose, (bar.open + bar.low) / 2),
    close: midClose,
    volume: bar.volume / 2,
  };
  return [opened, halfway];
}

function parameterSets(definition: IndicatorDefinition): number[][] {
  const defaults = definition.params.map((p) => p.default);
  const small = definition.params.map((p) => (p.integer ? Math.max(p.min, Math.min(p.default, 3)) : p.default));
  return [defaults, small];
}

function streamAll(definition: IndicatorDefinition, params: number[], candles: Candles): Float64Array[] {
  const outputs = definition.outputs.map(() => new Float64Array(candles.time.length));
  const live = definition.stream(params);
  for (let i = 0; i < candles.time.length; i++) {
    const bar = barAt(candles, i);
    const [first, ...later] = [...formingStates(bar), bar];
    let values = live.push(first, sourceValue(first, definition.defaultSource));
    for (const state of later) values = live.replaceLast(state, sourceValue(state, definition.defaultSource));
    values.forEach((value, o) => {
      outputs[o][i] = value;
    });
  }
  return outputs;
}

describe('streaming indicators equal batch indicators', () => {
  it('covers every indicator the issue names', () => {
    expect(INDICATORS.length).toBeGreaterThan(0);
  });
  for (const definition of INDICATORS) {
    for (const [dataName, candles] of datasets) {
      for (const params of parameterSets(definition)) {
        it(`${definition.kind}(${params.join(',')}) on ${dataName}`, () => {
          const source = sourceSeries(candles, definition.defaultSource);
          const batch = definition.batch({ candles, source }, params);
          const streamed = streamAll(definition, params, candles);
          expect(batch.length).toBe(definition.outputs.length);
          definition.outputs.forEach((output, o) => {
            expectSeriesClose(`${definition.kind}.${output}`, streamed[o], batch[o], { relTol: 1e-12 });
          });
        });
      }
    }
  }
});
