/**
 * Seeded one-minute candles. The log price at every minute boundary is a sum of smooth value
 * noise at scales from one minute to about two years (fractal noise, roughly a random walk
 * that never drifts off), so a price is a pure function of (seed, symbol, minute): any day can
 * be generated on its own, prices stay positive and realistic, and the same seed always gives
 * the same candles. Candle n opens at the price of boundary n and closes at boundary n + 1.
 * Amounts are integers (price units, volume units) so aggregates are exact; see decimal.ts.
 */
import { type Precision, type SymbolSpec, precisionOf } from './catalogue.ts';
import { DAY, MINUTE } from './intervals.ts';
import { centred, hash3, hashText } from './random.ts';

export const MINUTES_PER_DAY = 1440;

/** One UTC day of one-minute candles, column per field, all integers. */
export interface MinuteBlock {
  readonly dayStart: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly turnover: Float64Array;
  readonly trades: Float64Array;
  readonly takerVolume: Float64Array;
  readonly takerTurnover: Float64Array;
}

/**
 * Smooth value noise: random values on knots every `length` minutes, smoothstep in between.
 * Adds `amplitude` x noise at minutes first, first + 1, ... to `target` in one pass.
 */
function addNoise(target: Float64Array, first: number, stream: number, salt: number, length: number, amplitude: number): void {
  let knot = Math.floor(first / length);
  let offset = first - knot * length;
  let left = centred(hash3(stream, salt, knot));
  let right = centred(hash3(stream, salt, knot + 1));
  for (let i = 0; i < target.length; i++) {
    const f = offset / length;
    target[i] += amplitude * (left + (right - left) * f * f * (3 - 2 * f));
    if (++offset === length) {
      offset = 0;
      knot++;
      left = right;
      right = centred(hash3(stream, salt, knot + 1));
    }
  }
}

/** The same noise at one point only, computed exactly as addNoise does. */
function noiseAt(minute: number, stream: number, salt: number, length: number, amplitude: number): number {
  const knot = Math.floor(minute / length);
  const left = centred(hash3(stream, salt, knot));
  const right = centred(hash3(stream, salt, knot + 1));
  const f = (minute - knot * length) / length;
  return amplitude * (left + (right - left) * f * f * (3 - 2 * f));
}

/** Scales from 1 minute to 4^10 minutes (about two years). */
const OCTAVES = 11;
/** Keeps the summed octaves near a random walk's spread for the symbol's volatility. */
const OCTAVE_GAIN = 0.5;
/** Trading activity by minute of the UTC day: low in the Asian night, high in the US afternoon. */
const SEASON = Float64Array.from({ length: MINUTES_PER_DAY }, (_, i) => 1 + 0.35 * Math.sin((2 * Math.PI * i) / MINUTES_PER_DAY - 1));

/** The candle source of one listing; cheap to create, holds no candles. */
export class CandleGenerator {
  readonly spec: SymbolSpec;
  readonly precision: Precision;
  private readonly assetStream: number;
  private readonly venueStream: number;
  /** One tick as a price. */
  private readonly tickValue: number;
  /** [stream, salt, length in minutes, amplitude] of every noise layer of the log price. */
  private readonly octaves: Array<[number, number, number, number]> = [];

  constructor(seed: number, spec: SymbolSpec) {
    this.spec = spec;
    this.precision = precisionOf(spec);
    this.tickValue = this.precision.tickUnits / 10 ** this.precision.price;
    // The same coin shares its path across venues (Binance and Bybit BTC move together);
    // each venue adds a small basis of its own.
    this.assetStream = hash3(hashText(spec.baseAsset), 0x5eed, seed);
    this.venueStream = hash3(hashText(`${spec.exchange}/${spec.market}/${spec.symbol}`), 0x7e1e, seed);
    for (let k = 0; k < OCTAVES; k++) this.octaves.push([this.assetStream, k, 4 ** k, spec.volatility * Math.sqrt(4 ** k) * OCTAVE_GAIN]);
    this.octaves.push([this.venueStream, 100, 30, 0.0003], [this.venueStream, 101, 720, 0.0008]);
  }

  /** Open price of the minute starting at `time`, in price units: the same value day() gives, without the day. */
  openPrice(time: number): number {
    const minute = time / MINUTE;
    let log = Math.log(this.spec.basePrice);
    for (const [stream, salt, length, amplitude] of this.octaves) log += noiseAt(minute, stream, salt, length, amplitude);
    return this.toPriceUnits(Math.exp(log));
  }

  private toPriceUnits(price: number): number {
    return Math.max(1, Math.round(price / this.tickValue)) * this.precision.tickUnits;
  }

  /** The one-minute candles of the UTC day starting at `dayStart`. */
  day(dayStart: number): MinuteBlock {
    const { spec, precision } = this;
    const firstMinute = dayStart / MINUTE;
    const log = new Float64Array(MINUTES_PER_DAY + 1).fill(Math.log(spec.basePrice));
    for (const [stream, salt, length, amplitude] of this.octaves) addNoise(log, firstMinute, stream, salt, length, amplitude);

    const { tickUnits } = precision;
    const priceScale = 10 ** precision.price;
    const volumeScale = 10 ** precision.volume;
    const turnoverScale = 10 ** precision.turnover;
    const price = new Float64Array(MINUTES_PER_DAY + 1);
    const boundary = new Float64Array(MINUTES_PER_DAY + 1);
    for (let i = 0; i <= MINUTES_PER_DAY; i++) {
      price[i] = Math.exp(log[i]);
      boundary[i] = this.toPriceUnits(price[i]);
    }

    const block = emptyBlock(dayStart);
    const wickScale = (spec.volatility * 1.2) / this.tickValue;
    const inverse = spec.market === 'inverse';
    for (let i = 0; i < MINUTES_PER_DAY; i++) {
      // One hash per minute, its four bytes as four coarse uniforms: plenty for wicks and volume noise.
      const noise = hash3(this.venueStream, 11, firstMinute + i);
      const open = boundary[i];
      const close = boundary[i + 1];
      const move = Math.abs(log[i + 1] - log[i]) / spec.volatility;
      const high = Math.max(open, close) + Math.round(price[i] * wickScale * squared(byteUnit(noise, 0))) * tickUnits;
      const low = Math.max(tickUnits, Math.min(open, close) - Math.round(price[i] * wickScale * squared(byteUnit(noise, 8))) * tickUnits);
      // Busier when the price moves and during the European and US day, quieter at night.
      const activity = Math.exp(0.8 * (2 * byteUnit(noise, 16) - 1)) * (1 + 0.5 * move) * SEASON[i];
      const volume = Math.max(1, Math.round(spec.minuteVolume * volumeScale * activity));
      const typical = (open + high + low + close) / 4 / priceScale;
      const amount = volume / volumeScale;
      const turnover = Math.round((inverse ? amount / typical : amount * typical) * turnoverScale);
      const takerShare = 0.35 + 0.3 * byteUnit(noise, 24);
      block.open[i] = open;
      block.high[i] = high;
      block.low[i] = low;
      block.close[i] = close;
      block.volume[i] = volume;
      block.turnover[i] = turnover;
      block.trades[i] = 1 + Math.round(25 * activity);
      block.takerVolume[i] = Math.round(volume * takerShare);
      block.takerTurnover[i] = Math.round(turnover * takerShare);
    }
    return block;
  }

  /** Funding rate settled at `time`, in units of 1e-8 (10000 = 0.01%): mostly near +0.01%, drifting, sometimes negative. */
  fundingRate(time: number): number {
    const period = Math.floor(time / (8 * 3_600_000));
    const slow = noiseAt(period, this.venueStream, 200, 21, 1);
    const rate = 10_000 + 4_000 * slow + 1_500 * centred(hash3(this.venueStream, 201, period));
    return Math.max(-300_000, Math.min(300_000, Math.round(rate)));
  }
}

/** Byte `shift / 8` of a hash as a uniform in (0, 1). */
function byteUnit(hash: number, shift: number): number {
  return (((hash >>> shift) & 0xff) + 0.5) / 256;
}

function squared(x: number): number {
  return x * x;
}

function emptyBlock(dayStart: number): MinuteBlock {
  const column = (): Float64Array => new Float64Array(MINUTES_PER_DAY);
  return {
    dayStart,
    open: column(),
    high: column(),
    low: column(),
    close: column(),
    volume: column(),
    turnover: column(),
    trades: column(),
    takerVolume: column(),
    takerTurnover: column(),
  };
}

export function dayStartOf(time: number): number {
  return Math.floor(time / DAY) * DAY;
}
