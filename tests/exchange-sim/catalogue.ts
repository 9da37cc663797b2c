/**
 * What the simulated exchanges list: the default symbols per exchange and market, their order
 * rules (tick size, quantity step, minimums, as each exchange prints them) and listing times.
 * Listing dates and rules are close to the real ones so adapters see realistic values.
 */
import type { Exchange, Market } from '../../src-shared/market.ts';
import { decimalsOf } from './decimal.ts';

export interface SymbolSpec {
  readonly exchange: Exchange;
  readonly market: Market;
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  /** Listing time, epoch ms on a minute boundary: no candle opens before it. */
  readonly listedAt: number;
  /** Order rules as decimal strings, exactly as the exchange prints them. */
  readonly tickSize: string;
  readonly qtyStep: string;
  readonly minQty: string;
  /** Minimum order value in the quote asset ("0" when the exchange sets none). */
  readonly minNotional: string;
  /** Price level the seeded path wanders around. */
  readonly basePrice: number;
  /** Standard deviation of the one-minute log return. */
  readonly volatility: number;
  /** Typical traded amount per minute: base asset, or contracts (USD) on inverse markets. */
  readonly minuteVolume: number;
  /** Binance spot only: publish the minimum as the legacy MIN_NOTIONAL filter instead of NOTIONAL. */
  readonly legacyMinNotional?: boolean;
}

interface AssetProfile {
  readonly price: number;
  readonly volatility: number;
  /** Base units per minute on Binance spot; other venues scale it. */
  readonly volume: number;
}

const ASSETS: Readonly<Record<string, AssetProfile>> = {
  BTC: { price: 30_000, volatility: 0.0007, volume: 12 },
  ETH: { price: 2_000, volatility: 0.0009, volume: 150 },
  SOL: { price: 60, volatility: 0.0013, volume: 2_500 },
  BNB: { price: 300, volatility: 0.0009, volume: 400 },
  XRP: { price: 0.5, volatility: 0.0011, volume: 350_000 },
};

type Rules = readonly [listedAt: string, tickSize: string, qtyStep: string, minQty: string, minNotional: string];

/** Per venue and symbol: listing time (UTC) and order rules. */
const VENUES: ReadonlyArray<{ exchange: Exchange; market: Market; volumeScale: number; symbols: Readonly<Record<string, Rules>> }> = [
  {
    exchange: 'bybit',
    market: 'spot',
    volumeScale: 0.3,
    symbols: {
      BTCUSDT: ['2021-07-05T12:00Z', '0.01', '0.000001', '0.000048', '5'],
      ETHUSDT: ['2021-07-05T12:00Z', '0.01', '0.00001', '0.00062', '5'],
      SOLUSDT: ['2021-07-15T12:00Z', '0.01', '0.001', '0.011', '5'],
      BNBUSDT: ['2022-06-06T10:00Z', '0.1', '0.001', '0.008', '5'],
      XRPUSDT: ['2021-07-05T12:00Z', '0.0001', '0.01', '2', '5'],
    },
  },
  {
    exchange: 'bybit',
    market: 'linear',
    volumeScale: 1.5,
    symbols: {
      BTCUSDT: ['2020-03-30T00:00Z', '0.10', '0.001', '0.001', '5'],
      ETHUSDT: ['2020-10-21T00:00Z', '0.01', '0.01', '0.01', '5'],
      SOLUSDT: ['2021-06-01T06:00Z', '0.010', '0.1', '0.1', '5'],
      BNBUSDT: ['2021-06-24T06:00Z', '0.10', '0.01', '0.01', '5'],
      XRPUSDT: ['2021-01-14T06:00Z', '0.0001', '1', '1', '5'],
    },
  },
  {
    exchange: 'bybit',
    market: 'inverse',
    volumeScale: 1,
    symbols: {
      BTCUSD: ['2018-11-14T16:00Z', '0.50', '1', '1', '0'],
      ETHUSD: ['2019-01-24T08:00Z', '0.05', '1', '1', '0'],
    },
  },
  {
    exchange: 'binance',
    market: 'spot',
    volumeScale: 1,
    symbols: {
      BTCUSDT: ['2017-08-17T04:00Z', '0.01', '0.00001', '0.00001', '5'],
      ETHUSDT: ['2017-08-17T04:00Z', '0.01', '0.0001', '0.0001', '5'],
      SOLUSDT: ['2020-08-11T06:00Z', '0.01', '0.001', '0.001', '5'],
      BNBUSDT: ['2017-11-06T03:00Z', '0.01', '0.001', '0.001', '5'],
      XRPUSDT: ['2018-05-04T08:00Z', '0.0001', '0.1', '0.1', '5'],
    },
  },
  {
    exchange: 'binance',
    market: 'linear',
    volumeScale: 3,
    symbols: {
      BTCUSDT: ['2019-09-08T17:57Z', '0.10', '0.001', '0.001', '100'],
      ETHUSDT: ['2019-11-27T07:00Z', '0.01', '0.001', '0.001', '20'],
      SOLUSDT: ['2020-09-14T07:00Z', '0.0100', '1', '1', '5'],
      BNBUSDT: ['2020-02-10T08:00Z', '0.010', '0.01', '0.01', '5'],
      XRPUSDT: ['2020-01-06T08:00Z', '0.0001', '0.1', '0.1', '5'],
    },
  },
];

/** Inverse contracts are worth 1 USD each; a minute trades this many USD per unit of spot volume value. */
const INVERSE_CONTRACTS_PER_MINUTE = 150_000;

/** The default listings: five USDT pairs on spot and linear of both exchanges, BTCUSD and ETHUSD inverse on Bybit. */
export function defaultSymbols(): SymbolSpec[] {
  const specs: SymbolSpec[] = [];
  for (const venue of VENUES) {
    for (const [symbol, [listed, tickSize, qtyStep, minQty, minNotional]] of Object.entries(venue.symbols)) {
      const inverse = venue.market === 'inverse';
      const baseAsset = symbol.slice(0, 3);
      const asset = ASSETS[baseAsset];
      specs.push({
        exchange: venue.exchange,
        market: venue.market,
        symbol,
        baseAsset,
        quoteAsset: inverse ? 'USD' : 'USDT',
        listedAt: Date.parse(listed),
        tickSize,
        qtyStep,
        minQty,
        minNotional,
        basePrice: asset.price,
        volatility: asset.volatility,
        minuteVolume: inverse ? INVERSE_CONTRACTS_PER_MINUTE * (baseAsset === 'BTC' ? 1 : 0.4) : asset.volume * venue.volumeScale,
        // One default symbol keeps the legacy filter so adapters meet both spellings.
        legacyMinNotional: venue.exchange === 'binance' && venue.market === 'spot' && symbol === 'BNBUSDT',
      });
    }
  }
  return specs;
}

/** Decimal places the simulator keeps (and serves) for prices, volumes and turnovers of a symbol. */
export interface Precision {
  readonly price: number;
  /** Integer ticks -> price units of 10^-price: a tick of "0.50" is 5 units of 0.1. */
  readonly tickUnits: number;
  readonly volume: number;
  readonly turnover: number;
}

export function precisionOf(spec: SymbolSpec): Precision {
  const tickText = spec.tickSize.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  const price = decimalsOf(tickText);
  return {
    price,
    tickUnits: Math.round(Number(tickText) * 10 ** price),
    volume: decimalsOf(spec.qtyStep),
    // Inverse turnover is in the base coin (BTC), linear and spot turnover in USDT.
    turnover: spec.market === 'inverse' ? 8 : 4,
  };
}

export function findSymbol(symbols: readonly SymbolSpec[], exchange: Exchange, market: Market, symbol: string): SymbolSpec | undefined {
  return symbols.find((spec) => spec.exchange === exchange && spec.market === market && spec.symbol === symbol);
}
