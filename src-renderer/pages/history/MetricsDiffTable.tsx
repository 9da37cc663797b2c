/**
 * Every metric of two runs side by side, for all, long and short trades: A, B and B − A, the
 * difference green where B is better and red where it is worse (knowing that a smaller
 * drawdown is better). The raw numbers are on each row for tests and copy-paste tools.
 */
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Fragment } from 'react';
import { compareRuns, formatDiff, formatMetric, type MetricDiff, metricInfo, type Side, type SidedMetrics } from '../../../src-shared/run-compare.ts';

const SIDE_TITLES: Readonly<Record<Side, string>> = { all: 'All trades', long: 'Long trades', short: 'Short trades' };
const VERDICT_COLOURS = { better: 'success.main', worse: 'error.main' } as const;
const raw = (value: number | null) => (value === null ? '' : String(value));

function DiffRow({ side, row }: { side: Side; row: MetricDiff }) {
  const info = metricInfo(row.key);
  const colour = row.verdict === 'better' || row.verdict === 'worse' ? VERDICT_COLOURS[row.verdict] : 'text.secondary';
  return (
    <TableRow hover data-testid={`compare-metric-${side}-${row.key}`} data-a={raw(row.a)} data-b={raw(row.b)} data-diff={raw(row.diff)} data-verdict={row.verdict}>
      <TableCell>{info.label}</TableCell>
      <TableCell align="right">{formatMetric(row.a, info.unit)}</TableCell>
      <TableCell align="right">{formatMetric(row.b, info.unit)}</TableCell>
      <TableCell align="right" sx={{ color: colour, fontWeight: row.verdict === 'better' || row.verdict === 'worse' ? 600 : undefined }}>
        {formatDiff(row.diff, info.unit)}
      </TableCell>
    </TableRow>
  );
}

export function MetricsDiffTable({ a, b, labelA, labelB }: { a: SidedMetrics; b: SidedMetrics; labelA: string; labelB: string }) {
  return (
    <Table size="small" data-testid="compare-metrics" stickyHeader>
      <TableHead>
        <TableRow>
          <TableCell>Metric</TableCell>
          <TableCell align="right">A: {labelA}</TableCell>
          <TableCell align="right">B: {labelB}</TableCell>
          <TableCell align="right">B − A</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {compareRuns(a, b).map(({ side, rows }) => (
          <Fragment key={side}>
            <TableRow>
              <TableCell colSpan={4} sx={{ fontWeight: 600, bgcolor: 'action.hover' }}>
                {SIDE_TITLES[side]}
              </TableCell>
            </TableRow>
            {rows.map((row) => (
              <DiffRow key={row.key} side={side} row={row} />
            ))}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
