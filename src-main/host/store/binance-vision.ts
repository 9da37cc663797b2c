/**
 * Conventions of data.binance.vision kline archives: file names like BTCUSDT-1m-2024-01.zip
 * (monthly) or BTCUSDT-1m-2024-01-15.zip (daily), the folder that tells spot from USDⓈ-M
 * futures, and the `.CHECKSUM` file published next to every archive.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Interval, INTERVALS, type Market } from '../../../src-shared/market.ts';
import { ImportError } from './import-error.ts';

export interface BinanceVisionName {
  readonly symbol: string;
  readonly interval: Interval;
}

const NAME_PATTERN = /^([A-Z0-9]{2,30})-(\d+[smhdwM]|1mo)-\d{4}-\d{2}(?:-\d{2})?\.(?:zip|csv)$/;

/**
 * Symbol and interval from a Binance Vision file name; null when the name does not have that
 * shape. Binance writes the monthly interval `1mo`.
 */
export function parseBinanceVisionName(filePath: string): BinanceVisionName | null {
  const match = NAME_PATTERN.exec(path.basename(filePath));
  if (match === null) return null;
  const interval = match[2] === '1mo' ? '1M' : match[2];
  if (!(INTERVALS as readonly string[]).includes(interval)) {
    throw new ImportError(filePath, `interval ${match[2]} is not supported (supported: ${INTERVALS.join(', ')})`);
  }
  return { symbol: match[1], interval: interval as Interval };
}

/**
 * The market a Binance Vision path belongs to, from its folders (data/spot/... or
 * data/futures/um/...); null when the path does not say. Coin-margined archives
 * (futures/cm) are refused: their symbols (BTCUSD_PERP) and contract sizes are not modelled.
 */
export function marketFromPath(filePath: string): Market | null {
  const folders = `/${path.resolve(filePath).replaceAll('\\', '/')}/`;
  if (folders.includes('/futures/cm/')) {
    throw new ImportError(filePath, 'coin-margined futures archives (futures/cm) are not supported');
  }
  if (folders.includes('/futures/um/')) return 'linear';
  if (folders.includes('/spot/')) return 'spot';
  return null;
}

/**
 * Verifies `zipPath` against `<zipPath>.CHECKSUM` ("<sha256>  <file name>") when that file
 * exists. Returns whether a checksum was checked; throws ImportError on any mismatch.
 */
export function verifyChecksum(zipPath: string, bytes: Buffer): boolean {
  const checksumPath = `${zipPath}.CHECKSUM`;
  if (!existsSync(checksumPath)) return false;
  const text = readFileSync(checksumPath, 'utf8').trim();
  const match = /^([0-9a-fA-F]{64})\s+\*?(.+)$/.exec(text);
  if (match === null) {
    throw new ImportError(zipPath, `${path.basename(checksumPath)} is not "<sha256>  <file name>"`);
  }
  const [, expected, named] = match;
  if (named.trim() !== path.basename(zipPath)) {
    throw new ImportError(zipPath, `${path.basename(checksumPath)} is the checksum of ${named.trim()}, not of this file`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected.toLowerCase()) {
    throw new ImportError(
      zipPath,
      `SHA-256 checksum mismatch: the file hashes to ${actual} but ${path.basename(checksumPath)} says ${expected.toLowerCase()}; ` +
        'the download is damaged, download it again',
    );
  }
  return true;
}
