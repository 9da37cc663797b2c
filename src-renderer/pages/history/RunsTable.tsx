/** The saved runs as a sortable table: key metrics per run, a tick box to compare, and its actions. */
import Checkbox from '@mui/material/Checkbox';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import { formatMetric, formatParameters, metricInfo, type RunSortKey, sortRuns } from '../../../src-shared/run-compare.ts';
import { type RunSummary, sortBy, toggleSelected, useHistory } from '../../state/history.ts';
import { RunActions } from './RunActions.tsx';
import { utcMinute } from '../../../src-shared/time-text.ts';

interface Column {
  readonly key: RunSortKey;
  readonly label: string;
  readonly numeric: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'strategyName', label: 'Strategy', numeric: false },
  { key: 'parameters', label: 'Parameters', numeric: false },
  { key: 'dataSource', label: 'Data', numeric: false },
  { key: 'createdAt', label: 'Created (UTC)', numeric: false },
  { key: 'netProfit', label: 'Net profit', numeric: true },
  { key: 'totalReturnPct', label: 'Return', numeric: true },
  { key: 'maxDrawdownPct', label: 'Max DD', numeric: true },
  { key: 'winRatePct', label: 'Win rate', numeric: true },
  { key: 'profitFactor', label: 'PF', numeric: true },
  { key: 'sharpe', label: 'Sharpe', numeric: true },
  { key: 'trades', label: 'Trades', numeric: true },
];

function cellText(run: RunSummary, key: RunSortKey): string {
  switch (key) {
    case 'strategyName':
    case 'dataSource':
      return run[key];
    case 'parameters':
      return formatParameters(run.parameters) || '—';
    case 'createdAt':
      return utcMinute(run.createdAt);
    default:
      return formatMetric(run.metrics[key], metricInfo(key).unit);
  }
}

function RunRow({ run, selected, onDelete }: { run: RunSummary; selected: boolean; onDelete: (run: RunSummary) => void }) {
  const profit = run.metrics.netProfit;
  return (
    <TableRow hover selected={selected} data-testid={`history-row-${run.id}`}>
      <TableCell padding="checkbox">
        <Checkbox
          size="small"
          checked={selected}
          onChange={() => toggleSelected(run.id)}
          slotProps={{ input: { 'aria-label': `Compare ${run.strategyName} (${utcMinute(run.createdAt)})`, 'data-testid': `history-select-${run.id}` } as object }}
        />
      </TableCell>
      {COLUMNS.map(({ key, numeric }) => (
        <TableCell
          key={key}
          align={numeric ? 'right' : 'left'}
          data-testid={`history-${key}`}
          sx={{
            whiteSpace: numeric || key === 'createdAt' ? 'nowrap' : 'normal',
            overflowWrap: 'anywhere',
            minWidth: key === 'parameters' ? 120 : undefined,
            maxWidth: numeric ? undefined : 240,
            color: key === 'netProfit' || key === 'totalReturnPct' ? (profit > 0 ? 'success.main' : profit < 0 ? 'error.main' : undefined) : undefined,
          }}
        >
          {cellText(run, key)}
        </TableCell>
      ))}
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <RunActions run={run} onDelete={onDelete} />
      </TableCell>
    </TableRow>
  );
}

export function RunsTable({ onDelete }: { onDelete: (run: RunSummary) => void }) {
  const runs = useHistory((s) => s.runs);
  const sortKey = useHistory((s) => s.sortKey);
  const sortOrder = useHistory((s) => s.sortOrder);
  const selected = useHistory((s) => s.selected);
  const sorted = sortRuns(runs, sortKey, sortOrder);
  return (
    <TableContainer>
      <Table size="small" data-testid="history-table" data-sort={`${sortKey}-${sortOrder}`} sx={{ '& .MuiTableCell-root': { px: 1 } }}>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            {COLUMNS.map(({ key, label, numeric }) => (
              <TableCell key={key} align={numeric ? 'right' : 'left'} sortDirection={sortKey === key ? sortOrder : false}>
                <TableSortLabel active={sortKey === key} direction={sortKey === key ? sortOrder : 'asc'} onClick={() => sortBy(key)} data-testid={`history-sort-${key}`}>
                  {label}
                </TableSortLabel>
              </TableCell>
            ))}
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((run) => (
            <RunRow key={run.id} run={run} selected={selected.includes(run.id)} onDelete={onDelete} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
