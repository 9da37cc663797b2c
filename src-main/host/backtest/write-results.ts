/**
 * A backtest written to a folder: trades.csv, equity.csv, metrics.json, open-trades.csv,
 * rejected-orders.csv, manifest.json and report.html (rendered by the caller). Bars are 0-based
 * rows of the input; times ISO 8601 UTC; numbers at full precision; empty cells for values that
 * do not exist (an R multiple without a stop).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Trade } from '../../../src-engine/backtest/types.ts';
import { isoTime } from '../../../src-engine/candles.ts';
import type { BacktestRun } from './run-backtest.ts';

type Cell = string | number;

function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const format = (cell: Cell): string => (typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : cell);
  return `${[header.join(','), ...rows.map((row) => row.map(format).join(','))].join('\n')}\n`;
}

export const TRADE_COLUMNS = [
  'side',
  'qty',
  'entry_bar',
  'entry_time',
  'entry_price',
  'exit_bar',
  'exit_time',
  'exit_price',
  'fees',
  'entry_fee',
  'exit_fee',
  'funding',
  'pnl',
  'return_pct',
  'r_multiple',
  'mae_pct',
  'mfe_pct',
  'bars_held',
  'exit_reason',
] as const;

export function tradesCsv(trades: readonly Trade[]): string {
  return csv(
    TRADE_COLUMNS,
    trades.map((t) => [
      t.side,
      t.qty,
      t.entryBar,
      isoTime(t.entryTime),
      t.entryPrice,
      t.exitBar,
      isoTime(t.exitTime),
      t.exitPrice,
      t.entryFee + t.exitFee,
      t.entryFee,
      t.exitFee,
      t.funding,
      t.pnl,
      t.returnPct,
      t.rMultiple,
      t.maePct,
      t.mfePct,
      t.barsHeld,
      t.exitReason,
    ]),
  );
}

export function equityCsv(run: BacktestRun, time: Float64Array): string {
  const { equity } = run.result;
  const rows: Cell[][] = [];
  for (let i = 0; i < equity.length; i++) rows.push([i, isoTime(time[i]), equity[i]]);
  return csv(['bar', 'time', 'equity'], rows);
}

export function writeBacktestResults(directory: string, run: BacktestRun, time: Float64Array, reportHtml: string): string[] {
  mkdirSync(directory, { recursive: true });
  const files: Array<[string, string]> = [
    ['trades.csv', tradesCsv(run.result.trades)],
    ['equity.csv', equityCsv(run, time)],
    ['metrics.json', `${JSON.stringify(run.metrics, null, 2)}\n`],
    [
      'open-trades.csv',
      csv(
        ['side', 'qty', 'entry_bar', 'entry_time', 'entry_price', 'entry_fee', 'funding', 'mark_price', 'unrealized_pnl'],
        run.result.openTrades.map((t) => [t.side, t.qty, t.entryBar, isoTime(t.entryTime), t.entryPrice, t.entryFee, t.funding, t.markPrice, t.unrealizedPnl]),
      ),
    ],
    [
      'rejected-orders.csv',
      csv(
        ['bar', 'time', 'side', 'qty', 'price', 'reason'],
        run.result.rejectedOrders.map((r) => [r.bar, isoTime(r.time), r.side, r.qty, r.price, `"${r.reason.replace(/"/g, '""')}"`]),
      ),
    ],
    ['manifest.json', `${JSON.stringify(run.manifest, null, 2)}\n`],
    ['report.html', reportHtml],
  ];
  for (const [name, text] of files) writeFileSync(path.join(directory, name), text);
  return files.map(([name]) => name);
}
