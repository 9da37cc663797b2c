/**
 * The core's cache and strategy services on a real temp data dir: importing as a job, the
 * inventory, reading candles (resampled from a lower interval when needed), deleting a series,
 * and the quick answers (info, templates, strategy validation).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStrategyDocument } from '../../../src-main/host/backtest/run-backtest.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { loadFixtureCandles } from '../../support/fixtures.ts';
import { writeZip } from '../store/zip-writer.ts';
import { closeCores, expectColumnsEqual, fixtureUpload, startCore } from './core-support.ts';

const DAILY: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'BTCUSD', interval: '1d' };
const WEEKLY: SeriesKey = { ...DAILY, interval: '1w' };
const DAY = 86_400_000;

const folders: string[] = [];
afterEach(async () => {
  await closeCores();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function importedCore() {
  const core = startCore(null);
  const { jobId, kind } = await core.services.importFiles([fixtureUpload('BTCUSD-1d.csv')], DAILY);
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
    const { jobId } = await core.services.importFiles([fixtureUpload('BTCUSD-1d.csv'), { name: 'notes.txt', bytes: Buffer.from('hello') }], DAILY);
    expect(await core.services.waitForJob(jobId)).toMatchObject({ ok: false, error: { code: 'data', message: /^notes\.txt: unsupported file type/ } });
    expect(await core.services.inventory()).toEqual([]);
    await expect(core.services.importFiles([], DAILY)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('importing uploaded files', () => {
  const BAD_CSV = 'time,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,abc,0.5,1.5,10\n';
  const VISION = 'BTCUSDT-1m-2024-01';
  const SPOT_1M: SeriesKey = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' };

  /** A core staging uploads in a folder of the test's own, so the test can see it emptied. */
  function coreWithTempDir() {
    const tempDir = mkdtempSync(path.join(tmpdir(), 'bst-upload-staging-'));
    folders.push(tempDir);
    return { core: startCore(null, { tempDir }), tempDir };
  }

  /** A Binance Vision archive of `bars` one-minute klines from 2024-01-01 and its CHECKSUM file. */
  function visionUpload(bars: number, checksumOf?: Buffer) {
    const rows = Array.from({ length: bars }, (_, i) => {
      const time = Date.UTC(2024, 0, 1) + i * 60_000;
      return [time, 100 + i, 101 + i, 99 + i, 100.5 + i, 7, time + 59_999, 1, 2, 3, 4, 0].join(',');
    });
    const zip = writeZip([{ name: `${VISION}.csv`, data: Buffer.from(`${rows.join('\n')}\n`), method: 'deflate' }]);
    const sha = createHash('sha256').update(checksumOf ?? zip).digest('hex');
    return [
      { name: `${VISION}.zip`, bytes: zip },
      { name: `${VISION}.zip.CHECKSUM`, bytes: Buffer.from(`${sha}  ${VISION}.zip\n`) },
    ];
  }

  it('imports the fixture bytes into a named series, reporting the upload name, and removes the staging folder', async () => {
    const { core, tempDir } = coreWithTempDir();
    const { jobId } = await core.services.importFiles([fixtureUpload('BTCUSD-1d.csv')], DAILY);
    const finished = await core.services.waitForJob(jobId);
    const n = loadFixtureCandles('BTCUSD-1d.csv').time.length;
    expect(finished).toMatchObject({ ok: true, result: { candles: n, files: [{ file: 'BTCUSD-1d.csv', key: DAILY, candles: n, format: 'generic' }] } });
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('fails a malformed CSV with code data, naming the upload and the line, and removes the staging folder', async () => {
    const { core, tempDir } = coreWithTempDir();
    const { jobId } = await core.services.importFiles([{ name: 'bad.csv', bytes: Buffer.from(BAD_CSV) }], DAILY);
    const finished = await core.services.waitForJob(jobId);
    expect(finished).toMatchObject({ ok: false, error: { code: 'data', message: 'bad.csv line 3: column high: "abc" is not a number', details: { file: 'bad.csv', line: 3 } } });
    expect(JSON.stringify(finished)).not.toContain(tempDir);
    expect(readdirSync(tempDir)).toEqual([]);
    expect(await core.services.inventory()).toEqual([]);
  });

  it('verifies a Binance Vision archive against the CHECKSUM uploaded with it, inferring the series', async () => {
    const { core, tempDir } = coreWithTempDir();
    const { jobId } = await core.services.importFiles(visionUpload(120), undefined, { market: 'spot' });
    const finished = await core.services.waitForJob(jobId);
    expect(finished).toMatchObject({ ok: true, result: { candles: 120, files: [{ file: `${VISION}.zip`, key: SPOT_1M, format: 'binance', candles: 120, checksumVerified: true }] } });
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('refuses an archive whose uploaded CHECKSUM does not match, naming the upload, not the staging folder', async () => {
    const { core, tempDir } = coreWithTempDir();
    const { jobId } = await core.services.importFiles(visionUpload(10, Buffer.from('other bytes')), undefined, { market: 'spot' });
    const finished = await core.services.waitForJob(jobId);
    expect(finished).toMatchObject({ ok: false, error: { code: 'data', message: expect.stringMatching(new RegExp(`^${VISION}\\.zip: SHA-256 checksum mismatch`)), details: { file: `${VISION}.zip` } } });
    expect(JSON.stringify(finished)).not.toContain(tempDir);
    expect(readdirSync(tempDir)).toEqual([]);
    expect(await core.services.inventory()).toEqual([]);
  });

  it('refuses bad uploads before any job starts', async () => {
    const { core } = coreWithTempDir();
    const bytes = Buffer.from('x');
    const refused = (files: unknown, into: { target?: SeriesKey; market?: 'spot' } = { target: DAILY }) =>
      expect(core.services.importFiles(files as never, into.target, { market: into.market })).rejects.toMatchObject({ code: 'invalid-input' });
    await refused([{ name: '../escape.csv', bytes }]);
    await refused([{ name: 'sub/dir.csv', bytes }]);
    await refused([{ name: 'a.csv', bytes: Buffer.alloc(0) }]);
    await refused([{ name: 'a.csv', bytes }, { name: 'A.CSV', bytes }]);
    await refused([{ name: `${VISION}.zip.CHECKSUM`, bytes }], { market: 'spot' });
    await refused([fixtureUpload('BTCUSD-1d.csv'), { name: 'BTCUSD-1d.csv.CHECKSUM', bytes }]);
    // With no target, the market must be named: an upload has no spot/ or futures/um/ folder.
    await refused(visionUpload(10), {});
    expect(await core.services.jobs()).toEqual([]);
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
