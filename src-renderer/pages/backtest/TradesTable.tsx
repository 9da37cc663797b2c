/**
 * The run's closed trades, virtualised (only rows near the view are in the DOM) and sortable by
 * any column. Click a row, or move with the arrow keys and press Enter, to select its trade;
 * rows are named by the trade's index in the run, whatever the order shown.
 */
import Box from '@mui/material/Box';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_TRADE_SORT, nextSort, sortTrades, tradeCount, type TradeColumns, type TradeSort } from '../../../src-shared/backtest-view/trades.ts';
import { count } from '../../util/format.ts';
import { TRADE_COLUMN_VIEWS, TRADE_GRID_COLUMNS } from './trade-cells.ts';
import { useGridCursor, useVirtualRows } from '../shared/useVirtualRows.ts';
import { GRID_ROW_HEIGHT, gridCellSx, gridRowSx, gridShellSx } from '../shared/virtual-grid.ts';

const HEADER_HEIGHT = 34;
const MAX_BODY_HEIGHT = 420;

interface TradesTableProps {
  readonly trades: TradeColumns;
  readonly selectedTrade: number | null;
  readonly onSelectTrade: (index: number) => void;
}

function Header({ sort, onSort }: { sort: TradeSort; onSort: (sort: TradeSort) => void }) {
  return (
    <Box role="row" sx={{ display: 'grid', gridTemplateColumns: TRADE_GRID_COLUMNS, height: HEADER_HEIGHT, position: 'sticky', top: 0, zIndex: 1, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider' }}>
      {TRADE_COLUMN_VIEWS.map((view) => {
        const active = sort.column === view.column;
        return (
          <Box key={view.column} role="columnheader" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'} sx={{ px: 1, display: 'flex', alignItems: 'center', justifyContent: view.numeric ? 'flex-end' : 'flex-start' }}>
            <TableSortLabel active={active} direction={active ? sort.direction : 'asc'} onClick={() => onSort(nextSort(sort, view.column))} data-testid={`trades-sort-${view.column}`} sx={{ typography: 'caption', fontWeight: 600, whiteSpace: 'nowrap' }}>
              {view.header}
            </TableSortLabel>
          </Box>
        );
      })}
    </Box>
  );
}

export function TradesTable({ trades, selectedTrade, onSelectTrade }: TradesTableProps) {
  const total = tradeCount(trades);
  const [sort, setSort] = useState<TradeSort>(DEFAULT_TRADE_SORT);
  const order = useMemo(() => sortTrades(trades, sort), [trades, sort]);
  const positionOf = useMemo(() => {
    const positions = new Int32Array(total);
    order.forEach((index, position) => {
      positions[index] = position;
    });
    return positions;
  }, [order, total]);
  const bodyHeight = Math.min(MAX_BODY_HEIGHT, Math.max(1, total) * GRID_ROW_HEIGHT);
  const rows = useVirtualRows(total, GRID_ROW_HEIGHT, bodyHeight);
  const { cursor, moveTo, onKeyDown } = useGridCursor(rows, total, (position) => onSelectTrade(order[position]), ['Enter', ' ']);

  // A trade chosen elsewhere (a chart marker) comes into view under the cursor.
  useEffect(() => {
    if (selectedTrade === null || selectedTrade >= total) return;
    moveTo(positionOf[selectedTrade]);
  }, [selectedTrade, positionOf, total, moveTo]);

  if (total === 0) {
    return (
      <Typography color="text.secondary" data-testid="trades-table" data-count={0}>
        No closed trades.
      </Typography>
    );
  }

  const visible = [];
  for (let position = rows.start; position < rows.end; position++) {
    const index = order[position];
    const selected = index === selectedTrade;
    visible.push(
      <Box
        key={index}
        id={`trade-row-${index}`}
        role="row"
        aria-rowindex={position + 2}
        aria-selected={selected}
        data-testid={`trade-row-${index}`}
        data-selected={selected}
        data-cursor={position === cursor}
        onClick={() => {
          moveTo(position);
          onSelectTrade(index);
        }}
        sx={gridRowSx(position, TRADE_GRID_COLUMNS, position === cursor, selected)}
      >
        {TRADE_COLUMN_VIEWS.map((view) => {
          const pnlColour = trades.pnl[index] > 0 ? 'success.main' : trades.pnl[index] < 0 ? 'error.main' : undefined;
          return (
            <Box key={view.column} role="gridcell" data-column={view.column} sx={gridCellSx(view.numeric, view.column === 'pnl' || view.column === 'returnPct' ? pnlColour : undefined)}>
              {view.text(trades, index)}
            </Box>
          );
        })}
      </Box>,
    );
  }

  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {count(total)} trades · click a row or use the arrow keys and Enter to show it on the chart
      </Typography>
      <Box
        ref={rows.ref}
        onScroll={rows.onScroll}
        onKeyDown={onKeyDown}
        tabIndex={0}
        role="grid"
        aria-label="Trades"
        aria-rowcount={total + 1}
        aria-activedescendant={`trade-row-${order[cursor]}`}
        data-testid="trades-table"
        data-count={total}
        sx={gridShellSx(HEADER_HEIGHT + bodyHeight)}
      >
        <Box sx={{ minWidth: 1160 }}>
          <Header sort={sort} onSort={setSort} />
          <Box role="rowgroup" sx={{ position: 'relative', height: total * GRID_ROW_HEIGHT }}>
            {visible}
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
