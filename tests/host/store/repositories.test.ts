/**
 * The repositories that share the candle cache's connection: settings, saved strategies and
 * runs with their trades round-trip exactly (NaN fields too), deleting a run takes its trades,
 * and migration 3 adds their tables once, to new and old databases alike.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BacktestMetrics, SideMetrics } from '../../../src-engine/backtest/metrics.ts';
import type { Trade } from '../../../src-engine/backtest/types.ts';
import type { RunManifest } from '../../../src-main/host/backtest/manifest.ts';
import { RunRepository } from '../../../src-main/host/repositories/run-repository.ts';
import { SettingsRepository } from '../../../src-main/host/repositories/settings-repository.ts';
import { StrategyRepository } from '../../../src-main/host/repositories/strategy-repository.ts';
import { DATABASE_FILE } from '../../../src-main/host/store/candle-store.ts';
import { MIGRATIONS, configureConnection, migrate } from '../../../src-main/host/store/schema.ts';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract/schemas/settings.ts';
import type { StrategySpec } from '../../../src-shared/strategy/spec.ts';
import { BTC_1M, T0, TempDirs, minuteBars, range } from './store-fixtures.ts';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const SPEC: StrategySpec = {
  name: 'sma-cross',
  direction: 'long',
  indicators: [{ id: 'fast', kind: 'sma', params: { period: 10 } }],
  entry: { long: { left: { price: 'close' }, op: 'crossesAbove', right: { indicator: 'fast' } } },
};

const TRADE: Trade = {
  side: 'long',
  qty: 0.125,
  entryBar: 10,
  entryTime: T0 + 600_000,
  entryPrice: 42_000.5,
  exitBar: 20,
  exitTime: T0 + 1_200_000,
  exitPrice: 43_100.25,
  entryFee: 2.887,
  exitFee: 2.963,
  funding: -0.01,
  pnl: 131.6,
  returnPct: 2.5,
  rMultiple: Number.NaN,
  maePct: -0.3,
  mfePct: 3.1,
  barsHeld: 10,
  exitReason: 'signal',
  initialStop: Number.NaN,
  initialTarget: Number.NaN,
};

const SIDE = { netProfit: 131.6, totalFees: 5.85, trades: 1, sharpe: null, winRatePct: 100 } as unknown as SideMetrics;
const METRICS: BacktestMetrics = { all: SIDE, long: SIDE, short: { ...SIDE, netProfit: 0, trades: 0 } };
const MANIFEST = {
  engineVersion: '0.1.0',
  strategyName: 'sma-cross',
  specHash: 'abc',
  parameters: { fast: 10 },
  dataHash: 'def',
  bars: 30,
  firstBarTime: '2024-01-01T00:00:00.000Z',
  lastBarTime: '2024-01-01T00:29:00.000Z',
  dataSource: 'bybit linear BTCUSDT 1m',
  settings: { initialCapital: 10_000, takerFee: 0.00055 },
  seed: 0,
} as unknown as RunManifest;

describe('repositories', () => {
  it('settings: defaults when empty, round trip, and a section that no longer parses falls back to its default', () => {
    const store = temp.store();
    const settings = new SettingsRepository(store.connection);
    expect(settings.read()).toEqual(DEFAULT_SETTINGS);
    const changed = { ...DEFAULT_SETTINGS, theme: 'light' as const, exchangeEndpoints: { bybitRest: 'http://127.0.0.1:1234' } };
    settings.write(changed);
    expect(new SettingsRepository(store.connection).read()).toEqual(changed);
    store.connection.prepare("UPDATE settings SET value = '\"purple\"' WHERE key = 'theme'").run();
    expect(settings.read()).toEqual({ ...changed, theme: 'dark' });
  });

  it('strategies: insert, list by name, update, get, delete', () => {
    const store = temp.store();
    const strategies = new StrategyRepository(store.connection);
    const first = strategies.insert(SPEC, 1000);
    const second = strategies.insert({ ...SPEC, name: 'Alpha' }, 2000);
    expect(strategies.list().map((s) => s.name)).toEqual(['Alpha', 'sma-cross']);
    expect(strategies.update(first.id, { ...SPEC, name: 'zeta' }, 3000)).toEqual({ id: first.id, name: 'zeta', createdAt: 1000, updatedAt: 3000 });
    expect(strategies.get(first.id)).toEqual({ id: first.id, name: 'zeta', createdAt: 1000, updatedAt: 3000, spec: { ...SPEC, name: 'zeta' } });
    expect(strategies.update('missing', SPEC, 4000)).toBeNull();
    expect(strategies.delete(second.id)).toBe(true);
    expect(strategies.delete(second.id)).toBe(false);
    expect(strategies.get(second.id)).toBeNull();
  });

  it('runs: trades round-trip bit for bit (NaN too), newest first, delete cascades to the trades', () => {
    const store = temp.store();
    const runs = new RunRepository(store.connection);
    const trades = [TRADE, { ...TRADE, side: 'short' as const, rMultiple: -1.25, initialStop: 43_000, initialTarget: 40_000, exitReason: 'stop_loss' as const }];
    const replay = { strategy: { name: 'sma-cross' }, params: { fast: 10 }, data: { csvPath: 'a.csv' }, settings: MANIFEST.settings };
    const older = runs.insert({ manifest: MANIFEST, metrics: METRICS, trades, warnings: ['1 order refused'], replay, createdAt: 1000 });
    const newer = runs.insert({ manifest: MANIFEST, metrics: METRICS, trades: [], warnings: [], replay, createdAt: 2000 });
    expect(runs.replay(older)).toEqual(replay);
    expect(runs.replay('missing')).toBeUndefined();
    expect(runs.list().map((r) => r.id)).toEqual([newer, older]);
    expect(runs.get(older)).toEqual({ id: older, strategyName: 'sma-cross', parameters: { fast: 10 }, dataSource: 'bybit linear BTCUSDT 1m', createdAt: 1000, metrics: METRICS, manifest: MANIFEST, trades, warnings: ['1 order refused'] });
    expect(runs.delete(older)).toBe(true);
    expect(runs.get(older)).toBeNull();
    expect(store.connection.prepare('SELECT count(*) FROM run_trades').pluck().get()).toBe(0);
    expect(runs.delete(older)).toBe(false);
  });
});

describe('migration 3: settings, strategies, runs', () => {
  it('upgrades a version-2 cache once, keeping its series', () => {
    const dir = temp.dir();
    const file = path.join(dir, DATABASE_FILE);
    const old = new Database(file);
    configureConnection(old);
    migrate(old, MIGRATIONS.slice(0, 2));
    old.prepare('INSERT INTO series (exchange, market, symbol, interval) VALUES (?, ?, ?, ?)').run(BTC_1M.exchange, BTC_1M.market, BTC_1M.symbol, BTC_1M.interval);
    old.close();
    const store = temp.store(undefined, dir);
    expect(store.coverage(BTC_1M)).toEqual([]);
    store.writeCandles(BTC_1M, minuteBars([0, 1, 2]), range(0, 3));
    store.close();

    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('settings', 'strategies', 'runs', 'run_trades') ORDER BY name").pluck().all();
    expect(tables).toEqual(['run_trades', 'runs', 'settings', 'strategies']);
    expect(migrate(raw)).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM series').pluck().get()).toBe(1);
    raw.close();
  });
});
