/**
 * `bst optimise` and `bst montecarlo` end to end: the files they write and their exact header
 * lines, a walk-forward's windows and stitched out-of-sample equity, and Monte Carlo percentiles
 * that a seed reproduces.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCandlesCsv } from '../../src-main/host/csv/write-candle-csv.ts';
import { runBst } from '../support/cli.ts';
import { syntheticCandles } from '../support/synthetic-candles.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'bst-cli-optimise-'));
const data = path.join(dir, 'candles.csv');
writeFileSync(data, formatCandlesCsv(syntheticCandles({ bars: 3_000, seed: 5, intervalMs: 3_600_000 })));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('bst optimise', () => {
  it('writes one row per trial and the best with two objectives', async () => {
    const out = path.join(dir, 'grid');
    const run = await runBst('optimise', '--data', data, '--strategy', 'sma-cross', '--param', 'fast=5:15:5', '--param', 'slow=30,60', '--objective', 'sharpe', '--objective', 'maxDrawdownPct:min', '--workers', '2', '--out', out);
    expect(run.err).toContain('6/6 trials');
    expect(run.code).toBe(0);
    const results = lines(path.join(out, 'results.csv'));
    expect(results[0]).toBe('trial,fast,slow,score_sharpe,score_maxDrawdownPct,filtered_by,trades,netProfit,totalReturnPct,maxDrawdownPct,sharpe,sortino,profitFactor,winRatePct');
    expect(results.slice(1).map((row) => row.split(',').slice(0, 3).join(','))).toEqual(['0,5,30', '1,5,60', '2,10,30', '3,10,60', '4,15,30', '5,15,60']);
    const best = JSON.parse(readFileSync(path.join(out, 'best.json'), 'utf8')) as { best: { params: Record<string, number> }; paretoFront: number[] };
    expect(Object.keys(best.best.params)).toEqual(['fast', 'slow', 'direction', 'stopLossPct', 'takeProfitPct']);
    expect(best.paretoFront.length).toBeGreaterThan(0);
  });

  it('walks forward: windows, their winners and the stitched out-of-sample equity', async () => {
    const out = path.join(dir, 'walk');
    const run = await runBst('optimise', '--data', data, '--strategy', 'sma-cross', '--param', 'fast=5,10', '--param', 'slow=30,60', '--walk-forward', 'is=1000b,oos=500b', '--workers', '2', '--out', out);
    expect(run.code).toBe(0);
    expect(lines(path.join(out, 'results.csv'))[0]).toBe('window,trial,fast,slow,score_sharpe,filtered_by,trades,netProfit,totalReturnPct,maxDrawdownPct,sharpe,sortino,profitFactor,winRatePct');
    const windows = lines(path.join(out, 'windows.csv'));
    expect(windows[0]).toBe('window,in_sample_from,in_sample_to,out_of_sample_from,out_of_sample_to,fast,slow,in_sample_score,out_of_sample_score');
    // 3,000 bars: windows start every 500 bars while 1,500 fit.
    expect(windows.length - 1).toBe(4);
    const equity = lines(path.join(out, 'oos-equity.csv'));
    expect(equity[0]).toBe('time,equity');
    expect(equity.length - 1).toBe(4 * 500);
    expect(equity[1].split(',')[0]).toBe(windows[1].split(',')[3]);
  });

  it('refuses an unknown parameter with the declared ones', async () => {
    const run = await runBst('optimise', '--data', data, '--strategy', 'sma-cross', '--param', 'fats=5:10:1', '--out', path.join(dir, 'bad'));
    expect(run.code).toBe(2);
    expect(run.err).toContain('unknown parameter "fats"');
  });
});

describe('bst montecarlo', () => {
  it('prints percentiles a seed reproduces, and writes the bands', async () => {
    const backtest = path.join(dir, 'backtest');
    expect((await runBst('backtest', '--data', data, '--strategy', 'sma-cross', '--out', backtest)).code).toBe(0);
    const trades = path.join(backtest, 'trades.csv');
    const out = path.join(dir, 'mc');
    const first = await runBst('montecarlo', '--trades', trades, '--method', 'skip', '--skip', '10', '--simulations', '500', '--seed', '7', '--out', out);
    const second = await runBst('montecarlo', '--trades', trades, '--method', 'skip', '--skip', '10', '--simulations', '500', '--seed', '7');
    expect(first.code).toBe(0);
    const printed = first.out.split('\n');
    expect(printed[1]).toBe('percentile,final_equity,max_drawdown_pct');
    expect(printed.slice(2, 7).map((row) => row.split(',')[0])).toEqual(['5', '25', '50', '75', '95']);
    expect(second.out).toBe(printed.slice(0, 8).join('\n') + '\n');
    expect(existsSync(path.join(out, 'montecarlo-bands.csv'))).toBe(true);
    expect(lines(path.join(out, 'montecarlo-bands.csv'))[0]).toBe('trade,p5,p25,p50,p75,p95');
  });
});
