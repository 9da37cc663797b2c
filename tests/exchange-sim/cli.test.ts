/**
 * `bst exchange-sim`: option parsing, what it prints, and that the server it starts answers.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src-main/cli/usage-error.ts';
import { runExchangeSimulatorCli } from './cli.ts';
import { get } from './test-support.ts';

describe('runExchangeSimulatorCli', () => {
  it('starts the simulator and prints its URL and endpoints', async () => {
    let out = '';
    const sim = await runExchangeSimulatorCli(['--port', '0', '--seed', '7', '--rate-limits', 'off'], (text) => (out += text));
    try {
      const [first, ...rest] = out.trimEnd().split('\n');
      expect(first).toBe(`exchange simulator listening on ${sim.url}`);
      expect(JSON.parse(rest.join('\n'))).toEqual(sim.endpoints);
      expect((await get(`${sim.endpoints.bybitRest}/v5/market/time`)).json.retCode).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it('serves the candles of its seed', async () => {
    const path = '/api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=1704067200000&limit=3';
    const seven = await runExchangeSimulatorCli(['--seed', '7'], () => {});
    const eight = await runExchangeSimulatorCli(['--seed', '8'], () => {});
    try {
      expect((await get(`${seven.endpoints.binanceSpotRest}${path}`)).text).not.toBe((await get(`${eight.endpoints.binanceSpotRest}${path}`)).text);
    } finally {
      await seven.close();
      await eight.close();
    }
  });

  it('rejects bad options with a usage error', async () => {
    await expect(runExchangeSimulatorCli(['--port', 'x'], () => {})).rejects.toThrow(UsageError);
    await expect(runExchangeSimulatorCli(['--port', '70000'], () => {})).rejects.toThrow(/--port 70000/);
    await expect(runExchangeSimulatorCli(['--seed', '1.5'], () => {})).rejects.toThrow(/--seed/);
    await expect(runExchangeSimulatorCli(['--rate-limits', 'sometimes'], () => {})).rejects.toThrow(/realistic or off/);
    await expect(runExchangeSimulatorCli(['--verbose'], () => {})).rejects.toThrow(/--verbose/);
  });
});
