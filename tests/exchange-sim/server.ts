/**
 * The HTTP front of the simulator on 127.0.0.1: routes /bybit, /binance-spot and
 * /binance-futures to their APIs, applies injected faults (delay, refusal, error, dropped
 * socket), then the APIs' own rate limits, and counts what happened. WebSocket upgrades go to
 * the stream hub.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ExchangeApi, RestResponse } from './exchange-api.ts';
import type { FaultState } from './faults.ts';
import type { StreamHub } from './streams.ts';

export interface SimulatorStats {
  /** Requests per URL path (prefix included, query excluded), whatever their outcome. */
  readonly requests: Readonly<Record<string, number>>;
  readonly totalRequests: number;
  /** Refused by the simulated exchange rate limits (429, 418, Bybit 403). */
  readonly rateLimited: number;
  /** Answered by an injected response fault (refusal, 5xx or dropped socket). */
  readonly faulted: number;
  readonly connections: {
    /** Open HTTP sockets (keep-alive included). */
    readonly http: number;
    /** Open WebSocket connections, and how many were ever accepted. */
    readonly websocket: number;
    readonly websocketOpened: number;
    /** Kline subscriptions held over the open WebSocket connections. */
    readonly streamSubscriptions: number;
  };
}

export class SimServer {
  private readonly apis: ReadonlyMap<string, ExchangeApi>;
  private readonly faults: FaultState;
  private readonly clock: () => number;
  private readonly hub: StreamHub;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly requests = new Map<string, number>();
  private totalRequests = 0;
  private rateLimited = 0;
  private faulted = 0;

  constructor(apis: ReadonlyMap<string, ExchangeApi>, faults: FaultState, clock: () => number, hub: StreamHub) {
    this.apis = apis;
    this.faults = faults;
    this.clock = clock;
    this.hub = hub;
    this.server = createServer((request, response) => {
      this.serve(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (request, socket, head) => hub.handleUpgrade(request, socket, head));
  }

  /** Listens on 127.0.0.1 only; port 0 picks a free one. Resolves to the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  stats(): SimulatorStats {
    return {
      requests: Object.fromEntries(this.requests),
      totalRequests: this.totalRequests,
      rateLimited: this.rateLimited,
      faulted: this.faulted,
      connections: { http: this.sockets.size, websocket: this.hub.open, websocketOpened: this.hub.opened, streamSubscriptions: this.hub.subscriptions },
    };
  }

  /** Cuts every HTTP connection, idle keep-alive ones included. */
  dropHttpSockets(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error === undefined ? resolve() : reject(error)));
      this.server.closeAllConnections();
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator');
    this.requests.set(url.pathname, (this.requests.get(url.pathname) ?? 0) + 1);
    this.totalRequests++;
    const prefix = /^\/[^/]+/.exec(url.pathname)?.[0] ?? '/';
    const api = this.apis.get(prefix);
    if (api === undefined) return send(response, { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' });
    if (request.method !== 'GET') return send(response, { status: 405, headers: { 'content-type': 'text/plain' }, body: 'Method Not Allowed' });
    const path = url.pathname.slice(prefix.length);

    const faults = this.faults.take(url.pathname, api.exchange, api.isKlines(path));
    if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (response.destroyed) return;
    if (faults.response !== null) {
      this.faulted++;
      const fault = faults.response;
      if (fault.kind !== 'drop') return send(response, api.faultResponse(fault, this.clock()));
      if (fault.stage === 'before-response') {
        request.socket.destroy();
        return;
      }
      return sendHalfThenDrop(response, api.handle({ path, query: url.searchParams, now: this.clock(), pageFaults: [] }));
    }

    const admission = api.admit(path, url.searchParams, request.socket.remoteAddress ?? 'unknown', Date.now());
    if (admission.refusal !== null) {
      this.rateLimited++;
      return send(response, admission.refusal);
    }
    const answer = api.handle({ path, query: url.searchParams, now: this.clock(), pageFaults: faults.page });
    send(response, { ...answer, headers: { ...answer.headers, ...admission.headers } });
  }
}

function send(response: ServerResponse, answer: RestResponse): void {
  if (response.destroyed) return;
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  response.end(answer.body);
}

/** Promises the whole body, delivers half, then cuts the socket: the client sees a truncated response. */
function sendHalfThenDrop(response: ServerResponse, answer: RestResponse): void {
  const body = Buffer.from(answer.body);
  response.writeHead(answer.status, { ...answer.headers, 'content-length': body.length });
  response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.socket?.destroy());
}
