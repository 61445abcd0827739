/**
 * Times as people read them: one format across the UI, in the viewer's own locale and time zone
 * (the Forge context's `locale` and `timezone`). The time is always there; words like "in 12 min"
 * only ever add to it. Pure: "now" comes in as an argument. Durations are worded once for backend
 * and UI alike, in `@contract/duration-words`.
 */

/** Whose clock a time is read on; both come from the Forge context and may be missing. */
export interface ViewerClock {
  readonly locale?: string | undefined;
  readonly timeZone?: string | undefined;
}

const FALLBACK_LOCALE = 'en-US';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter for the viewer; an unknown locale or zone from the host falls back instead of breaking the panel. */
function formatterFor(viewer: ViewerClock, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([viewer.locale, viewer.timeZone, options]);
  const cached = formatters.get(key);
  if (cached !== undefined) return cached;
  let made: Intl.DateTimeFormat;
  try {
    made = new Intl.DateTimeFormat(viewer.locale ?? FALLBACK_LOCALE, { ...options, ...(viewer.timeZone === undefined ? {} : { timeZone: viewer.timeZone }) });
  } catch {
    try {
      made = new Intl.DateTimeFormat(viewer.locale ?? FALLBACK_LOCALE, options);
    } catch {
      made = new Intl.DateTimeFormat(FALLBACK_LOCALE, options);
    }
  }
  formatters.set(key, made);
  return made;
}

const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'short' };
const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** The calendar day of an instant on the viewer's clock, for "is it today?". */
const dayOf = (instant: Date, viewer: ViewerClock): string => formatterFor(viewer, DAY).format(instant);
const yearOf = (instant: Date, viewer: ViewerClock): string => formatterFor(viewer, { year: 'numeric' }).format(instant);

export interface WhenOptions {
  /**
   * Name the zone ("14:15 UTC", "9:15 AM EST"): where the reader may not share the viewer's zone,
   * or the time is in a zone the viewer chose rather than their own.
   */
  readonly nameZone?: boolean;
}

/**
 * "14:15" today, "Mon 30 Nov, 14:15" on another day this year, "Mon 30 Nov 2025, 14:15" in another
 * year; each in the viewer's locale ("2:15 PM", "Mon, Nov 30, 2:15 PM") and zone. `''` when unreadable.
 */
export function formatWhen(iso: string, now: Date, viewer: ViewerClock, options: WhenOptions = {}): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return '';
  const time = formatterFor(viewer, TIME).format(then);
  const zoned = options.nameZone === true ? `${time} ${zoneNameOf(then, viewer)}` : time;
  if (dayOf(then, viewer) === dayOf(now, viewer)) return zoned;
  const year: Intl.DateTimeFormatOptions = yearOf(then, viewer) === yearOf(now, viewer) ? {} : { year: 'numeric' };
  return `${formatterFor(viewer, { weekday: 'short', day: 'numeric', month: 'short', ...year }).format(then)}, ${zoned}`;
}

/** "UTC", "EST", "GMT+5:30": the zone's short name in the viewer's locale, at that instant (DST included). */
const zoneNameOf = (instant: Date, viewer: ViewerClock): string =>
  formatterFor(viewer, { timeZoneName: 'short' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value ?? '';

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "in 12 min", "5 min ago", "in 2 hr", "yesterday": how far a time is from now, to put beside the
 * time itself. Under a minute counts as one, so it never says "now" about something already past.
 */
export function formatDistance(iso: string, now: Date, locale?: string): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return '';
  let rtf: Intl.RelativeTimeFormat;
  try {
    rtf = new Intl.RelativeTimeFormat(locale ?? FALLBACK_LOCALE, { numeric: 'auto', style: 'short' });
  } catch {
    rtf = new Intl.RelativeTimeFormat(FALLBACK_LOCALE, { numeric: 'auto', style: 'short' });
  }
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds < 0 ? -1 : 1, 'minute');
}

/**
 * "just now", "5 min ago": how long ago something happened, for "Computed …" lines. A time a few
 * seconds ahead of this browser's clock (the server's clock is not the browser's) is "just now",
 * never "in 1 min".
 */
export function formatAge(iso: string, now: Date, locale?: string): string {
  const seconds = (now.getTime() - Date.parse(iso)) / 1000;
  if (!Number.isFinite(seconds)) return '';
  return seconds < 60 ? 'just now' : formatDistance(iso, now, locale);
}

/** "14:15 (in 12 min)": the time, and how far it is. */
export function formatWhenFromNow(iso: string, now: Date, viewer: ViewerClock): string {
  const when = formatWhen(iso, now, viewer);
  return when === '' ? '' : `${when} (${formatDistance(iso, now, viewer.locale)})`;
}

/** `formatWhen` against the current time, for screens that keep no "now" of their own (new code passes `now`). */
export function formatAbsolute(thenIso: string, locale?: string, timeZone?: string, now: Date = new Date()): string {
  return formatWhen(thenIso, now, { locale, timeZone });
}
