/**
 * `npm run web` as a user meets it: the one line with the address, the hint when the pages
 * are not built (the RPC is served anyway), a clean stop on the abort signal, and one-line
 * errors for a wrong option or a port in use.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseWebArgs } from '../../src-main/web/options.ts';
import { runWeb } from '../../src-main/web/run.ts';
import { startWebHost, type WebHost } from '../../src-main/web/web-host.ts';
import { createRpcClient, webSocketUrl, workstationContract } from '../../src-shared/contract/index.ts';
import { connectWebSocketTransport } from '../../src-shared/contract/transports/websocket-client.ts';
import { createWebFixture, type WebFixture } from './web-host-support.ts';

let fixture: WebFixture;
beforeAll(() => {
  fixture = createWebFixture();
});
afterAll(() => fixture.dispose());

function io(staticDir: string) {
  const out: string[] = [];
  const errors: string[] = [];
  const controller = new AbortController();
  return { out, errors, controller, io: { write: (t: string) => out.push(t), writeError: (t: string) => errors.push(t), signal: controller.signal, staticDir } };
}

it('prints the address and, without a build, the hint; serves the RPC until aborted', async () => {
  const run = io(path.join(fixture.staticDir, 'not-built'));
  const exit = runWeb(['--data', fixture.dataDir], run.io);
  await expect.poll(() => run.out.length, { timeout: 10_000 }).toBe(2);
  const [started, hint] = run.out;
  const match = /^Bybit Strategy Tester running at (http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+)) \(data: (.+)\)\n$/.exec(started);
  expect(match?.[4]).toBe(path.resolve(fixture.dataDir));
  expect(hint).toMatch(/run npm run build first/);
  const [, url, port, token] = match ?? [];

  const page = await fetch(url);
  expect(page.status).toBe(503);
  expect(await page.text()).toMatch(/run npm run build first/);
  const transport = await connectWebSocketTransport(
    new WebSocket(webSocketUrl(`ws://127.0.0.1:${port}`, decodeURIComponent(token)), { origin: `http://127.0.0.1:${port}` }),
  );
  expect((await createRpcClient(workstationContract, transport).call('system.info', {})).dataDir).toBe(fixture.dataDir);
  transport.close();

  run.controller.abort();
  expect(await exit).toBe(0);
  expect(run.errors).toEqual([]);
});

it('ends a wrong option with one line and exit code 2', async () => {
  const run = io(fixture.staticDir);
  expect(await runWeb(['--port', 'eighty'], run.io)).toBe(2);
  expect(run.errors).toEqual(['web: --port eighty: expected a port number from 0 to 65535 (0 picks a free one)\n']);
  expect(await runWeb(['--bybit-rest', 'ws://127.0.0.1:9'], run.io)).toBe(2);
  expect(await runWeb(['--colour'], run.io)).toBe(2);
  expect(run.errors.every((line) => /^web: [^\n]+\n$/.test(line))).toBe(true);
});

it('says so in one line when the port is taken', async () => {
  const taken: WebHost = await startWebHost({ dataDir: fixture.dataDir, staticDir: fixture.staticDir });
  try {
    const run = io(fixture.staticDir);
    expect(await runWeb(['--data', fixture.dataDir, '--port', String(taken.port)], run.io)).toBe(1);
    expect(run.errors).toEqual(['web: that port is in use; choose another --port, or leave it out for a free one\n']);
  } finally {
    await taken.close();
  }
});

it('reads the exchange base URLs and defaults the data dir', () => {
  const command = parseWebArgs(['--bybit-rest', 'http://127.0.0.1:9000', '--binance-futures-ws', 'ws://127.0.0.1:9001/ws'], () => '/default/data');
  expect(command).toEqual({
    help: false,
    dataDir: '/default/data',
    port: undefined,
    endpoints: { bybitRest: 'http://127.0.0.1:9000', binanceFuturesWs: 'ws://127.0.0.1:9001/ws' },
  });
});
