/**
 * The WebSocket transport's server, for browser mode: the renderer in a plain browser talks to
 * the web host through it. It listens on 127.0.0.1 only, and a connection is served only when
 * its Origin is allowed and its URL carries this launch's token; otherwise it is closed with
 * a code and a reason the page can show (4403 Origin, 4401 token) before any message is read.
 * Messages travel in the frame codec: JSON text plus one binary frame per typed array.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { failed } from '../../src-shared/contract/rpc/errors.ts';
import { CodecError, type EncodedFrames, encodeFrames, FrameDecoder } from '../../src-shared/contract/rpc/frame-codec.ts';
import type { RpcEndpoint } from '../../src-shared/contract/rpc/transport.ts';
import { asWireRequest, type WireEvent, type WireRequest, type WireResponse } from '../../src-shared/contract/rpc/wire.ts';
import { WS_CLOSE, WS_RPC_PATH, WS_TOKEN_PARAM, WS_WELCOME, webSocketUrl } from '../../src-shared/contract/transports/websocket-protocol.ts';

const HOST = '127.0.0.1';
/** Calls are small (paths, keys, strategy documents); bulk data only flows to the browser. */
const DEFAULT_MAX_INCOMING_BYTES = 16 * 1024 * 1024;

export interface WebSocketRpcOptions {
  readonly endpoint: RpcEndpoint;
  /** This launch's secret (createLaunchToken); the page gets it from whoever opened it. */
  readonly token: string;
  /**
   * Origins (`scheme://host:port`) whose pages may connect, besides this server's own
   * (`http://127.0.0.1:PORT`, `http://localhost:PORT`), which serves the renderer.
   */
  readonly allowedOrigins?: readonly string[];
  /** A fixed port; a free one is picked when omitted or 0. */
  readonly port?: number;
  /** Plain HTTP requests (the web host serves the built renderer); 404 when omitted. */
  readonly onHttpRequest?: (request: IncomingMessage, response: ServerResponse) => void;
  readonly maxIncomingBytes?: number;
}

export interface WebSocketRpcServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT`: where the web host's pages live. */
  readonly httpOrigin: string;
  /** `ws://127.0.0.1:PORT/rpc?token=...`: what a page connects to. */
  readonly connectionUrl: string;
  /** Closes every connection (code 1001) and stops listening. */
  close(): Promise<void>;
}

/** A fresh per-launch token: 256 random bits, URL-safe. */
export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function startWebSocketRpcServer(options: WebSocketRpcOptions): Promise<WebSocketRpcServer> {
  const sockets = new Set<WebSocket>();
  const http = createServer((request, response) => {
    if (options.onHttpRequest !== undefined) return options.onHttpRequest(request, response);
    response.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxIncomingBytes ?? DEFAULT_MAX_INCOMING_BYTES });
  const port = await listen(http, options.port ?? 0);
  const origins = new Set([`http://${HOST}:${port}`, `http://localhost:${port}`, ...(options.allowedOrigins ?? [])].map(normaliseOrigin));

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', `http://${HOST}`).pathname !== WS_RPC_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const refusal = refusalOf(request, origins, options.token);
      if (refusal !== null) {
        ws.close(refusal.code, refusal.reason);
        return;
      }
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      serveSocket(ws, options.endpoint);
    });
  });

  const unsubscribe = options.endpoint.subscribe((event, payload) => {
    // Encoded once for every connection; a payload the codec refuses throws to the emitter's log.
    const frames = encodeFrames({ type: 'event', event, payload } satisfies WireEvent);
    for (const ws of sockets) sendFrames(ws, frames);
  });

  return {
    port,
    httpOrigin: `http://${HOST}:${port}`,
    connectionUrl: webSocketUrl(`ws://${HOST}:${port}`, options.token),
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.close(WS_CLOSE.goingAway, 'the workstation is shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function listen(http: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, HOST, () => {
      http.off('error', reject);
      const address = http.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function normaliseOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

function refusalOf(request: IncomingMessage, origins: ReadonlySet<string>, token: string): { code: number; reason: string } | null {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || !origins.has(normaliseOrigin(origin))) {
    return { code: WS_CLOSE.forbiddenOrigin, reason: `origin ${origin ?? '(none)'} is not allowed` };
  }
  const given = new URL(request.url ?? '/', `http://${HOST}`).searchParams.get(WS_TOKEN_PARAM);
  if (given === null || !sameSecret(given, token)) {
    return { code: WS_CLOSE.unauthorized, reason: given === null ? 'a token is required' : 'the token is not valid' };
  }
  return null;
}

/** Compares digests, so neither the content nor the length of the token leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function serveSocket(ws: WebSocket, endpoint: RpcEndpoint): void {
  ws.binaryType = 'arraybuffer';
  const decoder = new FrameDecoder();
  ws.on('message', (data: RawData, isBinary: boolean) => {
    let request: WireRequest | null;
    try {
      const decoded = decoder.push(isBinary ? toArrayBuffer(data) : rawText(data));
      if (decoded === undefined) return;
      request = asWireRequest(decoded.message);
    } catch (error) {
      if (!(error instanceof CodecError)) throw error;
      request = null;
    }
    if (request === null) {
      ws.close(WS_CLOSE.malformed, 'frames that are not a request');
      return;
    }
    void answer(ws, endpoint, request);
  });
  sendFrames(ws, encodeFrames(WS_WELCOME));
}

async function answer(ws: WebSocket, endpoint: RpcEndpoint, request: WireRequest): Promise<void> {
  const result = await endpoint.handle(request.method, request.input);
  let frames: EncodedFrames;
  try {
    frames = encodeFrames({ type: 'response', id: request.id, result } satisfies WireResponse);
  } catch (error) {
    const fallback = failed('invalid-output', `${request.method} answered with a value that cannot be sent: ${(error as Error).message}`);
    frames = encodeFrames({ type: 'response', id: request.id, result: fallback } satisfies WireResponse);
  }
  sendFrames(ws, frames);
}

/** Synchronous on purpose: the frames of one message must never interleave with another's. */
function sendFrames(ws: WebSocket, frames: EncodedFrames): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(frames.text);
  for (const binary of frames.binaries) ws.send(binary);
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

function toArrayBuffer(data: RawData): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  const bytes = Array.isArray(data) ? Buffer.concat(data) : data;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
