/**
 * Comparing runs: B − A per metric with the right verdict for metrics where less is better,
 * every metric of either run listed once, the history sort (nulls last either way, stable),
 * and the shared number formats.
 */
import { describe, expect, it } from 'vitest';
import {
  compareRuns, diffMetrics, formatDiff, formatMetric, formatParameters, METRICS, metricInfo, metricKeys, type SortableRun, sortRuns, verdictOf,
} from '../../src-shared/run-compare.ts';
import { loadStrategyDocument, runStrategyBacktest } from '../../src-main/host/backtest/run-backtest.ts';
import { testSettings } from '../support/backtest-settings.ts';
import { loadFixtureCandles } from '../support/fixtures.ts';

describe('metric directions', () => {
  it('says drawdown, volatility, fees and losing streaks are better smaller, returns and ratios larger', () => {
    for (const key of ['maxDrawdownPct', 'maxDrawdown', 'avgDrawdownPct', 'annualVolatilityPct', 'totalFees', 'maxConsecutiveLosses', 'liquidations']) {
      expect(metricInfo(key).direction, key).toBe('lower');
    }
    for (const key of ['netProfit', 'totalReturnPct', 'sharpe', 'sortino', 'profitFactor', 'winRatePct', 'grossLoss', 'worstTradePct']) {
      expect(metricInfo(key).direction, key).toBe('higher');
    }
    expect(metricInfo('trades').direction).toBe('neutral');
    expect(metricInfo('maxDrawdownStart').unit).toBe('time');
  });

  it('lists every metric the engine computes, in its order, and takes an unknown one as neutral under its own name', () => {
    const run = runStrategyBacktest({ strategy: loadStrategyDocument('sma-cross'), candles: loadFixtureCandles('GOOG-1d.csv'), settings: testSettings(), dataSource: 'GOOG-1d.csv' });
    expect(METRICS.map((m) => m.key)).toEqual(Object.keys(run.metrics.all));
    expect(metricInfo('newRatio')).toEqual({ key: 'newRatio', label: 'newRatio', direction: 'neutral', unit: 'ratio' });
  });

  it('gives verdicts from the direction and the sign of B − A', () => {
    expect(verdictOf('higher', 2)).toBe('better');
    expect(verdictOf('higher', -2)).toBe('worse');
    expect(verdictOf('lower', -2)).toBe('better');
    expect(verdictOf('lower', 2)).toBe('worse');
    expect(verdictOf('lower', 0)).toBe('same');
    expect(verdictOf('neutral', 5)).toBe('neutral');
    expect(verdictOf('higher', null)).toBe('missing');
  });
});

describe('diffMetrics', () => {
  it('is B − A per metric, known metrics in engine order then the rest, null where either is missing', () => {
    const a = { extra: 1, sharpe: 1.5, maxDrawdownPct: 20, netProfit: 100, profitFactor: null };
    const b = { netProfit: 250, maxDrawdownPct: 12.5, sharpe: 1.25, profitFactor: 1.8, other: 3 };
    expect(metricKeys(a, b)).toEqual(['netProfit', 'sharpe', 'maxDrawdownPct', 'profitFactor', 'extra', 'other']);
    expect(diffMetrics(a, b)).toEqual([
      { key: 'netProfit', a: 100, b: 250, diff: 150, verdict: 'better' },
      { key: 'sharpe', a: 1.5, b: 1.25, diff: -0.25, verdict: 'worse' },
      { key: 'maxDrawdownPct', a: 20, b: 12.5, diff: -7.5, verdict: 'better' },
      { key: 'profitFactor', a: null, b: 1.8, diff: null, verdict: 'missing' },
      { key: 'extra', a: 1, b: null, diff: null, verdict: 'missing' },
      { key: 'other', a: null, b: 3, diff: null, verdict: 'missing' },
    ]);
  });

  it('compares all, long and short sides', () => {
    const side = (netProfit: number) => ({ netProfit });
    const sides = compareRuns({ all: side(1), long: side(2), short: side(3) }, { all: side(2), long: side(2), short: side(1) });
    expect(sides.map(({ side: name, rows }) => [name, rows[0].diff, rows[0].verdict])).toEqual([
      ['all', 1, 'better'],
      ['long', 0, 'same'],
      ['short', -2, 'worse'],
    ]);
  });
});

describe('sortRuns', () => {
  const run = (strategyName: string, createdAt: number, sharpe: number | null, fast: number): SortableRun & { id: string } => ({
    id: `${strategyName}-${createdAt}`,
    strategyName,
    parameters: { fast, slow: 20 },
    dataSource: 'GOOG-1d.csv',
    createdAt,
    metrics: { netProfit: createdAt * 10, totalReturnPct: 1, maxDrawdownPct: 5, winRatePct: null, profitFactor: null, sharpe, trades: 3 },
  });
  const runs = [run('b', 3, 0.5, 12), run('a', 1, null, 9), run('c', 2, 1.5, 10), run('a', 4, 0.5, 11)];
  const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);

  it('orders numbers both ways with missing values last, stably', () => {
    expect(ids(sortRuns(runs, 'sharpe', 'desc'))).toEqual(['c-2', 'b-3', 'a-4', 'a-1']);
    expect(ids(sortRuns(runs, 'sharpe', 'asc'))).toEqual(['b-3', 'a-4', 'c-2', 'a-1']);
    expect(ids(sortRuns(runs, 'netProfit', 'asc'))).toEqual(['a-1', 'c-2', 'b-3', 'a-4']);
    expect(ids(sortRuns(runs, 'winRatePct', 'desc'))).toEqual(ids(runs));
  });

  it('orders text and parameters as text', () => {
    expect(ids(sortRuns(runs, 'strategyName', 'asc'))).toEqual(['a-1', 'a-4', 'b-3', 'c-2']);
    expect(ids(sortRuns(runs, 'parameters', 'asc'))).toEqual(['c-2', 'a-4', 'b-3', 'a-1']);
  });
});

describe('formats', () => {
  it('prints each unit, a dash for a missing value, signed differences', () => {
    expect(formatMetric(12345.678, 'money')).toBe('12,345.68');
    expect(formatMetric(-3.14159, 'percent')).toBe('-3.14%');
    expect(formatMetric(1.23456, 'ratio')).toBe('1.235');
    expect(formatMetric(1234, 'count')).toBe('1,234');
    expect(formatMetric(2.25, 'days')).toBe('2.3 d');
    expect(formatMetric(Date.UTC(2024, 0, 31, 9, 30), 'time')).toBe('2024-01-31 09:30');
    expect(formatMetric(null, 'money')).toBe('—');
    expect(formatDiff(1.5, 'percent')).toBe('+1.50%');
    expect(formatDiff(-3, 'count')).toBe('−3');
    expect(formatDiff(0, 'ratio')).toBe('0.000');
    expect(formatDiff(2 * 86_400_000, 'time')).toBe('+2.0 d');
    expect(formatDiff(null, 'money')).toBe('—');
    expect(formatParameters({ fast: 10, direction: 'both' })).toBe('fast=10, direction=both');
  });
});
