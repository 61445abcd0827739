/**
 * intake (issue 17): what happens to one (source, fingerprint)'s incident as firings arrive. Pure:
 * the consumer (src/entry/use-cases/intake/process-alert.ts) reads the record and Jira, asks these
 * functions what the record becomes and what to say, then writes both.
 *
 * The rules:
 * - a firing with no incident opens one; firings while it is open update it (occurrence count,
 *   last seen) and add at most one comment per the source's comment interval; the first repeat
 *   after the incident opened comments at once, so a watcher learns the alert keeps firing;
 * - a resolution while it is open adds one note per resolution; the workflow is never moved;
 * - a firing after the incident was closed (status category Done) or deleted opens a new one,
 *   linked to the closed one ("recurred");
 * - a resolution with no open incident is nothing to do.
 */
import { adf, type AdfDocument } from '../../contract/adf';
import type { MappedAlert } from './mapping';
import { sourceName, type IncomingAlert } from './incoming-alert';

export interface IssueHandle {
  readonly id: string;
  readonly key: string;
}

/** Firings and a resolution taken from the inbox and not yet applied to the incident. */
export interface FreshFirings {
  readonly firings: number;
  readonly firstAt: string | null;
  readonly lastAt: string | null;
  readonly resolvedAt: string | null;
}

export const NO_FRESH: FreshFirings = { firings: 0, firstAt: null, lastAt: null, resolvedAt: null };

/** A comment the record owes the issue; posted once (claimed by id), then removed from the record. */
export interface PendingNote {
  readonly id: string;
  readonly text: string;
}

/** The setup of a newly opened incident, step by step: each done once, in this order. */
export interface IncidentSetup {
  /** The report and the rule's severity decision are stored, with the decision's policy plan. */
  readonly report: boolean;
  /** The decision's policy plan is carried out (or there was no decision). */
  readonly policy: boolean;
  /** A finding's remediation due date is written after the policy's (or there is none). */
  readonly dueDate: boolean;
  /** Linked to the closed incident it recurred from (or it recurred from none). */
  readonly linked: boolean;
}

export const SETUP_DONE: IncidentSetup = { report: true, policy: true, dueDate: true, linked: true };
const SETUP_TODO: IncidentSetup = { report: false, policy: false, dueDate: false, linked: false };

export interface CreateAttempt {
  readonly attemptId: string;
  readonly at: string;
  /** The async event whose invocation sent the create. */
  readonly eventId: string;
}

export interface AlertIncident {
  readonly sourceId: string;
  readonly fingerprint: string;
  /** How many incidents this alert has opened; the marker of the current one ends in it. */
  readonly seq: number;
  /**
   * `idle`: no incident is open for this alert. `create`: one is wanted and (while `creating` is set)
   * being created. `open`: `issue` is the incident.
   */
  readonly phase: 'idle' | 'create' | 'open';
  readonly issue: IssueHandle | null;
  /** The closed incident the current one recurred from. */
  readonly recurredFrom: IssueHandle | null;
  readonly creating: CreateAttempt | null;
  readonly setup: IncidentSetup;
  /** Firings counted on the current incident, the ones that opened it included. */
  readonly occurrences: number;
  readonly firstSeenAt: string | null;
  readonly lastSeenAt: string | null;
  /** The latest alert content, for the issue's summary, description and report. */
  readonly latest: IncomingAlert;
  readonly fresh: FreshFirings;
  readonly lastCommentAt: string | null;
  /** `occurrences` when the last comment was made (or the incident opened). */
  readonly commentedOccurrences: number;
  /** The resolution last noted on the current incident. */
  readonly resolutionNoted: string | null;
  readonly notes: readonly PendingNote[];
  /** Why Jira would not open the incident (a 400: the issue type left the project…), until a firing tries again. */
  readonly refusal: string | null;
}

export const newAlertIncident = (sourceId: string, fingerprint: string, latest: IncomingAlert): AlertIncident => ({
  sourceId,
  fingerprint,
  seq: 0,
  phase: 'idle',
  issue: null,
  recurredFrom: null,
  creating: null,
  setup: SETUP_DONE,
  occurrences: 0,
  firstSeenAt: null,
  lastSeenAt: null,
  latest,
  fresh: NO_FRESH,
  lastCommentAt: null,
  commentedOccurrences: 0,
  resolutionNoted: null,
  notes: [],
  refusal: null,
});

/** Adds taken firings to what the record holds unapplied (the consumer's take, in one transaction with the inbox). */
export const addFresh = (fresh: FreshFirings, taken: FreshFirings): FreshFirings => ({
  firings: fresh.firings + taken.firings,
  firstAt: earliest(fresh.firstAt, taken.firstAt),
  lastAt: latestOf(fresh.lastAt, taken.lastAt),
  resolvedAt: latestOf(fresh.resolvedAt, taken.resolvedAt),
});

/** Where the current incident stands in Jira, as the consumer read it. */
export type IssueStanding = 'open' | 'closed' | 'gone';

export interface ApplyContext {
  readonly now: string;
  readonly commentIntervalMinutes: number;
  /** Makes note ids; passed in so this stays pure. */
  readonly newId: () => string;
}

/**
 * Applies the fresh firings and resolution to the record. `standing` is the current incident's
 * state in Jira (only read, and only needed, when the phase is `open` and firings are fresh).
 * While an incident is being created the fresh firings wait: they update it once it exists.
 */
export const applyFresh = (record: AlertIncident, standing: IssueStanding | null, context: ApplyContext): AlertIncident => {
  const { fresh } = record;
  if (fresh.firings === 0 && fresh.resolvedAt === null) return record;
  if (record.phase === 'create') return record;
  if (record.phase === 'idle' || standing === 'closed' || standing === 'gone') {
    if (fresh.firings === 0) return { ...record, fresh: NO_FRESH };
    const previous = record.phase === 'open' && standing === 'closed' ? record.issue : null;
    return {
      ...record,
      phase: 'create',
      seq: record.seq + 1,
      issue: null,
      recurredFrom: previous,
      creating: null,
      setup: { ...SETUP_TODO, linked: previous === null },
      occurrences: fresh.firings,
      firstSeenAt: fresh.firstAt,
      lastSeenAt: fresh.lastAt,
      // A resolution later than every fresh firing means the alert is quiet again: noted once the incident exists.
      fresh: { ...NO_FRESH, resolvedAt: fresh.resolvedAt !== null && fresh.lastAt !== null && fresh.resolvedAt > fresh.lastAt ? fresh.resolvedAt : null },
      lastCommentAt: null,
      commentedOccurrences: fresh.firings,
      resolutionNoted: null,
      notes: [],
      refusal: null,
    };
  }
  // Open, and still open in Jira.
  const occurrences = record.occurrences + fresh.firings;
  const lastSeenAt = latestOf(record.lastSeenAt, fresh.lastAt);
  const notes = [...record.notes];
  let { lastCommentAt, commentedOccurrences, resolutionNoted } = record;
  if (fresh.firings > 0 && commentDue(lastCommentAt, context.now, context.commentIntervalMinutes)) {
    notes.push({ id: context.newId(), text: repeatComment(occurrences - commentedOccurrences, occurrences, lastSeenAt ?? context.now) });
    lastCommentAt = context.now;
    commentedOccurrences = occurrences;
  }
  if (fresh.resolvedAt !== null && fresh.resolvedAt !== resolutionNoted && (lastSeenAt === null || fresh.resolvedAt >= lastSeenAt)) {
    notes.push({ id: context.newId(), text: resolvedNote(record.latest, fresh.resolvedAt) });
    resolutionNoted = fresh.resolvedAt;
  }
  return { ...record, occurrences, lastSeenAt, fresh: NO_FRESH, notes, lastCommentAt, commentedOccurrences, resolutionNoted };
};

/** Whether a repeat may comment now: never commented on this incident, or the interval has passed since the last comment. */
export const commentDue = (lastCommentAt: string | null, now: string, intervalMinutes: number): boolean =>
  lastCommentAt === null || Date.parse(now) - Date.parse(lastCommentAt) >= intervalMinutes * 60_000;

/** "14:02 UTC" (with the day when not today's): comments are read by everyone, in every zone. */
export const utcClock = (iso: string, now?: string): string => {
  const time = `${iso.slice(11, 16)} UTC`;
  return now === undefined || now.slice(0, 10) === iso.slice(0, 10) ? time : `${iso.slice(0, 10)} ${time}`;
};

export const repeatComment = (since: number, total: number, lastAt: string): string =>
  `The alert fired ${plural(since, 'more time')} since the last note (${plural(total, 'time')} since this issue opened), last at ${utcClock(lastAt)}. Firebreak adds at most one such comment per interval; the Production report shows the running count.`;

export const resolvedNote = (alert: IncomingAlert, receivedAt: string): string => {
  // The sender's own time when it gave one; else when the resolution arrived.
  const resolvedAt = alert.status === 'resolved' && alert.endedAt !== null ? alert.endedAt : receivedAt;
  return alert.advisory === null
    ? `The alert resolved at ${utcClock(resolvedAt)} (${resolvedAt.slice(0, 10)}), says ${sourceName(alert.kind)}. The issue stays open for people to close.`
    : `${sourceName(alert.kind)} reports this finding fixed or dismissed at ${utcClock(resolvedAt)} (${resolvedAt.slice(0, 10)}). The issue stays open for people to close once the fix is verified.`;
};

const plural = (count: number, noun: string): string => `${String(count)} ${noun}${count === 1 ? '' : 's'}`;

const earliest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a <= b ? a : b);
const latestOf = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a >= b ? a : b);

// ── The incident's content ──────────────────────────────────────────────────────────────────────

/** The issue's description: what the alert says, where to see it, and what it recurred from. */
export const incidentDescription = (alert: IncomingAlert, source: { readonly name: string }, recurredFrom: string | null): AdfDocument => {
  const paragraphs = [
    ...(alert.description === '' ? [] : alert.description.split(/\n{2,}/).map((part) => adf.paragraph(adf.text(part)))),
    ...(alert.link === null ? [] : [adf.paragraph(adf.text('Alert: '), { type: 'inlineCard', attrs: { url: alert.link } })]),
    adf.paragraph(adf.text(`Opened by Firebreak from ${sourceName(alert.kind)} source “${source.name}”${alert.advisory === null ? '' : `, finding ${[alert.advisory.cveId ?? alert.advisory.ghsaId, alert.advisory.packageName].filter((part) => part !== null).join(' in ')}${alert.advisory.fixedVersion === null ? ' (no fixed version yet)' : `, fixed in ${alert.advisory.fixedVersion}`}`}.`)),
    ...(recurredFrom === null ? [] : [adf.paragraph(adf.text(`This alert recurred after ${recurredFrom} was closed.`))]),
  ];
  return adf.doc(...paragraphs);
};

/** The report's "What actually happens": the alert's title and description. */
export const actualResultOf = (alert: IncomingAlert): string => (alert.description === '' ? alert.title : `${alert.title}\n\n${alert.description}`);

export interface PrefilledReport {
  readonly actualResult: string;
  readonly environment: string;
  readonly customers: string;
  readonly product: string;
  readonly raisedVia: 'monitoring' | 'security-report';
  readonly links: readonly string[];
}

const REPORT_SHORT_MAX = 500;

/** The report fields an alert fills in; what nobody knows yet (steps, expected) stays for people. */
export const prefilledReport = (alert: IncomingAlert, mapped: MappedAlert): PrefilledReport => ({
  actualResult: actualResultOf(alert),
  environment: (mapped.environment ?? '').slice(0, REPORT_SHORT_MAX),
  customers: (mapped.customers ?? '').slice(0, REPORT_SHORT_MAX),
  product: (mapped.product ?? '').slice(0, REPORT_SHORT_MAX),
  raisedVia: alert.advisory === null ? 'monitoring' : 'security-report',
  links: alert.link === null || alert.link.length > 2_000 ? [] : [alert.link],
});

/** The rule's name from mapAlert's "by rule <name>". */
export const ruleNameOf = (severityBy: string): string => severityBy.replace(/^by rule /, '');
