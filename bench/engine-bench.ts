/** Indicator and strategy-compilation throughput over one million one-minute bars. */
import { INDICATORS } from '../src-engine/indicators/registry.ts';
import { sourceSeries } from '../src-engine/indicators/sources.ts';
import { compileStrategy } from '../src-engine/strategy/compile.ts';
import { loadTemplates } from '../src-main/host/templates.ts';
import { syntheticCandles } from '../tests/support/synthetic-candles.ts';
import { type BenchResult, measure } from './harness.ts';

export const ENGINE_BARS = 1_000_000;
const RUNS = 7;

export const engineCandles = syntheticCandles({ bars: ENGINE_BARS, seed: 20_261_121, intervalMs: 60_000 });
const candles = engineCandles;

/** One streaming pass that sums the closes: the floor any indicator pass is compared with. */
export function baselineScan(): BenchResult {
  return measure('baseline: sum of closes', ENGINE_BARS, RUNS, () => {
    const close = candles.close;
    let sum = 0;
    for (let i = 0; i < close.length; i++) sum += close[i];
    return sum;
  });
}

export function indicatorBenchmarks(filter: string): BenchResult[] {
  return INDICATORS.flatMap((definition) => {
    const params = definition.params.map((p) => p.default);
    const label = `indicator ${params.length > 0 ? `${definition.kind}:${params.join(',')}` : definition.kind}`;
    if (!label.includes(filter)) return [];
    const input = { candles, source: sourceSeries(candles, definition.defaultSource) };
    return [measure(label, ENGINE_BARS, RUNS, () => definition.batch(input, params))];
  });
}

export function templateBenchmarks(filter: string): BenchResult[] {
  return loadTemplates().flatMap((template) => {
    const label = `compile+evaluate ${template.name}`;
    return label.includes(filter) ? [measure(label, ENGINE_BARS, RUNS, () => compileStrategy(template.spec, candles))] : [];
  });
}
