/**
 * The symbols of one exchange market, for the symbol search. Local to the field (it is a
 * lookup list, not app state) and reloaded when the exchange, market or connection changes.
 */
import { useEffect, useState } from 'react';
import type { Exchange, Market } from '../../../src-shared/market.ts';
import { useConnection } from '../../rpc/connection.ts';
import { notifyError } from '../../state/notifications.ts';

export function useInstruments(exchange: Exchange, market: Market): { readonly symbols: readonly string[]; readonly loading: boolean } {
  const client = useConnection((s) => s.client);
  const [symbols, setSymbols] = useState<readonly string[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (client === null) return;
    let current = true;
    setLoading(true);
    client
      .call('instruments.list', { exchange, market })
      .then(({ instruments }) => current && setSymbols(instruments.map((i) => i.symbol).sort()))
      .catch((error: unknown) => current && notifyError(error))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [client, exchange, market]);

  return { symbols, loading };
}
