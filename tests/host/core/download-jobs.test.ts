/**
 * Download jobs through the core services, against the exchange simulator and a real cache:
 * throttled progress, the cache equal to the exchange, cancellation keeping whole pages, one
 * download per series, instrument listings cached, and close() cancelling what runs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { type ExchangeSimulator, startExchangeSimulator } from '../../exchange-sim/index.ts';
import { requestsOn } from '../exchanges/sim-support.ts';
import { closeCores, expectColumnsEqual, startCore } from './core-support.ts';

const FROM = Date.UTC(2024, 0, 1);
const TWO_DAYS = Date.UTC(2024, 0, 3);
const TEN_DAYS = Date.UTC(2024, 0, 11);
const LINEAR: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };
const BYBIT_PAGE = 1000;

let simulator: ExchangeSimulator;

beforeAll(async () => {
  simulator = await startExchangeSimulator({ seed: 11, rateLimits: 'off' });
});
afterAll(async () => {
  await simulator.close();
});
afterEach(async () => {
  simulator.setFaults([]);
  await closeCores();
});

describe('download jobs', () => {
  it('report throttled progress and leave the cache equal to the exchange, funding included', async () => {
    const core = startCore(simulator);
    simulator.setFaults([{ kind: 'slow', delayMs: 30, count: Number.POSITIVE_INFINITY }]);
    const { jobId, kind, state } = await core.services.startDownload(LINEAR, FROM, TEN_DAYS);
    expect([kind, state]).toEqual(['download', 'running']);
    const finished = await core.services.waitForJob(jobId);
    if (!finished.ok || finished.result.kind !== 'download') throw new Error(`download failed: ${JSON.stringify(finished)}`);
    const { result } = finished;
    expect([result.pagesFetched, result.candlesWritten]).toEqual([15, 14_400]);
    expect(result.fundingSettlements).toBe(simulator.fundingTruth('bybit', 'linear', 'BTCUSDT', FROM, TEN_DAYS - 1).length);
    expectColumnsEqual(await core.services.readCandles(LINEAR, FROM, TEN_DAYS), simulator.truth(LINEAR, FROM, TEN_DAYS));

    const progress = core.progressOf(jobId);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThan(result.pagesFetched);
    expect(progress.every((p) => p.done <= p.total)).toBe(true);
    const last = core.events.at(-1)?.event;
    expect(last).toMatchObject({ type: 'job-finished', payload: { jobId, ok: true } });
    expect((await core.services.jobs()).find((job) => job.jobId === jobId)).toMatchObject({ state: 'succeeded', label: 'download of bybit linear BTCUSDT 1m' });
  });

  it('cancelled mid-way, finish with code cancelled and keep whole pages only', async () => {
    const core = startCore(simulator);
    simulator.setFaults([{ kind: 'slow', delayMs: 40, count: Number.POSITIVE_INFINITY }]);
    const { jobId } = await core.services.startDownload(LINEAR, FROM, TEN_DAYS);
    const cancelled = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (core.progressOf(jobId).some((p) => p.done > 0)) {
          clearInterval(poll);
          void core.services.cancel(jobId).then(() => resolve());
        }
      }, 5);
    });
    await cancelled;
    const finished = await core.services.waitForJob(jobId);
    expect(finished).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    if (finished.ok) return;
    expect(finished.error.message).toMatch(/^download of bybit linear BTCUSDT 1m cancelled after [1-9]\d* of 15 pages; those are kept$/);

    const [series] = await core.services.inventory();
    expect(series.count).toBeGreaterThan(0);
    expect(series.count).toBeLessThan(14_400);
    for (const range of series.coverage) {
      expect(((range.to - range.from) / 60_000) % BYBIT_PAGE).toBe(0);
      expectColumnsEqual(await core.services.readCandles(LINEAR, range.from, range.to), simulator.truth(LINEAR, range.from, range.to));
    }
    expect((await core.services.jobs())[0]).toMatchObject({ jobId, state: 'cancelled' });
  });

  it('refuse a second download of the same series while one runs, but not of another series', async () => {
    const core = startCore(simulator);
    simulator.setFaults([{ kind: 'slow', delayMs: 30, count: Number.POSITIVE_INFINITY }]);
    const first = await core.services.startDownload(LINEAR, FROM, TWO_DAYS);
    await expect(core.services.startDownload(LINEAR, TWO_DAYS, TEN_DAYS)).rejects.toMatchObject({
      code: 'busy',
      message: `download of bybit linear BTCUSDT 1m is already running as ${first.jobId}; wait for it to finish or cancel it`,
    });
    await expect(core.services.deleteSeries(LINEAR)).rejects.toMatchObject({ code: 'busy' });
    const other = await core.services.startDownload({ ...LINEAR, exchange: 'binance' }, FROM, TWO_DAYS);
    const outcomes = await Promise.all([core.services.waitForJob(first.jobId), core.services.waitForJob(other.jobId)]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    const again = await core.services.startDownload(LINEAR, FROM, TWO_DAYS);
    expect(await core.services.waitForJob(again.jobId)).toMatchObject({ ok: true, result: { pagesFetched: 0, alreadyCached: 2880 } });
  });

  it('fail with the exchange error mapped: an unknown symbol is not-found', async () => {
    const core = startCore(simulator);
    const { jobId } = await core.services.startDownload({ ...LINEAR, symbol: 'NOPEUSDT' }, FROM, TWO_DAYS);
    expect(await core.services.waitForJob(jobId)).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'bybit linear has no symbol NOPEUSDT', details: { kind: 'unknown-symbol' } },
    });
    await expect(core.services.startDownload({ ...LINEAR, symbol: 'btc-usdt' }, FROM, TWO_DAYS)).rejects.toMatchObject({ code: 'invalid-input', message: /^key\.symbol: / });
    await expect(core.services.startDownload(LINEAR, TWO_DAYS, FROM)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('instrument listings', () => {
  it('are fetched from the exchange once, then served from the cache', async () => {
    const core = startCore(simulator);
    const path = '/bybit/v5/market/instruments-info';
    const before = requestsOn(simulator, path);
    const listed = await core.services.listInstruments('bybit', 'linear');
    expect(listed.map((i) => i.symbol)).toContain('BTCUSDT');
    expect(listed.every((i) => i.exchange === 'bybit' && i.market === 'linear')).toBe(true);
    const fetched = requestsOn(simulator, path);
    expect(fetched).toBeGreaterThan(before);
    expect(await core.services.listInstruments('bybit', 'linear')).toEqual(listed);
    expect(requestsOn(simulator, path)).toBe(fetched);
  });
});

describe('close()', () => {
  it('cancels running jobs, waits for them, and refuses calls afterwards', async () => {
    const core = startCore(simulator);
    simulator.setFaults([{ kind: 'slow', delayMs: 50, count: Number.POSITIVE_INFINITY }]);
    const { jobId } = await core.services.startDownload(LINEAR, FROM, TEN_DAYS);
    const outcome = core.services.waitForJob(jobId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await core.services.close();
    expect(await outcome).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(core.events.at(-1)).toMatchObject({ event: { type: 'job-finished', payload: { jobId, ok: false } } });
    await expect(core.services.jobs()).rejects.toMatchObject({ code: 'internal', message: 'the core services are closed' });
  });
});
