/**
 * The web host for real: a core worker thread on a temp data dir, one HTTP server on
 * 127.0.0.1 serving a fake renderer build with strict headers, and the contract over the
 * WebSocket at /rpc, reached through the typed client as the renderer reaches it. It must
 * refuse a socket without this launch's token or from another Origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../src-main/web/web-host.ts';
import { createRpcClient, RpcFailure, WS_CLOSE, webSocketUrl, workstationContract } from '../../src-shared/contract/index.ts';
import { connectWebSocketTransport } from '../../src-shared/contract/transports/websocket-client.ts';
import { ASSET_JS, ASSET_PATH, createWebFixture, INDEX_HTML, rawGet, SECRET, type WebFixture } from './web-host-support.ts';

let fixture: WebFixture;
let host: WebHost;
beforeAll(async () => {
  fixture = createWebFixture();
  host = await startWebHost({ dataDir: fixture.dataDir, staticDir: fixture.staticDir });
});
afterAll(async () => {
  await host.close();
  fixture.dispose();
});

/** A generic candle CSV of `bars` one-minute rows from `from`, as bytes. */
function minuteCsv(from: number, bars: number): Uint8Array {
  const rows = Array.from({ length: bars }, (_, i) => `${new Date(from + i * 60_000).toISOString()},100.5,101.25,99.75,100.125,12.5`);
  return new TextEncoder().encode(`time,open,high,low,close,volume\n${rows.join('\n')}\n`);
}

const origin = () => `http://127.0.0.1:${host.port}`;

/** How the server ended a raw socket; a socket that gets its welcome is closed here so a wrong accept fails fast. */
function closeOf(url: string, headers: { origin?: string }): Promise<{ code: number; reason: string; messages: number }> {
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

describe('the page', () => {
  it('gives an address on 127.0.0.1 with the token in the fragment', () => {
    const url = new URL(host.url);
    expect(url.origin).toBe(origin());
    expect(url.pathname).toBe('/');
    expect(new URLSearchParams(url.hash.slice(1)).get('token')).toBe(host.token);
    expect(host.rendererBuilt).toBe(true);
  });

  it('serves index.html at / with a strict CSP and the other security headers', async () => {
    const response = await fetch(`${origin()}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        `connect-src 'self' ws://127.0.0.1:${host.port}`,
        "frame-ancestors 'none'",
      ]),
    );
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers a client-side route with index.html', async () => {
    const response = await fetch(`${origin()}/strategies/42?tab=trades`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves an asset with its Content-Type, cached for good since its name carries a hash', async () => {
    const response = await fetch(`${origin()}${ASSET_PATH}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(ASSET_JS);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing file with 404, security headers included', async () => {
    const response = await fetch(`${origin()}/assets/missing.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5cpackage.json', '/assets/%2E%2E/%2E%2E/package.json'])(
    'refuses the traversal %s',
    async (target) => {
      const response = await rawGet(host.port, target);
      expect(response.status).toBe(400);
      expect(response.body).not.toContain(SECRET.trim());
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    },
  );

  it('refuses another Host name (DNS rebinding) and methods other than GET and HEAD', async () => {
    expect((await rawGet(host.port, '/', { host: `attacker.example:${host.port}` })).status).toBe(421);
    const post = await rawGet(host.port, '/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('the RPC socket', () => {
  it('serves the contract to the page with the token and its own Origin', async () => {
    const transport = await connectWebSocketTransport(new WebSocket(webSocketUrl(`ws://127.0.0.1:${host.port}`, host.token), { origin: origin() }));
    try {
      const client = createRpcClient(workstationContract, transport, { validateOutput: true });
      const info = await client.call('system.info', {});
      expect(info.dataDir).toBe(fixture.dataDir);
      // Validated here, at the trust boundary, before the core sees it.
      const refused = await transport.call('backtest.start', { strategy: 42 });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    } finally {
      transport.close();
    }
  });

  it('imports a 1 MB CSV uploaded through the socket, and takes a file above ws\'s default 16 MiB message limit', async () => {
    const transport = await connectWebSocketTransport(new WebSocket(webSocketUrl(`ws://127.0.0.1:${host.port}`, host.token), { origin: origin() }));
    try {
      const client = createRpcClient(workstationContract, transport, { validateOutput: true });
      const csv = minuteCsv(Date.UTC(2024, 0, 1), 25_000);
      expect(csv.byteLength).toBeGreaterThan(1_000_000);
      const key = { exchange: 'binance', market: 'spot', symbol: 'UPLUSDT', interval: '1m' } as const;
      const report = await client.call('cache.import', { files: [{ name: 'upload.csv', bytes: csv }], target: key });
      expect(report).toMatchObject({ candles: 25_000, files: [{ file: 'upload.csv', key, candles: 25_000 }] });
      expect((await client.call('cache.inventory', {})).series.find((s) => s.key.symbol === 'UPLUSDT')).toMatchObject({ count: 25_000 });
      // 17 MiB of nonsense: refused by the importer as data, not by the socket as too large.
      const big = new Uint8Array(17 * 1024 * 1024).fill(0x78);
      const failure = await client.call('cache.import', { files: [{ name: 'big.csv', bytes: big }], target: key }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RpcFailure);
      expect(failure).toMatchObject({ code: 'data', message: expect.stringMatching(/^big\.csv/) });
    } finally {
      transport.close();
    }
  });

  it('refuses a socket without the token', async () => {
    expect(await closeOf(`ws://127.0.0.1:${host.port}/rpc`, { origin: origin() })).toMatchObject({ code: WS_CLOSE.unauthorized, messages: 0 });
  });

  it('refuses a socket with a wrong token', async () => {
    const wrong = webSocketUrl(`ws://127.0.0.1:${host.port}`, `${host.token.slice(0, -1)}${host.token.endsWith('x') ? 'y' : 'x'}`);
    expect(await closeOf(wrong, { origin: origin() })).toMatchObject({ code: WS_CLOSE.unauthorized, messages: 0 });
  });

  it('refuses a socket from another Origin, or with none, even with the token', async () => {
    const url = webSocketUrl(`ws://127.0.0.1:${host.port}`, host.token);
    expect(await closeOf(url, { origin: 'https://evil.example' })).toMatchObject({ code: WS_CLOSE.forbiddenOrigin, messages: 0 });
    expect(await closeOf(url, { origin: 'http://127.0.0.1:1' })).toMatchObject({ code: WS_CLOSE.forbiddenOrigin, messages: 0 });
    expect(await closeOf(url, {})).toMatchObject({ code: WS_CLOSE.forbiddenOrigin, messages: 0 });
  });

  it('reports a refusal to the typed client as unauthorized', async () => {
    const connecting = connectWebSocketTransport(new WebSocket(webSocketUrl(`ws://127.0.0.1:${host.port}`, 'not-the-token'), { origin: origin() }));
    await expect(connecting).rejects.toBeInstanceOf(RpcFailure);
    await expect(connecting).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('a core that dies', () => {
  it('is announced to the page as core.status crashed', async () => {
    const other = createWebFixture();
    const third = await startWebHost({ dataDir: other.dataDir, staticDir: other.staticDir, log: () => {} });
    const own = `http://127.0.0.1:${third.port}`;
    const transport = await connectWebSocketTransport(new WebSocket(webSocketUrl(`ws://127.0.0.1:${third.port}`, third.token), { origin: own }));
    try {
      const client = createRpcClient(workstationContract, transport, { validateOutput: true });
      const crashed = new Promise<string>((resolve) => client.on('core.status', ({ state }) => state === 'crashed' && resolve(state)));
      await third.worker.terminate();
      expect(await crashed).toBe('crashed');
    } finally {
      transport.close();
      await third.close();
      other.dispose();
    }
  });
});

describe('close()', () => {
  it('stops the server and the core worker thread', async () => {
    const other = createWebFixture();
    const second = await startWebHost({ dataDir: other.dataDir, staticDir: other.staticDir });
    const exited = new Promise<number>((resolve) => second.worker.once('exit', resolve));
    try {
      await second.close();
      await exited;
      expect(second.worker.threadId).toBe(-1);
      await expect(fetch(`http://127.0.0.1:${second.port}/`)).rejects.toThrow();
      await second.close();
    } finally {
      other.dispose();
    }
  });
});
