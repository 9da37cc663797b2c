/**
 * Settings through the core services: defaults, validation errors naming the field, persistence
 * across a restart on the same data dir, endpoints that take effect for the next download, and
 * default fees that apply to cached backtests unless the request names its own.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreServices } from '../../../src-main/host/core/index.ts';
import { DEFAULT_SETTINGS, type WorkstationSettings } from '../../../src-shared/contract/schemas/settings.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { type ExchangeSimulator, startExchangeSimulator } from '../../exchange-sim/index.ts';
import { closeCores, startCore } from './core-support.ts';

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 0, 2);
const KEY: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '15m' };
/** A server that answers every request with 404, which the client does not retry: the download fails at once. */
const bogus = () => `${simulator.endpoints.bybitRest}/no-such-api`;

let simulator: ExchangeSimulator;
beforeAll(async () => {
  simulator = await startExchangeSimulator({ seed: 7, rateLimits: 'off' });
});
afterAll(() => simulator.close());
afterEach(closeCores);

describe('settings', () => {
  it('start from the defaults and refuse bad values naming the field', async () => {
    const { services } = startCore(null);
    expect(await services.settings()).toEqual(DEFAULT_SETTINGS);
    await expect(services.updateSettings({ defaultFees: { bybit: { linear: { taker: 0.5 } } } })).rejects.toMatchObject({
      code: 'invalid-input',
      message: /^settings\.defaultFees\.bybit\.linear\.taker: /,
    });
    await expect(services.updateSettings({ exchangeEndpoints: { bybitRest: 'ftp://example.com' } })).rejects.toMatchObject({
      code: 'invalid-input',
      message: /^settings\.exchangeEndpoints\.bybitRest: expected an http/,
    });
    await expect(services.updateSettings({ theme: 'blue' })).rejects.toMatchObject({ code: 'invalid-input', message: /^settings\.theme: / });
    expect(await services.settings()).toEqual(DEFAULT_SETTINGS);
  });

  it('merge a patch, report it and persist across a restart on the same data dir', async () => {
    const changes: WorkstationSettings[] = [];
    const { services, dataDir } = startCore(null, { onSettingsChanged: (settings) => changes.push(settings) });
    const updated = await services.updateSettings({ theme: 'light', defaultFees: { binance: { spot: { maker: 0.00075 } } }, exchangeEndpoints: { bybitWs: 'wss://example.com/ws' } });
    expect(updated.theme).toBe('light');
    expect(updated.defaultFees.binance.spot).toEqual({ maker: 0.00075, taker: 0.001 });
    expect(updated.defaultFees.bybit).toEqual(DEFAULT_SETTINGS.defaultFees.bybit);
    expect(changes).toEqual([updated]);
    const cleared = await services.updateSettings({ exchangeEndpoints: { bybitWs: null } });
    expect(cleared.exchangeEndpoints).toEqual({});
    await services.close();

    const restarted = new CoreServices({ dataDir });
    try {
      expect(await restarted.settings()).toEqual(cleared);
    } finally {
      await restarted.close();
    }
  });

  it('replace the monitor layout whole, refuse a bad one naming the field, and keep it across a restart', async () => {
    const { services, dataDir } = startCore(null);
    const chart = { id: 'c1', key: KEY, indicators: [{ kind: 'sma', params: [20] }], strategyId: null, notify: false };
    const first = await services.updateSettings({ monitorLayout: { charts: [chart, { ...chart, id: 'c2' }] } });
    expect(first.monitorLayout.charts.map((c) => c.id)).toEqual(['c1', 'c2']);
    const second = await services.updateSettings({ monitorLayout: { charts: [{ ...chart, id: 'c3', strategyId: 's1', notify: true }] } });
    expect(second.monitorLayout).toEqual({ charts: [{ ...chart, id: 'c3', strategyId: 's1', notify: true }] });
    expect(second.theme).toBe(DEFAULT_SETTINGS.theme);
    await expect(services.updateSettings({ monitorLayout: { charts: [{ ...chart, key: { ...KEY, interval: '7m' } }] } })).rejects.toMatchObject({
      code: 'invalid-input',
      message: /^settings\.monitorLayout\.charts\.0\.key\.interval: /,
    });
    await services.close();
    const restarted = new CoreServices({ dataDir });
    try {
      expect((await restarted.settings()).monitorLayout).toEqual(second.monitorLayout);
    } finally {
      await restarted.close();
    }
  });

  it('rebuild the exchange clients with changed endpoints for the next download', async () => {
    const { services } = startCore(null);
    await services.updateSettings({ exchangeEndpoints: { bybitRest: bogus() } });
    const failed = await services.startDownload(KEY, FROM, TO);
    expect(await services.waitForJob(failed.jobId)).toMatchObject({ ok: false, error: { code: 'exchange' } });

    await services.updateSettings({ exchangeEndpoints: { bybitRest: simulator.endpoints.bybitRest } });
    const ok = await services.startDownload(KEY, FROM, TO);
    expect(await services.waitForJob(ok.jobId)).toMatchObject({ ok: true, result: { kind: 'download', candlesWritten: 96 } });
  });

  it('let endpoints given at construction win over the settings', async () => {
    const { services } = startCore(simulator);
    await services.updateSettings({ exchangeEndpoints: { bybitRest: bogus() } });
    const { jobId } = await services.startDownload(KEY, FROM, TO);
    expect(await services.waitForJob(jobId)).toMatchObject({ ok: true });
  });
});

describe('default fees', () => {
  async function totalFees(services: CoreServices, settings: Record<string, number> = {}): Promise<{ fees: number; taker: number; maker: number }> {
    const { jobId } = await services.startBacktest({ strategy: 'sma-cross', params: { fast: 4, slow: 12 }, data: { key: KEY }, settings });
    const finished = await services.waitForJob(jobId);
    if (!finished.ok || finished.result.kind !== 'backtest') throw new Error(`backtest failed: ${JSON.stringify(finished)}`);
    const { manifest, metrics } = finished.result;
    return { fees: metrics.all.totalFees, taker: manifest.settings.takerFee, maker: manifest.settings.makerFee };
  }

  it("apply the data's exchange market fees to cached backtests; explicit fees win", async () => {
    const { services } = startCore(simulator);
    const download = await services.startDownload(KEY, FROM, TO);
    expect(await services.waitForJob(download.jobId)).toMatchObject({ ok: true });

    const base = await totalFees(services);
    expect(base).toMatchObject({ taker: 0.00055, maker: 0.0002 });
    expect(base.fees).toBeGreaterThan(0);

    await services.updateSettings({ defaultFees: { bybit: { linear: { taker: 0.0011, maker: 0.0004 } } } });
    const doubled = await totalFees(services);
    expect(doubled).toMatchObject({ taker: 0.0011, maker: 0.0004 });
    // Not exactly twice: fees change the equity, and with it the size of later trades.
    expect(doubled.fees).toBeGreaterThan(1.9 * base.fees);

    const explicit = await totalFees(services, { takerFee: 0.00055, makerFee: 0.0002 });
    expect(explicit).toEqual(base);
  });
});
