/**
 * The monitor's address: the same page with `view=monitor` in the fragment, next to the launch
 * token browser mode keeps there (`#token=...&view=monitor`), so one bundle serves both windows
 * and the token reader needs no change.
 */
const VIEW = 'view';
const MONITOR = 'monitor';

export function isMonitorRoute(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).get(VIEW) === MONITOR;
}

/** This page's address with the monitor view added to its fragment (the token kept). */
export function monitorUrl(href: string): string {
  const url = new URL(href);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  fragment.set(VIEW, MONITOR);
  url.hash = fragment.toString();
  return url.toString();
}

/** The window name the monitor opens under, so asking again brings the same one forward. */
export const MONITOR_WINDOW_NAME = 'bst-live-monitor';
