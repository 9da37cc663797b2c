import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBst } from '../support/cli.ts';
import { fixturePath, loadTalibReference } from '../support/fixtures.ts';

const ROOT = path.join(path.dirname(fixturePath('x')), '..', '..');

const run = runBst;

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'bst-cli-'));
}

describe('bst indicators', () => {
  it('writes the time column and one column per output, empty during warm-up', async () => {
    const out = path.join(tempDir(), 'ind.csv');
    const result = await run('indicators', '--data', fixturePath('GOOG-1d.csv'), '--ind', 'sma:20', '--ind', 'macd:12,26,9', '--ind', 'bb', '--out', out);
    expect(result.code).toBe(0);
    expect(result.out).toBe(`wrote 2148 rows x 3 indicator(s) to ${out}\n`);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'time,sma:20,macd:12,26,9.macd,macd:12,26,9.signal,macd:12,26,9.histogram,bb:20,2.upper,bb:20,2.middle,bb:20,2.lower,bb:20,2.percentB,bb:20,2.bandwidth',
    );
    expect(lines).toHaveLength(2149);
    expect(lines[1]).toBe('2004-08-19T00:00:00.000Z,,,,,,,,,');
    const talibSma = loadTalibReference().get('TA_SMA20') as Float64Array;
    const row20 = lines[20].split(',');
    expect(row20[0]).toBe('2004-09-16T00:00:00.000Z');
    expect(Number(row20[1])).toBeCloseTo(talibSma[19], 9);
    expect(lines[19].split(',')[1]).toBe('');
  });

  it('accepts a source suffix and labels the column with it', async () => {
    const result = await run('indicators', '--data', fixturePath('GOOG-1d.csv'), '--ind', 'ema:3@hl2');
    expect(result.code).toBe(0);
    const [header, first, second, third] = result.out.split('\n');
    expect(header).toBe('time,ema:3@hl2');
    expect(first).toBe('2004-08-19T00:00:00.000Z,');
    expect(second).toBe('2004-08-20T00:00:00.000Z,');
    // hl2 of the first three GOOG bars: (104.06 + 95.96) / 2, (109.08 + 100.5) / 2, (113.48 + 109.05) / 2
    expect(Number(third.split(',')[1])).toBeCloseTo((100.01 + 104.79 + 111.265) / 3, 10);
  });

  it('rejects bad indicator requests with a usage error', async () => {
    expect(await run('indicators', '--data', fixturePath('GOOG-1d.csv'), '--ind', 'smaa:3')).toMatchObject({ code: 2 });
    const outOfRange = await run('indicators', '--data', fixturePath('GOOG-1d.csv'), '--ind', 'sma:0');
    expect(outOfRange).toEqual({ code: 2, out: '', err: 'bst: --ind sma:0: period 0 is outside 1..100000\n' });
    expect((await run('indicators', '--ind', 'sma:3')).err).toBe('bst: bst indicators needs --data <candles.csv>\n');
  });

  it('fails on a malformed CSV with file, line and reason', async () => {
    const file = path.join(tempDir(), 'bad.csv');
    writeFileSync(file, ',Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,abc,0.5,1.5,10\n');
    const result = await run('indicators', '--data', file, '--ind', 'sma:2');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^bst: bad\.csv line 3: column High: "abc" is not a number/);
  });
});

describe('bst validate and templates', () => {
  it('validates a template file', async () => {
    const result = await run('validate', path.join(ROOT, 'templates', 'sma-cross.json'), '--param', 'fast=12');
    expect(result.code).toBe(0);
    expect(result.out).toContain('valid strategy "sma-cross"');
    expect(result.out).toContain('parameters: fast=12, slow=20, direction=both, stopLossPct=0, takeProfitPct=0');
  });

  it('lists every problem of an invalid spec and exits 1', async () => {
    const file = path.join(tempDir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'bad', direction: 'long', indicators: [{ id: 'x', kind: 'nope' }], entry: { long: { left: 1, op: '>>', right: 2 } } }));
    const result = await run('validate', file);
    expect(result.code).toBe(1);
    expect(result.out).toBe(`${file}: invalid strategy (1 problem)\n  - entry.long.op: op must be one of >, <, >=, <=, ==, !=, crossesAbove, crossesBelow\n`);
  });

  it('converts and checks an older flat-format file', async () => {
    const file = path.join(tempDir(), 'old.json');
    writeFileSync(file, JSON.stringify({ entry_conditions: { long: [{ indicator: 'RSI_14', operator: '<', value: 30 }] } }));
    const result = await run('validate', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain('older flat format');
    const converted = await run('import-strategy', file);
    expect(JSON.parse(converted.out).indicators).toEqual([{ id: 'rsi_14', kind: 'rsi', params: { period: 14 } }]);
  });

  it('lists the templates with their parameters', async () => {
    const result = await run('templates', '--json');
    const templates = JSON.parse(result.out) as Array<{ name: string; parameters: Array<{ name: string }> }>;
    expect(templates.map((t) => t.name)).toContain('confluence');
    expect(templates.find((t) => t.name === 'sma-cross')?.parameters.map((p) => p.name)).toEqual([
      'fast',
      'slow',
      'direction',
      'stopLossPct',
      'takeProfitPct',
    ]);
    expect((await run('templates')).out).toContain('--param fast=10  (2..500 step 1)  fast SMA length');
  });

  it('rejects an unknown command', async () => {
    expect(await run('frobnicate')).toEqual({ code: 2, out: '', err: 'bst: unknown command "frobnicate"; run "bst help" for the list\n' });
  });
});

describe('the bst executable', () => {
  it('runs through bin/bst.js and sets the exit code', async () => {
    const output = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'bst.js'), 'help'], { encoding: 'utf8' });
    expect(output).toContain('Usage: bst <command>');
    let status = 0;
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'bin', 'bst.js'), 'validate'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
