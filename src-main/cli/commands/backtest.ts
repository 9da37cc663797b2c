/** `bst backtest`: runs a strategy over a candle file and prints or writes the results. */
import type { BacktestSettings, EndOfData, FillTiming, IntrabarPath } from '../../../src-engine/backtest/types.ts';
import type { ResolvedSizing } from '../../../src-engine/strategy/compile.ts';
import { resolveBacktestSettings } from '../../host/core/backtest-settings.ts';
import { readCandleCsvFile } from '../../host/csv/read-candle-csv.ts';
import type { MarketDefaults } from '../../host/core/cached-market-data.ts';
import { loadStrategyDocument, runStrategyBacktest } from '../../host/backtest/run-backtest.ts';
import { writeBacktestResults } from '../../host/backtest/write-results.ts';
import { backtestReportHtml } from '../../host/report/backtest-report.ts';
import { choiceOption, numberOption } from '../options.ts';
import { formatReport } from '../report.ts';
import { SERIES_OPTIONS } from '../series-options.ts';
import { parseParamOptions, UsageError } from '../usage-error.ts';
import { loadCommandCandles } from '../command-candles.ts';

export const BACKTEST_OPTIONS = {
  ...SERIES_OPTIONS,
  strategy: { type: 'string' },
  param: { type: 'string', multiple: true },
  capital: { type: 'string' },
  fee: { type: 'string' },
  'maker-fee': { type: 'string' },
  'fixed-fee': { type: 'string' },
  'slippage-bps': { type: 'string' },
  'slippage-ticks': { type: 'string' },
  leverage: { type: 'string' },
  'maintenance-margin': { type: 'string' },
  'liquidation-fee': { type: 'string' },
  sizing: { type: 'string' },
  'qty-step': { type: 'string' },
  'tick-size': { type: 'string' },
  'min-qty': { type: 'string' },
  'min-notional': { type: 'string' },
  fill: { type: 'string' },
  intrabar: { type: 'string' },
  'magnifier-data': { type: 'string' },
  'exits-live-from': { type: 'string' },
  'at-end': { type: 'string' },
  out: { type: 'string' },
} as const;

export type BacktestOptions = { [K in keyof typeof BACKTEST_OPTIONS]?: (typeof BACKTEST_OPTIONS)[K] extends { multiple: true } ? string[] : string };

/** `all-equity`, `percent:<p>`, `qty:<n>`, `notional:<n>` or `risk:<p>`. */
export function parseSizing(text: string | undefined): ResolvedSizing | undefined {
  if (text === undefined) return undefined;
  if (text === 'all-equity') return { mode: 'all-equity' };
  const [kind, amountText] = text.split(':');
  const amount = numberOption('sizing', amountText, Number.NaN, { above: 0 });
  switch (kind) {
    case 'percent':
      return { mode: 'percent-equity', percent: amount };
    case 'qty':
      return { mode: 'fixed-qty', qty: amount };
    case 'notional':
      return { mode: 'fixed-notional', notional: amount };
    case 'risk':
      return { mode: 'risk-percent', percent: amount };
    default:
      throw new UsageError(`--sizing ${text}: expected all-equity, percent:<p>, qty:<n>, notional:<n> or risk:<p>`);
  }
}

export function settingsFromOptions(options: BacktestOptions, defaults: MarketDefaults = {}): BacktestSettings {
  const given = (name: string, text: string | undefined, rule: Parameters<typeof numberOption>[3]) =>
    text === undefined ? undefined : numberOption(name, text, 0, rule);
  const magnifierFile = options['magnifier-data'];
  const intrabar = choiceOption<IntrabarPath>('intrabar', options.intrabar, ['pessimistic', 'tradingview', 'magnifier'], magnifierFile === undefined ? 'pessimistic' : 'magnifier');
  if (intrabar === 'magnifier' && magnifierFile === undefined) throw new UsageError('--intrabar magnifier needs --magnifier-data <lower-timeframe candles.csv>');
  const settings = resolveBacktestSettings(
    {
      initialCapital: given('capital', options.capital, { above: 0 }),
      takerFee: given('fee', options.fee, { min: 0, max: 0.1 }),
      makerFee: given('maker-fee', options['maker-fee'], { min: 0, max: 0.1 }),
      fixedFeePerOrder: given('fixed-fee', options['fixed-fee'], { min: 0 }),
      slippageBps: given('slippage-bps', options['slippage-bps'], { min: 0, max: 10_000 }),
      slippageTicks: given('slippage-ticks', options['slippage-ticks'], { min: 0 }),
      leverage: given('leverage', options.leverage, { min: 1, max: 125 }),
      maintenanceMarginRate: given('maintenance-margin', options['maintenance-margin'], { min: 0, max: 0.5 }),
      liquidationFeeRate: given('liquidation-fee', options['liquidation-fee'], { min: 0, max: 0.1 }),
      fill: options.fill === undefined ? undefined : choiceOption<FillTiming>('fill', options.fill, ['next-open', 'close'], 'next-open'),
      exitsLiveFrom:
        options['exits-live-from'] === undefined ? undefined : choiceOption('exits-live-from', options['exits-live-from'], ['entry-bar', 'next-bar'] as const, 'entry-bar'),
      atEnd: options['at-end'] === undefined ? undefined : choiceOption<EndOfData>('at-end', options['at-end'], ['leave-open', 'close-at-open', 'close-at-close'], 'leave-open'),
      instrument: {
        tickSize: given('tick-size', options['tick-size'], { min: 0 }),
        qtyStep: given('qty-step', options['qty-step'], { min: 0 }),
        minQty: given('min-qty', options['min-qty'], { min: 0 }),
        minNotional: given('min-notional', options['min-notional'], { min: 0 }),
      },
    },
    defaults,
  );
  return { ...settings, intrabar, magnifier: magnifierFile === undefined ? undefined : readCandleCsvFile(magnifierFile).candles };
}

export function runBacktestCommand(options: BacktestOptions, write: (text: string) => void): void {
  if (options.strategy === undefined) throw new UsageError('bst backtest needs --strategy <template name | spec.json>; see bst templates');
  const strategy = loadStrategyDocument(options.strategy);
  const sizing = parseSizing(options.sizing);
  const { candles, source, defaults } = loadCommandCandles('backtest', options);
  const settings = settingsFromOptions(options, defaults);
  const run = runStrategyBacktest({ strategy, params: parseParamOptions(options.param), candles, settings, sizing, dataSource: source });
  write(formatReport(run));
  if (options.out !== undefined) {
    const files = writeBacktestResults(options.out, run, candles.time, backtestReportHtml(run, candles, Date.now()));
    write(`\nwrote ${files.join(', ')} to ${options.out}\n`);
  }
}
