/**
 * A fixed-row-height virtual list: from the scroll position, which rows are worth rendering
 * (the visible ones plus a few either side), and scrolling a row into view. Thousands of rows
 * cost no more than a screenful; and the keyboard cursor that walks them.
 */
import { type KeyboardEvent, type RefObject, type UIEvent, useCallback, useRef, useState } from 'react';

const OVERSCAN = 8;

export interface VirtualRows {
  readonly ref: RefObject<HTMLDivElement | null>;
  readonly onScroll: (event: UIEvent<HTMLDivElement>) => void;
  /** Positions [start, end) to render. */
  readonly start: number;
  readonly end: number;
  /** Rows that fit in the body at once. */
  readonly pageRows: number;
  readonly scrollIntoView: (position: number) => void;
}

/** `bodyHeight` is the scrolled area below any sticky header. */
export function useVirtualRows(count: number, rowHeight: number, bodyHeight: number): VirtualRows {
  const ref = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop), []);
  const scrollIntoView = useCallback(
    (position: number) => {
      const element = ref.current;
      if (element === null) return;
      const top = position * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + bodyHeight) element.scrollTop = top + rowHeight - bodyHeight;
      setScrollTop(element.scrollTop);
    },
    [rowHeight, bodyHeight],
  );
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + bodyHeight) / rowHeight) + OVERSCAN);
  return { ref, onScroll, start, end, pageRows: Math.max(1, Math.floor(bodyHeight / rowHeight)), scrollIntoView };
}

export interface GridCursor {
  /** The position (in the shown order) the keyboard is on. */
  readonly cursor: number;
  /** Puts the cursor on `position` (kept inside the rows) and scrolls it into view. */
  readonly moveTo: (position: number) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}

/**
 * The keyboard cursor of a virtual grid: arrows, Page Up/Down, Home and End move it; the
 * `activateKeys` act on the row under it (`activate` gets its position).
 */
export function useGridCursor(rows: VirtualRows, total: number, activate: (position: number) => void, activateKeys: readonly string[] = ['Enter']): GridCursor {
  const [position, setPosition] = useState(0);
  const cursor = Math.min(position, Math.max(0, total - 1));
  const { scrollIntoView } = rows;
  const moveTo = useCallback(
    (wanted: number) => {
      const next = Math.min(total - 1, Math.max(0, wanted));
      setPosition(next);
      scrollIntoView(next);
    },
    [total, scrollIntoView],
  );
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowDown: cursor + 1, ArrowUp: cursor - 1, PageDown: cursor + rows.pageRows, PageUp: cursor - rows.pageRows, Home: 0, End: total - 1 };
    if (event.key in moves) moveTo(moves[event.key]);
    else if (activateKeys.includes(event.key)) activate(cursor);
    else return;
    event.preventDefault();
  };
  return { cursor, moveTo, onKeyDown };
}
