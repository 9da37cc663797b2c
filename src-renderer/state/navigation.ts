/** Which page is showing; the left navigation and Ctrl+1..6 change it. */
import { create } from 'zustand';

export const PAGES = ['data', 'strategies', 'backtest', 'optimise', 'history', 'settings'] as const;
export type Page = (typeof PAGES)[number];

interface NavigationStore {
  readonly page: Page;
}

export const useNavigation = create<NavigationStore>(() => ({ page: 'data' }));

export function showPage(page: Page): void {
  useNavigation.setState({ page });
}
