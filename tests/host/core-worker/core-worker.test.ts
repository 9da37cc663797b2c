/**
 * The core worker end to end: a real worker thread on a real temp cache, the exchange
 * simulator for the exchanges, and only the typed client on this side, as a window sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { type ExchangeSimulator, startExchangeSimulator } from '../../exchange-sim/index.ts';
import { loadFixtureCandles } from '../../support/fixtures.ts';
import { fixtureUpload } from '../core/core-support.ts';
import { type CoreWorkerHarness, failureOf, startHarness } from './core-worker-support.ts';

const FROM = Date.UTC(2024, 0, 1);
const TWO_DAYS = Date.UTC(2024, 0, 3);
const TEN_DAYS = Date.UTC(2024, 0, 11);
const LINEAR: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };
const SLOW: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' };
const DAILY: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'BTCUSD', interval: '1d' };

let simulator: ExchangeSimulator;
let core: CoreWorkerHarness;

beforeAll(async () => {
  simulator = await startExchangeSimulator({ seed: 7, rateLimits: 'off' });
  core = await startHarness(simulator.endpoints);
});
afterAll(async () => {
  await core?.dispose();
  await simulator?.close();
});

describe('core worker: quick answers', () => {
  it('system.info names the data dir and the engine', async () => {
    const info = await core.client.call('system.info', {});
    expect(info.dataDir).toBe(core.dataDir);
    expect(info.engineVersion).toMatch(/\S/);
    expect(info.cacheSizeBytes).toBeGreaterThanOrEqual(0);
  });

  it('templates.list has the 8 templates with their parameters', async () => {
    const { templates } = await core.client.call('templates.list', {});
    expect(templates).toHaveLength(8);
    expect(templates.map((t) => t.name)).toContain('sma-cross');
    expect(templates.find((t) => t.name === 'sma-cross')?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['fast', 'slow']));
  });

  it('indicators.list offers all 33 indicators with their parameters and chart pane', async () => {
    const { indicators } = await core.client.call('indicators.list', {});
    expect(indicators).toHaveLength(33);
    expect(indicators.find((i) => i.kind === 'bb')).toMatchObject({ outputs: ['upper', 'middle', 'lower', 'percentB', 'bandwidth'], chartOutputs: ['upper', 'middle', 'lower'], pane: 'price', usesSource: true });
    expect(indicators.find((i) => i.kind === 'rsi')).toMatchObject({ pane: 'own', params: [{ name: 'period', default: 14, integer: true }] });
  });

  it('strategy.validate lists the issues of a bad document with their paths', async () => {
    const { spec } = (await core.client.call('templates.list', {})).templates[0];
    const good = await core.client.call('strategy.validate', { document: spec });
    expect(good).toMatchObject({ issues: [], legacyFormat: false });
    expect(good.parameterValues).not.toBeNull();
    const bad = await core.client.call('strategy.validate', { document: { ...spec, name: 42, indicators: 'none' } });
    expect(bad.parameterValues).toBeNull();
    expect(bad.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['name']));
    expect(bad.issues.every((issue) => typeof issue.message === 'string' && issue.message !== '')).toBe(true);
  });

  it('instruments.list fetches the exchange listing', async () => {
    const { instruments } = await core.client.call('instruments.list', { exchange: 'bybit', market: 'linear' });
    expect(instruments.map((i) => i.symbol)).toContain('BTCUSDT');
    expect(instruments.every((i) => i.exchange === 'bybit' && i.market === 'linear')).toBe(true);
  });

  it('refuses invalid input at the boundary with invalid-input', async () => {
    const symbol = await failureOf(core.client.call('download.start', { key: { ...LINEAR, symbol: 'btc-usdt' }, from: FROM }));
    expect(symbol.code).toBe('invalid-input');
    expect(JSON.stringify(symbol.details)).toContain('symbol');
    const range = await failureOf(core.client.call('cache.readCandles', { key: LINEAR, from: TWO_DAYS, to: FROM }));
    expect(range.code).toBe('invalid-input');
    const magnifier = await failureOf(
      core.client.call('backtest.start', { strategy: { template: 'sma-cross' }, data: { series: LINEAR }, settings: { intrabar: 'magnifier' } }),
    );
    expect(magnifier.code).toBe('invalid-input');
    expect((await failureOf(core.client.call('jobs.cancel', { jobId: 'job-999' }))).code).toBe('not-found');
  });
});

describe('core worker: downloads and backtests', () => {
  it('download.start reports progress then a finished download, and the cache holds the exchange truth', async () => {
    const { jobId } = await core.client.call('download.start', { key: LINEAR, from: FROM, to: TWO_DAYS });
    const finished = await core.finished(jobId);
    expect(finished).toMatchObject({ jobId, kind: 'download', ok: true, result: { key: LINEAR, candlesWritten: 2880 } });
    const mine = core.events.filter((e) => (e.event === 'job.progress' || e.event === 'job.finished') && e.payload.jobId === jobId);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine[0].event).toBe('job.progress');
    expect(mine.at(-1)?.event).toBe('job.finished');

    const { series } = await core.client.call('cache.inventory', {});
    expect(series.find((s) => s.key.exchange === 'bybit' && s.key.symbol === 'BTCUSDT')).toMatchObject({ key: LINEAR, count: 2880, first: FROM });

    const { columns } = await core.client.call('cache.readCandles', { key: LINEAR, from: FROM, to: TWO_DAYS });
    const truth = simulator.truth(LINEAR, FROM, TWO_DAYS);
    for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(columns[field]).toBeInstanceOf(Float64Array);
      expect(Array.from(columns[field]), field).toEqual(Array.from(truth[field]));
    }

    const { jobs } = await core.client.call('jobs.list', {});
    expect(jobs.find((job) => job.jobId === jobId)).toMatchObject({ kind: 'download', state: 'finished', title: 'download of bybit linear BTCUSDT 1m' });
    const statuses = core.events.flatMap((e) => (e.event === 'core.status' ? [e.payload] : []));
    expect(statuses.some((s) => s.state === 'ready' && s.runningJobs === 1)).toBe(true);
  });

  it('backtest.start on the cached series finishes with its metrics in job.finished', async () => {
    const { jobId } = await core.client.call('backtest.start', {
      strategy: { template: 'sma-cross' },
      params: { fast: 4, slow: 12 },
      data: { series: { ...LINEAR, interval: '15m' } },
      settings: {},
    });
    const finished = await core.finished(jobId);
    if (!finished.ok || finished.kind !== 'backtest') throw new Error(`backtest failed: ${JSON.stringify(finished)}`);
    expect(finished.result).toMatchObject({ strategyName: 'sma-cross', bars: 192 });
    expect(finished.result.trades).toBeGreaterThan(0);
    expect(Number.isFinite(finished.result.netProfit)).toBe(true);
    expect(finished.result.manifest.dataHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('backtest.start with an unknown template fails at once with not-found', async () => {
    const failure = await failureOf(core.client.call('backtest.start', { strategy: { template: 'no-such' }, data: { series: LINEAR }, settings: {} }));
    expect(failure.code).toBe('not-found');
  });

  it('jobs.cancel ends a slow download with job.finished ok=false, code cancelled', async () => {
    simulator.setFaults([{ kind: 'slow', delayMs: 100, count: Number.POSITIVE_INFINITY }]);
    try {
      const { jobId } = await core.client.call('download.start', { key: SLOW, from: FROM, to: TEN_DAYS });
      expect(await core.client.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
      const finished = await core.finished(jobId);
      expect(finished).toMatchObject({ jobId, kind: 'download', ok: false, error: { code: 'cancelled' } });
      expect((await core.client.call('jobs.list', {})).jobs.find((job) => job.jobId === jobId)?.state).toBe('cancelled');
      expect(await core.client.call('jobs.cancel', { jobId })).toEqual({ cancelled: false });
    } finally {
      simulator.setFaults([]);
    }
  });
});

describe('core worker: importing and deleting', () => {
  it('cache.import puts a CSV into a named series, which the inventory then shows', async () => {
    const candles = loadFixtureCandles('BTCUSD-1d.csv');
    const n = candles.time.length;
    const report = await core.client.call('cache.import', { files: [fixtureUpload('BTCUSD-1d.csv')], target: DAILY });
    expect(report).toMatchObject({ candles: n, files: [{ key: DAILY, candles: n, format: 'generic', checksumVerified: false }] });
    const { series } = await core.client.call('cache.inventory', {});
    expect(series.find((s) => s.key.symbol === 'BTCUSD')).toMatchObject({ key: DAILY, count: n, first: candles.time[0], last: candles.time[n - 1] });
    // Imports are not contract jobs: neither their events nor their list entries leave the core.
    expect((await core.client.call('jobs.list', {})).jobs.every((job) => job.kind !== ('import' as string))).toBe(true);
  });

  it('cache.import of a malformed CSV fails with code data naming the line, and imports nothing', async () => {
    const bytes = new TextEncoder().encode('time,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,oops,0.5,1.5,10\n');
    const target: SeriesKey = { ...DAILY, symbol: 'BADUSD' };
    const failure = await failureOf(core.client.call('cache.import', { files: [{ name: 'bad.csv', bytes }], target }));
    expect(failure.code).toBe('data');
    expect(failure.message).toMatch(/line 3/);
    expect(failure.details).toMatchObject({ line: 3 });
    expect((await core.client.call('cache.inventory', {})).series.some((s) => s.key.symbol === 'BADUSD')).toBe(false);
  });

  it('cache.deleteSeries removes a series; a second delete is not-found', async () => {
    await core.client.call('cache.import', { files: [fixtureUpload('BTCUSD-1d.csv')], target: { ...DAILY, symbol: 'DELUSD' } });
    expect(await core.client.call('cache.deleteSeries', { key: { ...DAILY, symbol: 'DELUSD' } })).toEqual({ deleted: true });
    expect((await core.client.call('cache.inventory', {})).series.some((s) => s.key.symbol === 'DELUSD')).toBe(false);
    expect((await failureOf(core.client.call('cache.deleteSeries', { key: { ...DAILY, symbol: 'DELUSD' } }))).code).toBe('not-found');
  });
});

describe('core worker: lifecycle', () => {
  it('stop() closes the core and leaves no running worker', async () => {
    const own = await startHarness(simulator.endpoints);
    const exited = new Promise<number>((resolve) => own.worker.once('exit', resolve));
    await own.dispose();
    await exited;
    expect(own.worker.threadId).toBe(-1);
    expect(own.events.filter((e) => e.event === 'core.status').map((e) => e.payload.state)).toEqual(['stopping', 'stopped']);
    expect((await failureOf(own.client.call('system.info', {}))).code).toBe('unavailable');
  });
});
