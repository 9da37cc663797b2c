/** The Data page's download form: what series and which days to fetch. Dates are UTC days. */
import { create } from 'zustand';
import type { Exchange, Interval, Market } from '../../src-shared/market.ts';
import { utcDay } from '../../src-shared/time-text.ts';

export interface DownloadForm {
  readonly exchange: Exchange;
  readonly market: Market;
  readonly symbol: string;
  readonly interval: Interval;
  /** YYYY-MM-DD; to may be empty (until now). */
  readonly from: string;
  readonly to: string;
}

const THIRTY_DAYS_MS = 30 * 86_400_000;

export const useDownloadForm = create<DownloadForm>(() => ({
  exchange: 'bybit',
  market: 'linear',
  symbol: 'BTCUSDT',
  interval: '1m',
  from: utcDay(Date.now() - THIRTY_DAYS_MS),
  to: '',
}));

export function editDownloadForm(change: Partial<DownloadForm>): void {
  useDownloadForm.setState(change);
}
