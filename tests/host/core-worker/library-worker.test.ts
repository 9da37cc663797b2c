/**
 * Settings, saved strategies and runs through a real core worker, as a window sees them: only
 * the typed client on this side. Endpoints set through settings.update reach the next download,
 * and a finished backtest arrives in runs.list, its trades as Float64Array columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayloadOf } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract/schemas/settings.ts';
import type { WorkstationContract } from '../../../src-shared/contract/workstation.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { type ExchangeSimulator, startExchangeSimulator } from '../../exchange-sim/index.ts';
import { type CoreWorkerHarness, failureOf, startHarness } from './core-worker-support.ts';

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 0, 2);
const KEY: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '15m' };

let simulator: ExchangeSimulator;
// No endpoints at start: the worker reaches the simulator only through the settings.
let core: CoreWorkerHarness;
const changes: PayloadOf<WorkstationContract, 'settings.changed'>[] = [];

beforeAll(async () => {
  simulator = await startExchangeSimulator({ seed: 7, rateLimits: 'off' });
  core = await startHarness();
  core.client.on('settings.changed', (settings) => changes.push(settings));
});
afterAll(async () => {
  await core?.dispose();
  await simulator?.close();
});

describe('core worker: settings', () => {
  it('answers the defaults, refuses a bad field by name, and emits settings.changed on update', async () => {
    expect(await core.client.call('settings.get', {})).toEqual(DEFAULT_SETTINGS);
    const bad = await failureOf(core.client.call('settings.update', { defaultFees: { binance: { linear: { maker: -1 } } } }));
    expect(bad.code).toBe('invalid-input');
    expect(bad.details?.issues).toEqual([{ path: 'defaultFees.binance.linear.maker', message: expect.any(String) }]);

    const updated = await core.client.call('settings.update', { theme: 'light' });
    expect(updated).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
    await expect.poll(() => changes).toEqual([updated]);
    expect(await core.client.call('settings.get', {})).toEqual(updated);
  });

  it('points the next download at the endpoint set in the settings', async () => {
    await core.client.call('settings.update', { exchangeEndpoints: { bybitRest: `${simulator.endpoints.bybitRest}/no-such-api` } });
    const failed = await core.client.call('download.start', { key: KEY, from: FROM, to: TO });
    expect(await core.finished(failed.jobId)).toMatchObject({ ok: false, error: { code: 'exchange' } });

    await core.client.call('settings.update', { exchangeEndpoints: { bybitRest: simulator.endpoints.bybitRest } });
    const ok = await core.client.call('download.start', { key: KEY, from: FROM, to: TO });
    expect(await core.finished(ok.jobId)).toMatchObject({ ok: true, result: { candlesWritten: 96 } });
  });
});

describe('core worker: strategies and runs', () => {
  it('saves a valid strategy and refuses an invalid one with code strategy and the issues', async () => {
    const { templates } = await core.client.call('templates.list', {});
    const spec = templates.find((t) => t.name === 'sma-cross')?.spec;
    const saved = await core.client.call('strategies.save', { spec });
    expect(saved.name).toBe('sma-cross');
    expect(await core.client.call('strategies.get', { id: saved.id })).toMatchObject({ id: saved.id, spec });
    expect((await core.client.call('strategies.list', {})).strategies.map((s) => s.id)).toEqual([saved.id]);

    const invalid = await failureOf(core.client.call('strategies.save', { spec: { name: 'x', direction: 'long', entry: {} } }));
    expect(invalid.code).toBe('strategy');
    expect(invalid.details?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.any(String), message: expect.any(String) })]));
    expect(await core.client.call('strategies.delete', { id: saved.id })).toEqual({ deleted: true });
  });

  it('saves a finished backtest as a run: listed, fetched with its trades as JSON-safe columns, deleted', async () => {
    const { jobId } = await core.client.call('backtest.start', { strategy: { template: 'sma-cross' }, params: { fast: 4, slow: 12 }, data: { series: KEY }, settings: {} });
    const finished = await core.finished(jobId);
    if (!finished.ok || finished.kind !== 'backtest') throw new Error(`backtest failed: ${JSON.stringify(finished)}`);
    const { runId } = finished.result;

    const { runs } = await core.client.call('runs.list', {});
    expect(runs[0]).toMatchObject({ id: runId, strategyName: 'sma-cross', dataSource: 'bybit linear BTCUSDT 15m', metrics: { netProfit: finished.result.netProfit, trades: finished.result.trades } });
    const run = await core.client.call('runs.get', { id: runId });
    expect(run.trades.side).toHaveLength(finished.result.trades);
    expect(run.trades.side.length).toBeGreaterThan(0);
    // sma-cross sets no stop: every R multiple is undefined, sent as NaN in a Float64Array column.
    expect(run.trades.rMultiple).toBeInstanceOf(Float64Array);
    expect(run.trades.rMultiple.every((r) => Number.isNaN(r))).toBe(true);
    expect(run.manifest).toMatchObject({ specHash: finished.result.manifest.specHash, settings: { takerFee: 0.00055, makerFee: 0.0002 } });
    expect(run.metrics.all.totalFees).toBeGreaterThan(0);
    expect(run.warnings).toEqual(finished.result.warnings);

    // 96 bars of 15m in a day; the chart windows and the overview cover them.
    const window = await core.client.call('runs.bars', { id: runId, from: 90, to: 200 });
    expect([window.from, window.to, window.totalBars]).toEqual([90, 96, 96]);
    expect(window.candles.time[0]).toBe(FROM + 90 * 15 * 60_000);
    expect(window.indicators.map((line) => [line.id, line.output, line.pane, line.values.length])).toEqual([['fast', 'value', 'price', 6], ['slow', 'value', 'price', 6]]);
    const overview = await core.client.call('runs.equity', { id: runId, maxPoints: 1000 });
    expect(overview.bar.length).toBe(96);
    expect(overview.equity.subarray(90)).toEqual(window.equity);
    expect((await failureOf(core.client.call('runs.bars', { id: runId, from: 0, to: 100_001 }))).code).toBe('invalid-input');
    const tail = await core.client.call('runs.bars', { id: runId, last: 10 });
    expect([tail.from, tail.to, tail.totalBars]).toEqual([86, 96, 96]);
    expect(tail.equity.subarray(4)).toEqual(window.equity);

    const trades = await core.client.call('runs.export', { id: runId, format: 'trades-csv' });
    expect(trades.fileName).toMatch(/^sma-cross_bybit-linear-BTCUSDT-15m_\d{4}-\d{2}-\d{2}T\d{4}-trades\.csv$/);
    expect(trades.text.split('\n')).toHaveLength(finished.result.trades + 2);
    const results = JSON.parse((await core.client.call('runs.export', { id: runId, format: 'results-json' })).text);
    expect(results).toMatchObject({ id: runId, manifest: run.manifest, metrics: { all: { netProfit: finished.result.netProfit } } });
    const report = await core.client.call('runs.export', { id: runId, format: 'html-report' });
    expect(report).toMatchObject({ mimeType: 'text/html', fileName: expect.stringMatching(/-report\.html$/) });

    expect(await core.client.call('runs.delete', { id: runId })).toEqual({ deleted: true });
    expect(await core.client.call('runs.delete', { id: runId })).toEqual({ deleted: false });
    expect((await failureOf(core.client.call('runs.get', { id: runId }))).code).toBe('not-found');
  });
});
