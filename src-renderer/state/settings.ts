/**
 * The workstation settings as the core keeps them (settings.get / settings.update and the
 * settings.changed event), and the Settings page's form over them. The form holds text as the
 * user typed it: base URLs (empty = the exchange's public endpoint) and fees in percent, which
 * are stored as fractions. Validation is the contract's: a refused update comes back as an
 * invalid-input envelope whose issues (path, message) are shown next to their fields.
 */
import { create } from 'zustand';
import { RpcFailure } from '../../src-shared/contract/index.ts';
import {
  DEFAULT_SETTINGS,
  type SettingsPatch,
  type WorkstationSettings,
} from '../../src-shared/contract/schemas/settings.ts';
import { requireClient } from '../rpc/connection.ts';
import { notifyError } from './notifications.ts';

export type { WorkstationSettings };
export type Theme = WorkstationSettings['theme'];

export const ENDPOINT_FIELDS = [
  { key: 'bybitRest', label: 'Bybit REST', testId: 'settings-bybit-rest' },
  { key: 'binanceSpotRest', label: 'Binance spot REST', testId: 'settings-binance-spot-rest' },
  { key: 'binanceFuturesRest', label: 'Binance USD-M REST', testId: 'settings-binance-futures-rest' },
] as const;
export type EndpointKey = (typeof ENDPOINT_FIELDS)[number]['key'];

type Fees = WorkstationSettings['defaultFees'];
export type FeeExchange = keyof Fees;
export type FeeSide = 'maker' | 'taker';

export interface FeeMarketField {
  readonly exchange: FeeExchange;
  readonly market: string;
  readonly label: string;
}

export const FEE_MARKETS: readonly FeeMarketField[] = [
  { exchange: 'bybit', market: 'spot', label: 'Bybit spot' },
  { exchange: 'bybit', market: 'linear', label: 'Bybit USDT perpetuals (linear)' },
  { exchange: 'bybit', market: 'inverse', label: 'Bybit inverse' },
  { exchange: 'binance', market: 'spot', label: 'Binance spot' },
  { exchange: 'binance', market: 'linear', label: 'Binance USD-M futures (linear)' },
];

/** The form's field keys, as the contract's issue paths name them. */
export function endpointPath(key: EndpointKey): string {
  return `exchangeEndpoints.${key}`;
}
export function feePath(exchange: string, market: string, side: FeeSide): string {
  return `defaultFees.${exchange}.${market}.${side}`;
}

export interface SettingsForm {
  readonly endpoints: Readonly<Record<EndpointKey, string>>;
  /** Percent text by feePath. */
  readonly fees: Readonly<Record<string, string>>;
  readonly theme: Theme;
}

interface SettingsStore {
  /** What the core holds; null until loaded. */
  readonly saved: WorkstationSettings | null;
  readonly form: SettingsForm;
  /** Messages by field path ('' for a problem with no field). */
  readonly errors: Readonly<Record<string, string>>;
  readonly saving: boolean;
  /** Counts saves that succeeded, so the confirmation shows after each one. */
  readonly savedCount: number;
}

/** A fraction as percent text, without binary noise (0.00055 -> "0.055"). */
export function fractionToPercent(fraction: number): string {
  return String(Number((fraction * 100).toPrecision(12)));
}

/** Percent text as a fraction; null when it is not a number. */
export function percentToFraction(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Number((value / 100).toPrecision(12)) : null;
}

export function formFrom(settings: WorkstationSettings): SettingsForm {
  const endpoints = Object.fromEntries(ENDPOINT_FIELDS.map(({ key }) => [key, settings.exchangeEndpoints[key] ?? ''])) as Record<EndpointKey, string>;
  const fees: Record<string, string> = {};
  for (const { exchange, market } of FEE_MARKETS) {
    const pair = (settings.defaultFees[exchange] as Record<string, { maker: number; taker: number }>)[market];
    for (const side of ['maker', 'taker'] as const) fees[feePath(exchange, market, side)] = pair === undefined ? '' : fractionToPercent(pair[side]);
  }
  return { endpoints, fees, theme: settings.theme };
}

function sameForm(a: SettingsForm, b: SettingsForm): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const useSettings = create<SettingsStore>(() => ({
  saved: null,
  form: formFrom(DEFAULT_SETTINGS),
  errors: {},
  saving: false,
  savedCount: 0,
}));

/** The theme the app shows: the form's (so a switch previews at once), else the stored one. */
export function useThemeName(): Theme {
  return useSettings((s) => s.form.theme);
}

export function isDirty(state: Pick<SettingsStore, 'saved' | 'form'>): boolean {
  return state.saved !== null && !sameForm(state.form, formFrom(state.saved));
}

/** New settings from the core: the form follows them unless the user has unsaved edits. */
export function settingsArrived(settings: WorkstationSettings): void {
  useSettings.setState((state) => {
    const untouched = state.saved === null || !isDirty(state);
    return untouched ? { saved: settings, form: formFrom(settings), errors: {} } : { saved: settings };
  });
}

export async function loadSettings(): Promise<void> {
  try {
    settingsArrived(await requireClient().call('settings.get', {}));
  } catch (error) {
    notifyError(error);
  }
}

export function editEndpoint(key: EndpointKey, value: string): void {
  useSettings.setState((state) => ({ form: { ...state.form, endpoints: { ...state.form.endpoints, [key]: value } }, errors: without(state.errors, endpointPath(key)) }));
}

export function editFee(path: string, value: string): void {
  useSettings.setState((state) => ({ form: { ...state.form, fees: { ...state.form.fees, [path]: value } }, errors: without(state.errors, path) }));
}

export function editTheme(theme: Theme): void {
  useSettings.setState((state) => ({ form: { ...state.form, theme } }));
}

/** Fills the form with the defaults; Save stores them. */
export function resetToDefaults(): void {
  useSettings.setState({ form: formFrom(DEFAULT_SETTINGS), errors: {} });
}

function without(errors: Readonly<Record<string, string>>, path: string): Readonly<Record<string, string>> {
  if (!(path in errors) && !('' in errors)) return errors;
  const { [path]: _field, ['']: _general, ...rest } = errors;
  return rest;
}

/** The whole form as a patch: every endpoint (null = public), every fee, the theme. */
function patchFrom(form: SettingsForm): { patch: SettingsPatch } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const exchangeEndpoints: Record<string, string | null> = {};
  for (const { key } of ENDPOINT_FIELDS) {
    const text = form.endpoints[key].trim();
    exchangeEndpoints[key] = text === '' ? null : text;
  }
  const defaultFees: Record<string, Record<string, Record<string, number>>> = {};
  for (const { exchange, market } of FEE_MARKETS) {
    for (const side of ['maker', 'taker'] as const) {
      const path = feePath(exchange, market, side);
      const fraction = percentToFraction(form.fees[path] ?? '');
      if (fraction === null) {
        errors[path] = 'enter a number (percent)';
        continue;
      }
      ((defaultFees[exchange] ??= {})[market] ??= {})[side] = fraction;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { patch: { exchangeEndpoints, defaultFees, theme: form.theme } as SettingsPatch };
}

/** Fee issues speak in fractions; the form is in percent, so say it in percent too. */
function readable(path: string, message: string): string {
  if (!path.startsWith('defaultFees.')) return message;
  return message.replace(/at most 0\.1 \(10 %\)/, 'at most 10 %');
}

interface Issue {
  readonly path: string;
  readonly message: string;
}

function issuesOf(error: unknown): readonly Issue[] | null {
  if (!(error instanceof RpcFailure) || error.code !== 'invalid-input') return null;
  const issues = error.details?.issues;
  if (!Array.isArray(issues)) return null;
  return issues.filter((issue): issue is Issue => typeof issue?.path === 'string' && typeof issue?.message === 'string');
}

export async function saveSettings(): Promise<boolean> {
  const state = useSettings.getState();
  if (state.saving) return false;
  const built = patchFrom(state.form);
  if ('errors' in built) {
    useSettings.setState({ errors: built.errors });
    return false;
  }
  useSettings.setState({ saving: true, errors: {} });
  try {
    const settings = await requireClient().call('settings.update', built.patch);
    useSettings.setState((s) => ({ saved: settings, form: formFrom(settings), errors: {}, savedCount: s.savedCount + 1 }));
    return true;
  } catch (error) {
    const issues = issuesOf(error);
    if (issues === null || issues.length === 0) {
      useSettings.setState({ errors: { '': error instanceof Error ? error.message : String(error) } });
      notifyError(error);
    } else {
      const errors: Record<string, string> = {};
      for (const issue of issues) errors[issue.path] ??= readable(issue.path, issue.message);
      useSettings.setState({ errors });
    }
    return false;
  } finally {
    useSettings.setState({ saving: false });
  }
}
