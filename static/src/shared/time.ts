/** Dates and durations as people read them. Pure: "now" comes in as an argument. */

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "yesterday", "just now". */
export function formatRelative(thenIso: string, now: Date, locale?: string): string {
  const seconds = Math.round((Date.parse(thenIso) - now.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (Math.abs(seconds) < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(locale ?? 'en-US', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / 60), 'minute');
}

export function formatAbsolute(thenIso: string, locale?: string, timeZone?: string): string {
  const then = new Date(thenIso);
  if (Number.isNaN(then.getTime())) return '';
  try {
    return then.toLocaleString(locale ?? 'en-US', { dateStyle: 'medium', timeStyle: 'short', ...(timeZone === undefined ? {} : { timeZone }) });
  } catch {
    // An unknown time zone from the host must not break the panel.
    return then.toLocaleString(locale ?? 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
  }
}

/**
 * A waiting time in the two largest units that matter: "2 h 10 min", "3 d 4 h", "45 min",
 * "less than a minute". Response targets are counted in hours, so seconds are never shown.
 */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 60) return 'less than a minute';
  const minutes = Math.floor(totalSeconds / 60);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}
