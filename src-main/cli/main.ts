/**
 * The `bst` command line: headless access to the engine. Every failure ends with one clear
 * message and a non-zero exit code, never a stack trace (set BST_DEBUG=1 to see one).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BACKTEST_OPTIONS, runBacktestCommand } from './commands/backtest.ts';
import { runIndicators } from './commands/indicators.ts';
import { runImportStrategy } from './commands/import-strategy.ts';
import { runTemplates } from './commands/templates.ts';
import { runValidate } from './commands/validate.ts';
import { UsageError } from './usage-error.ts';

const HELP = `Bybit Strategy Tester — command line

Usage: bst <command> [options]

Commands:
  indicators --data <candles.csv> --ind <kind[:params][@source]> ... [--out <file.csv>]
      Compute indicators over a candle CSV, e.g. --ind sma:20 --ind rsi:14 --ind macd:12,26,9
  backtest --data <candles.csv> --strategy <template | spec.json> [--param name=value ...]
           [--capital 10000] [--fee 0.0006] [--maker-fee f] [--fixed-fee f] [--slippage-bps b]
           [--slippage-ticks t] [--leverage 1] [--sizing all-equity|percent:<p>|qty:<n>|notional:<n>|risk:<p>]
           [--qty-step s] [--tick-size t] [--min-qty q] [--min-notional v] [--fill next-open|close]
           [--intrabar pessimistic|tradingview|magnifier] [--magnifier-data <lower-tf.csv>]
           [--exits-live-from entry-bar|next-bar] [--at-end leave-open|close-at-open|close-at-close]
           [--out <dir>]
      Backtest a strategy; prints a report, and with --out writes trades.csv, equity.csv,
      metrics.json, open-trades.csv, rejected-orders.csv and manifest.json
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

export function runCli(argv: readonly string[], write: Write, writeError: Write): number {
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

function reportFailure(error: unknown, writeError: Write): number {
  const isUsage = error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  const message = error instanceof Error ? error.message : String(error);
  writeError(`bst: ${message}\n`);
  if (process.env.BST_DEBUG === '1' && error instanceof Error && error.stack !== undefined) writeError(`${error.stack}\n`);
  return isUsage ? 2 : 1;
}
