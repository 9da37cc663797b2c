/** Loads the real-market fixtures copied from ../shared/data into tests/fixtures. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candles } from '../../src-engine/candles.ts';
import { readCandleCsvFile } from '../../src-main/host/csv/read-candle-csv.ts';

export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function fixturePath(name: string): string {
  return path.join(FIXTURES_DIR, name);
}

/** A fixture through the real CSV reader, so tests read data exactly as the CLI does. */
export function loadFixtureCandles(name: string): Candles {
  return readCandleCsvFile(fixturePath(name)).candles;
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
