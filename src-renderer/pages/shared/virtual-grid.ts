/**
 * The look of the app's virtualised tables (trades, trials): fixed-height rows placed
 * absolutely in a scrolling grid, the keyboard cursor outlined, cells on one line. Shared so the
 * tables read alike and keep the row height useVirtualRows is given.
 */
import type { SxProps, Theme } from '@mui/material/styles';

export const GRID_ROW_HEIGHT = 30;

/** The scrolling, focusable grid around header and rows, `height` tall. */
export function gridShellSx(height: number): SxProps<Theme> {
  return { height, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, '&:focus-visible': { outline: 2, outlineColor: 'primary.main' } };
}

/**
 * A row at `position` of the (sorted) order; `highlighted` is the selected or best row. A table
 * wider than its box gives its `width`, so rows scroll sideways with the header; a `dimmed` row
 * is shown but does not count (a trial a filter refused).
 */
export function gridRowSx(position: number, columns: string, cursor: boolean, highlighted: boolean, options: { width?: number; dimmed?: boolean } = {}): SxProps<Theme> {
  return {
    display: 'grid',
    gridTemplateColumns: columns,
    position: 'absolute',
    top: position * GRID_ROW_HEIGHT,
    left: 0,
    ...(options.width === undefined ? { right: 0 } : { width: options.width }),
    height: GRID_ROW_HEIGHT,
    opacity: options.dimmed === true ? 0.5 : 1,
    alignItems: 'center',
    cursor: 'pointer',
    bgcolor: highlighted ? 'action.selected' : undefined,
    outline: cursor ? 1 : 0,
    outlineColor: 'primary.main',
    outlineOffset: -1,
    '&:hover': { bgcolor: highlighted ? 'action.selected' : 'action.hover' },
  };
}

export function gridCellSx(numeric: boolean, color?: string): SxProps<Theme> {
  return { px: 1, typography: 'body2', textAlign: numeric ? 'right' : 'left', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', color };
}
