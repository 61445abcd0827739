/**
 * Wall-clock times in a chosen IANA time zone ⇄ ISO instants, for `datetime-local` inputs. Pure and
 * without a date library: `Intl.DateTimeFormat` knows each zone's offsets (DST included).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  try {
    const made = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, made);
    return made;
  } catch {
    return null;
  }
}

/** Whether the runtime knows the zone (an unknown one falls back to UTC everywhere here). */
export const isKnownTimeZone = (timeZone: string): boolean => formatterFor(timeZone) !== null;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall-clock fields of an instant in a zone, as a UTC timestamp (so differences give the offset). */
function wallClockMs(ms: number, timeZone: string): number {
  const formatter = formatterFor(timeZone) ?? formatterFor('UTC');
  if (formatter === null) return ms;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, (parts['hour'] ?? 0) % 24, parts['minute'] ?? 0, parts['second'] ?? 0);
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +2 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * `2026-03-29T02:30` read in `timeZone` → `2026-03-29T01:30:00Z`-style ISO instant; `null` for an
 * empty or malformed value. A wall time skipped by a DST jump resolves to the later offset.
 */
export function localToIso(local: string, timeZone: string): string | null {
  const match = LOCAL.exec(local.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s] = match;
  const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'));
  if (Number.isNaN(guess)) return null;
  const first = zoneOffsetMs(guess, timeZone);
  let instant = guess - first;
  const second = zoneOffsetMs(instant, timeZone);
  if (second !== first) instant = guess - second;
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

/** An ISO instant as a `datetime-local` value (`YYYY-MM-DDTHH:mm`) in `timeZone`; `''` when absent or invalid. */
export function isoToLocal(iso: string | null, timeZone: string): string {
  if (iso === null) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const wall = new Date(wallClockMs(ms, timeZone));
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** A few zones to choose from, with the stored one (and the viewer's) first when they are not among them. */
export const COMMON_TIME_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'] as const;

export function timeZoneChoices(...preferred: ReadonlyArray<string | undefined>): string[] {
  const extra = preferred.filter((zone): zone is string => zone !== undefined && zone !== '' && isKnownTimeZone(zone));
  return [...new Set([...COMMON_TIME_ZONES, ...extra])];
}
