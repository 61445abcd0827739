import { adf, type AdfDocument } from '../../contract/adf';
import { wordMinutes } from '../../contract/duration-words';
import { RELEASE_VEHICLE_LABELS, type AppliedPolicyState, type PolicyLevel, type SeverityPolicy } from '../../contract/policy.contract';
import type { StoredReport } from '../../contract/report.contract';
import { decidedSeverityOf } from '../report/report';

/** Labels the app manages: one per level, so a JQL `labels = severity-critical` works too. */
export const severityLabel = (levelId: string): string => `severity-${levelId}`;
export const isSeverityLabel = (label: string): boolean => label.startsWith('severity-');

const addMinutes = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export interface IssueFacts {
  readonly priorityName: string | null;
  readonly labels: readonly string[];
  readonly resolved: boolean;
  /** Jira's Due date (`YYYY-MM-DD`), null when empty. */
  readonly dueDate: string | null;
}

export interface PolicyActions {
  readonly setPriority: string | null;
  /** Jira's Due date to write (`YYYY-MM-DD`), or null when it is right already or left alone. */
  readonly setDueDate: string | null;
  readonly addLabels: readonly string[];
  readonly removeLabels: readonly string[];
  /** The one policy comment, when this decision has none yet. */
  readonly comment: AdfDocument | null;
  readonly state: AppliedPolicyState;
}

/**
 * What applying the policy to an issue takes, given what is already there. Pure and idempotent:
 * called again with the state it produced (or with a duplicated, late or reordered event, which
 * reads the same current report) it plans no comment and no field change. The state depends on the
 * decision alone, not on when it is applied: the decision is the first update, so the next one is
 * due a cadence after it, and two paths applying the same decision (the triager's resolver and the
 * trigger) plan the very same state.
 */
export const planPolicyApplication = (policy: SeverityPolicy, report: StoredReport | null, applied: AppliedPolicyState | null, issue: IssueFacts): PolicyActions | null => {
  const decision = decidedSeverityOf(report);
  if (decision === undefined) return null;
  const level = policy.levels.find((candidate) => candidate.id === decision.level);
  if (level === undefined) return null;

  const sameDecision = applied?.decisionAt === decision.at && applied.level === level.id;
  const state: AppliedPolicyState = sameDecision
    ? applied
    : {
        schemaVersion: 1,
        decisionAt: decision.at,
        level: level.id,
        responseDueAt: addMinutes(decision.at, level.responseTargetMinutes),
        nextUpdateDueAt: level.updateCadenceMinutes === null || issue.resolved ? null : addMinutes(decision.at, level.updateCadenceMinutes),
        commented: false,
        remindedFor: applied?.remindedFor ?? [],
      };

  const wantedLabel = severityLabel(level.id);
  const addLabels = issue.labels.includes(wantedLabel) ? [] : [wantedLabel];
  const removeLabels = issue.labels.filter((label) => isSeverityLabel(label) && label !== wantedLabel);
  const setPriority = level.jiraPriority !== null && level.jiraPriority !== issue.priorityName ? level.jiraPriority : null;
  const comment = state.commented ? null : composePolicyComment(level, state);
  const due = planDueDate(state, applied, issue.dueDate);

  if (sameDecision && comment === null && setPriority === null && addLabels.length === 0 && removeLabels.length === 0 && due.settled === state.dueDate) return null;
  return { setPriority, setDueDate: due.write, addLabels, removeLabels, comment, state: { ...state, dueDate: due.settled } };
};

/**
 * Jira's Due date from the response target: the date (UTC; Jira's Due date has no time, the policy
 * comment gives the hour) the first response is due. Settled once per decision, so a person who
 * changes it afterwards is not overridden by every later event; written only when Jira's value
 * differs; and a stricter (earlier) date a person set is kept, since the response target is a
 * deadline, not a delay. A new decision settles it again (an upgrade moves it earlier, a downgrade
 * from the app's own earlier date later).
 */
const planDueDate = (state: AppliedPolicyState, applied: AppliedPolicyState | null, current: string | null): { readonly write: string | null; readonly settled: string } => {
  const wanted = state.responseDueAt.slice(0, 10);
  if (state.dueDate === wanted || current === wanted) return { write: null, settled: wanted };
  const setByPerson = current !== null && current !== applied?.dueDate;
  if (setByPerson && current < wanted) return { write: null, settled: wanted };
  return { write: wanted, settled: wanted };
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A time in a comment every reader sees, whatever their zone: so the zone is named (UTC, the one
 * the app can know for all of them) and the day too when it is not the day of `from` ("Tue 1 Dec,
 * 09:15 UTC"). English like the rest of the comment; the panels show it in the viewer's own zone.
 */
const clock = (iso: string, from?: string): string => {
  const time = `${iso.slice(11, 16)} UTC`;
  if (from === undefined || from.slice(0, 10) === iso.slice(0, 10)) return time;
  const date = new Date(iso);
  return `${WEEKDAYS[date.getUTCDay()] ?? ''} ${String(date.getUTCDate())} ${MONTHS[date.getUTCMonth()] ?? ''}, ${time}`;
};

/** "Critical: all hands. Updates every 30 minutes, next by 14:30 UTC. Fix ships as a production patch." */
export const describePolicyInWords = (level: PolicyLevel, state: AppliedPolicyState): string => {
  const parts = [`${level.name}${level.allHands ? ': all hands.' : '.'}`];
  parts.push(`First response by ${clock(state.responseDueAt, state.decisionAt)}.`);
  if (level.updateCadenceMinutes !== null && state.nextUpdateDueAt !== null) {
    parts.push(`Updates every ${wordMinutes(level.updateCadenceMinutes)}, next by ${clock(state.nextUpdateDueAt, state.decisionAt)}.`);
  }
  parts.push(`Fix ships as: ${RELEASE_VEHICLE_LABELS[level.releaseVehicle].toLowerCase()}.`);
  if (level.postmortemRequired) parts.push('A postmortem is required.');
  return parts.join(' ');
};

export const composePolicyComment = (level: PolicyLevel, state: AppliedPolicyState): AdfDocument => adf.doc(adf.paragraph(adf.text(describePolicyInWords(level, state))));

// ── Update-cadence reminders ────────────────────────────────────────────────────────────────────

export interface ReminderPlan {
  readonly dueAt: string;
  readonly comment: AdfDocument;
  readonly state: AppliedPolicyState;
}

/** One reminder per due time, only while the issue is open and overdue. */
export const planReminder = (state: AppliedPolicyState, assignee: { accountId: string; displayName: string } | null, resolved: boolean, now: string): ReminderPlan | null => {
  const due = state.nextUpdateDueAt;
  if (due === null || resolved || Date.parse(now) <= Date.parse(due) || state.remindedFor.includes(due)) return null;
  const mention = assignee === null ? [] : [adf.mention(assignee.accountId, assignee.displayName), adf.text(' ')];
  return {
    dueAt: due,
    comment: adf.doc(adf.paragraph(...mention, adf.text(`a stakeholder update was due by ${clock(due, now)}. Nothing new is an update too: say so and give the next update time.`))),
    state: { ...state, remindedFor: [...state.remindedFor, due].slice(-200) },
  };
};

/**
 * A human comment is an update: the next one is due a cadence after the latest update. The due time
 * only ever moves forward, so the result does not depend on the order comment events arrive in:
 * Forge delivers them late, duplicated or reordered, and sends `avi:jira:commented:issue` again when
 * an old comment is edited (`commentedAt` is the comment's creation, so an edit is no new update).
 * A comment made before the decision is no update on it.
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/#comment-events
 */
export const recordUpdate = (policy: SeverityPolicy, state: AppliedPolicyState, commentedAt: string, resolved: boolean): AppliedPolicyState => {
  const responded = recordFirstResponse(state, commentedAt);
  const level = policy.levels.find((candidate) => candidate.id === state.level);
  if (level?.updateCadenceMinutes == null || resolved) return responded.nextUpdateDueAt === null ? responded : { ...responded, nextUpdateDueAt: null };
  if (Date.parse(commentedAt) < Date.parse(state.decisionAt)) return responded;
  const next = addMinutes(commentedAt, level.updateCadenceMinutes);
  if (state.nextUpdateDueAt !== null && Date.parse(next) <= Date.parse(state.nextUpdateDueAt)) return responded;
  return { ...responded, nextUpdateDueAt: next };
};

/**
 * The first person's comment after the decision is its first response; the earliest one wins
 * whatever order the events arrive in, and a comment older than the decision does not count.
 */
const recordFirstResponse = (state: AppliedPolicyState, commentedAt: string): AppliedPolicyState => {
  const at = Date.parse(commentedAt);
  if (Number.isNaN(at) || at < Date.parse(state.decisionAt)) return state;
  if (state.firstResponseAt !== undefined && Date.parse(state.firstResponseAt) <= at) return state;
  return { ...state, firstResponseAt: new Date(at).toISOString() };
};

/** Decisions of the top level within the week, against its weekly budget. */
export const weeklyBudgetStatus = (policy: SeverityPolicy, decidedTopThisWeek: number): { level: PolicyLevel; used: number; budget: number; exceeded: boolean } | null => {
  const top = policy.levels[0];
  if (top?.weeklyBudget == null) return null;
  return { level: top, used: decidedTopThisWeek, budget: top.weeklyBudget, exceeded: decidedTopThisWeek > top.weeklyBudget };
};
