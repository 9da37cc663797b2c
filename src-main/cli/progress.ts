/** A one-line progress bar for long commands: redrawn in place on a terminal, in steps otherwise. */
import type { DownloadProgress } from '../host/download/download.ts';

const WIDTH = 24;

function seconds(ms: number): string {
  if (ms < 60_000) return `${Math.ceil(ms / 1000)}s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.ceil((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

export function progressLine(p: DownloadProgress): string {
  const fraction = p.candlesExpected > 0 ? p.candlesDone / p.candlesExpected : 1;
  const filled = Math.round(fraction * WIDTH);
  const eta = p.etaMs === null || fraction >= 1 ? '' : `, ETA ${seconds(p.etaMs)}`;
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ` +
    `${p.candlesDone.toLocaleString('en-US')}/${p.candlesExpected.toLocaleString('en-US')} candles, ` +
    `${p.requests} requests, ${p.retries} retries${eta}`
  );
}

/** Writes progress: on a terminal every update redraws the line; piped, one line per tenth. */
export function progressWriter(write: (text: string) => void, interactive: boolean): { update(p: DownloadProgress): void; done(): void } {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(p) {
      if (interactive) {
        write(`\r${progressLine(p)}`);
        drawn = true;
        return;
      }
      const tenth = p.candlesExpected > 0 ? Math.floor((10 * p.candlesDone) / p.candlesExpected) : 10;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        write(`${progressLine(p)}\n`);
      }
    },
    done() {
      if (drawn) write('\n');
      drawn = false;
    },
  };
}
