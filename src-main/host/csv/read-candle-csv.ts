/**
 * File entry point of the candle CSV reader: reads a file from disk and parses it with
 * parseCandleCsv, naming the file by its base name in error messages.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCandleCsv, type CandleCsvOptions, type ParsedCandleCsv } from './candle-csv.ts';

/** Reads and parses a candle CSV. Throws CsvFormatError on bad content, and fs errors as they are. */
export function readCandleCsvFile(filePath: string, options: Partial<CandleCsvOptions> = {}): ParsedCandleCsv {
  const text = readFileSync(filePath, 'utf8');
  return parseCandleCsv(text, { ...options, fileName: options.fileName ?? path.basename(filePath) });
}
