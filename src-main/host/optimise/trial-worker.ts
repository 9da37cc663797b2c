/**
 * A trial worker thread: evaluates batches of parameter sets as backtests over candles it shares
 * with the pool (SharedArrayBuffer columns, never copied), over the whole series or a bar range
 * of it (walk-forward windows). Each distinct indicator is computed once per range and kept in a
 * per-worker IndicatorCache, so a sweep of a thousand sets computes each SMA length once.
 * Imports the engine only, so it starts fast and holds nothing of the host.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TrialTask, TrialTaskReply, TrialWorkerData } from './trial-protocol.ts';
import { evaluateBatch, type RangeCaches } from './trial-evaluation.ts';

if (parentPort === null) throw new Error('trial-worker.ts runs as a worker thread');
const port = parentPort;
const data = workerData as TrialWorkerData;
const candles = {
  time: new Float64Array(data.candles.time),
  open: new Float64Array(data.candles.open),
  high: new Float64Array(data.candles.high),
  low: new Float64Array(data.candles.low),
  close: new Float64Array(data.candles.close),
  volume: new Float64Array(data.candles.volume),
};
const caches: RangeCaches = new Map();

port.on('message', (task: TrialTask) => {
  let reply: TrialTaskReply;
  try {
    const results = evaluateBatch({ candles, strategy: data.strategy, settings: data.settings, caches }, task);
    reply = { id: task.id, ok: true, results };
  } catch (error) {
    reply = { id: task.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const transfer = reply.ok ? reply.results.flatMap((r) => (r.equity === undefined ? [] : [r.equity.buffer as ArrayBuffer])) : [];
  port.postMessage(reply, transfer);
});
