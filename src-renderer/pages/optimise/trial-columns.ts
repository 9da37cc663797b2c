/** The trials table's columns: trial number, each parameter, each objective's score, then every metric, with headers and cell text. */
import { formatMetric, metricInfo, metricKeys } from '../../../src-shared/run-compare.ts';
import { cellValue, columnKey, type TrialColumn, type TrialTable } from '../../../src-shared/optimise-view/trials.ts';

export interface TrialColumnView {
  readonly column: TrialColumn;
  readonly key: string;
  readonly header: string;
  readonly width: number;
  readonly text: (table: TrialTable, row: number) => string;
}

function numberText(value: number | string): string {
  if (typeof value === 'string') return value;
  return Number.isNaN(value) ? '—' : String(Number(value.toPrecision(8)));
}

export function trialColumns(table: TrialTable, objectives: readonly { readonly metric: string }[]): TrialColumnView[] {
  const view = (column: TrialColumn, header: string, width: number, text: TrialColumnView['text']): TrialColumnView => ({ column, key: columnKey(column), header, width, text });
  const index: TrialColumn = { kind: 'index' };
  const columns = [view(index, '#', 64, (t, row) => String(cellValue(t, index, row)))];
  for (const name of Object.keys(table.params)) {
    const column: TrialColumn = { kind: 'param', name };
    // Wide enough for the parameter's name in the header.
    columns.push(view(column, name, Math.max(80, 24 + 8 * name.length), (t, row) => numberText(cellValue(t, column, row))));
  }
  objectives.forEach((objective, i) => {
    const column: TrialColumn = { kind: 'score', objective: i };
    const info = metricInfo(objective.metric);
    columns.push(view(column, `Score: ${info.label}`, 130, (t, row) => {
      const value = cellValue(t, column, row) as number;
      return formatMetric(Number.isNaN(value) ? null : value, info.unit);
    }));
  });
  for (const name of metricKeys(Object.fromEntries(Object.keys(table.metrics).map((m) => [m, null])))) {
    const column: TrialColumn = { kind: 'metric', name };
    const info = metricInfo(name);
    columns.push(view(column, info.label, 120, (t, row) => {
      const value = cellValue(t, column, row) as number;
      return formatMetric(Number.isNaN(value) ? null : value, info.unit);
    }));
  }
  return columns;
}
