/** Fetches a saved run in full (runs.get) whenever the run shown changes. */
import { useEffect, useState } from 'react';
import type { OutputOf, WorkstationContract } from '../../../src-shared/contract/index.ts';
import { useConnection } from '../../rpc/connection.ts';

export type RunDetail = OutputOf<WorkstationContract, 'runs.get'>;

export type RunDetailState = { readonly state: 'none' } | { readonly state: 'loading' } | { readonly state: 'error'; readonly message: string } | { readonly state: 'ready'; readonly run: RunDetail };

export function useRunDetail(runId: string | null): RunDetailState {
  const client = useConnection((s) => s.client);
  const [detail, setDetail] = useState<RunDetailState>({ state: 'none' });
  useEffect(() => {
    if (runId === null || client === null) {
      setDetail({ state: 'none' });
      return undefined;
    }
    let current = true;
    setDetail({ state: 'loading' });
    client.call('runs.get', { id: runId }).then(
      (run) => current && setDetail({ state: 'ready', run }),
      (error: unknown) => current && setDetail({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [runId, client]);
  return detail;
}
