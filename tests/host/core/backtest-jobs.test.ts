/**
 * Backtest jobs through the core services: on cached data (resampled, with the cached instrument
 * rules and funding) they equal runStrategyBacktest called directly and `bst backtest` on the
 * same cache; on a CSV they reproduce backtesting.py; bad requests fail at once with their code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestSettings, FundingSeries, InstrumentRules } from '../../../src-engine/backtest/types.ts';
import { type BacktestRun, loadStrategyDocument, runStrategyBacktest } from '../../../src-main/host/backtest/run-backtest.ts';
import { loadCachedMarketData } from '../../../src-main/host/core/cached-market-data.ts';
import type { BacktestJobRequest, CoreServices } from '../../../src-main/host/core/index.ts';
import { CandleStore } from '../../../src-main/host/store/candle-store.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { type ExchangeSimulator, startExchangeSimulator } from '../../exchange-sim/index.ts';
import { testSettings } from '../../support/backtest-settings.ts';
import { runBst } from '../../support/cli.ts';
import { fixturePath, loadFixtureCandles } from '../../support/fixtures.ts';
import { closeCores, startCore } from './core-support.ts';

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 0, 3);
const ONE_MINUTE: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };
const FIFTEEN: SeriesKey = { ...ONE_MINUTE, interval: '15m' };
const PARAMS = { fast: 4, slow: 12 };

let simulator: ExchangeSimulator;
const folders: string[] = [];

beforeAll(async () => {
  simulator = await startExchangeSimulator({ seed: 5, rateLimits: 'off' });
});
afterAll(async () => {
  await simulator.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
afterEach(closeCores);

/** Core services whose cache holds two days of one-minute candles and their funding. */
async function cachedCore(): Promise<{ services: CoreServices; dataDir: string }> {
  const core = startCore(simulator);
  const { jobId } = await core.services.startDownload(ONE_MINUTE, FROM, TO);
  expect(await core.services.waitForJob(jobId)).toMatchObject({ ok: true });
  return core;
}

/** sma-cross on FIFTEEN straight through runStrategyBacktest, with settings built from the cached rules and funding. */
function runDirectly(dataDir: string, settingsOf: (rules: InstrumentRules, funding: FundingSeries | undefined) => BacktestSettings): BacktestRun {
  const store = CandleStore.open(dataDir);
  try {
    const { candles, source, defaults } = loadCachedMarketData(store, FIFTEEN);
    const rules = store.findInstrument('bybit', 'linear', 'BTCUSDT');
    if (rules === null) throw new Error('the download cached no instrument rules');
    expect(defaults.funding?.time.length).toBeGreaterThan(0);
    return runStrategyBacktest({ strategy: loadStrategyDocument('sma-cross'), params: PARAMS, candles, settings: settingsOf(rules, defaults.funding), dataSource: source });
  } finally {
    store.close();
  }
}

async function finishedBacktest(services: CoreServices, request: BacktestJobRequest) {
  const { jobId } = await services.startBacktest(request);
  const finished = await services.waitForJob(jobId);
  if (!finished.ok || finished.result.kind !== 'backtest') throw new Error(`backtest failed: ${JSON.stringify(finished)}`);
  return { jobId, summary: finished.result };
}

describe('backtest jobs on cached data', () => {
  it('equal runStrategyBacktest on the same cache, settings, instrument rules and funding', async () => {
    const { services, dataDir } = await cachedCore();
    const overrides = { initialCapital: 5_000, takerFee: 0.001, makerFee: 0.0004, slippageBps: 3, atEnd: 'close-at-close', instrument: { minNotional: 20 } } as const;
    const { summary } = await finishedBacktest(services, { strategy: 'sma-cross', params: PARAMS, data: { key: FIFTEEN }, settings: overrides });

    const direct = runDirectly(dataDir, (rules, funding) =>
      testSettings({
        ...overrides,
        instrument: { tickSize: rules.tickSize, qtyStep: rules.qtyStep, minQty: rules.minQty, minNotional: 20 },
        funding,
      }),
    );
    expect(summary.metrics).toEqual(direct.metrics);
    expect(summary.manifest).toEqual(direct.manifest);
    expect(summary.manifest).toMatchObject({ dataSource: 'bybit linear BTCUSDT 15m', bars: 192 });
    expect([summary.trades, summary.openTrades, summary.warnings]).toEqual([direct.result.trades.length, direct.result.openTrades.length, direct.result.warnings]);
    expect(summary.trades).toBeGreaterThan(0);

    expect((await services.getRun(summary.runId)).trades).toEqual(direct.result.trades);
    const chart = await services.runChart(summary.runId);
    expect(Array.from(chart.equity)).toEqual(Array.from(direct.result.equity));
    expect(chart.candles.time.length).toBe(192);
  });

  // The core's one departure from the CLI's defaults: fees come from the settings (Bybit linear base tier).
  it('use the defaults of bst backtest with the default fees of the settings: same metrics as the CLI on the same cache', async () => {
    const { services, dataDir } = await cachedCore();
    const { summary } = await finishedBacktest(services, { strategy: 'sma-cross', params: PARAMS, data: { key: FIFTEEN } });
    const out = mkdtempSync(path.join(tmpdir(), 'bst-core-cli-'));
    folders.push(out);
    const cli = await runBst('backtest', '--exchange', 'bybit', '--market', 'linear', '--symbol', 'BTCUSDT', '--interval', '15m', '--data', dataDir, '--strategy', 'sma-cross', '--param', 'fast=4', '--param', 'slow=12', '--fee', '0.00055', '--maker-fee', '0.0002', '--out', out);
    expect(cli.code).toBe(0);
    expect(summary.metrics).toEqual(JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8')));
    expect(summary.manifest).toEqual(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
  });

  it('fail with not-found when the cache cannot make the bars', async () => {
    const core = startCore(simulator);
    const { jobId } = await core.services.startBacktest({ strategy: 'sma-cross', data: { key: FIFTEEN } });
    expect(await core.services.waitForJob(jobId)).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: /^the cache has no bybit linear BTCUSDT 15m candles in that range/ },
    });
  });
});

describe('backtest jobs on a CSV file', () => {
  it('reproduce backtesting.py on GOOG-1d with sma-cross, and report progress', async () => {
    const core = startCore(null);
    const { jobId, summary } = await finishedBacktest(core.services, {
      strategy: 'sma-cross',
      data: { csvPath: fixturePath('GOOG-1d.csv') },
      settings: { takerFee: 0.002, instrument: { qtyStep: 1 } },
    });
    const stats = JSON.parse(readFileSync(fixturePath('backtesting-py/GOOG-1d/smacross_base/stats.json'), 'utf8'));
    expect(summary.metrics.all.finalEquity).toBeCloseTo(stats['Equity Final [$]'], 6);
    expect(summary.trades).toBe(stats['# Trades']);
    expect(Object.keys(summary.metrics)).toEqual(['all', 'long', 'short']);
    expect(summary.manifest).toMatchObject({ strategyName: 'sma-cross', dataSource: 'GOOG-1d.csv', bars: 2148 });
    expect(core.progressOf(jobId).length).toBeGreaterThan(0);
    const chart = await core.services.runChart(summary.runId);
    expect(Array.from(chart.candles.time)).toEqual(Array.from(loadFixtureCandles('GOOG-1d.csv').time));
    expect(summary.openTrades).toBe(1);
  });
});

describe('backtest requests that cannot run', () => {
  it('fail at once: strategy errors name the path, unknown templates are not-found, bad settings invalid-input', async () => {
    const { services } = startCore(null);
    const data = { csvPath: fixturePath('GOOG-1d.csv') };
    const spec = loadStrategyDocument('sma-cross') as { indicators: Array<Record<string, unknown>> };
    const broken = { ...spec, indicators: [{ ...spec.indicators[0], kind: 'smaa' }, spec.indicators[1]] };
    await expect(services.startBacktest({ strategy: broken, data })).rejects.toMatchObject({
      code: 'strategy',
      message: expect.stringContaining('indicators[0].kind: unknown indicator kind "smaa"'),
    });
    await expect(services.startBacktest({ strategy: 'sma-cross', params: { fast: 1 }, data })).rejects.toMatchObject({ code: 'strategy' });
    await expect(services.startBacktest({ strategy: 'no-such-template', data })).rejects.toMatchObject({ code: 'not-found', message: /^no template or file named "no-such-template"/ });
    await expect(services.startBacktest({ strategy: 'sma-cross', data, settings: { takerFee: 0.5 } })).rejects.toMatchObject({ code: 'invalid-input', message: /^settings\.takerFee: / });
    await expect(services.startBacktest({ strategy: 'sma-cross', data, settings: { takerfee: 0.001 } as never })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(services.startBacktest({ strategy: 'sma-cross', data: { csvPath: '/no/such.csv' } })).rejects.toMatchObject({ code: 'not-found' });
    expect(await services.jobs()).toEqual([]);
  });

  it('fail as a job with code data when the CSV is malformed', async () => {
    const { services } = startCore(null);
    const folder = mkdtempSync(path.join(tmpdir(), 'bst-core-csv-'));
    folders.push(folder);
    const file = path.join(folder, 'bad.csv');
    writeFileSync(file, 'time,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,oops,0.5,1.5,10\n');
    const { jobId } = await services.startBacktest({ strategy: 'sma-cross', data: { csvPath: file } });
    expect(await services.waitForJob(jobId)).toMatchObject({ ok: false, error: { code: 'data', message: /^bad\.csv line 3: /, details: { file: 'bad.csv', line: 3 } } });
  });
});
