/**
 * Dates as people read them. Pure: "now" comes in as an argument. Durations are worded once for
 * backend and UI alike, in `@contract/duration-words`.
 */

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
