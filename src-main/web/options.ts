/**
 * The `npm run web` command line: where the data lives, which port, and the exchange base URLs
 * (so a development run can point at the exchange simulator). Mistakes are UsageErrors with
 * one line that says what to type instead.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/usage-error.ts';
import { resolveDataDir } from '../host/data-dir.ts';
import type { ExchangeEndpoints } from '../host/exchanges/index.ts';

export const WEB_HELP = `Bybit Strategy Tester — browser mode

Usage: npm run web -- [options]

  --port <n>                    Listen on 127.0.0.1:<n> (default: a free port)
  --data <dir>                  Where the candle cache and settings live (default: the folder chosen in Settings, else the desktop app's)
  --bybit-rest <url>            Exchange base URLs, e.g. the exchange simulator's (default: the public endpoints)
  --bybit-ws <url>
  --binance-spot-rest <url>
  --binance-spot-ws <url>
  --binance-futures-rest <url>
  --binance-futures-ws <url>
  --help                        Show this text

Open the printed address in a browser; it carries this launch's key, so share it with no one.
`;

export interface WebCommand {
  readonly help: boolean;
  readonly dataDir: string;
  readonly port: number | undefined;
  readonly endpoints: ExchangeEndpoints;
}

/** Option name -> the endpoint it sets and the URL schemes it accepts. */
const ENDPOINT_OPTIONS = {
  'bybit-rest': { key: 'bybitRest', schemes: ['http:', 'https:'] },
  'bybit-ws': { key: 'bybitWs', schemes: ['ws:', 'wss:'] },
  'binance-spot-rest': { key: 'binanceSpotRest', schemes: ['http:', 'https:'] },
  'binance-spot-ws': { key: 'binanceSpotWs', schemes: ['ws:', 'wss:'] },
  'binance-futures-rest': { key: 'binanceFuturesRest', schemes: ['http:', 'https:'] },
  'binance-futures-ws': { key: 'binanceFuturesWs', schemes: ['ws:', 'wss:'] },
} as const satisfies Record<string, { key: keyof ExchangeEndpoints; schemes: readonly string[] }>;

type EndpointOption = keyof typeof ENDPOINT_OPTIONS;

export function parseWebArgs(argv: readonly string[], dataDirDefault: () => string = resolveDataDir): WebCommand {
  const endpointOptions = Object.fromEntries(Object.keys(ENDPOINT_OPTIONS).map((name) => [name, { type: 'string' }])) as Record<EndpointOption, { type: 'string' }>;
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean' }, ...endpointOptions },
  });
  const endpoints: Record<string, string> = {};
  for (const [name, { key, schemes }] of Object.entries(ENDPOINT_OPTIONS) as [EndpointOption, (typeof ENDPOINT_OPTIONS)[EndpointOption]][]) {
    const value = values[name];
    if (typeof value === 'string') endpoints[key] = checkedUrl(name, value, schemes);
  }
  const data = values.data;
  if (data === '') throw new UsageError('--data needs a folder, e.g. --data ./my-data');
  return {
    help: values.help === true,
    dataDir: typeof data === 'string' ? data : dataDirDefault(),
    port: typeof values.port === 'string' ? checkedPort(values.port) : undefined,
    endpoints,
  };
}

function checkedPort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new UsageError(`--port ${text}: expected a port number from 0 to 65535 (0 picks a free one)`);
  return port;
}

function checkedUrl(option: string, text: string, schemes: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--${option} ${text}: expected a URL such as ${schemes[0]}//127.0.0.1:9000`);
  }
  if (!schemes.includes(url.protocol)) throw new UsageError(`--${option} ${text}: expected a ${schemes.join(' or ')} URL`);
  return text;
}
