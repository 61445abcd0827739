import { JqlError } from './jql.ast.js';

const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** `-7d`, `-2w`, `4h`, `-1w 2d` relative to now. */
function parseRelative(text: string, now: number): number | undefined {
  const m = /^([-+]?)((?:\d+[wdhm]\s*)+)$/.exec(text.trim());
  if (m === null) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let total = 0;
  for (const part of (m[2] ?? '').matchAll(/(\d+)([wdhm])/g)) total += Number(part[1]) * (UNIT_MS[part[2] ?? 'm'] ?? 0);
  return now + sign * total;
}

/**
 * JQL date literals: `yyyy-MM-dd`, `yyyy/MM/dd`, optionally with ` HH:mm`, relative periods, or epoch millis.
 * Interpreted in UTC (the sandbox site's time zone).
 * @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Created
 */
export function parseJqlDate(text: string, now: number, field: string): number {
  const relative = parseRelative(text, now);
  if (relative !== undefined) return relative;
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (m !== null) {
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  }
  if (/^\d{10,}$/.test(text)) return Number(text);
  throw new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

const DAY = 86_400_000;

/** Date functions: now(), startOfDay/endOfDay/startOfWeek/endOfWeek/startOfMonth/endOfMonth with an optional offset. */
export function evaluateDateFunction(name: string, args: string[], now: number): number | undefined {
  const offset = args[0] === undefined ? 0 : (parseRelative(args[0], 0) ?? 0);
  const d = new Date(now);
  const startOfDay = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  // Jira's week starts on Sunday in the default locale
  const startOfWeek = startOfDay - d.getUTCDay() * DAY;
  const startOfMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const endOfMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
  switch (name.toLowerCase()) {
    case 'now': return now;
    case 'startofday': return startOfDay + offset;
    case 'endofday': return startOfDay + DAY - 1 + offset;
    case 'startofweek': return startOfWeek + offset;
    case 'endofweek': return startOfWeek + 7 * DAY - 1 + offset;
    case 'startofmonth': return startOfMonth + offset;
    case 'endofmonth': return endOfMonth + offset;
    default: return undefined;
  }
}
