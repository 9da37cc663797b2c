/** The options that name a cached series (--exchange --market --symbol --interval) and a time range. */
import { describeSeries, intervalSchema, exchangeSchema, marketSchema, type SeriesKey } from '../../src-shared/market.ts';
import { resolveDataDir } from '../host/data-dir.ts';
import { timeOption } from './options.ts';
import { UsageError } from './usage-error.ts';

export const SERIES_OPTIONS = {
  exchange: { type: 'string' },
  market: { type: 'string' },
  symbol: { type: 'string' },
  interval: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  data: { type: 'string' },
} as const;

export interface SeriesOptionValues {
  exchange?: string;
  market?: string;
  symbol?: string;
  interval?: string;
  from?: string;
  to?: string;
}

export function seriesKeyOption(values: SeriesOptionValues): SeriesKey {
  const missing = (['exchange', 'market', 'symbol', 'interval'] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(', ')} (e.g. --exchange bybit --market linear --symbol BTCUSDT --interval 1h)`);
  const check = <T>(name: string, result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T => {
    if (!result.success) throw new UsageError(`--${name} ${values[name as keyof SeriesOptionValues]}: ${result.error.issues[0].message}`);
    return result.data;
  };
  const symbol = String(values.symbol).toUpperCase();
  if (!/^[A-Z0-9]{2,30}$/.test(symbol)) throw new UsageError(`--symbol ${values.symbol}: expected letters and digits, e.g. BTCUSDT`);
  return {
    exchange: check('exchange', exchangeSchema.safeParse(values.exchange)),
    market: check('market', marketSchema.safeParse(values.market)),
    symbol,
    interval: check('interval', intervalSchema.safeParse(values.interval)),
  };
}

export function timeRangeOption(values: SeriesOptionValues): { from: number | undefined; to: number | undefined } {
  const from = timeOption('from', values.from);
  const to = timeOption('to', values.to);
  if (from !== undefined && to !== undefined && to <= from) throw new UsageError(`--to ${values.to} must be after --from ${values.from}`);
  return { from, to };
}

/** --data, else the folder config.json in `configDir` (the default data folder) names, else the default. */
export function dataDirOption(value: string | undefined, configDir?: string): string {
  return resolveDataDir({ explicit: value, configDir });
}

export { describeSeries };
