/**
 * The page's connection to the workstation: one typed contract client and its state
 * (connecting, ready, lost with the reason). Components read the client from here and never
 * build transports themselves.
 */
import { create } from 'zustand';
import { createRpcClient, type WorkstationClient, workstationContract } from '../../src-shared/contract/index.ts';
import { openTransport } from './transport.ts';

export type ConnectionState = 'connecting' | 'ready' | 'lost';

interface ConnectionStore {
  readonly state: ConnectionState;
  readonly message: string;
  readonly client: WorkstationClient | null;
}

export const useConnection = create<ConnectionStore>(() => ({ state: 'connecting', message: '', client: null }));

export async function connect(): Promise<void> {
  useConnection.getState().client?.close();
  useConnection.setState({ state: 'connecting', message: '', client: null });
  try {
    const transport = await openTransport((message) => useConnection.setState({ state: 'lost', message, client: null }));
    // Output checks cost time on every call; they catch contract drift while developing.
    const client = createRpcClient(workstationContract, transport, { validateOutput: import.meta.env.DEV });
    useConnection.setState({ state: 'ready', message: '', client });
  } catch (error) {
    useConnection.setState({ state: 'lost', message: (error as Error).message, client: null });
  }
}

/** The client, for handlers that run only while the UI offers them (i.e. when connected). */
export function requireClient(): WorkstationClient {
  const { client } = useConnection.getState();
  if (client === null) throw new Error('Not connected to the workstation');
  return client;
}
