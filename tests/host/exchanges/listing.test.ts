/** Listing times: when an empty page means "before listing", and one shared listing request per market. */
import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../src-main/host/exchanges/adapter.ts';
import { beforeListingError, guardListing, ListingTimes } from '../../../src-main/host/exchanges/listing.ts';
import type { Instrument, SeriesKey } from '../../../src-shared/market.ts';

const LAUNCH = Date.UTC(2019, 8, 8, 17, 57);
const HOUR = 3_600_000;
const key: SeriesKey = { exchange: 'binance', market: 'linear', symbol: 'BTCUSDT', interval: '1h' };

const btc: Instrument = {
  exchange: 'binance',
  market: 'linear',
  symbol: 'BTCUSDT',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  status: 'trading',
  contractType: 'perpetual',
  tickSize: 0.1,
  qtyStep: 0.001,
  minQty: 0.001,
  minNotional: 100,
  launchTime: LAUNCH,
};

const empty = { time: new Float64Array(0) };

describe('beforeListingError', () => {
  it('fires only when the range ends before the bar holding the launch opens', () => {
    const hourOfLaunch = Date.UTC(2019, 8, 8, 17);
    expect(beforeListingError('binance', key, hourOfLaunch, LAUNCH)?.message).toBe('BTCUSDT on binance linear starts at 2019-09-08; nothing before that');
    expect(beforeListingError('binance', key, hourOfLaunch + 1, LAUNCH)).toBeNull();
    expect(beforeListingError('binance', { ...key, interval: '1d' }, Date.UTC(2019, 8, 8), LAUNCH)?.kind).toBe('before-listing');
    expect(beforeListingError('binance', key, 0, null)).toBeNull();
  });
});

describe('ListingTimes and guardListing', () => {
  it('asks for the listing once however many empty pages wait on it, then answers from memory', async () => {
    let requests = 0;
    const listing = new ListingTimes(async () => {
      requests++;
      return [btc];
    });
    const early = () => guardListing(listing, 'binance', key, LAUNCH - 10 * HOUR, undefined, async () => empty);
    const results = await Promise.allSettled([early(), early(), early()]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as ExchangeError).kind)).toEqual(['before-listing', 'before-listing', 'before-listing']);
    let pageFetched = false;
    await expect(
      guardListing(listing, 'binance', key, LAUNCH - HOUR, undefined, async () => {
        pageFetched = true;
        return empty;
      }),
    ).rejects.toMatchObject({ kind: 'before-listing' });
    expect(requests).toBe(1);
    expect(pageFetched).toBe(false);
  });

  it('returns an empty page after the listing as it is', async () => {
    const listing = new ListingTimes(async () => [btc]);
    await expect(guardListing(listing, 'binance', key, LAUNCH + 100 * HOUR, undefined, async () => empty)).resolves.toBe(empty);
  });

  it('lets one waiting caller cancel without failing the others', async () => {
    let resolveList: (instruments: Instrument[]) => void = () => undefined;
    const listing = new ListingTimes(() => new Promise((resolve) => (resolveList = resolve)));
    const controller = new AbortController();
    const cancelled = guardListing(listing, 'binance', key, LAUNCH - HOUR, controller.signal, async () => empty);
    const other = guardListing(listing, 'binance', key, LAUNCH - HOUR, undefined, async () => empty);
    await Promise.resolve();
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ kind: 'cancelled' });
    resolveList([btc]);
    await expect(other).rejects.toMatchObject({ kind: 'before-listing' });
  });
});
