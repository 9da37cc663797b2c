/**
 * Settings the user edits on the Settings page. They live in this browser's localStorage until
 * the contract has settings methods (the architecture keeps settings in the database); until
 * then the core does not read them, and Electron and browser mode keep separate copies.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export interface LocalSettings {
  readonly bybitBaseUrl: string;
  readonly binanceBaseUrl: string;
  /** Fees in percent of notional per fill. */
  readonly makerFeePct: number;
  readonly takerFeePct: number;
}

export const DEFAULT_SETTINGS: LocalSettings = {
  bybitBaseUrl: 'https://api.bybit.com',
  binanceBaseUrl: 'https://api.binance.com',
  makerFeePct: 0.02,
  takerFeePct: 0.055,
};

export const useSettings = create<LocalSettings>()(
  persist(() => DEFAULT_SETTINGS, { name: 'bst.settings', version: 1, storage: createJSONStorage(() => localStorage) }),
);

export function editSettings(change: Partial<LocalSettings>): void {
  useSettings.setState(change);
}
