/**
 * `npm run bench [-- <filter>]`: performance numbers for the closing notes (never part of the
 * tests). Prints a table per suite, then every result as one JSON line. A filter keeps only
 * the benchmarks whose name contains it (the baseline always runs).
 */
import os from 'node:os';
import { backtestBenchmarks, sweepBacktestsPerSecond } from './backtest-bench.ts';
import { downloadBenchmarks } from './download-bench.ts';
import { describeOptimiseResults, optimiseBenchmarks } from './optimise-bench.ts';
import { storeBenchmarks } from './store-bench.ts';
import { uiBenchmarks } from './ui-bench.ts';
import { liveBenchmarks } from './live-bench.ts';
import { baselineScan, ENGINE_BARS, engineCandles, indicatorBenchmarks, templateBenchmarks } from './engine-bench.ts';
import { printJsonLines, printTable } from './harness.ts';

console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`data: ${ENGINE_BARS.toLocaleString('en-US')} synthetic one-minute bars (seeded)`);

const filter = process.argv[2] ?? '';
const baseline = baselineScan();
const indicators = indicatorBenchmarks(filter);
printTable('Indicators (batch, single thread; target >= 50 M bars/s)', [baseline, ...indicators], baseline);
const templates = templateBenchmarks(filter);
printTable('Templates (indicators + rule evaluation, cold cache)', templates, baseline);
const backtests = backtestBenchmarks(engineCandles, filter);
printTable('Backtests (sma-cross 10/30, stop 2%, target 4%, fee 0.06%; target <= 25 ms for 1M bars)', backtests, baseline);
const sweep = backtests.find((result) => result.bench.startsWith('sweep'));
if (sweep !== undefined) console.log(`sweep: ${sweepBacktestsPerSecond(sweep).toFixed(0)} backtests/s on one thread`);
const optimise = await optimiseBenchmarks(engineCandles, filter);
printTable('Optimisation (worker pool; targets: 10,000 sets x 200k bars <= 10 s, 1 -> 2 workers >= 1.8x)', optimise, baseline);
for (const line of describeOptimiseResults(optimise)) console.log(line);
const store = storeBenchmarks(filter);
printTable('Candle cache (1,000,000 one-minute candles; targets write <= 2 s, read <= 200 ms)', store, baseline);
const downloads = await downloadBenchmarks(filter);
printTable('Downloads (simulator, Bybit linear 1m; target within 1.2x of the limit-imposed minimum)', downloads, baseline);
for (const download of downloads) {
  const ratio = download.limitMinimumMs > 0 ? `${(download.medianMs / download.limitMinimumMs).toFixed(2)}x the limit-imposed minimum of ${(download.limitMinimumMs / 1000).toFixed(1)} s` : 'the limit does not bind at this size';
  console.log(`${download.bench}: ${(download.medianMs / 1000).toFixed(2)} s, ${ratio}`);
}
const ui = await uiBenchmarks(filter);
printTable('Browser mode (Chromium; targets: Run to results of 1M bars <= 1.5 s, first paint of a 200k-bar chart <= 1 s)', ui, baseline);
const core = ui.find((result) => result.bench.startsWith('core backtest'));
for (const result of ui.filter((r) => r !== core && core !== undefined)) {
  console.log(`${result.bench}: ${(result.medianMs / 1000).toFixed(2)} s, ${(result.medianMs / (core?.medianMs ?? 1)).toFixed(2)}x the same backtest in the core alone`);
}
const live = await liveBenchmarks(filter);
console.log('');
printJsonLines([baseline, ...indicators, ...templates, ...backtests, ...optimise, ...store, ...downloads, ...ui, ...live]);
