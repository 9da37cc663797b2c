/**
 * Fetches what the compare view shows for two runs: each run in full (runs.get: metrics of all,
 * long and short, the manifest) and its equity curve thinned for a chart (runs.equity).
 */
import { useEffect, useState } from 'react';
import type { OutputOf, WorkstationContract } from '../../../src-shared/contract/index.ts';
import { useConnection } from '../../rpc/connection.ts';

export type RunDetail = OutputOf<WorkstationContract, 'runs.get'>;
export type RunEquity = OutputOf<WorkstationContract, 'runs.equity'>;

export interface ComparedRun {
  readonly detail: RunDetail;
  readonly equity: RunEquity;
}

/** Points per curve: a page-wide line keeps every visible wiggle. */
export const COMPARE_EQUITY_POINTS = 2_000;

export type CompareData = { readonly state: 'loading' } | { readonly state: 'failed'; readonly message: string } | { readonly state: 'ready'; readonly a: ComparedRun; readonly b: ComparedRun };

export function useCompareData(idA: string, idB: string): CompareData {
  const client = useConnection((s) => s.client);
  const [data, setData] = useState<CompareData>({ state: 'loading' });
  useEffect(() => {
    if (client === null) return undefined;
    let current = true;
    setData({ state: 'loading' });
    const load = async (id: string): Promise<ComparedRun> => {
      const [detail, equity] = await Promise.all([client.call('runs.get', { id }), client.call('runs.equity', { id, maxPoints: COMPARE_EQUITY_POINTS })]);
      return { detail, equity };
    };
    Promise.all([load(idA), load(idB)]).then(
      ([a, b]) => current && setData({ state: 'ready', a, b }),
      (error: unknown) => current && setData({ state: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, idA, idB]);
  return data;
}
