/**
 * What a saved run was computed from: the strategy document as run, its parameter overrides,
 * the exact bars (a cache series and the span of its first and last bar, or a CSV file) and the
 * resolved settings. Running it again gives the same run bit for bit when the data is unchanged
 * (the manifest's data hash says whether it is), which is how charts of a run saved in an
 * earlier session are rebuilt without storing every bar's equity.
 */
import type { ParameterOverrides } from '../../../src-engine/strategy/parameters.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import type { RunManifest } from './manifest.ts';

export type ReplayData = { readonly key: SeriesKey; readonly from?: number; readonly to?: number } | { readonly csvPath: string };

export interface RunReplay {
  readonly strategy: unknown;
  readonly params: ParameterOverrides;
  readonly data: ReplayData;
  /** The manifest's settings; bulk series (funding) are read again with the data. */
  readonly settings: RunManifest['settings'];
}
