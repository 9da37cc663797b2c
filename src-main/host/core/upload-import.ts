/**
 * Importing uploaded files: the path-based importer (shared with the CLI) reads files from disk,
 * and it pairs an archive with the `.CHECKSUM` beside it and reads Binance Vision names from the
 * file name. So the uploads are written under their own names into a fresh folder, imported
 * from there, and the folder is removed whatever happens. Messages and the report name the
 * uploaded files, never the folder, which means nothing to the user.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { UploadedFile } from '../../../src-shared/contract/schemas/upload.ts';
import type { CandleStore } from '../store/candle-store.ts';
import { type ImportOptions, type ImportReport, type ImportTarget, importCandleFiles } from '../store/import-export.ts';
import { CoreError, type ErrorDetails, toCoreError } from './errors.ts';

const CHECKSUM_SUFFIX = '.checksum';

export interface UploadImport {
  readonly store: CandleStore;
  readonly files: readonly UploadedFile[];
  readonly target: ImportTarget;
  readonly options: ImportOptions;
  /** The folder the staging folder is made in (os.tmpdir() in production). */
  readonly tempDir: string;
  /** Checked once the files are written, before the all-or-nothing import starts. */
  readonly signal: AbortSignal;
}

/** The candle files to import: every upload but the `.CHECKSUM`s, each of which must come with its .zip archive. */
export function candleFilesOf(files: readonly UploadedFile[]): UploadedFile[] {
  const names = new Set(files.map((file) => file.name));
  for (const { name } of files) {
    if (!name.toLowerCase().endsWith(CHECKSUM_SUFFIX)) continue;
    const archive = name.slice(0, -CHECKSUM_SUFFIX.length);
    if (!names.has(archive)) throw new CoreError('invalid-input', `${name} was uploaded without ${archive}, the archive it is the checksum of`, { details: { file: name } });
    // The importer verifies archives only; a checksum it would silently skip must not look verified.
    if (!archive.toLowerCase().endsWith('.zip')) throw new CoreError('invalid-input', `${name}: only a .zip archive's checksum can be verified`, { details: { file: name } });
  }
  const candles = files.filter((file) => !file.name.toLowerCase().endsWith(CHECKSUM_SUFFIX));
  if (candles.length === 0) throw new CoreError('invalid-input', 'only checksum files were uploaded: add the candle files');
  return candles;
}

export async function importUploads(job: UploadImport): Promise<ImportReport> {
  const candleFiles = candleFilesOf(job.files);
  const folder = await mkdtemp(path.join(job.tempDir, 'bst-import-'));
  try {
    await Promise.all(job.files.map((file) => writeFile(path.join(folder, file.name), file.bytes)));
    job.signal.throwIfAborted();
    const paths = candleFiles.map((file) => path.join(folder, file.name));
    const report = importCandleFiles(job.store, paths, job.target, job.options);
    return { ...report, files: report.files.map((imported) => ({ ...imported, file: path.basename(imported.file) })) };
  } catch (error) {
    throw withoutFolder(toCoreError(error), folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The error with the staging folder cut out of its message and details, so `/tmp/bst-import-x/bad.csv: ...` reads `bad.csv: ...`. */
function withoutFolder(error: CoreError, folder: string): CoreError {
  const prefix = `${folder}${path.sep}`;
  const strip = (text: string) => text.replaceAll(prefix, '');
  const details: ErrorDetails | undefined =
    error.details === undefined ? undefined : Object.fromEntries(Object.entries(error.details).map(([key, value]) => [key, typeof value === 'string' ? strip(value) : value]));
  return new CoreError(error.code, strip(error.message), { details, cause: error.cause ?? error });
}
