/** The backtest report printed to the terminal: metrics for All / Long / Short, last trades, warnings. */
import type { BacktestMetrics, SideMetrics } from '../../src-engine/backtest/metrics.ts';
import { isoTime } from '../../src-engine/candles.ts';
import type { BacktestRun } from '../host/backtest/run-backtest.ts';

type Format = (value: number | null) => string;
const money: Format = (v) => (v === null ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const pct: Format = (v) => (v === null ? '—' : `${v.toFixed(2)}%`);
const ratio: Format = (v) => (v === null ? '—' : v.toFixed(3));
const count: Format = (v) => (v === null ? '—' : String(v));

const ROWS: Array<[string, keyof SideMetrics, Format]> = [
  ['Net profit', 'netProfit', money],
  ['Total return', 'totalReturnPct', pct],
  ['CAGR', 'cagrPct', pct],
  ['Buy & hold return', 'buyHoldReturnPct', pct],
  ['Max drawdown', 'maxDrawdownPct', pct],
  ['Sharpe', 'sharpe', ratio],
  ['Sortino', 'sortino', ratio],
  ['Calmar', 'calmar', ratio],
  ['Profit factor', 'profitFactor', ratio],
  ['Trades', 'trades', count],
  ['Win rate', 'winRatePct', pct],
  ['Avg trade', 'avgTradePct', pct],
  ['Expectancy', 'expectancy', money],
  ['SQN', 'sqn', ratio],
  ['Exposure', 'exposurePct', pct],
  ['Fees', 'totalFees', money],
  ['Funding', 'totalFunding', money],
];

function metricsTable(metrics: BacktestMetrics): string[] {
  const lines = [`${''.padEnd(20)}${'All'.padStart(16)}${'Long'.padStart(16)}${'Short'.padStart(16)}`];
  for (const [label, key, format] of ROWS) {
    const cell = (side: SideMetrics) => format(side[key] as number | null).padStart(16);
    lines.push(`${label.padEnd(20)}${cell(metrics.all)}${cell(metrics.long)}${cell(metrics.short)}`);
  }
  return lines;
}

export function formatReport(run: BacktestRun, lastTrades = 10): string {
  const { manifest, result, metrics } = run;
  const all = metrics.all;
  const lines = [
    `${manifest.strategyName}  ${Object.entries(manifest.parameters).map(([k, v]) => `${k}=${v}`).join(' ')}`,
    `${manifest.dataSource}: ${manifest.bars} bars ${manifest.firstBarTime ?? ''} .. ${manifest.lastBarTime ?? ''}`,
    `capital ${money(all.initialCapital)} -> final equity ${money(all.finalEquity)}`,
    '',
    ...metricsTable(metrics),
  ];
  const shown = result.trades.slice(-lastTrades);
  if (shown.length > 0) {
    lines.push('', `Last ${shown.length} of ${result.trades.length} trades`);
    lines.push(`${'side'.padEnd(6)}${'entry'.padEnd(26)}${'exit'.padEnd(26)}${'qty'.padStart(14)}${'pnl'.padStart(14)}${'return'.padStart(10)}  reason`);
    for (const t of shown) {
      lines.push(
        `${t.side.padEnd(6)}${`${isoTime(t.entryTime).slice(0, 16)} ${t.entryPrice}`.padEnd(26)}${`${isoTime(t.exitTime).slice(0, 16)} ${t.exitPrice}`.padEnd(26)}` +
          `${String(Number(t.qty.toPrecision(10))).padStart(14)}${money(t.pnl).padStart(14)}${pct(t.returnPct).padStart(10)}  ${t.exitReason}`,
      );
    }
  }
  for (const open of result.openTrades) {
    lines.push('', `Open at the end (not in the trade statistics): ${open.side} ${open.qty} from ${isoTime(open.entryTime)} at ${open.entryPrice}, unrealized ${money(open.unrealizedPnl)}`);
  }
  if (result.rejectedOrders.length > 0) {
    const first = result.rejectedOrders[0];
    lines.push('', `${result.rejectedOrders.length} order(s) rejected; first at bar ${first.bar}: ${first.reason}`);
  }
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}
