/**
 * A relay serves a contract by forwarding to another transport: Electron main and the web host
 * forward windows' calls to the core worker. It is an RpcServer like any other, so the input is
 * validated here, at the trust boundary, before it reaches the core; the core's envelopes and
 * events pass through unchanged.
 */
import { createRpcClient } from './client.ts';
import type { Contract, EventName, Handlers, MethodName } from './define.ts';
import { createRpcServer, type RpcServer, type RpcServerOptions } from './server.ts';
import type { ClientTransport } from './transport.ts';

export interface RpcRelay<C extends Contract> {
  readonly server: RpcServer<C>;
  /** Stops forwarding events; calls still in flight settle as the upstream transport decides. */
  close(): void;
}

export function createRelay<C extends Contract>(contract: C, upstream: ClientTransport, options: RpcServerOptions = {}): RpcRelay<C> {
  const client = createRpcClient(contract, upstream);
  // The upstream's errors arrive as RpcFailure, which the server turns back into the same envelope.
  const handlers = Object.fromEntries(
    Object.keys(contract.methods).map((method) => [method, (input: unknown) => client.call(method as MethodName<C>, input as never)]),
  ) as unknown as Handlers<C>;
  const server = createRpcServer(contract, handlers, options);
  const unsubscribes = Object.keys(contract.events).map((event) =>
    client.on(event as EventName<C>, (payload) => server.emit(event as EventName<C>, payload)),
  );
  return {
    server,
    close: () => unsubscribes.forEach((unsubscribe) => unsubscribe()),
  };
}
