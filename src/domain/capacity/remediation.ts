/**
 * Vulnerabilities fixed within their window (issue 17, part 2) for the capacity gadget's health
 * view: of the security findings that came due in the view's span, how many were resolved by their
 * due date, how many late, how many are still open past it; per decided severity level. Pure: the
 * caller brings each finding's due date (the app's own: the remediation window of its decided level,
 * counted from when the finding was first reported, never Jira's editable Due date), its resolution
 * and the span.
 *
 * When a finding counts ("in the period"), the same way the rest of the health view counts an issue
 * in the periods it shows: it was resolved inside the span, or its due date ended inside it, or it
 * is open and past its due date now (a debt carried through the span, however old). A finding not
 * resolved whose due date has not come is not counted yet; neither is one resolved before the span.
 *
 * A due date is a calendar day, as Jira's `duedate` and the intake's `remediationDueDate` make it
 * (UTC): a finding is fixed within its window when resolved before that day ends, UTC.
 */

const DAY_MS = 86_400_000;

export interface Finding {
  readonly issueId: string;
  readonly key: string;
  readonly summary: string;
  /** The decided severity level's id (the app's record); null while nobody decided one. */
  readonly level: string | null;
  /** `YYYY-MM-DD` from the remediation window; null without one (no level yet, or the level has no window). */
  readonly dueDate: string | null;
  readonly resolvedAt: string | null;
}

export interface Span {
  readonly start: string;
  readonly end: string;
}

export interface RemediationFigures {
  /** Came due in the span: onTime + late + openPastDue. */
  readonly due: number;
  readonly onTime: number;
  readonly late: number;
  readonly openPastDue: number;
  /** Open or resolved in the span with no window to judge them by (no level decided, or the level has no window). */
  readonly withoutWindow: number;
}

export interface LevelRemediation extends RemediationFigures {
  /** null: no level decided yet. */
  readonly level: string | null;
}

export interface OverdueFinding {
  readonly issueId: string;
  readonly key: string;
  readonly summary: string;
  readonly level: string | null;
  readonly dueDate: string;
  /** Whole days (or part of one) since the due date ended: 1 the day after. */
  readonly daysOverdue: number;
}

export interface Remediation {
  /** One per level with a counted finding, in first-seen order; the caller orders them by the scale. */
  readonly byLevel: readonly LevelRemediation[];
  readonly total: RemediationFigures;
  /** Open past their due date, most overdue first. */
  readonly overdue: readonly OverdueFinding[];
}

export type Verdict = 'on-time' | 'late' | 'open-past-due' | 'without-window' | null;

/** The instant a due date ends: the next day's midnight, UTC; NaN for a malformed date. */
export const deadlineOf = (dueDate: string): number => (/^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? Date.parse(`${dueDate}T00:00:00.000Z`) + DAY_MS : Number.NaN);

/** How one finding counts in the span at `now`; null when it does not count. */
export const remediationVerdict = (finding: Finding, span: Span, now: string): Verdict => {
  const start = Date.parse(span.start);
  const at = Date.parse(now);
  // The span never reaches past now: an active sprint's end is a plan, not a fact.
  const end = Math.min(Date.parse(span.end), at);
  const resolved = finding.resolvedAt === null ? Number.NaN : Date.parse(finding.resolvedAt);
  const isResolved = !Number.isNaN(resolved);
  const resolvedInSpan = isResolved && resolved >= start && resolved < end;
  const deadline = finding.dueDate === null ? Number.NaN : deadlineOf(finding.dueDate);
  if (Number.isNaN(deadline)) return resolvedInSpan || !isResolved ? 'without-window' : null;
  const cameDueInSpan = deadline > start && deadline <= end;
  if (!isResolved) return deadline <= at ? 'open-past-due' : null;
  if (!resolvedInSpan && !cameDueInSpan) return null;
  return resolved < deadline ? 'on-time' : 'late';
};

const ZERO: RemediationFigures = { due: 0, onTime: 0, late: 0, openPastDue: 0, withoutWindow: 0 };

const add = (figures: RemediationFigures, verdict: Exclude<Verdict, null>): RemediationFigures => {
  switch (verdict) {
    case 'on-time':
      return { ...figures, due: figures.due + 1, onTime: figures.onTime + 1 };
    case 'late':
      return { ...figures, due: figures.due + 1, late: figures.late + 1 };
    case 'open-past-due':
      return { ...figures, due: figures.due + 1, openPastDue: figures.openPastDue + 1 };
    case 'without-window':
      return { ...figures, withoutWindow: figures.withoutWindow + 1 };
  }
};

export const remediation = (findings: readonly Finding[], span: Span, now: string): Remediation => {
  const levels = new Map<string | null, RemediationFigures>();
  let total = ZERO;
  const overdue: OverdueFinding[] = [];
  const at = Date.parse(now);
  for (const finding of findings) {
    const verdict = remediationVerdict(finding, span, now);
    if (verdict === null) continue;
    levels.set(finding.level, add(levels.get(finding.level) ?? ZERO, verdict));
    total = add(total, verdict);
    if (verdict === 'open-past-due' && finding.dueDate !== null) {
      const daysOverdue = Math.max(1, Math.ceil((at - deadlineOf(finding.dueDate)) / DAY_MS));
      overdue.push({ issueId: finding.issueId, key: finding.key, summary: finding.summary, level: finding.level, dueDate: finding.dueDate, daysOverdue });
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.key.localeCompare(b.key, undefined, { numeric: true }));
  return { byLevel: [...levels].map(([level, figures]) => ({ level, ...figures })), total, overdue };
};

/** onTime / due; null when nothing came due (never "0 %" for nothing). */
export const fixedInTimeShare = ({ due, onTime }: Pick<RemediationFigures, 'due' | 'onTime'>): number | null => (due === 0 ? null : onTime / due);
