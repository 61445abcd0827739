/**
 * A missed stakeholder update escalates (issue 16, part: updates): once the due time passes the
 * assignee is reminded (a comment that mentions them, see `planReminder`); if a second interval
 * passes with no update, the level's escalation contact is emailed as well. Pure: the time, the
 * issue's current due time and the policy come in as arguments.
 *
 * The second interval is the level's update cadence, counted from the reminder rather than from the
 * due time: the assignee always gets one full interval to answer the reminder, even when a run was
 * late (a scheduled trigger that was down for an hour would otherwise remind and escalate at once).
 * The reminder run comes every five minutes, so in practice the contact hears about two cadences
 * after the last update.
 */
import { utcClock } from './stakeholder-update';

const instantPlus = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/**
 * What Firebreak keeps about one missed due time. `pending`: the contact may still have to hear;
 * `sending`: a run is asking Jira now (the state a run takes by compare-and-swap, so two runs
 * cannot both send); the rest are final for this due time.
 */
export type EscalationStatus = 'pending' | 'sending' | 'escalated' | 'cancelled' | 'no-contact' | 'undeliverable' | 'failed';

export interface EscalationRecord {
  /** The missed due time this record is about (the applied policy's `nextUpdateDueAt` when it was reminded). */
  readonly dueAt: string;
  /** When the assignee was reminded. */
  readonly remindedAt: string;
  /** When the contact hears if nobody posted by then. */
  readonly escalateAt: string;
  readonly status: EscalationStatus;
  /** Tries at emailing the contact that Jira refused for the moment (a rate limit, a server error). */
  readonly attempts: number;
  /** When the latest run took the record to send it (status `sending`). */
  readonly sendingSince?: string;
  /** The contact who was emailed (or could not be), by name as Jira showed it to the app. */
  readonly contact?: { readonly accountId: string; readonly displayName: string };
  readonly escalatedAt?: string;
  /** Why it ended without an email, or why the last try failed, in a sentence. */
  readonly note?: string;
}

/** How many runs try a notification Jira keeps refusing for the moment before the record says so and stops. */
export const ESCALATION_ATTEMPTS_MAX = 5;

/** How long a run may hold a record in `sending` before a later run stops waiting for it. */
export const SENDING_STALE_MINUTES = 15;

/** The record a reminder opens: the contact hears a cadence after the reminder if nobody posts. */
export const openEscalation = (dueAt: string, remindedAt: string, cadenceMinutes: number): EscalationRecord => ({
  dueAt,
  remindedAt,
  escalateAt: instantPlus(remindedAt, cadenceMinutes),
  status: 'pending',
  attempts: 0,
});

/** What the issue looks like now, from the app's own record and Jira's status. */
export interface IssueNow {
  /** The applied policy's current next-update due time (null: none due). */
  readonly nextUpdateDueAt: string | null;
  readonly resolved: boolean;
  /** The level's escalation contact in the policy as it is now; null: none. */
  readonly contact: string | null;
}

export type EscalationStep =
  | { readonly kind: 'wait' }
  | { readonly kind: 'close'; readonly status: Extract<EscalationStatus, 'cancelled' | 'no-contact' | 'failed'>; readonly note: string }
  | { readonly kind: 'send'; readonly contact: string };

/**
 * What a run does with a record. A record for a due time the issue no longer has (an update, a
 * "Nothing new" or a comment moved it; the issue was resolved) never fires: it is checked against
 * the current due time here, at fire time, not only when the update is posted.
 */
export const nextEscalationStep = (record: EscalationRecord, issue: IssueNow, now: string): EscalationStep => {
  if (record.status === 'sending') {
    // A run that took the record and stopped (a timeout) may or may not have reached Jira: never sent twice.
    if (record.sendingSince !== undefined && Date.parse(now) - Date.parse(record.sendingSince) < SENDING_STALE_MINUTES * 60_000) return { kind: 'wait' };
    return { kind: 'close', status: 'failed', note: 'A run stopped while asking Jira to email the escalation contact, so Firebreak cannot tell whether it went out; it is not sent again.' };
  }
  if (record.status !== 'pending') return { kind: 'wait' };
  if (issue.resolved) return { kind: 'close', status: 'cancelled', note: 'The issue was resolved: no more updates are due.' };
  if (issue.nextUpdateDueAt !== record.dueAt) return { kind: 'close', status: 'cancelled', note: 'An update was posted: nothing to escalate.' };
  if (Date.parse(now) < Date.parse(record.escalateAt)) return { kind: 'wait' };
  if (issue.contact === null) return { kind: 'close', status: 'no-contact', note: 'The level has no escalation contact in the severity policy: only the assignee was reminded.' };
  return { kind: 'send', contact: issue.contact };
};

/** After Jira refused for the moment: try again next run, or stop after `ESCALATION_ATTEMPTS_MAX` tries. */
export const afterTemporaryFailure = (record: EscalationRecord, problem: string): EscalationRecord => {
  const attempts = record.attempts + 1;
  const { sendingSince: _since, ...rest } = record;
  return attempts >= ESCALATION_ATTEMPTS_MAX
    ? { ...rest, attempts, status: 'failed', note: `${problem} Firebreak tried ${String(attempts)} times and stopped.` }
    : { ...rest, attempts, status: 'pending', note: `${problem} The next run tries again.` };
};

export interface EscalationMailFacts {
  readonly issueKey: string;
  readonly summary: string;
  readonly levelName: string;
  readonly record: EscalationRecord;
  readonly assigneeName: string | null;
  /** Whether the level offers Post update (else updates are comments on the issue). */
  readonly direct: boolean;
  readonly issueUrl: string;
  readonly now: string;
}

/** The email to the contact: what is overdue, since when, who was reminded, and what to do, with the link. */
export const escalationMail = (facts: EscalationMailFacts): { readonly subject: string; readonly textBody: string } => {
  const { issueKey, record, now } = facts;
  const since = utcClock(record.dueAt, now);
  const summary = facts.summary.replace(/\s+/g, ' ').trim();
  const subject = `${issueKey}: stakeholder update overdue since ${since} (${facts.levelName}: ${summary})`.slice(0, 255);
  const reminded = facts.assigneeName === null ? `Firebreak reminded the issue at ${utcClock(record.remindedAt, now)} (it has no assignee)` : `Firebreak reminded ${facts.assigneeName}, the assignee, at ${utcClock(record.remindedAt, now)}`;
  const todo = facts.direct
    ? 'Open the issue and, in its Production report panel, post an update, or click "Nothing new" if nothing changed; or ask whoever runs the incident to.'
    : 'Open the issue and add a comment with where the incident stands; or ask whoever runs the incident to.';
  const textBody = [
    `The stakeholder update on ${issueKey} (${facts.levelName}: ${summary}) was due by ${since} and none has been posted. ${reminded}, and nobody has posted since.`,
    `You hear about it as the escalation contact for ${facts.levelName} in Firebreak's severity policy.`,
    `What to do: ${todo}`,
    facts.issueUrl,
  ].join('\n\n');
  return { subject, textBody };
};
