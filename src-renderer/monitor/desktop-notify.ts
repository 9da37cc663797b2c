/**
 * Desktop notifications for strategy signals (the Notification API). Permission is asked when a
 * chart's notifications are first turned on; without it the signals still show in the window.
 */
import type { StrategyMark } from '../../src-engine/for-windows.ts';
import { describeSeries, type SeriesKey } from '../../src-shared/market.ts';
import { notify } from '../state/notifications.ts';

/** Asks for permission if not decided yet; false when notifications cannot be shown. */
export async function enableDesktopNotifications(): Promise<boolean> {
  if (typeof Notification === 'undefined') {
    notify('warning', 'This window cannot show desktop notifications; signals are shown here instead');
    return false;
  }
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (permission !== 'granted') notify('warning', 'Desktop notifications are blocked; signals are shown here instead');
  return permission === 'granted';
}

export function describeMark(mark: StrategyMark): string {
  const side = mark.side === 'long' ? 'Long' : 'Short';
  return mark.action === 'entry' ? `${side} entry at ${mark.price}` : `${side} exit (${mark.reason ?? 'signal'}) at ${mark.price}`;
}

/** Announces new signals in the window, and on the desktop when allowed. */
export function announceSignals(key: SeriesKey, strategyName: string, marks: readonly StrategyMark[], desktop: boolean): void {
  const title = `${strategyName} on ${describeSeries(key)}`;
  const body = marks.map(describeMark).join('; ');
  notify('info', `${title}: ${body}`);
  if (desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(title, { body });
}
