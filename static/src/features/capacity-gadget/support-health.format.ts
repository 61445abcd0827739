import type { SupportHealthView } from '@contract/support-health.contract';

/**
 * Words for the Health view's numbers: durations ("2 h 10 min"), the share of guideline dates met
 * against the aim, and each period's dates in the viewer's locale and zone.
 */

type Compliance = SupportHealthView['overall'];

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "under 1 min", "45 min", "2 h 10 min", "3 d 4 h": the two largest units, short enough for a table cell. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < MINUTE) return 'under 1 min';
  const totalMinutes = Math.round(seconds / MINUTE);
  if (totalMinutes < 60) return `${String(totalMinutes)} min`;
  if (seconds < DAY) {
    const hours = Math.floor(totalMinutes / 60);
    const minutes = totalMinutes % 60;
    return minutes === 0 ? `${String(hours)} h` : `${String(hours)} h ${String(minutes)} min`;
  }
  const totalHours = Math.round(seconds / HOUR);
  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  return hours === 0 ? `${String(days)} d` : `${String(days)} d ${String(hours)} h`;
}

/**
 * A share as a percentage, rounded down to a tenth: 94.96 % must not read "95 %" beside a 95 % aim
 * it misses.
 */
export function formatPercent(share: number, locale: string | undefined): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(Math.floor(share * 1000) / 1000);
}

export type ComplianceTone = 'good' | 'bad' | 'none';

export interface ComplianceWords {
  /** "75 %" or "–" */
  readonly value: string;
  /** "3 of 4 guideline dates met, 1 pending" */
  readonly detail: string;
  readonly tone: ComplianceTone;
}

/** The compliance figure against the aim; no settled date gives no percentage (never "0 %" for nothing). */
export function formatCompliance(compliance: Compliance, aim: number, locale: string | undefined): ComplianceWords {
  const pending = compliance.pending === 0 ? '' : `, ${String(compliance.pending)} pending`;
  if (compliance.share === null) {
    return { value: '–', detail: compliance.pending === 0 ? 'No guideline dates yet' : `No guideline date has come yet${pending}`, tone: 'none' };
  }
  const settled = compliance.met + compliance.breached;
  return {
    value: formatPercent(compliance.share, locale),
    detail: `${String(compliance.met)} of ${String(settled)} guideline date${settled === 1 ? '' : 's'} met${pending}`,
    tone: compliance.share >= aim ? 'good' : 'bad',
  };
}

/** "2 of 3" for a severity's cell; "–" with no settled date. */
export function formatMetCell(compliance: Compliance): string {
  const settled = compliance.met + compliance.breached;
  return settled === 0 ? (compliance.pending === 0 ? '–' : 'pending') : `${String(compliance.met)} of ${String(settled)}`;
}

/** "2–15 Nov": a sprint's dates, or a week's (its end is the next Monday, so the range ends the day before). */
export function formatPeriodDates(period: { readonly start: string; readonly end: string; readonly state: string }, locale: string | undefined, timeZone: string | undefined): string {
  const start = new Date(period.start);
  const end = new Date(Date.parse(period.end) - (period.state === 'week' ? 1 : 0));
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return '';
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(period.state === 'week' ? { timeZone: 'UTC' } : timeZone === undefined ? {} : { timeZone }) });
  return format.formatRange(start, end);
}

type UpdatesRow = SupportHealthView['updates']['incidents'][number];

/**
 * updates part (issue 16): one incident's on-time stakeholder updates in words, "2 of 3 on time (67 %)
 * · 1 late · 1 missed" (a due time that passed with none); "No update was due" when its first due time had not come (before the resolution, or now).
 */
export function formatUpdatesRow(row: Pick<UpdatesRow, 'due' | 'onTime' | 'late' | 'missed' | 'share'>, locale: string | undefined): string {
  if (row.due === 0 || row.share === null) return 'No update was due';
  const parts = [`${String(row.onTime)} of ${String(row.due)} on time (${formatPercent(row.share, locale)})`];
  if (row.late > 0) parts.push(`${String(row.late)} late`);
  if (row.missed > 0) parts.push(`${String(row.missed)} missed`);
  return parts.join(' · ');
}

/** The total line: "Stakeholder updates on time: 4 of 10 (40 %) over 6 incidents". */
export function formatUpdatesTotal(total: SupportHealthView['updates']['total'], locale: string | undefined): string {
  const incidents = `${String(total.incidents)} incident${total.incidents === 1 ? '' : 's'}`;
  if (total.share === null) return `No stakeholder update was due yet on ${incidents}.`;
  return `${String(total.onTime)} of ${String(total.due)} on time (${formatPercent(total.share, locale)}) over ${incidents}`;
}

type Remediation = SupportHealthView['vulnerabilities']['total'];

/**
 * Vulnerabilities (issue 17): the figure for a level or the total, "1 of 4 fixed within their window
 * (25%) · 1 late · 2 open past due"; a finding with no window yet is said apart, never in the share.
 */
export function formatFixedInTime(figures: Remediation, locale: string | undefined): string {
  const parts = figures.share === null ? ['None came due yet'] : [`${String(figures.onTime)} of ${String(figures.due)} fixed within their window (${formatPercent(figures.share, locale)})`];
  if (figures.late > 0) parts.push(`${String(figures.late)} late`);
  if (figures.openPastDue > 0) parts.push(`${String(figures.openPastDue)} open past due`);
  if (figures.withoutWindow > 0) parts.push(`${String(figures.withoutWindow)} without a window yet`);
  return parts.join(' · ');
}

/** A level's "in time" cell: "1 of 2", or "–" when none came due. */
export const formatFixedCell = (figures: Remediation): string => (figures.due === 0 ? '–' : `${String(figures.onTime)} of ${String(figures.due)}`);

const dayOf = (date: string): Date | null => {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00.000Z`) : null;
  return parsed === null || Number.isNaN(parsed.getTime()) ? null : parsed;
};

/**
 * A due date (a calendar day, `YYYY-MM-DD`) in the viewer's locale: "10 Nov 2026". It is a day,
 * not an instant, so it reads the same in every zone; {@link formatDueDateEnds} says when it ends in
 * the viewer's.
 */
export function formatDueDate(date: string, locale: string | undefined): string {
  const day = dayOf(date);
  return day === null ? date : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(day);
}

/** When a due day ends (midnight UTC after it) in the viewer's zone: "Ends 11 Nov 2026, 13:00 your time". */
export function formatDueDateEnds(date: string, locale: string | undefined, timeZone: string | undefined): string {
  const day = dayOf(date);
  if (day === null) return '';
  const end = new Date(day.getTime() + 86_400_000);
  return `Ends ${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone === undefined ? {} : { timeZone }) }).format(end)} your time`;
}

export const formatDaysOverdue = (days: number): string => `${String(days)} day${days === 1 ? '' : 's'} overdue`;

/** What Jira's own Due date says when it differs from the window: '' is a cleared date. */
export const formatJiraDueDate = (jiraDueDate: string, locale: string | undefined): string =>
  jiraDueDate === '' ? 'Jira’s Due date was cleared; judged by the window' : `Jira’s Due date says ${formatDueDate(jiraDueDate, locale)}; judged by the window`;

/** What a period with nothing to show says. */
export const HEALTH_COPY = {
  loading: 'Loading support health…',
  updating: 'Updating…',
  noneArrived: 'No support issues arrived.',
  noneAtAll: (periodKind: 'sprint' | 'week', projectKey: string | null) =>
    `No support issues arrived in these ${periodKind === 'sprint' ? 'sprints' : 'weeks'}. Support is counted by the criteria in ${projectKey === null ? 'the project' : projectKey}’s settings (Firebreak → capacity) or this gadget’s own: check they match how your team files incidents.`,
  noGuideline: 'Decide a severity on each support issue (Production report → Triage): Firebreak sets its guideline date then.',
} as const;
