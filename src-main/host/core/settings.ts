/**
 * Settings changes and what they mean for the core: a patch merged field by field into the
 * stored settings (checked as a whole afterwards; the monitor layout is replaced whole), the exchange endpoints in effect, and the
 * fees a backtest on a given exchange market charges when the request names none.
 */
import {
  type DefaultFees,
  type ExchangeEndpoints,
  type SettingsPatch,
  settingsPatchSchema,
  type WorkstationSettings,
  workstationSettingsSchema,
} from '../../../src-shared/contract/schemas/settings.ts';
import type { Exchange, Market } from '../../../src-shared/market.ts';
import { checkInput } from './inputs.ts';

export interface FeePair {
  readonly maker: number;
  readonly taker: number;
}

/** The settings with `patch` applied; CoreError 'invalid-input' names the first bad field. */
export function mergeSettings(current: WorkstationSettings, patch: unknown): WorkstationSettings {
  const change: SettingsPatch = checkInput('settings', settingsPatchSchema.safeParse(patch ?? {}));
  const endpoints: Record<string, string> = { ...current.exchangeEndpoints };
  for (const [name, url] of Object.entries(change.exchangeEndpoints ?? {})) {
    if (url === null) delete endpoints[name];
    else if (url !== undefined) endpoints[name] = url;
  }
  const fees = structuredClone(current.defaultFees) as Record<string, Record<string, Record<string, number>>>;
  for (const [exchange, markets] of Object.entries(change.defaultFees ?? {})) {
    for (const [market, pair] of Object.entries(markets ?? {})) {
      fees[exchange][market] = { ...fees[exchange][market], ...pair };
    }
  }
  return checkInput(
    'settings',
    workstationSettingsSchema.safeParse({
      exchangeEndpoints: endpoints,
      defaultFees: fees,
      theme: change.theme ?? current.theme,
      monitorLayout: change.monitorLayout ?? current.monitorLayout,
    }),
  );
}

/** Endpoints given when the core was started (tests, --endpoint flags) win over the settings, entry by entry. */
export function effectiveEndpoints(settings: ExchangeEndpoints, fixed: ExchangeEndpoints | undefined): ExchangeEndpoints {
  const merged: Record<string, string> = { ...settings };
  for (const [name, url] of Object.entries(fixed ?? {})) if (url !== undefined) merged[name] = url;
  return merged;
}

/**
 * The default fees of an exchange market. Binance's coin-margined (inverse) futures have no entry
 * of their own: their base tier is the same as USD-M's, so they take the linear fees.
 */
export function feesFor(fees: DefaultFees, exchange: Exchange, market: Market): FeePair {
  if (exchange === 'bybit') return fees.bybit[market];
  return market === 'spot' ? fees.binance.spot : fees.binance.linear;
}
