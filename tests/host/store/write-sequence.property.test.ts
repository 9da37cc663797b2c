/**
 * Property: whatever sequence of batches is written, coverage is exactly the union of the
 * covered ranges and each stored candle is the one from the last batch that held its open
 * time. The model is a per-minute array, independent of the store's range arithmetic; its
 * minutes straddle a chunk edge.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { allocateCandles } from '../../../src-engine/candles.ts';
import { chunkSpanMs } from '../../../src-main/host/store/candle-chunks.ts';
import { BTC_1M, T0, TempDirs, bits, minute as fixtureMinute } from './store-fixtures.ts';

const SPAN = 80;
/** Minute 0 of the model: SPAN / 2 minutes before a chunk edge, so batches merge across it. */
const BASE = (Math.ceil(T0 / chunkSpanMs('1m')) * chunkSpanMs('1m') - T0) / 60_000 - SPAN / 2;

function minute(k: number): number {
  return fixtureMinute(BASE + k);
}

const price = fc.double({ min: 1e-8, max: 1e9, noNaN: true, noDefaultInfinity: true });
const bar = fc.record({
  prices: fc.tuple(price, price, price, price),
  volume: fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)),
  present: fc.boolean(),
});
const batch = fc
  .record({ from: fc.integer({ min: 0, max: SPAN - 1 }), length: fc.integer({ min: 0, max: 30 }) })
  .chain(({ from, length }) => {
    const to = Math.min(SPAN, from + length);
    return fc.record({ from: fc.constant(from), to: fc.constant(to), bars: fc.array(bar, { minLength: to - from, maxLength: to - from }) });
  });

type Batch = { from: number; to: number; bars: { prices: [number, number, number, number]; volume: number; present: boolean }[] };

/** Sorted prices give a valid bar: low <= open, close <= high. */
function ohlcv(b: Batch['bars'][number]): number[] {
  const [low, open, close, high] = [...b.prices].sort((x, y) => x - y);
  return [open, high, low, close, b.volume];
}

const temp = new TempDirs();
afterAll(() => temp.cleanup());

describe('writeCandles sequences', () => {
  it('yield coverage = union of ranges and candles = last write per open time', () => {
    const store = temp.store();
    let run = 0;
    fc.assert(
      fc.property(fc.array(batch, { minLength: 1, maxLength: 8 }), (batches: Batch[]) => {
        const key = { ...BTC_1M, symbol: `P${run++}` };
        const covered = new Array<boolean>(SPAN).fill(false);
        const latest = new Map<number, number[]>();
        for (const b of batches) {
          const present = b.bars.map((x, i) => ({ minute: b.from + i, bar: x })).filter((x) => x.bar.present);
          const rows = allocateCandles(present.length);
          present.forEach(({ minute: k, bar: x }, i) => {
            const values = ohlcv(x);
            rows.time[i] = minute(k);
            [rows.open[i], rows.high[i], rows.low[i], rows.close[i], rows.volume[i]] = values;
            latest.set(k, values);
          });
          store.writeCandles(key, rows, { from: minute(b.from), to: minute(b.to) });
          for (let k = b.from; k < b.to; k++) covered[k] = true;
        }

        const expectedCoverage: { from: number; to: number }[] = [];
        for (let k = 0; k < SPAN; k++) {
          if (!covered[k]) continue;
          const last = expectedCoverage[expectedCoverage.length - 1];
          if (last !== undefined && last.to === minute(k)) expectedCoverage[expectedCoverage.length - 1] = { from: last.from, to: minute(k + 1) };
          else expectedCoverage.push({ from: minute(k), to: minute(k + 1) });
        }
        expect(store.coverage(key)).toEqual(expectedCoverage);

        const minutes = [...latest.keys()].sort((a, b) => a - b);
        const read = store.readCandles(key);
        expect(bits(read.time)).toEqual(bits(Float64Array.from(minutes, minute)));
        const columns = [read.open, read.high, read.low, read.close, read.volume];
        columns.forEach((column, c) => {
          expect(bits(column)).toEqual(bits(Float64Array.from(minutes, (k) => (latest.get(k) as number[])[c])));
        });
      }),
      { numRuns: 150 },
    );
  });
});
