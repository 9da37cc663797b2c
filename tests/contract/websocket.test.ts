/**
 * The WebSocket transport over a real `ws` server on 127.0.0.1: parity, and the doors it keeps
 * shut (no token, a wrong token, a foreign or missing Origin, malformed frames).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createLaunchToken, startWebSocketRpcServer, type WebSocketRpcServer } from '../../src-main/transports/websocket-server.ts';
import { createRpcClient } from '../../src-shared/contract/rpc/client.ts';
import { RpcFailure } from '../../src-shared/contract/rpc/errors.ts';
import { connectWebSocketTransport } from '../../src-shared/contract/transports/websocket-client.ts';
import { WS_CLOSE, webSocketUrl } from '../../src-shared/contract/transports/websocket-protocol.ts';
import { workstationContract } from '../../src-shared/contract/workstation.ts';
import { describeTransportParity } from './parity-suite.ts';
import { createStubServer } from './stub-handlers.ts';

const DEV_ORIGIN = 'http://localhost:5173';

describeTransportParity('WebSocket', async () => {
  const token = createLaunchToken();
  const server = await startWebSocketRpcServer({ endpoint: createStubServer(), token, allowedOrigins: [DEV_ORIGIN] });
  const transport = await connectWebSocketTransport(new WebSocket(server.connectionUrl, { origin: DEV_ORIGIN }));
  return {
    transport,
    close: async () => {
      transport.close();
      await server.close();
    },
  };
});

/**
 * How the server ended a raw connection: its close code and reason, and how many messages it
 * sent first. A connection that gets its welcome is closed here, so a wrongly accepted one
 * fails the test at once instead of hanging it.
 */
function closeOf(url: string, headers: { origin?: string } = {}): Promise<{ code: number; reason: string; messages: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, headers);
    let messages = 0;
    socket.on('message', () => {
      messages++;
      socket.close();
    });
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString(), messages }));
    socket.on('error', reject);
  });
}

describe('WebSocket server', () => {
  const token = createLaunchToken();
  let server: WebSocketRpcServer;
  beforeAll(async () => {
    server = await startWebSocketRpcServer({ endpoint: createStubServer(), token, allowedOrigins: [DEV_ORIGIN] });
  });
  afterAll(() => server.close());

  const base = () => `ws://127.0.0.1:${server.port}`;

  it('listens on 127.0.0.1 on a free port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.connectionUrl).toBe(`ws://127.0.0.1:${server.port}/rpc?token=${token}`);
  });

  it('refuses a connection without the token', async () => {
    expect(await closeOf(`${base()}/rpc`, { origin: DEV_ORIGIN })).toEqual({ code: WS_CLOSE.unauthorized, reason: 'a token is required', messages: 0 });
  });

  it('refuses a connection with a wrong token', async () => {
    const wrong = webSocketUrl(base(), `${token.slice(0, -1)}x`);
    expect(await closeOf(wrong, { origin: DEV_ORIGIN })).toEqual({ code: WS_CLOSE.unauthorized, reason: 'the token is not valid', messages: 0 });
  });

  it('refuses a page from another Origin, even with the token', async () => {
    expect(await closeOf(server.connectionUrl, { origin: 'https://evil.example' })).toEqual({
      code: WS_CLOSE.forbiddenOrigin,
      reason: 'origin https://evil.example is not allowed',
      messages: 0,
    });
  });

  it('refuses a connection without an Origin', async () => {
    expect((await closeOf(server.connectionUrl)).code).toBe(WS_CLOSE.forbiddenOrigin);
  });

  it("accepts its own origin, the page the web host serves", async () => {
    const transport = await connectWebSocketTransport(new WebSocket(server.connectionUrl, { origin: server.httpOrigin }));
    expect(await createRpcClient(workstationContract, transport).call('jobs.list', {})).toHaveProperty('jobs');
    transport.close();
  });

  it('makes the client fail with unauthorized and the reason when refused', async () => {
    const refused = connectWebSocketTransport(new WebSocket(`${base()}/rpc`, { origin: DEV_ORIGIN }));
    await expect(refused).rejects.toBeInstanceOf(RpcFailure);
    await expect(refused).rejects.toMatchObject({ code: 'unauthorized', message: 'The workstation refused the connection: a token is required (code 4401)' });
  });

  it('closes a connection that sends frames which are not requests', async () => {
    const socket = new WebSocket(server.connectionUrl, { origin: DEV_ORIGIN });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', () => socket.send('not json'));
    expect(await closed).toBe(WS_CLOSE.malformed);
  });

  it('answers plain HTTP with 404 unless the web host handles it', async () => {
    const response = await fetch(`${server.httpOrigin}/index.html`);
    expect(response.status).toBe(404);
  });

  it('fails calls pending on a closed connection with unavailable', async () => {
    const own = await startWebSocketRpcServer({ endpoint: createStubServer(), token, allowedOrigins: [DEV_ORIGIN] });
    const client = createRpcClient(workstationContract, await connectWebSocketTransport(new WebSocket(own.connectionUrl, { origin: DEV_ORIGIN })));
    const pending = client.call('download.start', { key: { exchange: 'bybit', market: 'spot', symbol: 'BTCUSDT', interval: '1m' }, from: 6 * 60_000 });
    await own.close();
    await expect(pending).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/shutting down \(code 1001\)/) });
  });
});
