/** Loads the real-market fixtures copied from ../shared/data into tests/fixtures. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candles } from '../../src-engine/candles.ts';

export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function fixturePath(name: string): string {
  return path.join(FIXTURES_DIR, name);
}

/** Minimal reader for the fixtures' generic OHLCV CSV (header `,Open,High,Low,Close,Volume`). */
export function loadFixtureCandles(name: string): Candles {
  const rows = readFileSync(fixturePath(name), 'utf8').trim().split(/\r?\n/).slice(1);
  const columns = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(rows.length));
  rows.forEach((row, i) => {
    const cells = row.split(',');
    columns[0][i] = Date.parse(`${cells[0].replace(' ', 'T')}Z`);
    for (let c = 1; c <= 5; c++) columns[c][i] = Number(cells[c]);
  });
  const [time, open, high, low, close, volume] = columns;
  return { time, open, high, low, close, volume };
}

/** TA-Lib's values on GOOG-1d: column name -> series (NaN where TA-Lib is warming up). */
export function loadTalibReference(): Map<string, Float64Array> {
  const lines = readFileSync(fixturePath('GOOG-1d-talib.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line) => line.split(','));
  const reference = new Map<string, Float64Array>();
  header.forEach((name, c) => {
    if (c === 0) return;
    reference.set(
      name,
      Float64Array.from(rows, (cells) => (cells[c] === '' ? Number.NaN : Number(cells[c]))),
    );
  });
  return reference;
}
