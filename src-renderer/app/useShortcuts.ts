/** Global keys: Ctrl+1..6 (Cmd on macOS) switch pages, Ctrl+K jumps to the symbol search. */
import { useEffect } from 'react';
import { PAGES, showPage } from '../state/navigation.ts';

/** The id of the symbol search input (see SymbolField). */
export const SYMBOL_SEARCH_ID = 'symbol-search';

function focusSymbolSearch(): void {
  showPage('data');
  // The Data page may only mount on this render; focus once it is in the DOM.
  requestAnimationFrame(() => document.getElementById(SYMBOL_SEARCH_ID)?.focus());
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const page = PAGES[Number(event.key) - 1];
      if (page !== undefined) {
        event.preventDefault();
        showPage(page);
      } else if (event.key.toLowerCase() === 'k') {
        event.preventDefault();
        focusSymbolSearch();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
