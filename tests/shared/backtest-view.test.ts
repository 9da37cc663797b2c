/** The Backtest page's pure logic: parameter fields, the run request, trade sorting, exit reasons, metric text. */
import { describe, expect, it } from 'vitest';
import { exitReasonBreakdown } from '../../src-shared/backtest-view/exit-reasons.ts';
import { formatMetric } from '../../src-shared/backtest-view/metrics.ts';
import { checkParameter, parameterDefaults, parameterValues } from '../../src-shared/backtest-view/parameters.ts';
import { buildBacktestInput, type CachedSeries, DEFAULT_RUN_SETTINGS, type RunRequest, seriesDays } from '../../src-shared/backtest-view/request.ts';
import { nextSort, sortTrades, type TradeColumns } from '../../src-shared/backtest-view/trades.ts';
import { fractionToPercent, percentToFraction } from '../../src-shared/backtest-view/units.ts';
import type { StrategyParameter } from '../../src-shared/strategy/spec.ts';
import { loadTemplates } from '../../src-main/host/templates.ts';

const FAST: StrategyParameter = { name: 'fast', default: 10, min: 2, max: 500, step: 1, integer: true };
const STOP: StrategyParameter = { name: 'stopLossPct', default: 0, min: 0, max: 50, step: 0.5 };
const RATIO: StrategyParameter = { name: 'ratio', default: 0.3, min: 0.1, max: 1, step: 0.1 };
const DIRECTION: StrategyParameter = { name: 'direction', default: 'both', options: ['long', 'short', 'both'] };

describe('percent and fractions', () => {
  it('converts without binary noise both ways', () => {
    expect(percentToFraction(0.055)).toBe(0.00055);
    expect(percentToFraction(0.1)).toBe(0.001);
    expect(fractionToPercent(0.00055)).toBe(0.055);
    expect(fractionToPercent(0.0002)).toBe(0.02);
  });
});

describe('parameter fields', () => {
  it('pre-fills every declared default as text', () => {
    expect(parameterDefaults([FAST, STOP, DIRECTION])).toEqual({ fast: '10', stopLossPct: '0', direction: 'both' });
  });

  it('checks range, whole numbers, the step grid from min and options', () => {
    expect(checkParameter(FAST, '12')).toEqual({ value: 12 });
    expect(checkParameter(FAST, ' 12 ')).toEqual({ value: 12 });
    expect(checkParameter(FAST, '')).toEqual({ error: 'enter a number' });
    expect(checkParameter(FAST, 'x')).toEqual({ error: 'enter a number' });
    expect(checkParameter(FAST, '1')).toEqual({ error: 'from 2 to 500' });
    expect(checkParameter(FAST, '501')).toEqual({ error: 'from 2 to 500' });
    expect(checkParameter(FAST, '12.5')).toEqual({ error: 'a whole number' });
    expect(checkParameter(STOP, '1.5')).toEqual({ value: 1.5 });
    expect(checkParameter(STOP, '1.3')).toEqual({ error: 'in steps of 0.5 from 0' });
    // 0.7 is not an exact multiple of 0.1 in binary, yet it is on the grid.
    expect(checkParameter(RATIO, '0.7')).toEqual({ value: 0.7 });
    expect(checkParameter(RATIO, '0.75')).toEqual({ error: 'in steps of 0.1 from 0.1' });
    expect(checkParameter(DIRECTION, 'long')).toEqual({ value: 'long' });
    expect(checkParameter(DIRECTION, 'up')).toEqual({ error: 'choose one of long, short, both' });
  });

  it('takes a missing text as the default and collects the errors by name', () => {
    expect(parameterValues([FAST, STOP, DIRECTION], { fast: '7', direction: 'sideways' })).toEqual({
      values: { fast: 7, stopLossPct: 0 },
      errors: { direction: 'choose one of long, short, both' },
    });
  });

  it("accepts every built-in template's defaults", () => {
    for (const template of loadTemplates()) {
      const parameters = template.spec.parameters ?? [];
      expect(parameterValues(parameters, parameterDefaults(parameters)).errors, template.name).toEqual({});
    }
  });
});

const DAY = 86_400_000;
const SERIES: CachedSeries = {
  key: { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1h' },
  first: Date.parse('2024-03-01T00:00:00Z'),
  last: Date.parse('2024-03-04T23:00:00Z'),
};

function request(change: Partial<RunRequest> = {}): RunRequest {
  return {
    strategy: { template: 'sma-cross' },
    parameters: [FAST, DIRECTION],
    parameterTexts: { fast: '5', direction: 'long' },
    data: { kind: 'cache', series: SERIES, from: '', to: '' },
    settings: DEFAULT_RUN_SETTINGS,
    ...change,
  };
}

describe('the backtest.start input', () => {
  it('defaults: the whole series, fees left to the market defaults, the strategy leverage', () => {
    expect(buildBacktestInput(request())).toEqual({
      input: {
        strategy: { template: 'sma-cross' },
        params: { fast: 5, direction: 'long' },
        data: { series: SERIES.key },
        settings: { fill: 'next-open', intrabar: 'pessimistic', exitsLiveFrom: 'entry-bar', atEnd: 'leave-open', initialCapital: 10_000, slippageBps: 0 },
      },
    });
  });

  it('sends fees as fractions, a day range within the cache, leverage and the choices', () => {
    const settings = { ...DEFAULT_RUN_SETTINGS, capital: '2500', takerFeePct: '0.055', makerFeePct: '0.02', slippageBps: '3', leverage: '5', fill: 'close', intrabar: 'tradingview', exitsLiveFrom: 'next-bar', atEnd: 'close-at-close' } as const;
    const built = buildBacktestInput(request({ settings, data: { kind: 'cache', series: SERIES, from: '2024-03-02', to: '2024-03-05' } }));
    expect(built).toEqual({
      input: {
        strategy: { template: 'sma-cross' },
        params: { fast: 5, direction: 'long' },
        data: { series: SERIES.key, from: SERIES.first + DAY, to: SERIES.first + 4 * DAY },
        settings: { fill: 'close', intrabar: 'tradingview', exitsLiveFrom: 'next-bar', atEnd: 'close-at-close', initialCapital: 2500, takerFee: 0.00055, makerFee: 0.0002, slippageBps: 3, leverage: 5 },
      },
    });
  });

  it('a CSV path is sent trimmed', () => {
    const built = buildBacktestInput(request({ data: { kind: 'csv', csvPath: ' /tmp/candles.csv ' } }));
    expect('input' in built && built.input.data).toEqual({ csvPath: '/tmp/candles.csv' });
  });

  it('names every bad field with a message', () => {
    const settings = { ...DEFAULT_RUN_SETTINGS, capital: '0', takerFeePct: '12', makerFeePct: 'abc', slippageBps: '', leverage: '200' };
    const built = buildBacktestInput(request({ strategy: null, parameterTexts: { fast: '1' }, settings, data: { kind: 'cache', series: SERIES, from: '2024-02-28', to: '2024-03-06' } }));
    expect(built).toEqual({
      errors: {
        strategy: 'choose a strategy',
        'param.fast': 'from 2 to 500',
        from: 'the cache holds 2024-03-01 to 2024-03-05',
        to: 'the cache holds 2024-03-01 to 2024-03-05',
        capital: 'enter an amount above 0',
        takerFee: 'from 0 % to 10 %',
        makerFee: 'enter a number',
        slippageBps: 'enter a number',
        leverage: 'from 1x to 125x',
      },
    });
    expect(buildBacktestInput(request({ data: { kind: 'cache', series: SERIES, from: '2024-03-03', to: '2024-03-03' } }))).toEqual({ errors: { to: 'must be after the start day' } });
    expect(buildBacktestInput(request({ data: { kind: 'cache', series: null, from: '', to: '' } }))).toEqual({ errors: { series: 'choose a cached series' } });
    expect(buildBacktestInput(request({ data: { kind: 'csv', csvPath: '  ' } }))).toEqual({ errors: { csvPath: 'enter the path of a candle CSV file' } });
  });

  it("a series' days run from its first bar's day to the day after its last", () => {
    expect(seriesDays(SERIES)).toEqual({ min: '2024-03-01', max: '2024-03-05' });
  });
});

function trades(rows: { side: 'long' | 'short'; pnl: number; r: number | null; reason: string }[]): TradeColumns {
  return {
    side: rows.map((t) => t.side),
    qty: Float64Array.from(rows.map(() => 1)),
    entryBar: Float64Array.from(rows.map((_, i) => i)),
    entryTime: Float64Array.from(rows.map((_, i) => i * 1000)),
    entryPrice: Float64Array.from(rows.map(() => 100)),
    exitBar: Float64Array.from(rows.map((_, i) => i + 1)),
    exitTime: Float64Array.from(rows.map((_, i) => (i + 1) * 1000)),
    exitPrice: Float64Array.from(rows.map((t) => 100 + t.pnl)),
    entryFee: Float64Array.from(rows.map(() => 0)),
    exitFee: Float64Array.from(rows.map(() => 0)),
    funding: Float64Array.from(rows.map(() => 0)),
    pnl: Float64Array.from(rows.map((t) => t.pnl)),
    returnPct: Float64Array.from(rows.map((t) => t.pnl)),
    rMultiple: Float64Array.from(rows, (t) => t.r ?? Number.NaN),
    maePct: Float64Array.from(rows.map(() => 0)),
    mfePct: Float64Array.from(rows.map(() => 0)),
    barsHeld: Float64Array.from(rows.map(() => 1)),
    exitReason: rows.map((t) => t.reason),
    initialStop: Float64Array.from(rows, () => Number.NaN),
    initialTarget: Float64Array.from(rows, () => Number.NaN),
  };
}

const LEDGER = trades([
  { side: 'long', pnl: 5, r: 1, reason: 'signal' },
  { side: 'short', pnl: -3, r: null, reason: 'stop-loss' },
  { side: 'long', pnl: 5, r: -0.5, reason: 'signal' },
  { side: 'short', pnl: 8, r: 2, reason: 'take-profit' },
  { side: 'long', pnl: -1, r: null, reason: 'signal' },
]);

describe('trade sorting', () => {
  it('orders indexes by a column, ties in exit order', () => {
    expect(sortTrades(LEDGER, { column: 'index', direction: 'desc' })).toEqual([4, 3, 2, 1, 0]);
    expect(sortTrades(LEDGER, { column: 'pnl', direction: 'asc' })).toEqual([1, 4, 0, 2, 3]);
    expect(sortTrades(LEDGER, { column: 'pnl', direction: 'desc' })).toEqual([3, 0, 2, 4, 1]);
    expect(sortTrades(LEDGER, { column: 'side', direction: 'asc' })).toEqual([0, 2, 4, 1, 3]);
    expect(sortTrades(LEDGER, { column: 'exitReason', direction: 'desc' })).toEqual([3, 1, 0, 2, 4]);
  });

  it('puts trades without an R multiple last in both directions', () => {
    expect(sortTrades(LEDGER, { column: 'rMultiple', direction: 'asc' })).toEqual([2, 0, 3, 1, 4]);
    expect(sortTrades(LEDGER, { column: 'rMultiple', direction: 'desc' })).toEqual([3, 0, 2, 1, 4]);
  });

  it('a header click flips the same column and starts another ascending', () => {
    expect(nextSort({ column: 'pnl', direction: 'asc' }, 'pnl')).toEqual({ column: 'pnl', direction: 'desc' });
    expect(nextSort({ column: 'pnl', direction: 'desc' }, 'pnl')).toEqual({ column: 'pnl', direction: 'asc' });
    expect(nextSort({ column: 'pnl', direction: 'desc' }, 'qty')).toEqual({ column: 'qty', direction: 'asc' });
  });
});

describe('exit reasons', () => {
  it('counts, sums P&L and the share of winners per reason, most frequent first', () => {
    expect(exitReasonBreakdown(LEDGER)).toEqual([
      { reason: 'signal', count: 3, totalPnl: 9, winRatePct: (2 / 3) * 100 },
      { reason: 'stop-loss', count: 1, totalPnl: -3, winRatePct: 0 },
      { reason: 'take-profit', count: 1, totalPnl: 8, winRatePct: 100 },
    ]);
    expect(exitReasonBreakdown(trades([]))).toEqual([]);
  });
});

describe('metric text', () => {
  it('formats by kind and shows null as a dash', () => {
    expect(formatMetric(-1234.567, 'money')).toBe('-1,234.57');
    expect(formatMetric(33.925, 'percent')).toBe('33.93 %');
    expect(formatMetric(1.23456, 'ratio')).toBe('1.23');
    expect(formatMetric(1204, 'count')).toBe('1,204');
    expect(formatMetric(3.25, 'bars')).toBe('3.3');
    expect(formatMetric(null, 'ratio')).toBe('—');
  });
});
