import type { Scenario } from './scenario.schema.js';

/**
 * Scenario times are relative. A scenario file is written at a fixed `site.now` (e.g. 20 Nov 2026
 * 12:00) so it reads like a Jira export, but the app's functions read the machine's clock, as they
 * do on Forge. Left as written, Jira and the app would disagree by however long ago the file was
 * generated: a policy comment on an issue created "20 Nov" would say "first response by 07:17 UTC"
 * of today. Rebasing moves every moment in the scenario by the same amount, so the scenario's `now`
 * is the moment it loads and every relation between dates (and to now) holds: a sprint that ended
 * two days before `now` ended two days ago, an update due in 20 minutes is due in 20 minutes.
 *
 * Every string that is a whole ISO-8601 date-time moves by the exact offset and keeps its written
 * shape (offset style, fraction); a whole calendar date (`2026-11-25`, Jira's due-date and date
 * custom fields) moves by the offset rounded to whole days. This includes values inside issue
 * properties and custom fields, since what the app stored there (decision times, due times) must
 * move with the issue it belongs to. Free text is never touched: only a string that is nothing but
 * a date moves.
 */
export function rebaseScenario(scenario: Scenario, nowMs: number): Scenario {
  const offsetMs = nowMs - Date.parse(scenario.site.now);
  if (offsetMs === 0) return scenario;
  return shiftDates(scenario, offsetMs) as Scenario;
}

const DAY_MS = 86_400_000;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Moves every date (see above) in a JSON value by `offsetMs`; everything else is copied as is. */
export function shiftDates(value: unknown, offsetMs: number): unknown {
  if (typeof value === 'string') return shiftDateString(value, offsetMs);
  if (Array.isArray(value)) return value.map((item) => shiftDates(item, offsetMs));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shiftDates(item, offsetMs)]));
  }
  return value;
}

export function shiftDateString(text: string, offsetMs: number): string {
  if (DATE_ONLY.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(ms)) return text;
    return new Date(ms + Math.round(offsetMs / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  }
  const match = DATE_TIME.exec(text);
  if (match === null) return text;
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) return text;
  const [, , , , seconds, fraction, zone = 'Z'] = match;
  return formatLike(ms + offsetMs, { seconds: seconds !== undefined, fractionDigits: fraction === undefined ? 0 : fraction.length - 1, zone });
}

/** Renders an instant the way the original string was written: same zone offset, same precision. */
function formatLike(ms: number, shape: { seconds: boolean; fractionDigits: number; zone: string }): string {
  const zoneMinutes = shape.zone === 'Z' ? 0 : zoneOffsetMinutes(shape.zone);
  const local = new Date(ms + zoneMinutes * 60_000).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ, shifted into the zone
  let text = local.slice(0, 16);
  if (shape.seconds) text += local.slice(16, 19);
  if (shape.fractionDigits > 0) text += `.${local.slice(20, 23).padEnd(shape.fractionDigits, '0').slice(0, shape.fractionDigits)}`;
  return text + shape.zone;
}

function zoneOffsetMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}
