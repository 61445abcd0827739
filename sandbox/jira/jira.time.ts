/**
 * Jira serialises date-times as `2026-11-20T12:00:00.000+0000` (no colon in the offset).
 * The emulator keeps epoch milliseconds and renders in UTC.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#expansion
 */
export function formatJiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function parseIsoMillis(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`not a date-time: ${value}`);
  return ms;
}

/** `3h 30m` style, as Jira prints `timeSpent`. */
export function formatDuration(seconds: number): string {
  const units: Array<[string, number]> = [
    ['w', 5 * 8 * 3600],
    ['d', 8 * 3600],
    ['h', 3600],
    ['m', 60],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.length > 0 ? parts.join(' ') : '0m';
}

/** Parses Jira's `timeSpent` text (`1w 2d 3h 30m`), using Jira's default 8h day / 5d week. */
export function parseDuration(text: string): number | undefined {
  const sizes: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };
  const parts = text.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)([wdhm])$/.exec(part);
    if (match === null) return undefined;
    total += Number(match[1]) * (sizes[match[2] ?? 'm'] ?? 60);
  }
  return Math.round(total);
}
