/** What the status bar shows about the core: its state, running jobs, cache size, version. */
import { create } from 'zustand';
import type { OutputOf, PayloadOf, WorkstationContract } from '../../src-shared/contract/index.ts';
import { requireClient } from '../rpc/connection.ts';
import { notifyError } from './notifications.ts';

export type CoreStatus = PayloadOf<WorkstationContract, 'core.status'>;
export type SystemInfo = OutputOf<WorkstationContract, 'system.info'>;

interface StatusStore {
  /** null until the core has answered or reported once. */
  readonly core: CoreStatus | null;
  readonly system: SystemInfo | null;
}

export const useStatus = create<StatusStore>(() => ({ core: null, system: null }));

export function setCoreStatus(core: CoreStatus): void {
  useStatus.setState({ core });
}

export async function refreshSystemInfo(): Promise<void> {
  try {
    const system = await requireClient().call('system.info', {});
    useStatus.setState({ system });
  } catch (error) {
    notifyError(error);
  }
}
