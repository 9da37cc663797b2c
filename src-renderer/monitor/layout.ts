/**
 * The monitor's layout: its charts in grid order with each one's series, indicators and
 * strategy. Loaded from the settings (monitorLayout) and saved back shortly after every change,
 * so it survives restarts in both the desktop app and browser mode.
 */
import { create } from 'zustand';
import type { MonitorChart, MonitorLayout } from '../../src-shared/contract/schemas/settings.ts';
import { MAX_MONITOR_CHARTS } from '../../src-shared/contract/schemas/settings.ts';
import type { WorkstationClient } from '../../src-shared/contract/index.ts';
import type { SeriesKey } from '../../src-shared/market.ts';
import { notify, notifyError } from '../state/notifications.ts';

export const PRESETS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT'] as const;
export const DEFAULT_KEY: SeriesKey = { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' };

interface LayoutStore {
  readonly charts: readonly MonitorChart[];
  readonly loaded: boolean;
}

export const useLayout = create<LayoutStore>(() => ({ charts: [], loaded: false }));

let client: WorkstationClient | null = null;
let saveTimer: ReturnType<typeof setTimeout> | null = null;
/** Changes this close together are saved once. */
const SAVE_DELAY_MS = 300;
let nextId = 0;

function newId(): string {
  return `${Date.now().toString(36)}-${(nextId++).toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export async function loadLayout(connected: WorkstationClient): Promise<void> {
  client = connected;
  try {
    const settings = await connected.call('settings.get', {});
    useLayout.setState({ charts: settings.monitorLayout.charts, loaded: true });
  } catch (error) {
    useLayout.setState({ loaded: true });
    notifyError(error);
  }
}

function change(charts: readonly MonitorChart[]): void {
  useLayout.setState({ charts });
  if (saveTimer !== null) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void save(), SAVE_DELAY_MS);
}

async function save(): Promise<void> {
  saveTimer = null;
  if (client === null) return;
  const monitorLayout: MonitorLayout = { charts: [...useLayout.getState().charts] };
  try {
    await client.call('settings.update', { monitorLayout });
  } catch (error) {
    notifyError(error);
  }
}

function withRoom(add: () => void): void {
  if (useLayout.getState().charts.length >= MAX_MONITOR_CHARTS) {
    notify('warning', `The monitor holds at most ${MAX_MONITOR_CHARTS} charts`);
    return;
  }
  add();
}

export function addChart(key: SeriesKey = DEFAULT_KEY): void {
  withRoom(() => change([...useLayout.getState().charts, { id: newId(), key, indicators: [], strategyId: null, notify: false }]));
}

export function addPreset(symbol: string): void {
  addChart({ ...DEFAULT_KEY, symbol });
}

export function removeChart(id: string): void {
  change(useLayout.getState().charts.filter((chart) => chart.id !== id));
}

/** A copy right after the original, with the same series and overlays. */
export function duplicateChart(id: string): void {
  withRoom(() => {
    const charts = [...useLayout.getState().charts];
    const index = charts.findIndex((chart) => chart.id === id);
    if (index < 0) return;
    charts.splice(index + 1, 0, { ...structuredClone(charts[index]), id: newId() });
    change(charts);
  });
}

/** Moves a chart one place left (-1) or right (+1) in the grid. */
export function moveChart(id: string, delta: -1 | 1): void {
  const charts = [...useLayout.getState().charts];
  const from = charts.findIndex((chart) => chart.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= charts.length) return;
  [charts[from], charts[to]] = [charts[to], charts[from]];
  change(charts);
}

export function updateChart(id: string, patch: Partial<Omit<MonitorChart, 'id'>>): void {
  change(useLayout.getState().charts.map((chart) => (chart.id === id ? { ...chart, ...patch } : chart)));
}
