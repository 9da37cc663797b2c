/**
 * An import as a core job: uploaded candle files (generic CSV, Binance kline CSV, Binance Vision
 * zip with its optional `.CHECKSUM`) into one named series, or into the series their Binance
 * Vision names say. The import itself is one all-or-nothing transaction on the core thread, so
 * a cancel takes effect only before it starts.
 */
import type { UploadedFile } from '../../../src-shared/contract/schemas/upload.ts';
import type { Market, SeriesKey } from '../../../src-shared/market.ts';
import type { CandleStore } from '../store/candle-store.ts';
import type { ImportReport } from '../store/import-export.ts';
import type { JobContext } from './job-manager.ts';
import { importUploads } from './upload-import.ts';

export interface ImportSummary extends ImportReport {
  readonly kind: 'import';
}

export interface ImportJob {
  readonly store: CandleStore;
  readonly files: readonly UploadedFile[];
  /** Undefined: inferred from Binance Vision file names. */
  readonly target: SeriesKey | undefined;
  /** With an inferred target, the market (an uploaded name has no folder to tell it). */
  readonly market: Market | undefined;
  /** Where uploads are staged while they are imported. */
  readonly tempDir: string;
}

export async function runImportJob(job: ImportJob, context: JobContext): Promise<ImportSummary> {
  context.progress({ done: 0, total: job.files.length, message: 'importing' });
  context.signal.throwIfAborted();
  const report = await importUploads({
    store: job.store,
    files: job.files,
    target: job.target ?? 'infer',
    options: { market: job.market },
    tempDir: job.tempDir,
    signal: context.signal,
  });
  return { kind: 'import', ...report };
}
