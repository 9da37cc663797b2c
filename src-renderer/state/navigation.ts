/** Which page is showing; the left navigation and Ctrl+1..5 change it. */
import { create } from 'zustand';

export const PAGES = ['data', 'strategies', 'backtest', 'history', 'settings'] as const;
export type Page = (typeof PAGES)[number];

interface NavigationStore {
  readonly page: Page;
}

export const useNavigation = create<NavigationStore>(() => ({ page: 'data' }));

export function showPage(page: Page): void {
  useNavigation.setState({ page });
}
