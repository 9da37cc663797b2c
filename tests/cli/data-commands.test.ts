import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExchangeSimulator, startExchangeSimulator } from '../exchange-sim/index.ts';
import { runBst } from '../support/cli.ts';

let simulator: ExchangeSimulator;
const folders: string[] = [];

beforeAll(async () => {
  simulator = await startExchangeSimulator({ seed: 5, rateLimits: 'off' });
});
afterAll(async () => {
  await simulator.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bst-data-cli-'));
  folders.push(dir);
  return dir;
}

const series = ['--exchange', 'bybit', '--market', 'linear', '--symbol', 'BTCUSDT'];

describe('cache commands', () => {
  it('download, inventory, export, import, resample and backtest from the cache', async () => {
    const data = folder();
    const download = await runBst('download', ...series, '--interval', '1m', '--from', '2024-01-01', '--to', '2024-01-03', '--data', data, '--base-url', simulator.endpoints.bybitRest);
    expect(download.code).toBe(0);
    expect(download.out).toMatch(/^bybit linear BTCUSDT 1m: 2,880 candles downloaded in 3 pages \(3 requests, 0 retries, [\d.]+ s\); 0 were cached already; \d+ funding settlements\n/);
    expect(download.err).toMatch(/\[#{24}\] 100% 2,880\/2,880 candles, 3 requests, 0 retries\n$/);

    const inventory = JSON.parse((await runBst('inventory', '--json', '--data', data)).out);
    expect(inventory).toEqual([
      {
        exchange: 'bybit',
        market: 'linear',
        symbol: 'BTCUSDT',
        interval: '1m',
        first: '2024-01-01T00:00:00.000Z',
        last: '2024-01-02T23:59:00.000Z',
        count: 2880,
        expected: 2880,
        gaps: [],
        uncovered: [],
        sizeBytes: expect.any(Number),
      },
    ]);
    expect((await runBst('inventory', '--data', data)).out).toMatch(/^series\s+first\s+last\s+candles\s+expected\s+gaps\s+not downloaded\s+size\nbybit linear BTCUSDT 1m\s+2024-01-01T00:00\s+2024-01-02T23:59\s+2,880\s+2,880\s+0\s+0\s+/);

    const csv = path.join(data, 'export.csv');
    expect((await runBst('export', ...series, '--interval', '1m', '--from', '2024-01-01T12:00', '--to', '2024-01-02', '--out', csv, '--data', data)).out).toBe(
      `wrote 720 candles of bybit linear BTCUSDT 1m to ${csv}\n`,
    );
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('time,open,high,low,close,volume');
    expect(lines[1].startsWith('2024-01-01T12:00:00.000Z,')).toBe(true);
    expect(lines).toHaveLength(721);

    const other = folder();
    const imported = await runBst('import', csv, ...series, '--interval', '1m', '--data', other);
    expect(imported.out).toContain('imported 720 candles from 1 file(s)');
    const roundTrip = path.join(other, 'again.csv');
    await runBst('export', ...series, '--interval', '1m', '--out', roundTrip, '--data', other);
    expect(readFileSync(roundTrip, 'utf8')).toBe(readFileSync(csv, 'utf8'));

    const hourly = path.join(data, 'hourly.csv');
    expect((await runBst('resample', ...series, '--interval', '1h', '--out', hourly, '--data', data)).out).toBe(
      `wrote 48 1h candles of bybit linear BTCUSDT to ${hourly}\n`,
    );
    const firstHour = readFileSync(hourly, 'utf8').split('\n')[1].split(',');
    const minuteCsv = path.join(data, 'first-hour.csv');
    await runBst('export', ...series, '--interval', '1m', '--from', '2024-01-01', '--to', '2024-01-01T01:00', '--out', minuteCsv, '--data', data);
    const minutes = readFileSync(minuteCsv, 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',').map(Number));
    expect(minutes).toHaveLength(60);
    const volume = minutes.reduce((sum, row) => sum + row[5], 0);
    expect(firstHour[0]).toBe('2024-01-01T00:00:00.000Z');
    expect(firstHour.slice(1).map(Number)).toEqual([
      minutes[0][1],
      Math.max(...minutes.map((row) => row[2])),
      Math.min(...minutes.map((row) => row[3])),
      minutes[59][4],
      volume,
    ]);

    const backtest = await runBst('backtest', ...series, '--interval', '15m', '--data', data, '--strategy', 'sma-cross', '--param', 'fast=4', '--param', 'slow=12');
    expect(backtest.code).toBe(0);
    expect(backtest.out).toContain('bybit linear BTCUSDT 15m: 192 bars 2024-01-01T00:00:00.000Z .. 2024-01-02T23:45:00.000Z');
  });

  it('explains what is missing or wrong', async () => {
    const data = folder();
    expect((await runBst('download', ...series, '--interval', '1m', '--data', data)).err).toBe(
      'bst: bst download needs --from (a UTC date such as 2024-01-01); --to defaults to now\n',
    );
    expect((await runBst('download', '--exchange', 'kraken', '--market', 'spot', '--symbol', 'BTCUSDT', '--interval', '1m', '--from', '2024-01-01')).err).toBe(
      'bst: --exchange kraken: exchange must be one of bybit, binance\n',
    );
    expect((await runBst('download', ...series, '--interval', '1m', '--from', '2024-13-01', '--data', data)).err).toBe(
      'bst: --from 2024-13-01: not a real date\n',
    );
    expect((await runBst('inventory', '--data', data)).out).toBe('the cache is empty; fill it with bst download or bst import\n');
    const missing = await runBst('backtest', ...series, '--interval', '1h', '--data', data, '--strategy', 'sma-cross');
    expect(missing).toMatchObject({ code: 2, err: 'bst: the cache has no bybit linear BTCUSDT 1h candles in that range (nor a lower interval to build them from); run bst download first\n' });
  });
});
