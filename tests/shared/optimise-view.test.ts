/** The Optimise page's pure logic: domains and the grid size, trial tables and sorting, heatmap and line aggregation, the Pareto plot, the colour scale, the start request. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_SETTINGS } from '../../src-shared/backtest-view/request.ts';
import { rampColour, scalePosition } from '../../src-shared/optimise-view/colour.ts';
import { declaredRangeText, gridPreview, parseDomainText } from '../../src-shared/optimise-view/domains.ts';
import { heatmap, parameterLine } from '../../src-shared/optimise-view/heatmap.ts';
import { paretoPlot } from '../../src-shared/optimise-view/pareto.ts';
import { buildOptimiseInput, constraintLines, DEFAULT_SEARCH_FORM, defaultDirection, OBJECTIVE_METRICS } from '../../src-shared/optimise-view/request.ts';
import { bestRow, joinTrialPages, rowParams, sortTrials, trialWindows, type TrialTable, windowTrials } from '../../src-shared/optimise-view/trials.ts';
import type { StrategyParameter } from '../../src-shared/strategy/spec.ts';

const FAST: StrategyParameter = { name: 'fast', default: 10, min: 2, max: 500, integer: true };
const SLOW: StrategyParameter = { name: 'slow', default: 30, min: 5, max: 500, step: 5, integer: true };
const RATIO: StrategyParameter = { name: 'ratio', default: 0.3, min: 0.1, max: 1 };
const MODE: StrategyParameter = { name: 'mode', default: 'both', options: ['long', 'short', 'both'] };

describe('parameter domains', () => {
  it('writes the declared range with its step, a tenth of it, or the options', () => {
    expect(declaredRangeText(FAST)).toBe('2:500:1');
    expect(declaredRangeText(SLOW)).toBe('5:500:5');
    expect(declaredRangeText(RATIO)).toBe('0.1:1:0.09');
    expect(declaredRangeText(MODE)).toBe('long,short,both');
  });

  it('reads ranges (rounded to their decimals), lists and fixed values', () => {
    expect(parseDomainText(FAST, '5:20:5')).toEqual({ values: [5, 10, 15, 20] });
    expect(parseDomainText(FAST, '5:22:5')).toEqual({ values: [5, 10, 15, 20] });
    expect(parseDomainText(RATIO, '0.1:0.5:0.1')).toEqual({ values: [0.1, 0.2, 0.3, 0.4, 0.5] });
    expect(parseDomainText(FAST, ' 5, 10,20 ')).toEqual({ values: [5, 10, 20] });
    expect(parseDomainText(MODE, 'long,both')).toEqual({ values: ['long', 'both'] });
    expect(parseDomainText(FAST, '12')).toEqual({ values: [12] });
  });

  it('says what is wrong with a domain', () => {
    expect(parseDomainText(FAST, '')).toEqual({ error: 'write min:max:step, a list a,b,c or one value' });
    expect(parseDomainText(FAST, '5:10')).toEqual({ error: 'a range is min:max:step, e.g. 5:50:1' });
    expect(parseDomainText(FAST, '10:5:1')).toEqual({ error: 'min is above max' });
    expect(parseDomainText(FAST, '5:10:0')).toEqual({ error: 'step must be above 0' });
    expect(parseDomainText(FAST, '5:x:1')).toEqual({ error: 'min, max and step must be numbers' });
    expect(parseDomainText(FAST, '1:10:1')).toEqual({ error: '1 is outside 2 to 500' });
    expect(parseDomainText(FAST, '2.5')).toEqual({ error: '2.5 is not a whole number' });
    expect(parseDomainText(FAST, '5,,6')).toEqual({ error: 'the list has an empty item' });
    expect(parseDomainText(FAST, '5,6,5')).toEqual({ error: 'the list repeats a value' });
    expect(parseDomainText(MODE, 'up')).toEqual({ error: '"up" is not an option (long, short, both)' });
    expect(parseDomainText(FAST, 'abc')).toEqual({ error: '"abc" is not a number' });
  });

  it('sizes the grid: the product, and the sets the constraints leave', () => {
    const domains = [
      { name: 'fast', values: [5, 10, 15, 20] },
      { name: 'slow', values: [10, 20, 30] },
    ];
    expect(gridPreview(domains, null)).toEqual({ product: 12, count: 12 });
    // fast < slow: (5: 10,20,30) (10: 20,30) (15: 20,30) (20: 30) = 8
    expect(gridPreview(domains, (set) => (set.fast as number) < (set.slow as number))).toEqual({ product: 12, count: 8 });
    expect(gridPreview(domains, () => true, 10)).toEqual({ product: 12, count: null });
  });
});

/** fast × slow, 2 × 3, scores = fast + slow / 10; row 5 filtered out, row 4 unscored. */
function table(): TrialTable {
  return joinTrialPages([
    {
      window: Float64Array.of(0, 0, 0),
      index: Float64Array.of(0, 1, 2),
      params: { fast: Float64Array.of(5, 5, 5), slow: Float64Array.of(10, 20, 30) },
      scores: [Float64Array.of(6, 7, 8), Float64Array.of(3, 1, 2)],
      metrics: { trades: Float64Array.of(4, 5, 6) },
      filteredBy: [null, null, null],
    },
    {
      window: Float64Array.of(0, 1, 1),
      index: Float64Array.of(3, 4, 5),
      params: { fast: Float64Array.of(10, 10, 10), slow: Float64Array.of(10, 20, 30) },
      scores: [Float64Array.of(11, Number.NaN, 13), Float64Array.of(0.5, 4, 9)],
      metrics: { trades: Float64Array.of(7, 8, 1) },
      filteredBy: [null, null, 'min-trades'],
    },
  ]);
}

describe('trial tables', () => {
  it('joins pages into columns', () => {
    const t = table();
    expect(t.count).toBe(6);
    expect(Array.from(t.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(t.params.fast as Float64Array)).toEqual([5, 5, 5, 10, 10, 10]);
    expect(Array.from(t.scores[1])).toEqual([3, 1, 2, 0.5, 4, 9]);
    expect(Array.from(t.metrics.trades)).toEqual([4, 5, 6, 7, 8, 1]);
    expect(rowParams(t, 3)).toEqual({ fast: 10, slow: 10 });
  });

  it('splits walk-forward trials by window', () => {
    const t = table();
    expect(trialWindows(t)).toEqual([0, 1]);
    const second = windowTrials(t, 1);
    expect(second.count).toBe(2);
    expect(Array.from(second.index)).toEqual([4, 5]);
    expect(Array.from(second.params.slow as Float64Array)).toEqual([20, 30]);
    expect(Array.from(second.scores[0])).toEqual([Number.NaN, 13]);
    expect(second.filteredBy).toEqual([null, 'min-trades']);
  });

  it('joins text parameter columns', () => {
    const joined = joinTrialPages([
      { window: Float64Array.of(0), index: Float64Array.of(0), params: { mode: ['long'] }, scores: [], metrics: {}, filteredBy: [null] },
      { window: Float64Array.of(0), index: Float64Array.of(1), params: { mode: ['both'] }, scores: [], metrics: {}, filteredBy: [null] },
    ]);
    expect(joined.params.mode).toEqual(['long', 'both']);
  });

  it('sorts by any column, stable, undefined last both ways', () => {
    const t = table();
    expect(Array.from(sortTrials(t, { column: { kind: 'score', objective: 0 }, order: 'desc' }))).toEqual([5, 3, 2, 1, 0, 4]);
    expect(Array.from(sortTrials(t, { column: { kind: 'score', objective: 0 }, order: 'asc' }))).toEqual([0, 1, 2, 3, 5, 4]);
    expect(Array.from(sortTrials(t, { column: { kind: 'param', name: 'slow' }, order: 'asc' }))).toEqual([0, 3, 1, 4, 2, 5]);
    expect(Array.from(sortTrials(t, { column: { kind: 'metric', name: 'trades' }, order: 'desc' }))).toEqual([4, 3, 2, 1, 0, 5]);
  });

  it('finds the best passing trial by an objective', () => {
    expect(bestRow(table(), 0, 'maximize')).toBe(3);
    expect(bestRow(table(), 0, 'minimize')).toBe(0);
    expect(bestRow(table(), 1, 'maximize')).toBe(4);
    expect(bestRow(table(), 2, 'maximize')).toBeNull();
  });
});

describe('heatmap and line', () => {
  it('places each passing scored trial in its cell', () => {
    const map = heatmap(table(), { x: 'slow', y: 'fast', objective: 0, direction: 'maximize', aggregation: 'fixed', fixed: {} });
    expect(map.xValues).toEqual([10, 20, 30]);
    expect(map.yValues).toEqual([5, 10]);
    expect(Array.from(map.values)).toEqual([6, 7, 8, 11, Number.NaN, Number.NaN]);
    expect(map.filled).toBe(4);
    expect([map.min, map.max]).toEqual([6, 11]);
  });

  it('holds the other parameters at given values, or aggregates over them by the best or the mean', () => {
    const t: TrialTable = {
      count: 4,
      window: new Float64Array(4),
      index: Float64Array.of(0, 1, 2, 3),
      params: { a: Float64Array.of(1, 1, 2, 2), b: Float64Array.of(1, 1, 1, 1), c: Float64Array.of(7, 8, 7, 8) },
      scores: [Float64Array.of(1, 3, 5, 2)],
      metrics: {},
      filteredBy: [null, null, null, null],
    };
    const base = { x: 'a', y: 'b', objective: 0, fixed: { c: 8 } } as const;
    expect(Array.from(heatmap(t, { ...base, direction: 'maximize', aggregation: 'fixed' }).values)).toEqual([3, 2]);
    expect(Array.from(heatmap(t, { ...base, direction: 'maximize', aggregation: 'best' }).values)).toEqual([3, 5]);
    expect(Array.from(heatmap(t, { ...base, direction: 'minimize', aggregation: 'best' }).values)).toEqual([1, 2]);
    expect(Array.from(heatmap(t, { ...base, direction: 'maximize', aggregation: 'mean' }).values)).toEqual([2, 3.5]);
    expect(parameterLine(t, { x: 'c', objective: 0, direction: 'maximize', aggregation: 'mean', fixed: {} })).toEqual([
      { x: 7, value: 3 },
      { x: 8, value: 2.5 },
    ]);
    expect(parameterLine(t, { x: 'a', objective: 0, direction: 'maximize', aggregation: 'fixed', fixed: { b: 1, c: 7 } })).toEqual([
      { x: 1, value: 1 },
      { x: 2, value: 5 },
    ]);
  });
});

describe('Pareto plot', () => {
  it('keeps the trials no other dominates on the two objectives, ordered by the first', () => {
    // Rows 4 (unscored) and 5 (filtered) are left out; (score 0, score 1) = (6, 3) (7, 1) (8, 2) (11, 0.5).
    const plot = paretoPlot(table(), { objective: 0, direction: 'maximize' }, { objective: 1, direction: 'maximize' });
    expect(plot.rows).toEqual([0, 1, 2, 3]);
    expect(plot.front).toEqual([0, 2, 3]);
    // Minimising the second, row 3 is better on both than every other.
    expect(paretoPlot(table(), { objective: 0, direction: 'maximize' }, { objective: 1, direction: 'minimize' }).front).toEqual([3]);
  });

  it('keeps equal points together on the front', () => {
    const t: TrialTable = { count: 3, window: new Float64Array(3), index: Float64Array.of(0, 1, 2), params: {}, scores: [Float64Array.of(1, 1, 0), Float64Array.of(1, 1, 0)], metrics: {}, filteredBy: [null, null, null] };
    expect(paretoPlot(t, { objective: 0, direction: 'maximize' }, { objective: 1, direction: 'maximize' }).front).toEqual([0, 1]);
  });
});

describe('colour scale', () => {
  it('places values from the worst (0) to the best (1)', () => {
    expect(scalePosition(5, 0, 10, 'maximize')).toBe(0.5);
    expect(scalePosition(2, 0, 10, 'minimize')).toBe(0.8);
    expect(scalePosition(3, 3, 3, 'maximize')).toBe(0.5);
    expect(scalePosition(Number.NaN, 0, 1, 'maximize')).toBeNaN();
  });

  it('reads the viridis ramp with linear steps between its stops', () => {
    expect(rampColour(0)).toBe('#440154');
    expect(rampColour(1)).toBe('#fde725');
    expect(rampColour(0.5)).toBe('#21908d');
    expect(rampColour(1 / 16)).toBe('#461767');
    expect(rampColour(-1)).toBe('#440154');
  });
});

describe('the start request', () => {
  const request = {
    strategy: { template: 'sma-cross' },
    parameters: [FAST, SLOW, MODE],
    data: { kind: 'csv', csvPath: '/data/GOOG.csv' },
    settings: DEFAULT_RUN_SETTINGS,
  } as const;

  it('offers every metric but times and the capital, with its natural direction', () => {
    expect(OBJECTIVE_METRICS).toContain('sharpe');
    expect(OBJECTIVE_METRICS).not.toContain('maxDrawdownStart');
    expect(OBJECTIVE_METRICS).not.toContain('initialCapital');
    expect(defaultDirection('maxDrawdownPct')).toBe('minimize');
    expect(defaultDirection('netProfit')).toBe('maximize');
    expect(constraintLines(' fast < slow \n\n slow < 100')).toEqual(['fast < slow', 'slow < 100']);
  });

  it('builds optimise.start from the form, parameters not typed fixed at their defaults', () => {
    const search = {
      ...DEFAULT_SEARCH_FORM,
      domainTexts: { fast: '5:20:5', slow: '10,20,30' },
      constraints: 'fast < slow',
      method: 'random' as const,
      trials: '50',
      seed: '7',
      objectives: [
        { metric: 'sharpe', direction: 'maximize' as const },
        { metric: 'maxDrawdownPct', direction: 'minimize' as const },
      ],
      minTrades: '3',
      maxDrawdownPct: '40',
      workers: '2',
      walkForward: { enabled: true, inSampleDays: '180', outOfSampleDays: '30', stepDays: '', anchored: true },
    };
    expect(buildOptimiseInput({ ...request, search })).toEqual({
      input: {
        strategy: { template: 'sma-cross' },
        data: { csvPath: '/data/GOOG.csv' },
        settings: { fill: 'next-open', intrabar: 'pessimistic', exitsLiveFrom: 'entry-bar', atEnd: 'leave-open', initialCapital: 10_000, slippageBps: 0 },
        search: {
          method: 'random',
          parameters: { fast: '5:20:5', slow: '10,20,30', mode: 'both' },
          objectives: [
            { metric: 'sharpe', direction: 'maximize' },
            { metric: 'maxDrawdownPct', direction: 'minimize' },
          ],
          constraints: ['fast < slow'],
          trials: 50,
          seed: 7,
          workers: 2,
          filters: { minTrades: 3, maxDrawdownPct: 40 },
        },
        walkForward: { inSampleDays: 180, outOfSampleDays: 30, anchored: true },
      },
    });
  });

  it('gives a message per field', () => {
    const search = {
      ...DEFAULT_SEARCH_FORM,
      domainTexts: { fast: '1:10:1' },
      method: 'bayes' as const,
      trials: '0',
      objectives: [
        { metric: 'sharpe', direction: 'maximize' as const },
        { metric: 'sharpe', direction: 'minimize' as const },
      ],
      walkForward: { enabled: true, inSampleDays: '', outOfSampleDays: '-3', stepDays: '', anchored: false },
    };
    expect(buildOptimiseInput({ ...request, data: { kind: 'csv', csvPath: ' ' }, search })).toEqual({
      errors: {
        csvPath: 'enter the path of a candle CSV file',
        'param.fast': '1 is outside 2 to 500',
        'objective.1': 'already an objective',
        trials: 'from 1 to 1,000,000',
        'wf.inSampleDays': 'enter a number above 0',
        'wf.outOfSampleDays': 'enter a number above 0',
      },
    });
  });
});
