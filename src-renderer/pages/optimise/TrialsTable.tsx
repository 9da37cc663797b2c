/**
 * Every trial of the optimisation, virtualised and sortable by any column (parameters, scores,
 * every metric; undefined values last). Click a row, or move with the arrow keys and press
 * Enter, to backtest that trial and open it on the Backtest page. Rows are named by the trial's
 * index, whatever the order shown; filtered trials are dimmed and the best is marked.
 */
import Box from '@mui/material/Box';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { cellValue, columnKey, sortTrials, type TrialSort, type TrialTable } from '../../../src-shared/optimise-view/trials.ts';
import { count } from '../../util/format.ts';
import { useGridCursor, useVirtualRows } from '../shared/useVirtualRows.ts';
import { GRID_ROW_HEIGHT, gridCellSx, gridRowSx, gridShellSx } from '../shared/virtual-grid.ts';
import { trialColumns, type TrialColumnView } from './trial-columns.ts';

const HEADER_HEIGHT = 40;
const MAX_BODY_HEIGHT = 420;

interface TrialsTableProps {
  readonly table: TrialTable;
  readonly objectives: readonly { readonly metric: string; readonly direction: 'maximize' | 'minimize' }[];
  /** Trial index of the best, to mark. */
  readonly bestTrial: number | null;
  /** Walk-forward: row ids carry the window too (indices restart per window). */
  readonly walkForward: boolean;
  readonly onOpen: (row: number) => void;
}

function Header({ columns, grid, sort, onSort }: { columns: readonly TrialColumnView[]; grid: string; sort: TrialSort; onSort: (sort: TrialSort) => void }) {
  return (
    <Box role="row" sx={{ display: 'grid', gridTemplateColumns: grid, height: HEADER_HEIGHT, position: 'sticky', top: 0, zIndex: 1, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider' }}>
      {columns.map((view) => {
        const active = columnKey(sort.column) === view.key;
        const next: TrialSort = { column: view.column, order: active ? (sort.order === 'asc' ? 'desc' : 'asc') : view.column.kind === 'index' || view.column.kind === 'param' ? 'asc' : 'desc' };
        return (
          <Box key={view.key} role="columnheader" aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'} sx={{ px: 1, display: 'flex', alignItems: 'center', justifyContent: 'flex-end', overflow: 'hidden' }}>
            <TableSortLabel active={active} direction={active ? sort.order : 'asc'} onClick={() => onSort(next)} data-testid={`optimise-trials-sort-${view.key}`} title={view.header} sx={{ typography: 'caption', fontWeight: 600, lineHeight: 1.2, textAlign: 'right' }}>
              {view.header}
            </TableSortLabel>
          </Box>
        );
      })}
    </Box>
  );
}

export function TrialsTable({ table, objectives, bestTrial, walkForward, onOpen }: TrialsTableProps) {
  const rowId = (row: number) => `optimise-trial-row-${walkForward ? `${table.window[row]}-` : ''}${table.index[row]}`;
  const columns = useMemo(() => trialColumns(table, objectives), [table, objectives]);
  const grid = columns.map((c) => `${c.width}px`).join(' ');
  const width = columns.reduce((n, c) => n + c.width, 0);
  const [sort, setSort] = useState<TrialSort>({ column: { kind: 'score', objective: 0 }, order: objectives[0]?.direction === 'minimize' ? 'asc' : 'desc' });
  const order = useMemo(() => sortTrials(table, sort), [table, sort]);
  const total = table.count;
  const bodyHeight = Math.min(MAX_BODY_HEIGHT, Math.max(1, total) * GRID_ROW_HEIGHT);
  const rows = useVirtualRows(total, GRID_ROW_HEIGHT, bodyHeight);
  const { cursor, moveTo, onKeyDown } = useGridCursor(rows, total, (position) => onOpen(order[position]));

  if (total === 0) {
    return (
      <Typography color="text.secondary" data-testid="optimise-trials-table" data-count={0}>
        No trials stored yet.
      </Typography>
    );
  }

  const visible = [];
  for (let position = rows.start; position < rows.end; position++) {
    const row = order[position];
    const trial = table.index[row];
    const id = rowId(row);
    const filtered = table.filteredBy[row];
    visible.push(
      <Box
        key={row}
        id={id}
        role="row"
        aria-rowindex={position + 2}
        data-testid={id}
        data-best={trial === bestTrial}
        data-filtered={filtered ?? ''}
        data-cursor={position === cursor}
        title={filtered === null ? 'Backtest this trial and open it' : `Filtered out (${filtered}); click to backtest it anyway`}
        onClick={() => {
          moveTo(position);
          onOpen(row);
        }}
        sx={gridRowSx(position, grid, position === cursor, trial === bestTrial, { width, dimmed: filtered !== null })}
      >
        {columns.map((view) => (
          <Box key={view.key} role="gridcell" data-column={view.key} data-value={String(cellValue(table, view.column, row))} sx={gridCellSx(true)}>
            {view.text(table, row)}
          </Box>
        ))}
      </Box>,
    );
  }

  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {count(total)} trials · click a row (or arrows and Enter) to backtest it on the Backtest page · dimmed rows failed a filter
      </Typography>
      <Box
        ref={rows.ref}
        onScroll={rows.onScroll}
        onKeyDown={onKeyDown}
        tabIndex={0}
        role="grid"
        aria-label="Trials"
        aria-rowcount={total + 1}
        aria-activedescendant={rowId(order[cursor])}
        data-testid="optimise-trials-table"
        data-count={total}
        sx={gridShellSx(HEADER_HEIGHT + bodyHeight)}
      >
        <Box sx={{ width }}>
          <Header columns={columns} grid={grid} sort={sort} onSort={setSort} />
          <Box role="rowgroup" sx={{ position: 'relative', height: total * GRID_ROW_HEIGHT }}>
            {visible}
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
