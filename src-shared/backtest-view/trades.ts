/**
 * The trades table's columns and sorting. Trades stay in the run's columns; a sort is an order
 * of indexes into them, so a row keeps its trade's index whatever the order shown.
 */
import type { z } from 'zod';
import type { tradeColumnsSchema } from '../contract/schemas/runs.ts';

export type TradeColumns = z.infer<typeof tradeColumnsSchema>;

/** The sortable columns: the trade's index, or a trade column by its contract name. */
export const TRADE_TABLE_COLUMNS = [
  'index',
  'side',
  'entryTime',
  'entryPrice',
  'exitTime',
  'exitPrice',
  'qty',
  'pnl',
  'returnPct',
  'rMultiple',
  'maePct',
  'mfePct',
  'barsHeld',
  'exitReason',
] as const;
export type TradeTableColumn = (typeof TRADE_TABLE_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

export interface TradeSort {
  readonly column: TradeTableColumn;
  readonly direction: SortDirection;
}

export const DEFAULT_TRADE_SORT: TradeSort = { column: 'index', direction: 'asc' };

export function tradeCount(trades: TradeColumns): number {
  return trades.side.length;
}

/** A trade's value in a column; null where it has none (NaN in the columns). */
function cell(trades: TradeColumns, column: TradeTableColumn, index: number): number | string | null {
  const value = column === 'index' ? index : trades[column][index];
  return typeof value === 'number' && Number.isNaN(value) ? null : value;
}

/**
 * Trade indexes in the order of the column. Ties keep exit order (the index), and trades without
 * a value (an R multiple without a stop) come last in either direction.
 */
export function sortTrades(trades: TradeColumns, sort: TradeSort): number[] {
  const order = Array.from({ length: tradeCount(trades) }, (_, index) => index);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return order.sort((a, b) => {
    const x = cell(trades, sort.column, a);
    const y = cell(trades, sort.column, b);
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    const compared = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : x - y;
    return compared === 0 ? a - b : sign * compared;
  });
}

/** A header click: the same column flips its direction, another column starts ascending. */
export function nextSort(current: TradeSort, column: TradeTableColumn): TradeSort {
  if (current.column !== column) return { column, direction: 'asc' };
  return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}
