/**
 * What tests and the benchmark read from the monitor page: when each chart applied an update
 * (recorded only once a test asks, so a normal session keeps nothing), and a chart's closed bar
 * times by its id.
 */
import type { LiveCandle } from '../../src-shared/contract/schemas/live.ts';
import type { SeriesKey } from '../../src-shared/market.ts';

export interface AppliedUpdate {
  /** `exchange market symbol interval` */
  readonly series: string;
  readonly time: number;
  readonly close: number;
  readonly volume: number;
  /** performance.timeOrigin + performance.now() when the series was updated. */
  readonly at: number;
}

export interface MonitorTestHooks {
  /** Set to true to start recording applied updates. */
  record: boolean;
  /** Recorded updates; the reader may empty it. */
  applied: AppliedUpdate[];
  closedTimes(chartId: string): number[] | null;
}

declare global {
  interface Window {
    __bstMonitor?: MonitorTestHooks;
  }
}

const charts = new Map<string, () => number[]>();

/** Keeps a `record` flag a test set before the page loaded. */
export function installTestHooks(): void {
  window.__bstMonitor = { record: window.__bstMonitor?.record ?? false, applied: [], closedTimes: (id) => charts.get(id)?.() ?? null };
}

export function registerChart(chartId: string, closedTimes: () => number[]): () => void {
  charts.set(chartId, closedTimes);
  return () => {
    if (charts.get(chartId) === closedTimes) charts.delete(chartId);
  };
}

export function recordApplied(key: SeriesKey, candle: LiveCandle): void {
  const hooks = window.__bstMonitor;
  if (hooks === undefined || !hooks.record) return;
  hooks.applied.push({
    series: `${key.exchange} ${key.market} ${key.symbol} ${key.interval}`,
    time: candle.time,
    close: candle.close,
    volume: candle.volume,
    at: performance.timeOrigin + performance.now(),
  });
}
