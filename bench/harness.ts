/**
 * Benchmark plumbing: medians of repeated runs, a baseline measured in the same process (so
 * ratios stay meaningful on a noisy machine), a readable table and one JSON line per result.
 */
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  readonly bench: string;
  readonly medianMs: number;
  readonly runs: number;
  readonly bars: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Keeps every result reachable so the JIT cannot discard the work being timed. */
export let lastResult: unknown;

/** Runs `task` once to warm the JIT, then `runs` timed times; returns the median. */
export function measure(bench: string, bars: number, runs: number, task: () => unknown): BenchResult {
  lastResult = task();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    lastResult = task();
    times.push(performance.now() - start);
  }
  return { bench, medianMs: median(times), runs, bars };
}

export function printTable(title: string, results: readonly BenchResult[], baseline: BenchResult): void {
  console.log(`\n${title}`);
  console.log(`${'benchmark'.padEnd(34)}${'median ms'.padStart(11)}${'M bars/s'.padStart(11)}${'x baseline'.padStart(12)}`);
  for (const r of results) {
    const throughput = r.bars / r.medianMs / 1000;
    console.log(
      `${r.bench.padEnd(34)}${r.medianMs.toFixed(2).padStart(11)}${throughput.toFixed(1).padStart(11)}${(r.medianMs / baseline.medianMs).toFixed(2).padStart(12)}`,
    );
  }
}

export function printJsonLines(results: readonly BenchResult[]): void {
  for (const r of results) {
    console.log(JSON.stringify({ bench: r.bench, median_ms: Number(r.medianMs.toFixed(3)), runs: r.runs, bars: r.bars }));
  }
}
