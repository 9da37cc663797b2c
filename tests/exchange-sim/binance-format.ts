/**
 * How Binance prints its data: amounts in klines and streams (spot with 8 decimals, USD-M with
 * the symbol's precision) and the exchangeInfo documents of spot and USD-M futures, with the
 * symbol filters adapters read (PRICE_FILTER, LOT_SIZE, NOTIONAL or MIN_NOTIONAL).
 */
import type { Market } from '../../src-shared/market.ts';
import { type SymbolSpec, precisionOf } from './catalogue.ts';
import { decimalsOf, paddedDecimal, toUnits } from './decimal.ts';
import { REALISTIC_RATE_LIMITS } from './rate-limits.ts';

export type BinanceMarket = Extract<Market, 'spot' | 'linear'>;

export interface BinanceNumbers {
  readonly price: (units: number) => string;
  readonly volume: (units: number) => string;
  readonly quote: (units: number) => string;
}

/** How Binance prints amounts: spot with 8 decimals, USD-M prices with the symbol's pricePrecision. */
export function binanceNumbers(spec: SymbolSpec, market: BinanceMarket): BinanceNumbers {
  const precision = precisionOf(spec);
  if (market === 'spot') {
    return {
      price: (units) => paddedDecimal(units, precision.price, 8),
      volume: (units) => paddedDecimal(units, precision.volume, 8),
      quote: (units) => paddedDecimal(units, precision.turnover, 8),
    };
  }
  const shown = decimalsOf(spec.tickSize);
  return {
    price: (units) => paddedDecimal(units, precision.price, shown),
    volume: (units) => paddedDecimal(units, precision.volume, precision.volume),
    quote: (units) => paddedDecimal(units, precision.turnover, 5),
  };
}

function spotStatus(spec: SymbolSpec, now: number): string {
  return spec.listedAt > now ? 'BREAK' : 'TRADING';
}

/** Order-size ceilings are not simulated; values in the right order of magnitude keep filters plausible. */
function quantityCeiling(spec: SymbolSpec, value: number, decimals: number): string {
  const stepDecimals = decimalsOf(spec.qtyStep);
  const step = toUnits(spec.qtyStep, stepDecimals);
  return paddedDecimal(Math.max(1, Math.round(value / spec.basePrice / (step / 10 ** stepDecimals))) * step, stepDecimals, decimals);
}

export function spotExchangeInfo(specs: readonly SymbolSpec[], now: number, weightLimit: number): unknown {
  const eight = (text: string): string => paddedDecimal(toUnits(text, decimalsOf(text)), decimalsOf(text), 8);
  return {
    timezone: 'UTC',
    serverTime: now,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: Number.isFinite(weightLimit) ? weightLimit : REALISTIC_RATE_LIMITS.binanceSpotWeightPerWindow },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: specs.map((spec) => ({
      symbol: spec.symbol,
      status: spotStatus(spec, now),
      baseAsset: spec.baseAsset,
      baseAssetPrecision: 8,
      quoteAsset: spec.quoteAsset,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
      icebergAllowed: true,
      ocoAllowed: true,
      otoAllowed: true,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: true,
      cancelReplaceAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: true,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: eight(spec.tickSize), maxPrice: '1000000.00000000', tickSize: eight(spec.tickSize) },
        { filterType: 'LOT_SIZE', minQty: eight(spec.minQty), maxQty: quantityCeiling(spec, 300_000_000, 8), stepSize: eight(spec.qtyStep) },
        { filterType: 'ICEBERG_PARTS', limit: 10 },
        { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: quantityCeiling(spec, 3_000_000, 8), stepSize: '0.00000000' },
        spec.legacyMinNotional === true
          ? { filterType: 'MIN_NOTIONAL', minNotional: eight(spec.minNotional), applyToMarket: true, avgPriceMins: 5 }
          : { filterType: 'NOTIONAL', minNotional: eight(spec.minNotional), applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
        { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
        { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
      ],
      permissions: [],
      permissionSets: [['SPOT', 'MARGIN']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
    })),
  };
}

export function futuresExchangeInfo(specs: readonly SymbolSpec[], now: number, weightLimit: number): unknown {
  return {
    timezone: 'UTC',
    serverTime: now,
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: Number.isFinite(weightLimit) ? weightLimit : REALISTIC_RATE_LIMITS.binanceFuturesWeightPerWindow },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
    ],
    exchangeFilters: [],
    assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
    symbols: specs.map((spec) => ({
      symbol: spec.symbol,
      pair: spec.symbol,
      contractType: 'PERPETUAL',
      deliveryDate: 4133404800000,
      onboardDate: spec.listedAt,
      status: spec.listedAt > now ? 'PENDING_TRADING' : 'TRADING',
      maintMarginPercent: '2.5000',
      requiredMarginPercent: '5.0000',
      baseAsset: spec.baseAsset,
      quoteAsset: spec.quoteAsset,
      marginAsset: spec.quoteAsset,
      pricePrecision: decimalsOf(spec.tickSize),
      quantityPrecision: decimalsOf(spec.qtyStep),
      baseAssetPrecision: 8,
      quotePrecision: 8,
      underlyingType: 'COIN',
      underlyingSubType: [],
      settlePlan: 0,
      triggerProtect: '0.0500',
      liquidationFee: '0.012500',
      marketTakeBound: '0.05',
      maxMoveOrderLimit: 10000,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: spec.tickSize, maxPrice: String(Math.round(spec.basePrice * 100)), tickSize: spec.tickSize },
        { filterType: 'LOT_SIZE', minQty: spec.minQty, maxQty: quantityCeiling(spec, 50_000_000, decimalsOf(spec.qtyStep)), stepSize: spec.qtyStep },
        { filterType: 'MARKET_LOT_SIZE', minQty: spec.minQty, maxQty: quantityCeiling(spec, 5_000_000, decimalsOf(spec.qtyStep)), stepSize: spec.qtyStep },
        { filterType: 'MAX_NUM_ORDERS', limit: 200 },
        { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
        { filterType: 'MIN_NOTIONAL', notional: spec.minNotional },
        { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
      ],
      orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
      timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
      permissionSets: ['GRID', 'COPY'],
    })),
  };
}
