/**
 * The contract's public face for every front end (renderer, Electron main, web host, CLI): the
 * workstation contract, the typed client and server, the envelope and its error codes, and
 * the client transports a renderer needs. Node-only transports live in src-main/transports.
 */
export { createRpcClient, type RpcClient, type RpcClientOptions } from './rpc/client.ts';
export {
  type Contract,
  type ContractNames,
  defineContract,
  type EventDefinition,
  type EventName,
  type Handler,
  type Handlers,
  type InputOf,
  type MethodDefinition,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
  type PayloadOf,
  type Unsubscribe,
} from './rpc/define.ts';
export { RPC_ERROR_CODES, type RpcError, type RpcErrorCode, type RpcErrorDetails, RpcFailure, type RpcResult } from './rpc/errors.ts';
export { createRelay, type RpcRelay } from './rpc/relay.ts';
export { createRpcServer, type RpcServer, type RpcServerOptions } from './rpc/server.ts';
export type { ClientTransport, RpcEventListener, RpcEndpoint } from './rpc/transport.ts';
export { createBridgeTransport, type PreloadBridge } from './transports/bridge-client.ts';
export { connectWebSocketTransport, type WebSocketLike } from './transports/websocket-client.ts';
export { WS_CLOSE, webSocketUrl } from './transports/websocket-protocol.ts';
export {
  type WorkstationClient,
  workstationContract,
  type WorkstationContract,
  type WorkstationHandlers,
  type WorkstationServer,
} from './workstation.ts';
