/**
 * The `bst` command line: headless access to the engine. Every failure ends with one clear
 * message and a non-zero exit code, never a stack trace (set BST_DEBUG=1 to see one).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BACKTEST_OPTIONS, runBacktestCommand } from './commands/backtest.ts';
import { CACHE_OPTIONS, runExport, runImport, runInventory, runResample } from './commands/cache.ts';
import { DOWNLOAD_OPTIONS, runDownload } from './commands/download.ts';
import { runIndicators } from './commands/indicators.ts';
import { runImportStrategy } from './commands/import-strategy.ts';
import { MONTECARLO_OPTIONS, runMonteCarloCommand } from './commands/montecarlo.ts';
import { OPTIMISE_OPTIONS, runOptimiseCommand } from './commands/optimise.ts';
import { runTemplates } from './commands/templates.ts';
import { runValidate } from './commands/validate.ts';
import { UsageError } from './usage-error.ts';

const HELP = `Bybit Strategy Tester — command line

Usage: bst <command> [options]

Commands:
  indicators --data <candles.csv> --ind <kind[:params][@source]> ... [--out <file.csv>]
      Compute indicators over a candle CSV, e.g. --ind sma:20 --ind rsi:14 --ind macd:12,26,9
  download --exchange bybit|binance --market spot|linear|inverse --symbol BTCUSDT --interval 1m
           --from 2024-01-01 [--to 2024-03-01] [--data <dir>] [--base-url <url>] [--concurrency 4]
      Fill the candle cache (only what is missing; resumable; Ctrl+C keeps what is done)
  import <files...> [--exchange .. --market .. --symbol .. --interval ..] [--data <dir>]
      Import generic OHLCV CSVs, Binance kline CSVs or Binance Vision .zip archives (checksums verified)
  export --exchange .. --market .. --symbol .. --interval .. [--from ..] [--to ..] --out <file.csv>
      Write a cached series as the generic OHLCV CSV
  inventory [--json] [--data <dir>]
      What the cache holds: first, last, count, expected, gaps (exchange outages), not downloaded
  resample --exchange .. --market .. --symbol .. --interval 1h [--from ..] [--to ..] --out <file.csv>
      Build a higher timeframe from the finest cached one
  exchange-sim [--port 0] [--seed 1] [--rate-limits realistic|off]
      Start the local Bybit/Binance simulator (development checkouts only)
  backtest --data <candles.csv> --strategy <template | spec.json> [--param name=value ...]
           [--capital 10000] [--fee 0.0006] [--maker-fee f] [--fixed-fee f] [--slippage-bps b]
           [--slippage-ticks t] [--leverage 1] [--sizing all-equity|percent:<p>|qty:<n>|notional:<n>|risk:<p>]
           [--qty-step s] [--tick-size t] [--min-qty q] [--min-notional v] [--fill next-open|close]
           [--intrabar pessimistic|tradingview|magnifier] [--magnifier-data <lower-tf.csv>]
           [--exits-live-from entry-bar|next-bar] [--at-end leave-open|close-at-open|close-at-close]
           [--out <dir>]
      Backtest a strategy; prints a report, and with --out writes trades.csv, equity.csv,
      metrics.json, open-trades.csv, rejected-orders.csv, manifest.json and report.html. Instead of
      --data <csv>, --exchange --market --symbol --interval [--from] [--to] [--data <dir>]
      reads the cache (resampling a lower interval if needed) with its instrument rules, funding
      and the settings' default fees for that market (--fee defaults to 0.0006 for CSV data)
  optimise --data <candles.csv> | --exchange .. --market .. --symbol .. --interval .. [--from] [--to]
           --strategy <template | spec.json> [--method grid|random|bayes] --param fast=5:50:1
           [--param slow=20,40,80 ...] [--constraint "fast < slow" ...] [--objective sharpe ...]
           [--objective maxDrawdownPct:min] [--min-trades N] [--max-drawdown P] [--trials 100]
           [--seed 1] [--workers N] [--walk-forward is=180d,oos=30d[,step=30d][,anchored]]
           [backtest settings as for backtest] --out <dir>
      Search parameters on every core: domains are min:max:step, a list a,b,c or one value (the
      strategy's other parameters keep their defaults). Writes results.csv (one row per trial:
      parameters, scores, key metrics) and best.json (best, Pareto front with several objectives,
      deflated Sharpe, plateau scores); with --walk-forward also windows.csv and oos-equity.csv.
      Progress on stderr; Ctrl+C stops and writes what finished
  montecarlo --trades <trades.csv> [--method reshuffle|bootstrap|skip] [--skip 10]
             [--simulations 1000] [--seed 1] [--capital 10000] [--out <dir>]
      Monte Carlo over a trade list (bst backtest's trades.csv): percentiles of final equity and
      maximum drawdown; with --out writes montecarlo-bands.csv (equity bands per trade)
  validate <spec.json> [--param name=value ...]
      Check a strategy file (new format or the older flat format)
  import-strategy <old.json> [--out <spec.json>]
      Convert an older flat-format strategy to the strategy language
  templates [--json]
      List the built-in strategy templates and their parameters
  help
      Show this text
`;

type Write = (text: string) => void;

export interface CliIo {
  readonly write: Write;
  readonly writeError: Write;
  /** Aborted on Ctrl+C: long commands stop cleanly and keep what they finished. */
  readonly signal?: AbortSignal;
  /** Whether stderr is a terminal (progress redraws in place) or a pipe (one line per step). */
  readonly interactive?: boolean;
}

const PROJECT_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { write, writeError } = io;
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        write(HELP);
        return 0;
      case 'indicators': {
        const { values } = parseArgs({
          args: rest,
          options: { data: { type: 'string' }, ind: { type: 'string', multiple: true }, out: { type: 'string' } },
        });
        runIndicators(values, write);
        return 0;
      }
      case 'backtest': {
        const { values } = parseArgs({ args: rest, options: BACKTEST_OPTIONS });
        runBacktestCommand(values, write);
        return 0;
      }
      case 'download': {
        const { values } = parseArgs({ args: rest, options: DOWNLOAD_OPTIONS });
        await runDownload(values, { write, writeProgress: writeError, interactive: io.interactive ?? false, signal: io.signal });
        return 0;
      }
      case 'import': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: CACHE_OPTIONS });
        runImport(positionals, values, write);
        return 0;
      }
      case 'export': {
        runExport(parseArgs({ args: rest, options: CACHE_OPTIONS }).values, write);
        return 0;
      }
      case 'inventory': {
        runInventory(parseArgs({ args: rest, options: CACHE_OPTIONS }).values, write);
        return 0;
      }
      case 'resample': {
        runResample(parseArgs({ args: rest, options: CACHE_OPTIONS }).values, write);
        return 0;
      }
      case 'exchange-sim':
        return await runExchangeSim(rest, io);
      case 'optimise': {
        const { values } = parseArgs({ args: rest, options: OPTIMISE_OPTIONS });
        return await runOptimiseCommand(values, { write, writeProgress: writeError, signal: io.signal });
      }
      case 'montecarlo': {
        runMonteCarloCommand(parseArgs({ args: rest, options: MONTECARLO_OPTIONS }).values, write);
        return 0;
      }
      case 'validate': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { param: { type: 'string', multiple: true } },
        });
        return runValidate(positionals[0], values, write);
      }
      case 'import-strategy': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: 'string' } } });
        runImportStrategy(positionals[0], values, write, (file, text) => writeFileSync(file, text));
        return 0;
      }
      case 'templates': {
        const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
        runTemplates(values, write);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"; run "bst help" for the list`);
    }
  } catch (error) {
    return reportFailure(error, writeError);
  }
}

/**
 * The simulator lives with the tests (it is a stand-in for the exchanges, not part of the
 * product), so it is loaded at run time and only exists in a development checkout.
 */
async function runExchangeSim(argv: readonly string[], io: CliIo): Promise<number> {
  const modulePath = path.join(PROJECT_ROOT, 'tests', 'exchange-sim', 'cli.ts');
  if (!existsSync(modulePath)) throw new UsageError('bst exchange-sim is a development tool; it is not part of this installation');
  const simulatorCli = (await import(pathToFileURL(modulePath).href)) as {
    runExchangeSimulatorCli(argv: readonly string[], write: Write): Promise<{ close(): Promise<void> }>;
  };
  const simulator = await simulatorCli.runExchangeSimulatorCli(argv, io.write);
  io.write('press Ctrl+C to stop\n');
  const signal = io.signal;
  if (signal !== undefined && !signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  await simulator.close();
  return 0;
}

function reportFailure(error: unknown, writeError: Write): number {
  const isUsage = error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  const cancelled = error instanceof Error && 'kind' in error && error.kind === 'cancelled';
  const message = error instanceof Error ? error.message : String(error);
  writeError(`bst: ${message}\n`);
  if (process.env.BST_DEBUG === '1' && error instanceof Error && error.stack !== undefined) writeError(`${error.stack}\n`);
  if (cancelled) return 130;
  return isUsage ? 2 : 1;
}
