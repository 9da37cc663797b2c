/**
 * A run's manifest: everything needed to know that two runs are the same run — engine version,
 * a hash of the candles, a hash of the strategy with its resolved parameters, the settings.
 */
import { createHash } from 'node:crypto';
import { ENGINE_VERSION } from '../../../src-engine/backtest/simulator.ts';
import type { BacktestSettings } from '../../../src-engine/backtest/types.ts';
import { type Candles, CANDLE_FIELDS } from '../../../src-engine/candles.ts';
import type { ParameterValues } from '../../../src-engine/strategy/parameters.ts';
import type { StrategySpec } from '../../../src-shared/strategy/spec.ts';

export interface RunManifest {
  readonly engineVersion: string;
  readonly strategyName: string;
  readonly specHash: string;
  readonly parameters: ParameterValues;
  readonly dataHash: string;
  readonly bars: number;
  readonly firstBarTime: string | null;
  readonly lastBarTime: string | null;
  readonly dataSource: string;
  /** Everything but the bulk series (funding, magnifier candles are hashed into dataHash). */
  readonly settings: Omit<BacktestSettings, 'funding' | 'magnifier'>;
  /** The simulator draws no random numbers; recorded so every run states its seed. */
  readonly seed: number;
}

/** SHA-256 over the raw bytes of every column, in a fixed order: equal only for equal candles. */
export function hashCandles(candles: Candles, extra: readonly Float64Array[] = []): string {
  const hash = createHash('sha256');
  for (const field of CANDLE_FIELDS) hash.update(new Uint8Array(candles[field].buffer, candles[field].byteOffset, candles[field].byteLength));
  for (const column of extra) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  return hash.digest('hex');
}

/** JSON with object keys sorted, so the same spec always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function buildManifest(input: {
  spec: StrategySpec;
  parameters: ParameterValues;
  candles: Candles;
  settings: BacktestSettings;
  dataSource: string;
}): RunManifest {
  const { spec, parameters, candles, settings } = input;
  const { funding, magnifier, ...plainSettings } = settings;
  const extra = [
    ...(funding === undefined ? [] : [funding.time, funding.rate]),
    ...(magnifier === undefined ? [] : CANDLE_FIELDS.map((field) => magnifier[field])),
  ];
  const n = candles.time.length;
  return {
    engineVersion: ENGINE_VERSION,
    strategyName: spec.name,
    specHash: createHash('sha256').update(canonicalJson({ spec, parameters })).digest('hex'),
    parameters,
    dataHash: hashCandles(candles, extra),
    bars: n,
    firstBarTime: n > 0 ? new Date(candles.time[0]).toISOString() : null,
    lastBarTime: n > 0 ? new Date(candles.time[n - 1]).toISOString() : null,
    dataSource: input.dataSource,
    settings: plainSettings,
    seed: 0,
  };
}
