/** The trades table's columns: header, width, alignment and how a trade's cell reads. */
import type { TradeColumns, TradeTableColumn } from '../../../src-shared/backtest-view/trades.ts';
import { utcMinute } from '../../../src-shared/time-text.ts';

export interface TradeColumnView {
  readonly column: TradeTableColumn;
  readonly header: string;
  readonly width: string;
  readonly numeric: boolean;
  readonly text: (trades: TradeColumns, index: number) => string;
}

/** Eight significant digits: enough for any price or size, without binary noise. */
function plain(value: number): string {
  return Number(value.toPrecision(8)).toLocaleString('en-US', { maximumFractionDigits: 10 });
}

/** NaN marks a value the trade does not have (an R multiple without a stop). */
function fixed(value: number, digits: number): string {
  return Number.isNaN(value) ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const TRADE_COLUMN_VIEWS: readonly TradeColumnView[] = [
  { column: 'index', header: '#', width: '52px', numeric: true, text: (_t, i) => String(i + 1) },
  { column: 'side', header: 'Side', width: '56px', numeric: false, text: (t, i) => t.side[i] },
  { column: 'entryTime', header: 'Entry (UTC)', width: '136px', numeric: false, text: (t, i) => utcMinute(t.entryTime[i]) },
  { column: 'entryPrice', header: 'Entry price', width: '96px', numeric: true, text: (t, i) => plain(t.entryPrice[i]) },
  { column: 'exitTime', header: 'Exit (UTC)', width: '136px', numeric: false, text: (t, i) => utcMinute(t.exitTime[i]) },
  { column: 'exitPrice', header: 'Exit price', width: '96px', numeric: true, text: (t, i) => plain(t.exitPrice[i]) },
  { column: 'qty', header: 'Qty', width: '80px', numeric: true, text: (t, i) => plain(t.qty[i]) },
  { column: 'pnl', header: 'P&L', width: '100px', numeric: true, text: (t, i) => fixed(t.pnl[i], 2) },
  { column: 'returnPct', header: 'Return %', width: '80px', numeric: true, text: (t, i) => fixed(t.returnPct[i], 2) },
  { column: 'rMultiple', header: 'R', width: '56px', numeric: true, text: (t, i) => fixed(t.rMultiple[i], 2) },
  { column: 'maePct', header: 'MAE %', width: '68px', numeric: true, text: (t, i) => fixed(t.maePct[i], 2) },
  { column: 'mfePct', header: 'MFE %', width: '68px', numeric: true, text: (t, i) => fixed(t.mfePct[i], 2) },
  { column: 'barsHeld', header: 'Bars', width: '52px', numeric: true, text: (t, i) => String(t.barsHeld[i]) },
  { column: 'exitReason', header: 'Exit reason', width: 'minmax(100px, 1fr)', numeric: false, text: (t, i) => t.exitReason[i] },
];

export const TRADE_GRID_COLUMNS = TRADE_COLUMN_VIEWS.map((view) => view.width).join(' ');
