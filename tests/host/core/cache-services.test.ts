/**
 * The core's cache and strategy services on a real temp data dir: importing as a job, the
 * inventory, reading candles (resampled from a lower interval when needed), deleting a series,
 * and the quick answers (info, templates, strategy validation).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadStrategyDocument } from '../../../src-main/host/backtest/run-backtest.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { fixturePath, loadFixtureCandles } from '../../support/fixtures.ts';
import { closeCores, expectColumnsEqual, startCore } from './core-support.ts';

const DAILY: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'BTCUSD', interval: '1d' };
const WEEKLY: SeriesKey = { ...DAILY, interval: '1w' };
const DAY = 86_400_000;

afterEach(closeCores);

async function importedCore() {
  const core = startCore(null);
  const { jobId, kind } = await core.services.importFiles([fixturePath('BTCUSD-1d.csv')], DAILY);
  expect(kind).toBe('import');
  const finished = await core.services.waitForJob(jobId);
  if (!finished.ok || finished.result.kind !== 'import') throw new Error(`import failed: ${JSON.stringify(finished)}`);
  return { core, report: finished.result };
}

describe('import jobs', () => {
  it('import a CSV into a named series, which the inventory then shows', async () => {
    const { core, report } = await importedCore();
    const candles = loadFixtureCandles('BTCUSD-1d.csv');
    const n = candles.time.length;
    expect(report).toMatchObject({ kind: 'import', candles: n, files: [{ key: DAILY, candles: n, checksumVerified: false }] });
    const [series, ...others] = await core.services.inventory();
    expect(others).toEqual([]);
    expect(series).toMatchObject({ key: DAILY, count: n, first: candles.time[0], last: candles.time[n - 1] });
    expectColumnsEqual(await core.services.readCandles(DAILY), candles);
    expect((await core.services.info()).cacheSizeBytes).toBeGreaterThan(0);
  });

  it('fail with code data, importing nothing, when a file cannot be imported', async () => {
    const core = startCore(null);
    const { jobId } = await core.services.importFiles([fixturePath('BTCUSD-1d.csv'), fixturePath('no-such.csv')], DAILY);
    expect(await core.services.waitForJob(jobId)).toMatchObject({ ok: false, error: { code: 'data', message: /no-such\.csv: no such file$/ } });
    expect(await core.services.inventory()).toEqual([]);
    await expect(core.services.importFiles([], DAILY)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('reading candles', () => {
  it('builds weekly bars from the cached daily ones', async () => {
    const { core } = await importedCore();
    const daily = loadFixtureCandles('BTCUSD-1d.csv');
    const weekly = await core.services.readCandles(WEEKLY);
    expect(weekly.time.length).toBeGreaterThan(380);
    for (let w = 0; w < weekly.time.length; w++) {
      const start = weekly.time[w];
      expect(new Date(start).getUTCDay(), 'weeks open on Monday').toBe(1);
      const days = [...daily.time.keys()].filter((i) => daily.time[i] >= start && daily.time[i] < start + 7 * DAY);
      expect(days.length).toBeGreaterThan(0);
      expect(weekly.open[w]).toBe(daily.open[days[0]]);
      expect(weekly.close[w]).toBe(daily.close[days.at(-1) as number]);
      expect(weekly.high[w]).toBe(Math.max(...days.map((i) => daily.high[i])));
      expect(weekly.low[w]).toBe(Math.min(...days.map((i) => daily.low[i])));
      expect(weekly.volume[w]).toBeCloseTo(days.reduce((sum, i) => sum + daily.volume[i], 0), 0);
    }
    const from = weekly.time[10];
    const to = weekly.time[20];
    expect(Array.from((await core.services.readCandles(WEEKLY, from, to)).time)).toEqual(Array.from(weekly.time.subarray(10, 20)));
    await expect(core.services.readCandles({ ...WEEKLY, interval: '2d' as never })).rejects.toMatchObject({ code: 'invalid-input', message: /^key\.interval: / });
  });
});

describe('deleting a series', () => {
  it('removes it from the inventory; a second delete is not-found', async () => {
    const { core } = await importedCore();
    await core.services.deleteSeries(DAILY);
    expect(await core.services.inventory()).toEqual([]);
    expect((await core.services.readCandles(WEEKLY)).time.length).toBe(0);
    await expect(core.services.deleteSeries(DAILY)).rejects.toMatchObject({ code: 'not-found', message: 'the cache has no binance spot BTCUSD 1d' });
  });
});

describe('quick answers', () => {
  it('info, templates and strategy validation', async () => {
    const { services, dataDir } = startCore(null);
    expect(await services.info()).toMatchObject({ engineVersion: '0.1.0', dataDir });
    const templates = await services.listTemplates();
    expect(templates.map((t) => t.name)).toContain('sma-cross');
    expect(templates.find((t) => t.name === 'sma-cross')?.description).toMatch(/^Fast SMA crossing/);

    const spec = loadStrategyDocument('sma-cross');
    expect(await services.validateStrategy(spec, { fast: 7 })).toMatchObject({ ok: true, values: { fast: 7, slow: 20 } });
    expect(await services.validateStrategy(spec, { fast: 1 })).toMatchObject({ ok: false, issues: [{ path: 'parameters[0]', message: expect.stringContaining('fast') }] });
    expect(await services.validateStrategy({ entry_conditions: 'nope' })).toMatchObject({ ok: false });
    expect(await services.validateStrategy({ name: 'x' })).toMatchObject({ ok: false, issues: expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]) });
  });
});
