/**
 * Stub handlers for the real workstation contract: fixed valid outputs, plus a few behaviours
 * the parity suite needs, chosen by input so they work the same inside a worker:
 * - `download.start` answers after a delay that depends on `from` (so concurrent calls finish
 *   out of order), then emits five `job.progress` events and a `job.finished`;
 * - `cache.readCandles` returns one bar per minute of [from, to), with values that only a
 *   bit-exact transport keeps (NaN with a payload, -0, infinities, subnormals);
 * - `strategy.validate` echoes the overrides as parameter values;
 * - `cache.import` answers per uploaded file with its size as `candles` and the first 48 bits of
 *   its SHA-256 as `from`, so a caller sees whether the bytes arrived bit for bit;
 * - `jobs.cancel` with a STUB_JOB id throws plainly, throws with a code, or breaks the contract.
 */
import { createHash } from 'node:crypto';
import type { InputOf, MethodName } from '../../src-shared/contract/rpc/define.ts';
import { createRpcServer, type RpcServerOptions } from '../../src-shared/contract/rpc/server.ts';
import { type WorkstationContract, type WorkstationHandlers, type WorkstationServer, workstationContract } from '../../src-shared/contract/workstation.ts';
import { DEFAULT_SETTINGS } from '../../src-shared/contract/schemas/settings.ts';
import type { SeriesKey } from '../../src-shared/market.ts';
import type { StrategySpec } from '../../src-shared/strategy/spec.ts';

export const STUB_JOB = {
  throwPlain: 'stub:throw-plain',
  throwCoded: 'stub:throw-coded',
  badOutput: 'stub:bad-output',
  /** Only the worker fixture knows this one: it crashes the worker while the call waits. */
  crash: 'stub:crash',
} as const;

/** What a plain handler error's message holds after its first line: must never cross. */
export const STACK_MARKER = 'at secretFunction (/home/dev/core/secret.ts:1:1)';

const MINUTE = 60_000;
const KEY: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };

export function downloadJobId(input: { key: SeriesKey; from: number }): string {
  return `download-${input.key.symbol}-${input.from}`;
}

/** The first 48 bits of the bytes' SHA-256, as a whole number that fits the report's epochMs `from`. */
export function uploadDigest(bytes: Uint8Array): number {
  return createHash('sha256').update(bytes).digest().readUIntBE(0, 6);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Candle columns for [from, from + bars minutes), seeded with the doubles that lossy encodings change. */
export function stubColumns(from: number, bars: number) {
  const columns = {
    time: new Float64Array(bars),
    open: new Float64Array(bars),
    high: new Float64Array(bars),
    low: new Float64Array(bars),
    close: new Float64Array(bars),
    volume: new Float64Array(bars),
  };
  for (let i = 0; i < bars; i++) {
    columns.time[i] = from + i * MINUTE;
    columns.open[i] = 100 + i * 0.1;
    columns.high[i] = 100.1 + i * 0.1;
    columns.low[i] = 99.9 + i * 0.1;
    columns.close[i] = 100 + Math.sin(i) / 3;
    columns.volume[i] = i / 7;
  }
  const special = [-0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE, Number.MAX_VALUE, Number.NaN];
  special.forEach((value, i) => {
    if (i < bars) columns.volume[i] = value;
  });
  if (bars > special.length) {
    // A NaN with a payload: a transport that parses numbers as text would turn it into the plain NaN.
    new Uint32Array(columns.volume.buffer, special.length * 8, 2).set([0xdeadbeef, 0x7ff80bad]);
  }
  return columns;
}

const SPEC: StrategySpec = {
  name: 'sma-cross',
  direction: 'long',
  indicators: [{ id: 'fast', kind: 'sma', params: { period: 10 } }],
  entry: { long: { left: { price: 'close' }, op: 'crossesAbove', right: { indicator: 'fast' } } },
};

const RUN_SUMMARY = {
  id: 'run-1',
  strategyName: 'sma-cross',
  parameters: { fast: 12 },
  dataSource: 'bybit linear BTCUSDT 1m',
  createdAt: 1_704_153_600_000,
  metrics: { netProfit: 125.5, totalReturnPct: 1.255, maxDrawdownPct: 0.8, winRatePct: 100, profitFactor: null, sharpe: null, totalFees: 4.69, trades: 1 },
};

const OPTIMISATION_SUMMARY = {
  id: 'opt-1',
  strategyName: 'sma-cross',
  dataSource: 'bybit linear BTCUSDT 1m',
  method: 'grid' as const,
  objectives: [{ metric: 'sharpe', direction: 'maximize' as const }],
  mode: 'search' as const,
  state: 'finished' as const,
  jobId: null,
  progress: { done: 3, total: 3, etaMs: null },
  best: { trialIndex: 1, params: { fast: 10, slow: 30 }, scores: [1.25] },
  createdAt: 1_704_153_600_000,
  updatedAt: 1_704_153_660_000,
  error: null,
};

export function createStubHandlers(emit: WorkstationServer['emit']): WorkstationHandlers {
  return {
    'system.info': () => ({ engineVersion: '0.1.0', dataDir: '/data/bst', configuredDataDir: null, cacheSizeBytes: 123_456 }),
    'system.setDataDirectory': ({ path }) => ({ dataDir: path, restartRequired: true }),
    'templates.list': () => ({
      templates: [
        {
          name: 'sma-cross',
          description: 'Long when the fast SMA crosses above the slow one',
          parameters: [{ name: 'fast', default: 10, min: 2, max: 50, integer: true }],
          spec: {
            name: 'sma-cross',
            direction: 'long',
            indicators: [{ id: 'fast', kind: 'sma', params: { period: { param: 'fast' } } }],
            entry: { long: { left: { price: 'close' }, op: 'crossesAbove', right: { indicator: 'fast' } } },
          },
        },
      ],
    }),
    'indicators.list': () => ({
      indicators: [
        {
          kind: 'sma',
          title: 'Simple moving average',
          params: [{ name: 'period', default: 20, min: 1, max: 10_000, integer: true, description: 'bars averaged' }],
          outputs: ['value'],
          chartOutputs: ['value'],
          usesSource: true,
          defaultSource: 'close',
          pane: 'price',
        },
      ],
    }),
    'strategy.validate': (input) => ({ issues: [], legacyFormat: false, parameterValues: { ...input.overrides } }),
    'instruments.list': (input) => ({
      instruments: [
        {
          exchange: input.exchange,
          market: input.market,
          symbol: 'BTCUSDT',
          baseAsset: 'BTC',
          quoteAsset: 'USDT',
          status: 'trading',
          contractType: input.market === 'spot' ? 'spot' : 'perpetual',
          tickSize: 0.1,
          qtyStep: 0.001,
          minQty: 0.001,
          minNotional: 5,
          launchTime: 1_585_526_400_000,
        },
      ],
    }),
    'cache.inventory': () => ({
      series: [
        {
          key: KEY,
          first: 1_704_067_200_000,
          last: 1_704_153_540_000,
          count: 1438,
          expected: 1440,
          coverage: [{ from: 1_704_067_200_000, to: 1_704_153_600_000 }],
          gaps: [{ from: 1_704_110_400_000, to: 1_704_110_520_000 }],
          uncovered: [],
          sizeBytes: 69_000,
        },
      ],
    }),
    'cache.readCandles': (input) => {
      const from = input.from ?? 0;
      const bars = input.to === undefined ? 3 : Math.min(2_000_000, Math.floor((input.to - from) / MINUTE));
      return { key: input.key, columns: stubColumns(from, bars) };
    },
    'cache.deleteSeries': (input) => ({ deleted: input.key.symbol !== 'NONEUSDT' }),
    'cache.import': (input) => ({
      files: input.files.map(({ name, bytes }) => {
        const from = uploadDigest(bytes);
        return { file: name, key: KEY, format: 'generic' as const, candles: bytes.byteLength, from, to: from + MINUTE, checksumVerified: false };
      }),
      candles: input.files.reduce((sum, { bytes }) => sum + bytes.byteLength, 0),
    }),
    'download.start': async (input) => {
      const jobId = downloadJobId(input);
      await sleep((input.from / MINUTE) % 7);
      setTimeout(() => {
        for (let done = 1; done <= 5; done++) {
          emit('job.progress', { jobId, kind: 'download', done, total: 5, etaMs: (5 - done) * 10, message: `page ${done} of 5` });
        }
        emit('job.finished', {
          jobId,
          kind: 'download',
          ok: true,
          result: {
            key: input.key,
            window: { from: input.from, to: input.to ?? input.from + 5 * MINUTE },
            alreadyCached: 0,
            pagesFetched: 5,
            candlesWritten: 5,
            exchangeGaps: 0,
            requests: 5,
            retries: 0,
            elapsedMs: 12.5,
          },
        });
      }, 0);
      return { jobId };
    },
    'backtest.start': () => ({ jobId: 'backtest-1' }),
    'jobs.cancel': (input) => {
      if (input.jobId === STUB_JOB.throwPlain) throw new Error(`the disk caught fire\n    ${STACK_MARKER}`);
      if (input.jobId === STUB_JOB.throwCoded) throw Object.assign(new Error(`no job named ${input.jobId}`), { code: 'not-found', jobId: input.jobId });
      if (input.jobId === STUB_JOB.badOutput) return { cancelled: 'yes' } as never;
      return { cancelled: true };
    },
    'jobs.list': () => ({
      jobs: [
        {
          jobId: 'download-BTCUSDT-0',
          kind: 'download',
          state: 'running',
          title: 'Download bybit linear BTCUSDT 1m',
          startedAt: 1_704_067_200_000,
          finishedAt: null,
          progress: { done: 2, total: 5, etaMs: 30, message: 'page 2 of 5' },
        },
      ],
    }),
    'settings.get': () => DEFAULT_SETTINGS,
    'settings.update': (input) => ({ ...DEFAULT_SETTINGS, theme: input.theme ?? DEFAULT_SETTINGS.theme }),
    'strategies.list': () => ({ strategies: [{ id: 'strategy-1', name: 'sma-cross', createdAt: 1_704_067_200_000, updatedAt: 1_704_067_260_000 }] }),
    'strategies.save': (input) => ({ id: input.id ?? 'strategy-2', name: 'sma-cross', updatedAt: 1_704_067_260_000 }),
    'strategies.get': (input) => ({ id: input.id, name: SPEC.name, spec: SPEC, createdAt: 1_704_067_200_000, updatedAt: 1_704_067_260_000 }),
    'strategies.delete': (input) => ({ deleted: input.id === 'strategy-1' }),
    'runs.list': () => ({ runs: [RUN_SUMMARY] }),
    'runs.get': (input) => ({
      ...RUN_SUMMARY,
      id: input.id,
      manifest: {
        engineVersion: '0.1.0',
        strategyName: 'sma-cross',
        specHash: 'ab12',
        parameters: { fast: 12 },
        dataHash: 'cd34',
        bars: 1440,
        firstBarTime: '2024-01-01T00:00:00.000Z',
        lastBarTime: '2024-01-01T23:59:00.000Z',
        dataSource: 'bybit linear BTCUSDT 1m',
        settings: { initialCapital: 10_000, takerFee: 0.00055 },
        seed: 0,
      },
      metrics: { all: { netProfit: 125.5, sharpe: null }, long: { netProfit: 125.5, sharpe: null }, short: { netProfit: 0, sharpe: null } },
      warnings: [],
      trades: {
        side: ['long'],
        qty: Float64Array.of(0.1),
        entryBar: Float64Array.of(10),
        entryTime: Float64Array.of(1_704_067_800_000),
        entryPrice: Float64Array.of(42_000),
        exitBar: Float64Array.of(20),
        exitTime: Float64Array.of(1_704_068_400_000),
        exitPrice: Float64Array.of(43_300),
        entryFee: Float64Array.of(2.31),
        exitFee: Float64Array.of(2.38),
        funding: Float64Array.of(0),
        pnl: Float64Array.of(125.31),
        returnPct: Float64Array.of(2.98),
        rMultiple: Float64Array.of(Number.NaN),
        maePct: Float64Array.of(-0.4),
        mfePct: Float64Array.of(3.2),
        barsHeld: Float64Array.of(10),
        exitReason: ['signal'],
        initialStop: Float64Array.of(Number.NaN),
        initialTarget: Float64Array.of(Number.NaN),
      },
    }),
    'runs.bars': (input) => {
      const [from, to] = 'last' in input ? [Math.max(0, 2 - input.last), 2] : [input.from, Math.min(input.to, 2)];
      const column = (...values: number[]) => Float64Array.from(values).slice(from, to);
      return {
        from,
        to,
        totalBars: 2,
        warmupBars: 1,
        candles: {
          time: column(1_704_067_200_000, 1_704_067_260_000),
          open: column(42_000, 42_010),
          high: column(42_050, 42_060),
          low: column(41_990, 42_000),
          close: column(42_010, 42_020),
          volume: column(1.5, 2.5),
        },
        equity: column(10_000, 10_010),
        drawdownPct: column(0, 0),
        indicators: [{ id: 'fast', kind: 'sma', output: 'value', pane: 'price', values: column(Number.NaN, 42_015) }],
      };
    },
    'runs.equity': () => ({
      totalBars: 2,
      bar: Float64Array.of(0, 1),
      time: Float64Array.of(1_704_067_200_000, 1_704_067_260_000),
      equity: Float64Array.of(10_000, 10_010),
      drawdownPct: Float64Array.of(0, 0),
    }),
    'runs.export': (input) => ({ fileName: `${input.id}-trades.csv`, mimeType: 'text/csv', text: 'side,qty\nlong,0.1\n' }),
    'runs.delete': (input) => ({ deleted: input.id === 'run-1' }),
    'live.subscribe': (input) => {
      const subscriptionId = `live-${input.key.symbol}`;
      const forming = { time: 1_704_067_380_000, open: 100.3, high: 100.5, low: 100.2, close: 100.4, volume: 0.5 };
      setTimeout(() => {
        emit('live.status', { subscriptionId, key: input.key, state: 'live', reason: 'streaming' });
        emit('live.candles', { subscriptionId, candles: stubColumns(1_704_067_320_000, 1), forming });
      }, 0);
      return { subscriptionId, key: input.key, history: stubColumns(1_704_067_200_000, 2), forming, status: { state: 'live', reason: 'streaming' }, leaseMs: 60_000 };
    },
    'live.unsubscribe': (input) => ({ released: input.subscriptionId.startsWith('live-') }),
    'live.renew': (input) => ({ unknown: input.subscriptionIds.filter((id) => !id.startsWith('live-')) }),
    'optimise.start': () => ({ jobId: 'optimise-1', optimisationId: 'opt-1' }),
    'optimise.list': () => ({ optimisations: [OPTIMISATION_SUMMARY] }),
    'optimise.get': (input) => ({
      ...OPTIMISATION_SUMMARY,
      id: input.id,
      request: {
        strategy: { document: SPEC },
        data: { series: KEY, from: 1_704_067_200_000 },
        settings: { initialCapital: 10_000 },
        search: { method: 'grid', parameters: { fast: '5:15:5', slow: '30' }, objectives: [{ metric: 'sharpe', direction: 'maximize' }] },
      },
      parameterNames: ['fast', 'slow'],
      bestMetrics: { netProfit: 125.5, sharpe: 1.25, trades: 4 },
      paretoFront: [],
      walkForward: null,
      deflatedSharpe: { sharpe: 0.05, psr: 0.9, dsr: 0.6, trials: 3 },
      plateau: { fast: 0.8, slow: null },
    }),
    'optimise.trials': (input) => {
      const offset = input.offset ?? 0;
      const rows = (...values: number[]) => Float64Array.from(values).slice(offset, offset + (input.limit ?? 3));
      return {
        total: 3,
        offset,
        window: rows(0, 0, 0),
        index: rows(0, 1, 2),
        params: { fast: rows(5, 10, 15), slow: rows(30, 30, 30) },
        scores: [rows(0.5, 1.25, Number.NaN)],
        metrics: { netProfit: rows(50, 125.5, 0), sharpe: rows(0.5, 1.25, Number.NaN), trades: rows(6, 4, 0) },
        filteredBy: [null, null, 'min-trades' as const].slice(offset, offset + (input.limit ?? 3)),
      };
    },
    'optimise.pause': (input) => ({ paused: input.id === 'opt-1' }),
    'optimise.resume': () => ({ jobId: 'optimise-2' }),
    'optimise.delete': (input) => ({ deleted: input.id === 'opt-1' }),
    'optimise.applyToStrategy': (input) => ({ strategyId: input.strategyId, updatedAt: 1_704_153_720_000, parameters: { fast: 10, slow: 30 } }),
    'robustness.monteCarlo': (input) => ({
      method: input.method,
      simulations: input.simulations,
      trades: 2,
      percentiles: [5, 50, 95],
      equity: [Float64Array.of(10_000, 9_900, 9_950), Float64Array.of(10_000, 10_050, 10_100), Float64Array.of(10_000, 10_150, 10_100)],
      drawdownPct: [Float64Array.of(0, -1, -0.5), Float64Array.of(0, 0, 0), Float64Array.of(0, 0, -0.49)],
      finalEquity: [9_950, 10_100, 10_100],
      maxDrawdownPct: [1, 0.5, 0],
      original: { finalEquity: 10_100, maxDrawdownPct: 0.49 },
    }),
  };
}

/** A server over the stub handlers, validating outputs as development builds do. */
export function createStubServer(options: RpcServerOptions = { validateOutput: true }): WorkstationServer {
  const server: WorkstationServer = createRpcServer(workstationContract, createStubHandlers((event, payload) => server.emit(event, payload)), options);
  return server;
}

/** One valid input per method; the type makes a method added to the contract without a sample a compile error. */
export const SAMPLE_INPUTS: { readonly [M in MethodName<WorkstationContract>]: InputOf<WorkstationContract, M> } = {
  'system.info': {},
  'system.setDataDirectory': { path: '/data/bst-next' },
  'templates.list': {},
  'indicators.list': {},
  'strategy.validate': { document: { name: 'x', direction: 'long', entry: {} }, overrides: { fast: 12, mode: 'fast' } },
  'instruments.list': { exchange: 'binance', market: 'spot' },
  'cache.inventory': {},
  'cache.readCandles': { key: KEY, from: 1_704_067_200_000, to: 1_704_067_200_000 + 10 * MINUTE },
  'cache.deleteSeries': { key: { ...KEY, symbol: 'NONEUSDT' } },
  'cache.import': {
    files: [
      { name: 'a.csv', bytes: new TextEncoder().encode('time,open,high,low,close,volume\n') },
      { name: 'BTCUSDT-1m-2024-01.zip', bytes: Uint8Array.from({ length: 256 }, (_, i) => i) },
    ],
    target: 'infer',
    market: 'spot',
  },
  'download.start': { key: KEY, from: 1_704_067_200_000, to: 1_704_153_600_000 },
  'backtest.start': {
    strategy: { template: 'sma-cross' },
    params: { fast: 12 },
    data: { series: KEY, from: 1_704_067_200_000 },
    settings: { initialCapital: 10_000, takerFee: 0.0006, fill: 'next-open', instrument: { tickSize: 0.1 } },
  },
  'jobs.cancel': { jobId: 'download-BTCUSDT-0' },
  'jobs.list': {},
  'settings.get': {},
  'settings.update': { theme: 'light' },
  'strategies.list': {},
  'strategies.save': { spec: { name: 'sma-cross', direction: 'long', entry: {} } },
  'strategies.get': { id: 'strategy-1' },
  'strategies.delete': { id: 'strategy-1' },
  'runs.list': {},
  'runs.get': { id: 'run-1' },
  'runs.bars': { id: 'run-1', from: 0, to: 2 },
  'runs.equity': { id: 'run-1', maxPoints: 100 },
  'runs.export': { id: 'run-1', format: 'trades-csv' },
  'runs.delete': { id: 'run-1' },
  'live.subscribe': { key: KEY, historyBars: 2 },
  'live.unsubscribe': { subscriptionId: 'live-BTCUSDT' },
  'live.renew': { subscriptionIds: ['live-BTCUSDT', 'live-gone'] },
  'optimise.start': {
    strategy: { template: 'sma-cross' },
    data: { series: KEY, from: 1_704_067_200_000 },
    settings: { initialCapital: 10_000 },
    search: {
      method: 'bayes',
      parameters: { fast: '5:50:1', slow: '20,40,80' },
      constraints: ['fast < slow'],
      trials: 50,
      seed: 7,
      objectives: [
        { metric: 'sharpe', direction: 'maximize' },
        { metric: 'maxDrawdownPct', direction: 'minimize' },
      ],
      filters: { minTrades: 10, maxDrawdownPct: 30 },
      workers: 2,
    },
    walkForward: { inSampleDays: 180, outOfSampleDays: 30, anchored: false },
  },
  'optimise.list': {},
  'optimise.get': { id: 'opt-1' },
  'optimise.trials': { id: 'opt-1', offset: 1, limit: 2 },
  'optimise.pause': { id: 'opt-1' },
  'optimise.resume': { id: 'opt-1' },
  'optimise.delete': { id: 'opt-1' },
  'optimise.applyToStrategy': { id: 'opt-1', trialIndex: 1, strategyId: 'strategy-1' },
  'robustness.monteCarlo': { runId: 'run-1', method: 'skip', skipPct: 10, simulations: 1000, seed: 1 },
};
