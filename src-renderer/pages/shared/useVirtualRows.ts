/**
 * A fixed-row-height virtual list: from the scroll position, which rows are worth rendering
 * (the visible ones plus a few either side), and scrolling a row into view. Thousands of rows
 * cost no more than a screenful.
 */
import { type RefObject, type UIEvent, useCallback, useRef, useState } from 'react';

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
