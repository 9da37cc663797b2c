/**
 * A scripted HTTP server for adapter tests: each request is answered by a handler that sees
 * the path and query, so tests can check what the SDKs send and feed them exact responses,
 * dropped connections or requests that never answer.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  readonly path: string;
  readonly query: URLSearchParams;
}

export type StubReply =
  | { readonly status?: number; readonly headers?: Record<string, string>; readonly body: unknown }
  | 'drop'
  | 'hang';

export interface StubServer {
  readonly url: string;
  readonly requests: StubRequest[];
  close(): Promise<void>;
}

export async function startStub(handler: (request: StubRequest) => StubReply): Promise<StubServer> {
  const requests: StubRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const request = { path: url.pathname, query: url.searchParams };
    requests.push(request);
    const reply = handler(request);
    if (reply === 'drop') {
      req.socket.destroy();
      return;
    }
    if (reply === 'hang') {
      hanging.add(res);
      return;
    }
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
