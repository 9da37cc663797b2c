import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBst } from '../support/cli.ts';
import { fixturePath } from '../support/fixtures.ts';

const run = runBst;

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'bst-backtest-'));
}

const GOOG = fixturePath('GOOG-1d.csv');
const referenceArgs = ['backtest', '--data', GOOG, '--strategy', 'sma-cross', '--fee', '0.002', '--qty-step', '1'];

describe('bst backtest', () => {
  it('prints a report and writes every result file, matching backtesting.py', async () => {
    const out = tempDir();
    const result = await run(...referenceArgs, '--out', out);
    expect(result.code).toBe(0);
    expect(result.out).toContain('capital 10,000.00 -> final equity 56,263.52');
    expect(result.out).toContain('Open at the end (not in the trade statistics): long 69');
    const metrics = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8'));
    const stats = JSON.parse(readFileSync(fixturePath('backtesting-py/GOOG-1d/smacross_base/stats.json'), 'utf8'));
    expect(metrics.all.totalReturnPct).toBeCloseTo(stats['Return [%]'], 9);
    expect(metrics.all.finalEquity).toBeCloseTo(stats['Equity Final [$]'], 6);
    expect(metrics.all.trades).toBe(stats['# Trades']);
    expect(metrics.all.winRatePct).toBeCloseTo(stats['Win Rate [%]'], 9);
    expect(metrics.all.maxDrawdownPct).toBeCloseTo(-stats['Max. Drawdown [%]'], 9);
    expect(metrics.all.exposurePct).toBeCloseTo(stats['Exposure Time [%]'], 9);
    expect(metrics.all.buyHoldReturnPct).toBeCloseTo(stats['Buy & Hold Return [%]'], 9);
    expect(Object.keys(metrics)).toEqual(['all', 'long', 'short']);
    const trades = readFileSync(path.join(out, 'trades.csv'), 'utf8').trimEnd().split('\n');
    expect(trades[0]).toBe(
      'side,qty,entry_bar,entry_time,entry_price,exit_bar,exit_time,exit_price,fees,entry_fee,exit_fee,funding,pnl,return_pct,r_multiple,mae_pct,mfe_pct,bars_held,exit_reason',
    );
    expect(trades).toHaveLength(94);
    expect(trades[1].startsWith('short,59,63,2004-11-17T00:00:00.000Z,169.02,75,2004-12-06T00:00:00.000Z,179.13,')).toBe(true);
    const equity = readFileSync(path.join(out, 'equity.csv'), 'utf8').trimEnd().split('\n');
    expect(equity[0]).toBe('bar,time,equity');
    expect(equity).toHaveLength(2149);
    expect(readFileSync(path.join(out, 'open-trades.csv'), 'utf8').split('\n')[1]).toMatch(/^long,69,2087,/);
    expect(readFileSync(path.join(out, 'rejected-orders.csv'), 'utf8')).toBe('bar,time,side,qty,price,reason\n');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ engineVersion: '0.1.0', strategyName: 'sma-cross', bars: 2148, dataSource: 'GOOG-1d.csv', seed: 0 });
    expect(manifest.parameters).toEqual({ fast: 10, slow: 20, direction: 'both', stopLossPct: 0, takeProfitPct: 0 });
    expect(manifest.specHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.out).toContain(`wrote trades.csv, equity.csv, metrics.json, open-trades.csv, rejected-orders.csv, manifest.json, report.html to ${out}`);
    const report = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(report).toContain('<title>sma-cross on GOOG-1d.csv</title>');
    expect(report).toContain('<table class="trades" data-trades="93">');
    expect(report).toContain(`<tr><td>Spec hash</td><td>${manifest.specHash}</td></tr>`);
    expect(report).toMatch(/<svg class="plot equity"[^>]*data-points="\d+"/);
  });

  it('gives byte-identical files for the same inputs, and a new spec hash for new parameters', async () => {
    const [first, second, third] = [tempDir(), tempDir(), tempDir()];
    await run(...referenceArgs, '--out', first);
    await run(...referenceArgs, '--out', second);
    await run(...referenceArgs, '--param', 'fast=12', '--out', third);
    for (const file of ['trades.csv', 'equity.csv', 'metrics.json', 'manifest.json']) {
      expect(readFileSync(path.join(second, file), 'utf8'), file).toBe(readFileSync(path.join(first, file), 'utf8'));
    }
    const hash = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).specHash;
    expect(hash(third)).not.toBe(hash(first));
  });

  it('reports rejected orders with their reason', async () => {
    const out = tempDir();
    expect((await run(...referenceArgs, '--min-notional', '1000000', '--out', out)).code).toBe(0);
    const rejected = readFileSync(path.join(out, 'rejected-orders.csv'), 'utf8').trimEnd().split('\n');
    expect(rejected.length).toBeGreaterThan(1);
    expect(rejected[1]).toMatch(/^63,2004-11-17T00:00:00.000Z,short,59,169.02,"notional 9972.18 is below the minimum 1000000"$/);
  });

  it('fails with one clear message on bad input', async () => {
    expect(await run('backtest', '--data', GOOG, '--strategy', 'smacross')).toEqual({
      code: 1,
      out: '',
      err: expect.stringMatching(/^bst: no template or file named "smacross"; templates: bollinger-reversion, confluence, /),
    });
    expect((await run('backtest', '--data', GOOG, '--strategy', 'sma-cross', '--param', 'fast=1')).err).toBe(
      'bst: parameters[0]: fast=1 is outside its declared range 2..500\n',
    );
    expect(await run('backtest', '--data', GOOG, '--strategy', 'sma-cross', '--capital', '0')).toEqual({
      code: 2,
      out: '',
      err: 'bst: --capital 0: must be greater than 0\n',
    });
    expect((await run('backtest', '--data', GOOG, '--strategy', 'sma-cross', '--fill', 'later')).err).toBe(
      'bst: --fill later: expected one of next-open, close\n',
    );
    expect((await run('backtest', '--data', GOOG, '--strategy', 'sma-cross', '--sizing', 'risk:1')).err).toBe(
      'bst: risk sizing needs a stop-loss, and this strategy has none (or it is set to 0)\n',
    );
    const dir = tempDir();
    const badSpec = path.join(dir, 'spec.json');
    writeFileSync(badSpec, JSON.stringify({ name: 'x', direction: 'long', entry: {} }));
    expect((await run('backtest', '--data', GOOG, '--strategy', badSpec)).err).toBe('bst: entry.long: the strategy can trade long but has no long entry rule\n');
    const badCsv = path.join(dir, 'bad.csv');
    writeFileSync(badCsv, ',Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-01,1,2,0.5,1.5,10\n');
    const csvFailure = await run('backtest', '--data', badCsv, '--strategy', 'sma-cross');
    expect(csvFailure.code).toBe(1);
    expect(csvFailure.err).toMatch(/^bst: bad\.csv line 3: time 2024-01-01T00:00:00\.000Z repeats the previous row's time/);
    expect(csvFailure.err.split('\n')).toHaveLength(2);
  });
});
