/**
 * The client side of the WebSocket transport, written against the small part of the WHATWG
 * WebSocket that browsers and the `ws` package share, so the renderer in browser mode and Node
 * tests use the same code. Messages travel in the frame codec (JSON plus binary typed arrays).
 * Reconnecting is the caller's business: a closed connection fails pending and later calls
 * with 'unavailable'.
 */
import { EventHub } from '../rpc/event-hub.ts';
import { failed, type RpcErrorCode, RpcFailure, type RpcResult, rpcError } from '../rpc/errors.ts';
import { CodecError, type EncodedFrames, encodeFrames, FrameDecoder } from '../rpc/frame-codec.ts';
import { PendingCalls } from '../rpc/pending-calls.ts';
import type { ClientTransport } from '../rpc/transport.ts';
import { asWireEvent, asWireResponse, type WireRequest } from '../rpc/wire.ts';
import { WS_CLOSE, WS_WELCOME } from './websocket-protocol.ts';

export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string | ArrayBufferView<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { readonly code: number; readonly reason: string }) => void): void;
}

const OPEN = 1;

/**
 * Resolves once the server has accepted the connection (its welcome arrived); rejects with an
 * RpcFailure ('unauthorized' for a refused token or Origin) when it closes first.
 */
export function connectWebSocketTransport(socket: WebSocketLike): Promise<ClientTransport> {
  socket.binaryType = 'arraybuffer';
  const pending = new PendingCalls();
  const hub = new EventHub();
  const decoder = new FrameDecoder();
  let welcomed = false;

  const transport: ClientTransport = {
    async call(method: string, input: unknown): Promise<RpcResult> {
      const { id, result } = pending.open();
      if (pending.closed) return result;
      let frames: EncodedFrames;
      try {
        frames = encodeFrames({ type: 'request', id, method, input } satisfies WireRequest);
      } catch (error) {
        pending.settle(id, failed('invalid-input', `The request to ${method} cannot be sent: ${(error as Error).message}`));
        return result;
      }
      if (socket.readyState !== OPEN) pending.close(rpcError('unavailable', 'The connection to the workstation is closed'));
      else for (const frame of [frames.text, ...frames.binaries]) socket.send(frame);
      return result;
    },
    subscribe: (event, listener) => hub.subscribe(event, listener),
    close() {
      pending.close(rpcError('unavailable', 'The connection to the workstation was closed by this window'));
      hub.clear();
      socket.close();
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('message', ({ data }) => {
      let decoded: { readonly message: unknown } | undefined;
      try {
        decoded = decoder.push(typeof data === 'string' ? data : (data as ArrayBuffer));
      } catch (error) {
        if (!(error instanceof CodecError)) throw error;
        socket.close(WS_CLOSE.malformed, 'malformed frames from the server');
        return;
      }
      if (decoded === undefined) return;
      const { message } = decoded;
      if (!welcomed) {
        welcomed = (message as { type?: unknown }).type === WS_WELCOME.type;
        if (welcomed) resolve(transport);
        return;
      }
      const response = asWireResponse(message);
      if (response !== null) {
        pending.settle(response.id, response.result);
        return;
      }
      const event = asWireEvent(message);
      if (event !== null) hub.dispatch(event.event, event.payload);
    });
    socket.addEventListener('close', ({ code, reason }) => {
      const text = reason === '' ? `code ${code}` : `${reason} (code ${code})`;
      pending.close(rpcError('unavailable', `The connection to the workstation closed: ${text}`, { closeCode: code }));
      if (!welcomed) reject(new RpcFailure(refusalCode(code), `The workstation refused the connection: ${text}`, { closeCode: code }));
    });
  });
}

function refusalCode(closeCode: number): RpcErrorCode {
  return closeCode === WS_CLOSE.unauthorized || closeCode === WS_CLOSE.forbiddenOrigin ? 'unauthorized' : 'unavailable';
}
