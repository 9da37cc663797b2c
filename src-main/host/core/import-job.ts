/**
 * An import as a core job: candle files (generic CSV, Binance kline CSV, Binance Vision zip)
 * into one named series, or into the series their Binance Vision names say. The import itself
 * is one all-or-nothing transaction on the core thread, so a cancel takes effect only before it
 * starts.
 */
import type { Market, SeriesKey } from '../../../src-shared/market.ts';
import type { CandleStore } from '../store/candle-store.ts';
import { type ImportReport, importCandleFiles } from '../store/import-export.ts';
import type { JobContext } from './job-manager.ts';

export interface ImportSummary extends ImportReport {
  readonly kind: 'import';
}

export interface ImportJob {
  readonly store: CandleStore;
  readonly paths: readonly string[];
  /** Undefined: inferred from Binance Vision file names. */
  readonly target: SeriesKey | undefined;
  /** With an inferred target, the market when the path does not tell. */
  readonly market: Market | undefined;
}

export async function runImportJob(job: ImportJob, context: JobContext): Promise<ImportSummary> {
  context.progress({ done: 0, total: job.paths.length, message: 'importing' });
  context.signal.throwIfAborted();
  const report = importCandleFiles(job.store, job.paths, job.target ?? 'infer', { market: job.market });
  return { kind: 'import', ...report };
}
