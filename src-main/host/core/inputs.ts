/**
 * Checks for what callers hand the core: the contract validates payloads at the trust
 * boundary, but the services are also called directly (tests, the CLI later), and a bad key or
 * range must fail as 'invalid-input' with a readable message, not deep inside SQLite.
 */
import type { z } from 'zod';
import { type Exchange, exchangeSchema, type Market, marketSchema, type SeriesKey, seriesKeySchema } from '../../../src-shared/market.ts';
import { type UploadedFile, uploadedFilesSchema } from '../../../src-shared/contract/schemas/upload.ts';
import { CoreError } from './errors.ts';

/** The parsed value, or CoreError 'invalid-input' naming the first bad field under `what`. */
export function checkInput<T>(what: string, result: z.ZodSafeParseResult<T>): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = [what, ...issue.path.map(String)].join('.');
  throw new CoreError('invalid-input', `${where}: ${issue.message}`);
}

export function parseSeriesKey(value: unknown, what = 'key'): SeriesKey {
  return checkInput(what, seriesKeySchema.safeParse(value));
}

/** The contract's rule for uploads, here too: the core writes these names to disk. */
export function parseUploads(value: unknown): UploadedFile[] {
  return checkInput('files', uploadedFilesSchema.safeParse(value));
}

export function parseExchange(value: unknown): Exchange {
  return checkInput('exchange', exchangeSchema.safeParse(value));
}

export function parseMarket(value: unknown): Market {
  return checkInput('market', marketSchema.safeParse(value));
}

function parseTime(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('invalid-input', `${name}: expected a time in epoch milliseconds, got ${String(value)}`);
  return value;
}

function checkOrder<R extends { from?: number; to?: number }>(range: R): R {
  if (range.from !== undefined && range.to !== undefined && range.to <= range.from) {
    throw new CoreError('invalid-input', `to (${range.to}) must be after from (${range.from})`);
  }
  return range;
}

/** Optional epoch-ms bounds; `to` must come after `from`. */
export function parseTimeRange(from: unknown, to: unknown): { from: number | undefined; to: number | undefined } {
  return checkOrder({ from: from === undefined ? undefined : parseTime('from', from), to: to === undefined ? undefined : parseTime('to', to) });
}

export function parseRequiredTimeRange(from: unknown, to: unknown): { from: number; to: number } {
  return checkOrder({ from: parseTime('from', from), to: parseTime('to', to) });
}
