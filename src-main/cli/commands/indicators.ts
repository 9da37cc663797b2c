/**
 * `bst indicators`: computes indicators over a candle CSV and writes one column per output,
 * so a trader can check our numbers against another tool in a spreadsheet.
 */
import { writeFileSync } from 'node:fs';
import type { Candles } from '../../../src-engine/candles.ts';
import { isoTime } from '../../../src-engine/candles.ts';
import { findIndicator, indicatorKinds } from '../../../src-engine/indicators/registry.ts';
import { SOURCE_FIELDS, sourceSeries } from '../../../src-engine/indicators/sources.ts';
import type { IndicatorDefinition, SourceField } from '../../../src-engine/indicators/types.ts';
import { readCandleCsvFile } from '../../host/csv/read-candle-csv.ts';
import { UsageError } from '../usage-error.ts';

export interface IndicatorRequest {
  readonly definition: IndicatorDefinition;
  readonly params: readonly number[];
  readonly source: SourceField;
  /** Column header stem: `kind:params`, plus `@source` when not the default. */
  readonly label: string;
}

/** Parses `kind[:p1,p2,...][@source]`, e.g. `sma:20`, `macd:12,26,9`, `ema:50@hl2`. */
export function parseIndicatorRequest(text: string): IndicatorRequest {
  const [head, sourceText] = text.split('@');
  const colon = head.indexOf(':');
  const kind = (colon < 0 ? head : head.slice(0, colon)).trim().toLowerCase();
  const definition = findIndicator(kind);
  if (definition === undefined) {
    throw new UsageError(`--ind ${text}: unknown indicator "${kind}"; available: ${indicatorKinds().join(', ')}`);
  }
  const given = colon < 0 ? [] : head.slice(colon + 1).split(',').map((part) => part.trim());
  if (given.length > definition.params.length) {
    const names = definition.params.map((p) => p.name).join(', ') || 'none';
    throw new UsageError(`--ind ${text}: ${kind} takes ${definition.params.length} parameter(s) (${names}), got ${given.length}`);
  }
  const params = definition.params.map((p, i) => {
    if (i >= given.length || given[i] === '') return p.default;
    const value = Number(given[i]);
    if (!Number.isFinite(value)) throw new UsageError(`--ind ${text}: ${p.name} "${given[i]}" is not a number`);
    if (value < p.min || value > p.max) throw new UsageError(`--ind ${text}: ${p.name} ${value} is outside ${p.min}..${p.max}`);
    if (p.integer && !Number.isInteger(value)) throw new UsageError(`--ind ${text}: ${p.name} must be a whole number`);
    return value;
  });
  let source = definition.defaultSource;
  if (sourceText !== undefined) {
    if (!definition.usesSource) throw new UsageError(`--ind ${text}: ${kind} reads the candles itself and takes no @source`);
    if (!(SOURCE_FIELDS as readonly string[]).includes(sourceText)) {
      throw new UsageError(`--ind ${text}: unknown source "${sourceText}"; allowed: ${SOURCE_FIELDS.join(', ')}`);
    }
    source = sourceText as SourceField;
  }
  const stem = params.length > 0 ? `${definition.kind}:${params.join(',')}` : definition.kind;
  return { definition, params, source, label: source === definition.defaultSource ? stem : `${stem}@${source}` };
}

export interface IndicatorTable {
  readonly headers: string[];
  readonly columns: Float64Array[];
}

export function computeIndicatorTable(candles: Candles, requests: readonly IndicatorRequest[]): IndicatorTable {
  const headers: string[] = [];
  const columns: Float64Array[] = [];
  for (const request of requests) {
    const outputs = request.definition.batch({ candles, source: sourceSeries(candles, request.source) }, request.params);
    request.definition.outputs.forEach((name, o) => {
      headers.push(request.definition.outputs.length === 1 ? request.label : `${request.label}.${name}`);
      columns.push(outputs[o]);
    });
  }
  return { headers, columns };
}

/** CSV text: ISO 8601 UTC time, then each column; an empty cell where the value is NaN. */
export function formatIndicatorCsv(time: Float64Array, table: IndicatorTable): string {
  const lines = [['time', ...table.headers].join(',')];
  for (let i = 0; i < time.length; i++) {
    let line = isoTime(time[i]);
    for (const column of table.columns) line += Number.isNaN(column[i]) ? ',' : `,${column[i]}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

export function runIndicators(options: { data?: string; ind?: string[]; out?: string }, write: (text: string) => void): void {
  if (options.data === undefined) throw new UsageError('bst indicators needs --data <candles.csv>');
  if (options.ind === undefined || options.ind.length === 0) {
    throw new UsageError('bst indicators needs at least one --ind, e.g. --ind sma:20 --ind macd:12,26,9');
  }
  const requests = options.ind.map(parseIndicatorRequest);
  const { candles } = readCandleCsvFile(options.data);
  const csv = formatIndicatorCsv(candles.time, computeIndicatorTable(candles, requests));
  if (options.out === undefined) {
    write(csv);
  } else {
    writeFileSync(options.out, csv);
    write(`wrote ${candles.time.length} rows x ${requests.length} indicator(s) to ${options.out}\n`);
  }
}
