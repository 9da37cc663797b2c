/**
 * Stream faults for live-feed tests: every push twice, the previous bar pushed again after
 * the current one (closed, then as it looked while forming), and refused connections.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type ExchangeSimulator, acceleratedClock, startExchangeSimulator } from './index.ts';
import { RecordingSocket } from './test-support.ts';

let sim: ExchangeSimulator;
const sockets: RecordingSocket[] = [];

beforeAll(async () => {
  sim = await startExchangeSimulator({ clock: acceleratedClock(Date.UTC(2024, 2, 1, 12), 120), streamRate: 20, rateLimits: 'off' });
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
  sim.setStreamFaults({});
});

afterAll(async () => {
  await sim.close();
});

async function subscribed(): Promise<RecordingSocket> {
  const socket = await RecordingSocket.open(`${sim.endpoints.bybitWs}/v5/public/linear`);
  sockets.push(socket);
  socket.send({ op: 'subscribe', args: ['kline.1.BTCUSDT'] });
  return socket;
}

const klines = (socket: RecordingSocket) => socket.messages.filter((m) => m.topic === 'kline.1.BTCUSDT').map((m) => m.data[0]);

it('sends every push twice', async () => {
  sim.setStreamFaults({ duplicates: true });
  const socket = await subscribed();
  await socket.next((m) => m.topic === 'kline.1.BTCUSDT' && m.data[0].confirm === true);
  const pushes = klines(socket);
  const even = pushes.length - (pushes.length % 2);
  for (let i = 0; i < even; i += 2) expect(pushes[i + 1]).toEqual(pushes[i]);
});

it('pushes the previous bar after the current one, closed and then forming', async () => {
  sim.setStreamFaults({ outOfOrder: true });
  const socket = await subscribed();
  await socket.next((m) => m.topic === 'kline.1.BTCUSDT', 5000, 3);
  const [current, previousClosed, previousForming] = klines(socket).slice(0, 3);
  expect(previousClosed).toMatchObject({ start: current.start - 60_000, confirm: true });
  expect(previousForming).toMatchObject({ start: current.start - 60_000, confirm: false });
});

it('refuses new connections while asked to', async () => {
  sim.setStreamFaults({ refuseConnections: true });
  await expect(RecordingSocket.open(`${sim.endpoints.binanceSpotWs}/ws`)).rejects.toThrow(/503/);
  sim.setStreamFaults({});
  sockets.push(await RecordingSocket.open(`${sim.endpoints.binanceSpotWs}/ws`));
});
