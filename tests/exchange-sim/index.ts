/**
 * A local stand-in for Bybit and Binance public market data, for tests and offline work: one
 * HTTP + WebSocket server on 127.0.0.1 that speaks the exchanges' documented formats, so the
 * real SDK clients work against it with only their base URLs changed. Candles are seeded and
 * exact (every interval aggregates the same one-minute candles), rate limits follow the
 * published numbers, and faults can be injected on demand.
 */
import type { CandleRows, ExchangeEndpoints } from '../../src-main/host/exchanges/adapter.ts';
import type { Exchange, FundingRate, Market, SeriesKey } from '../../src-shared/market.ts';
import { BinanceRest } from './binance-rest.ts';
import { BybitRest } from './bybit-rest.ts';
import { type SymbolSpec, defaultSymbols, findSymbol, precisionOf } from './catalogue.ts';
import { decimalValue } from './decimal.ts';
import type { ExchangeApi, SimContext } from './exchange-api.ts';
import { type FaultPlan, FaultState } from './faults.ts';
import { MarketData } from './market-data.ts';
import { type RateLimitOption, resolveRateLimits } from './rate-limits.ts';
import { SimServer, type SimulatorStats } from './server.ts';
import { type KlineSent, type StreamFaults, StreamHub } from './streams.ts';

export type { SymbolSpec } from './catalogue.ts';
export { defaultSymbols } from './catalogue.ts';
export type { FaultPlan, FaultRule } from './faults.ts';
export type { RateLimitConfig, RateLimitOption } from './rate-limits.ts';
export { REALISTIC_RATE_LIMITS } from './rate-limits.ts';
export type { SimulatorStats } from './server.ts';
export type { KlineSent, StreamFaults } from './streams.ts';

export interface ExchangeSimulatorOptions {
  /** 0 (default): a free port. */
  readonly port?: number;
  /** Same seed, same candles (default 1). */
  readonly seed?: number;
  /** The exchanges' clock, epoch ms (default Date.now); see acceleratedClock. Rate-limit windows always use wall time. */
  readonly clock?: () => number;
  /** Default 'realistic'. */
  readonly rateLimits?: RateLimitOption;
  readonly faults?: FaultPlan;
  /** The listings (default defaultSymbols()). */
  readonly symbols?: readonly SymbolSpec[];
  /** WebSocket kline updates per second per subscription (default 1). */
  readonly streamRate?: number;
  /** Binance server ping frames (default: spot 20 s, USD-M 180 s). */
  readonly binancePingIntervalMs?: number;
  /** Called right before each kline push is written to a socket (benchmarks time delivery from it). */
  readonly onKlineSent?: (sent: KlineSent) => void;
}

export interface ExchangeSimulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Base URLs to hand to the adapters (and through them to the SDKs). */
  readonly endpoints: Required<ExchangeEndpoints>;
  readonly symbols: readonly SymbolSpec[];
  /** Replaces the fault plan. */
  setFaults(plan: FaultPlan): void;
  setStreamRate(perSecond: number): void;
  /** Replaces the stream faults (duplicate pushes, older bars after newer ones, refused connections). */
  setStreamFaults(faults: StreamFaults): void;
  /** Cuts every WebSocket and HTTP connection at once, for reconnect tests. */
  dropAllSockets(): void;
  stats(): SimulatorStats;
  /** The closed candles of a series with open time in [from, to), exactly as served (gaps and listing included). */
  truth(key: SeriesKey, from: number, to: number): CandleRows;
  /** The funding settlements of a perpetual in [from, to], as served. */
  fundingTruth(exchange: Exchange, market: Market, symbol: string, from: number, to: number): FundingRate[];
  /** The simulator's clock. */
  now(): number;
  close(): Promise<void>;
}

/** A clock that starts at `start` and runs `speed` times faster than the wall clock. */
export function acceleratedClock(start: number, speed: number): () => number {
  const origin = Date.now();
  return () => Math.floor(start + (Date.now() - origin) * speed);
}

export async function startExchangeSimulator(options: ExchangeSimulatorOptions = {}): Promise<ExchangeSimulator> {
  const clock = options.clock ?? Date.now;
  const symbols = options.symbols ?? defaultSymbols();
  for (const spec of symbols) {
    // Minutes are the unit of everything served; a listing inside a minute would split one.
    if (spec.listedAt % 60_000 !== 0) throw new Error(`${spec.exchange} ${spec.market} ${spec.symbol}: listedAt must be on a minute boundary`);
    if (!(spec.basePrice > 0 && spec.volatility > 0 && spec.minuteVolume > 0)) throw new Error(`${spec.exchange} ${spec.market} ${spec.symbol}: basePrice, volatility and minuteVolume must be positive`);
  }
  const faults = new FaultState();
  faults.set(options.faults ?? []);
  const market = new MarketData(options.seed ?? 1, (spec) => faults.gapsFor(spec));
  const context: SimContext = { symbols, market };
  const limits = resolveRateLimits(options.rateLimits);
  const apis = new Map<string, ExchangeApi>([
    ['/bybit', new BybitRest(context, limits)],
    ['/binance-spot', new BinanceRest('spot', context, limits)],
    ['/binance-futures', new BinanceRest('linear', context, limits)],
  ]);
  const ping = options.binancePingIntervalMs;
  const hub = new StreamHub(context, clock, {
    rate: options.streamRate ?? 1,
    binancePingIntervalMs: { spot: ping ?? 20_000, linear: ping ?? 180_000 },
    onKlineSent: options.onKlineSent,
  });
  const server = new SimServer(apis, faults, clock, hub);
  const port = await server.listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const ws = `ws://127.0.0.1:${port}`;

  const spec = (exchange: Exchange, marketName: Market, symbol: string): SymbolSpec => {
    const found = findSymbol(symbols, exchange, marketName, symbol);
    if (found === undefined) throw new Error(`the simulator lists no ${exchange} ${marketName} ${symbol}`);
    return found;
  };

  return {
    url,
    endpoints: {
      bybitRest: `${url}/bybit`,
      bybitWs: `${ws}/bybit`,
      binanceSpotRest: `${url}/binance-spot`,
      binanceFuturesRest: `${url}/binance-futures`,
      binanceSpotWs: `${ws}/binance-spot`,
      binanceFuturesWs: `${ws}/binance-futures`,
    },
    symbols,
    setFaults: (plan) => faults.set(plan),
    setStreamRate: (perSecond) => hub.setRate(perSecond),
    setStreamFaults: (faults) => hub.setFaults(faults),
    dropAllSockets: () => {
      hub.dropAll();
      server.dropHttpSockets();
    },
    stats: () => server.stats(),
    truth(key, from, to) {
      const listing = spec(key.exchange, key.market, key.symbol);
      const now = clock();
      const bars = market.bars(listing, key.interval, from, to - 1, Number.POSITIVE_INFINITY, 'oldest', now).filter((bar) => bar.closed);
      const precision = precisionOf(listing);
      const column = (pick: (bar: (typeof bars)[number]) => number): Float64Array => Float64Array.from(bars, pick);
      return {
        time: column((bar) => bar.openTime),
        open: column((bar) => decimalValue(bar.open, precision.price)),
        high: column((bar) => decimalValue(bar.high, precision.price)),
        low: column((bar) => decimalValue(bar.low, precision.price)),
        close: column((bar) => decimalValue(bar.close, precision.price)),
        volume: column((bar) => decimalValue(bar.volume, precision.volume)),
      };
    },
    fundingTruth(exchange, marketName, symbol, from, to) {
      return market.funding(spec(exchange, marketName, symbol), from, to, clock()).map((point) => ({ time: point.time, rate: decimalValue(point.rate, 8) }));
    },
    now: clock,
    async close() {
      hub.close();
      await server.close();
    },
  };
}
