/**
 * `bst exchange-sim`: starts the simulator from the command line and prints where it listens,
 * so the desktop app or a manual session can be pointed at it.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../../src-main/cli/usage-error.ts';
import { type ExchangeSimulator, startExchangeSimulator } from './index.ts';

export const EXCHANGE_SIM_USAGE = 'bst exchange-sim [--port 0] [--seed 1] [--rate-limits realistic|off]';

/** Parses the options, starts the server and writes its URL and endpoints; the caller closes it. */
export async function runExchangeSimulatorCli(argv: readonly string[], write: (text: string) => void): Promise<ExchangeSimulator> {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string', default: '0' }, seed: { type: 'string', default: '1' }, 'rate-limits': { type: 'string', default: 'realistic' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port ${values.port}: expected a port number 0-65535 (0 picks a free one); usage: ${EXCHANGE_SIM_USAGE}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${values.seed}: expected an integer; usage: ${EXCHANGE_SIM_USAGE}`);
  const rateLimits = values['rate-limits'];
  if (rateLimits !== 'realistic' && rateLimits !== 'off') throw new UsageError(`--rate-limits ${rateLimits}: expected realistic or off; usage: ${EXCHANGE_SIM_USAGE}`);

  const simulator = await startExchangeSimulator({ port, seed, rateLimits });
  write(`exchange simulator listening on ${simulator.url}\n`);
  write(`${JSON.stringify(simulator.endpoints, null, 2)}\n`);
  return simulator;
}
