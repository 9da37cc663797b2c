/**
 * What the import panel sends: the "into series" form turned into cache.import's target (all of
 * exchange, symbol and interval named, or none, to infer the series from Binance Vision names),
 * and picked or dropped files read into bytes. Both modes upload, since the core can read neither
 * a browser's files nor, from a sandboxed page, learn their paths.
 */
import type { InputOf, WorkstationContract } from '../../../src-shared/contract/index.ts';
import { MAX_UPLOAD_BYTES } from '../../../src-shared/contract/schemas/upload.ts';
import type { Exchange, Interval, Market } from '../../../src-shared/market.ts';

export type ImportInput = InputOf<WorkstationContract, 'cache.import'>;

/** Empty strings mean "not chosen". */
export interface ImportTargetForm {
  readonly exchange: Exchange | '';
  readonly market: Market | '';
  readonly symbol: string;
  readonly interval: Interval | '';
}

export const EMPTY_TARGET_FORM: ImportTargetForm = { exchange: '', market: '', symbol: '', interval: '' };

/** cache.import's target and market, or why the form cannot be used. */
export function toImportTarget(form: ImportTargetForm): Pick<ImportInput, 'target' | 'market'> | string {
  const symbol = form.symbol.trim().toUpperCase();
  const named = [form.exchange, symbol, form.interval].filter((field) => field !== '').length;
  const market = form.market === '' ? undefined : form.market;
  if (named === 0) return { target: 'infer', market };
  if (form.exchange === '' || market === undefined || symbol === '' || form.interval === '') {
    return 'To import into a series, choose its exchange, market, symbol and interval; leave exchange, symbol and interval empty to take the series from Binance Vision file names.';
  }
  return { target: { exchange: form.exchange, market, symbol, interval: form.interval } };
}

/** The files' bytes, or why they are not read: a too-large selection is refused before it fills the page's memory. */
export async function readUploads(files: readonly File[]): Promise<ImportInput['files'] | string> {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_UPLOAD_BYTES) return `The files exceed ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB together; import them in several steps.`;
  return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}
