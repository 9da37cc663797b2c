/**
 * Trade markers for the bars a window holds: an arrow at the entry (up below the bar for a
 * long, down above it for a short) and a circle at the exit, green for a winner and red
 * otherwise, with the side and the result. The selected trade's markers are larger and in
 * the accent colour. Marker ids name the trade, so a click on one can select it.
 */
import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type { BarTimes } from './series-data.ts';
import type { TradeColumns } from './types.ts';

export interface MarkerColours {
  readonly up: string;
  readonly down: string;
  readonly accent: string;
}

const ID_PREFIX = 'trade:';

export function tradeMarkers(trades: TradeColumns, window: BarTimes, selected: number | null, colours: MarkerColours): SeriesMarker<UTCTimestamp>[] {
  const placed: { bar: number; marker: SeriesMarker<UTCTimestamp> }[] = [];
  for (let i = 0; i < trades.side.length; i++) {
    const entryBar = trades.entryBar[i];
    const exitBar = trades.exitBar[i];
    if (!window.has(entryBar) && !window.has(exitBar)) continue;
    const long = trades.side[i] === 'long';
    const isSelected = i === selected;
    const color = isSelected ? colours.accent : trades.pnl[i] > 0 ? colours.up : colours.down;
    const size = isSelected ? 2 : 1;
    const id = `${ID_PREFIX}${i}`;
    const side = long ? 'L' : 'S';
    if (window.has(entryBar)) {
      placed.push({
        bar: entryBar,
        marker: { id, time: window.timeOf(entryBar), position: long ? 'belowBar' : 'aboveBar', shape: long ? 'arrowUp' : 'arrowDown', color, size, text: side },
      });
    }
    if (window.has(exitBar)) {
      placed.push({
        bar: exitBar,
        marker: { id, time: window.timeOf(exitBar), position: long ? 'aboveBar' : 'belowBar', shape: 'circle', color, size, text: `${side} ${percent(trades.returnPct[i])}` },
      });
    }
  }
  // The plugin wants markers in time order; sort is stable, so a bar's markers keep trade order.
  placed.sort((a, b) => a.bar - b.bar);
  return placed.map((p) => p.marker);
}

/** The trade a marker id names, or null for anything else. */
export function tradeOfMarker(id: unknown): number | null {
  if (typeof id !== 'string' || !id.startsWith(ID_PREFIX)) return null;
  const index = Number(id.slice(ID_PREFIX.length));
  return Number.isInteger(index) ? index : null;
}

function percent(value: number): string {
  const sign = value > 0 ? '+' : '';
  return `${sign}${value.toFixed(Math.abs(value) < 10 ? 2 : 1)}%`;
}
