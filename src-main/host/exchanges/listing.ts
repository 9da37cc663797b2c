/**
 * Listing times, to tell "nothing was traded yet" from "no data": an empty candle page for a
 * range that ends before the instrument launched becomes a 'before-listing' error naming the
 * launch date. Instrument lists are fetched once per market and reused.
 */
import type { Exchange, Instrument, Market, SeriesKey } from '../../../src-shared/market.ts';
import { barOpenTime } from '../../../src-engine/intervals.ts';
import { rejectOnAbort } from './abort.ts';
import { ExchangeError } from './adapter.ts';
import { cancelledError } from './failures.ts';

export type InstrumentLister = (market: Market) => Promise<Instrument[]>;

export class ListingTimes {
  readonly #list: InstrumentLister;
  readonly #byMarket = new Map<Market, Map<string, Instrument>>();
  /** One listing request per market at a time, however many empty pages ask together. */
  readonly #loading = new Map<Market, Promise<void>>();

  constructor(list: InstrumentLister) {
    this.#list = list;
  }

  /** Remembers a fresh listing, so later lookups need no request. */
  remember(market: Market, instruments: readonly Instrument[]): void {
    this.#byMarket.set(market, new Map(instruments.map((instrument) => [instrument.symbol, instrument])));
  }

  /** The launch time if already known, without a request. */
  known(market: Market, symbol: string): number | null {
    return this.#byMarket.get(market)?.get(symbol)?.launchTime ?? null;
  }

  async launchTime(market: Market, symbol: string, signal?: AbortSignal): Promise<number | null> {
    if (!this.#byMarket.has(market)) {
      let loading = this.#loading.get(market);
      if (loading === undefined) {
        // Shared by every waiting caller, so no one caller's signal may cancel it.
        loading = this.#list(market).then((instruments) => this.remember(market, instruments));
        this.#loading.set(market, loading);
        loading.then(
          () => this.#loading.delete(market),
          () => this.#loading.delete(market),
        );
      }
      await rejectOnAbort(loading, signal);
    }
    return this.known(market, symbol);
  }
}

/**
 * The error for a range that ends before the first bar can open, or null when data may exist.
 * The bar holding the launch opens before it (a 1h bar at 17:00 for a 17:57 listing) and exists.
 */
export function beforeListingError(exchange: Exchange, key: SeriesKey, to: number, launchTime: number | null): ExchangeError | null {
  if (launchTime === null || to > barOpenTime(launchTime, key.interval)) return null;
  const day = new Date(launchTime).toISOString().slice(0, 10);
  return new ExchangeError(exchange, 'before-listing', `${key.symbol} on ${exchange} ${key.market} starts at ${day}; nothing before that`);
}

/**
 * Runs a page fetch, failing fast when the range is known to end before the listing and, when
 * the page comes back empty, looking the listing up to say why.
 */
export async function guardListing<T extends { readonly time: Float64Array }>(
  listing: ListingTimes,
  exchange: Exchange,
  key: SeriesKey,
  to: number,
  signal: AbortSignal | undefined,
  fetchPage: () => Promise<T>,
): Promise<T> {
  const known = beforeListingError(exchange, key, to, listing.known(key.market, key.symbol));
  if (known !== null) throw known;
  const rows = await fetchPage();
  if (rows.time.length > 0) return rows;
  let launchTime: number | null;
  try {
    launchTime = await listing.launchTime(key.market, key.symbol, signal);
  } catch (error) {
    throw signal?.aborted ? cancelledError(exchange, error) : error;
  }
  const error = beforeListingError(exchange, key, to, launchTime);
  if (error !== null) throw error;
  return rows;
}
