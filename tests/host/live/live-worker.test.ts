/**
 * Live candles through the contract, as a window sees them: a real core worker thread on a
 * temp cache, the exchange simulator on the wall clock, and only the typed client here.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PayloadOf } from '../../../src-shared/contract/index.ts';
import type { WorkstationContract } from '../../../src-shared/contract/workstation.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { type ExchangeSimulator, startExchangeSimulator } from '../../exchange-sim/index.ts';
import { type CoreWorkerHarness, failureOf, startHarness } from '../core-worker/core-worker-support.ts';
import { MINUTE, rowsOf, waitFor } from './live-support.ts';

let sim: ExchangeSimulator;
let core: CoreWorkerHarness;

beforeAll(async () => {
  sim = await startExchangeSimulator({ streamRate: 20, rateLimits: 'off' });
  core = await startHarness(sim.endpoints);
});

afterAll(async () => {
  await core.dispose();
  await sim.close();
});

it('subscribes, streams the forming candle and status, renews and unsubscribes over the contract', async () => {
  const key: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'SOLUSDT', interval: '1m' };
  const candles: Array<PayloadOf<WorkstationContract, 'live.candles'>> = [];
  const statuses: Array<PayloadOf<WorkstationContract, 'live.status'>> = [];
  core.client.on('live.candles', (payload) => candles.push(payload));
  core.client.on('live.status', (payload) => statuses.push(payload));

  const sub = await core.client.call('live.subscribe', { key, historyBars: 10 });
  expect(sub.key).toEqual(key);
  expect(sub.history.time.length).toBe(10);
  const from = sub.history.time[0];
  expect(rowsOf(sub.history)).toEqual(rowsOf(sim.truth(key, from, from + 10 * MINUTE)));

  const formingNow = await waitFor(() => candles.find((payload) => payload.subscriptionId === sub.subscriptionId && payload.forming !== undefined), 5000, 'a forming candle');
  expect(formingNow.forming?.time).toBeGreaterThanOrEqual(from + 10 * MINUTE);
  if (sub.status.state !== 'live') await waitFor(() => statuses.find((s) => s.subscriptionId === sub.subscriptionId && s.state === 'live'), 5000, 'live');

  expect(await core.client.call('live.renew', { subscriptionIds: [sub.subscriptionId, 'gone'] })).toEqual({ unknown: ['gone'] });
  expect(await core.client.call('live.unsubscribe', { subscriptionId: sub.subscriptionId })).toEqual({ released: true });
  expect(await core.client.call('live.renew', { subscriptionIds: [sub.subscriptionId] })).toEqual({ unknown: [sub.subscriptionId] });
  await waitFor(() => sim.stats().connections.websocket === 0, 5000, 'the upstream connection to close');

  const inverse = await failureOf(core.client.call('live.subscribe', { key: { ...key, exchange: 'binance', market: 'inverse' } }));
  expect(inverse.code).toBe('invalid-input');
});
