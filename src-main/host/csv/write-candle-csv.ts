/**
 * The generic OHLCV CSV as the app writes it: header `time,open,high,low,close,volume`, time
 * ISO 8601 UTC, numbers in their shortest round-trip form, so reading the file back gives the
 * same bits.
 */
import { type Candles, isoTime } from '../../../src-engine/candles.ts';

export const CANDLE_CSV_HEADER = 'time,open,high,low,close,volume';

/** Rows [start, end) as CSV lines (each ending in a newline), for writing in chunks. */
export function candleCsvRows(candles: Candles, start = 0, end = candles.time.length): string {
  let text = '';
  for (let i = start; i < end; i++) {
    text += `${isoTime(candles.time[i])},${candles.open[i]},${candles.high[i]},${candles.low[i]},${candles.close[i]},${candles.volume[i]}\n`;
  }
  return text;
}

export function formatCandlesCsv(candles: Candles): string {
  return `${CANDLE_CSV_HEADER}\n${candleCsvRows(candles)}`;
}
