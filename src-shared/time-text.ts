/** How the app writes and reads times as text: UTC days (YYYY-MM-DD) and UTC minutes, everywhere alike. */

const DAY_MS = 86_400_000;

/** The UTC day (YYYY-MM-DD) an epoch ms falls on. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD day as the epoch ms of its UTC midnight; null when malformed. */
export function parseUtcDay(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** The day after (a range's exclusive end day). */
export function nextUtcDay(day: string): string {
  const ms = parseUtcDay(day);
  return ms === null ? day : utcDay(ms + DAY_MS);
}

/** "2024-01-31 09:30" (UTC); "—" for no time. */
export function utcMinute(epochMs: number | null): string {
  return epochMs === null ? '—' : new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ');
}
