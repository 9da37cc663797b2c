/** The cache inventory rows (per-series spans, counts and coverage ranges, never candles). */
import { create } from 'zustand';
import type { OutputOf, WorkstationContract } from '../../src-shared/contract/index.ts';
import type { SeriesKey } from '../../src-shared/market.ts';
import { requireClient } from '../rpc/connection.ts';
import { notifyError } from './notifications.ts';

export type SeriesInventory = OutputOf<WorkstationContract, 'cache.inventory'>['series'][number];

interface InventoryStore {
  readonly rows: readonly SeriesInventory[];
  readonly loading: boolean;
}

export const useInventory = create<InventoryStore>(() => ({ rows: [], loading: false }));

export function seriesId(key: SeriesKey): string {
  return `${key.exchange}-${key.market}-${key.symbol}-${key.interval}`;
}

export async function refreshInventory(): Promise<void> {
  useInventory.setState({ loading: true });
  try {
    const { series } = await requireClient().call('cache.inventory', {});
    useInventory.setState({ rows: series });
  } catch (error) {
    notifyError(error);
  } finally {
    useInventory.setState({ loading: false });
  }
}
