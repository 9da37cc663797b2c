/** Price sources a strategy can feed into an indicator (close, hl2, hlc3, ...). */
import type { Candles } from '../candles.ts';
import type { Bar, SourceField } from './types.ts';

export const SOURCE_FIELDS: readonly SourceField[] = ['open', 'high', 'low', 'close', 'hl2', 'hlc3', 'ohlc4', 'volume'];

/** The source as a column; the plain OHLCV fields are returned as-is, not copied. */
export function sourceSeries(candles: Candles, field: SourceField): Float64Array {
  switch (field) {
    case 'open':
    case 'high':
    case 'low':
    case 'close':
    case 'volume':
      return candles[field];
    default: {
      const n = candles.time.length;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = derivedSource(field, candles.open[i], candles.high[i], candles.low[i], candles.close[i]);
      }
      return out;
    }
  }
}

export function sourceValue(bar: Bar, field: SourceField): number {
  switch (field) {
    case 'open':
    case 'high':
    case 'low':
    case 'close':
    case 'volume':
      return bar[field];
    default:
      return derivedSource(field, bar.open, bar.high, bar.low, bar.close);
  }
}

function derivedSource(field: 'hl2' | 'hlc3' | 'ohlc4', open: number, high: number, low: number, close: number): number {
  switch (field) {
    case 'hl2':
      return (high + low) / 2;
    case 'hlc3':
      return (high + low + close) / 3;
    case 'ohlc4':
      return (open + high + low + close) / 4;
  }
}
