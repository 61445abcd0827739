import { randomUUID } from 'node:crypto';

import { adf } from '../../../contract/adf';
import type { AlertSource } from '../../../contract/intake.contract';
import { EMPTY_REPORT_FIELDS, type StoredReport } from '../../../contract/report.contract';
import {
  addFresh,
  applyFresh,
  incidentDescription,
  newAlertIncident,
  prefilledReport,
  ruleNameOf,
  SETUP_DONE,
  type AlertIncident,
  type FreshFirings,
  type IssueStanding,
} from '../../../domain/intake/alert-incident';
import { mapAlert, remediationDueDate } from '../../../domain/intake/mapping';
import { applyReportEdit, applySeverityDecision } from '../../../domain/report/report';
import { ALERT_LABEL, ALERT_PROPERTY, appAccountId, findAlertIncident, incidentStanding, securityLevelForFinding } from '../../../jira/alert-incidents';
import { updatePriorityAndLabels } from '../../../jira/issue-snapshot';
import { addComment, createIssue, getIssueBasics, linkIssues } from '../../../jira/issues';
import { isJiraError } from '../../../jira/jira-error';
import type { JiraTransport } from '../../../jira/jira-transport';
import { writeReportProjection } from '../../../jira/report-property';
import { newPlanWrite, readPlan, type ActionPlan } from '../../../storage/action-plan.store';
import { alertKeyOf, inboxWrite, readInbox } from '../../../storage/alert-inbox.store';
import { alertIncidentWrite, readAlertIncident, saveAlertIncident, type StoredAlertIncident } from '../../../storage/alert-incident.store';
import { readAlertSource } from '../../../storage/alert-source.store';
import { saveTogether } from '../../../storage/compare-and-swap';
import { saveIssueReport } from '../../../storage/issue-state.store';
import { claimOnce, readClaim, releaseClaim } from '../../../storage/once.store';
import { readEffectivePolicy } from '../../../storage/policy.store';
import { carryOutDecisionPolicy } from '../decide-severity';
import { loadIssueState } from '../issue-state';

/**
 * intake (issue 17): the consumer's use case. One async event names one (source, fingerprint); the
 * consumer takes what its inbox row holds into the alert's incident record (one transaction, so a
 * firing is counted once however often the event is delivered), then does what the record owes
 * Jira, one step at a time, each step recorded compare-and-swap before the next:
 *
 * 1. apply the fresh firings (domain: alert-incident.ts): open, update, recur, or note a resolution;
 * 2. open the incident: claim, create as the app with a marker (label + entity property), record;
 * 3. set it up: the prefilled report and the rule's severity decision with its policy plan (one
 *    transaction), the policy carried out as the app (the triager's path: decide-severity.ts), a
 *    finding's remediation due date, the "recurred" link;
 * 4. post the owed comments, each once (claimed by id);
 * 5. hand the inbox row back (no event on its way) unless firings came meanwhile: then round again.
 *
 * Exactly one issue under faults: a create Jira answered with a 4xx made nothing (a 429 included:
 * Jira rejected the request) and is tried again; a 5xx or a lost answer may have made the issue, so
 * before another create the marker is searched for, and an empty search is only believed once
 * Jira's search index had time to catch up (`SETTLE_SECONDS`).
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */

/** The wait before an empty search for a create's marker is believed. */
export const SETTLE_SECONDS = 60;
/** Rounds of "take, work, hand back" one invocation does before leaving the rest to another event. */
const MAX_ROUNDS = 5;
const MAX_STEPS = 40;
/** A comment claimed longer ago than this by an invocation that never recorded it counts as posted (a missing note over a doubled one). */
const FINISHED_CLAIM_AGE_MS = 120_000;

/** The consumer must be invoked again after `retryAfterSeconds`: work is not finished and will be. */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
  constructor(
    readonly retryAfterSeconds: number,
    reason: string,
  ) {
    super(reason);
  }
}

export interface AlertEvent {
  readonly sourceId: string;
  readonly fingerprint: string;
  readonly eventId: string;
  readonly retryCount: number;
}

interface Work {
  readonly app: JiraTransport;
  readonly source: AlertSource;
  readonly key: string;
  readonly event: AlertEvent;
  readonly now: () => Date;
}

export const processAlertEvent = async (app: JiraTransport, event: AlertEvent, now: () => Date = () => new Date()): Promise<void> => {
  const source = await readAlertSource(event.sourceId);
  if (source === null) {
    console.warn(`Alert intake: the source ${event.sourceId} was deleted; its alert ${event.fingerprint} is dropped.`);
    return;
  }
  const work: Work = { app, source, key: alertKeyOf(event.sourceId, event.fingerprint), event, now };
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const taken = await take(work);
    if (taken === null) return;
    await carryOut(work, taken);
    if (await handBack(work)) return;
  }
  // Firings keep coming: the row stays marked as queued, and this event is delivered again for them.
  throw new RetryLater(5, 'firings kept arriving while the alert was processed');
};

/** Moves the inbox row's pending firings into the incident record, in one transaction; the record as it is now, or null when there is neither. */
const take = async (work: Work): Promise<StoredAlertIncident | null> => {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const [inbox, stored] = await Promise.all([readInbox(work.key), readAlertIncident(work.key)]);
    if (inbox === null) return stored;
    const row = inbox.document;
    if (row.firings === 0 && row.resolvedAt === null) return stored;
    const taken: FreshFirings = { firings: row.firings, firstAt: row.firings > 0 ? row.firstPendingAt : null, lastAt: row.firings > 0 ? row.lastFiringAt : null, resolvedAt: row.resolvedAt };
    const base = stored?.incident ?? newAlertIncident(work.source.id, work.event.fingerprint, row.latest);
    const incident: AlertIncident = { ...base, latest: row.latest, fresh: addFresh(base.fresh, taken) };
    const outcome = await saveTogether([
      inboxWrite(work.key, { ...row, firings: 0, firstPendingAt: null, resolvedAt: null, queuedAt: work.now().toISOString() }, inbox.version),
      alertIncidentWrite(work.key, incident, stored?.version ?? 0),
    ]);
    if (outcome === 'saved') return { incident, version: (stored?.version ?? 0) + 1 };
  }
  throw new RetryLater(5, 'the alert’s records kept changing while its firings were taken');
};

/**
 * Clears the row's "event on its way" mark when nothing is pending, so the next firing pushes a new
 * event. False when firings came meanwhile: the caller takes them in another round.
 */
const handBack = async (work: Work): Promise<boolean> => {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const inbox = await readInbox(work.key);
    if (inbox === null) return true;
    if (inbox.document.firings > 0 || inbox.document.resolvedAt !== null) return false;
    if ((await saveTogether([inboxWrite(work.key, { ...inbox.document, queuedAt: null }, inbox.version)])) === 'saved') return true;
  }
  return false;
};

/** Does what the record owes Jira, step by step, until nothing is left. */
const carryOut = async (work: Work, from: StoredAlertIncident): Promise<void> => {
  let stored: StoredAlertIncident | null = from;
  for (let step = 0; step < MAX_STEPS && stored !== null; step += 1) {
    const next = await nextStep(work, stored);
    if (next === 'done') return;
    stored = next === 'reread' ? await readAlertIncident(work.key) : next;
  }
};

type StepResult = StoredAlertIncident | 'reread' | 'done';

const save = async (work: Work, stored: StoredAlertIncident, incident: AlertIncident): Promise<StepResult> =>
  (await saveAlertIncident(work.key, incident, stored.version)) === 'saved' ? { incident, version: stored.version + 1 } : 'reread';

const nextStep = async (work: Work, stored: StoredAlertIncident): Promise<StepResult> => {
  const { incident } = stored;
  const hasFresh = incident.fresh.firings > 0 || incident.fresh.resolvedAt !== null;
  if (incident.phase === 'create') {
    if (incident.refusal !== null && incident.creating === null) {
      // Jira refused to open it for good; a new firing (fresh) tries again.
      if (incident.fresh.firings === 0) return 'done';
      return save(work, stored, { ...incident, refusal: null });
    }
    return openIncident(work, stored);
  }
  if (incident.phase === 'open' && !isSetUp(incident)) return setUp(work, stored);
  if (hasFresh) {
    let standing: IssueStanding | null = null;
    if (incident.phase === 'open' && incident.issue !== null && incident.fresh.firings > 0) standing = (await incidentStanding(work.app, incident.issue.id)).standing;
    return save(work, stored, applyFresh(incident, standing, { now: work.now().toISOString(), commentIntervalMinutes: work.source.commentIntervalMinutes, newId: randomUUID }));
  }
  const note = incident.notes[0];
  if (note !== undefined && incident.issue !== null) {
    await postOnce(work, `alert-note:${note.id}`, () => addComment(work.app, incident.issue?.key ?? '', adf.doc(adf.paragraph(adf.text(note.text)))));
    return save(work, stored, { ...incident, notes: incident.notes.slice(1) });
  }
  return 'done';
};

const isSetUp = (incident: AlertIncident): boolean => incident.setup.report && incident.setup.policy && incident.setup.dueDate && incident.setup.linked;

/** The marker the current incident carries in Jira: which source, which alert, which of its incidents. */
const markerOf = (work: Work, incident: AlertIncident): string => `${work.key}-${String(incident.seq)}`;

// ── Opening the incident ────────────────────────────────────────────────────────────────────────

const openIncident = async (work: Work, stored: StoredAlertIncident): Promise<StepResult> => {
  const { incident } = stored;
  const marker = markerOf(work, incident);
  const now = work.now();
  if (incident.creating !== null) {
    const found = await findAlertIncident(work.app, marker);
    if (found !== null) return save(work, stored, { ...incident, phase: 'open', issue: found, creating: null });
    const waited = (incident.creating.eventId === work.event.eventId && work.event.retryCount > 0) || now.getTime() - Date.parse(incident.creating.at) >= SETTLE_SECONDS * 1000;
    if (!waited) throw new RetryLater(SETTLE_SECONDS, `an earlier attempt to open the incident may have succeeded; Jira's search is given ${String(SETTLE_SECONDS)} s to show it`);
  }
  const claimed: AlertIncident = { ...incident, creating: { attemptId: randomUUID(), at: now.toISOString(), eventId: work.event.eventId } };
  const after = await save(work, stored, claimed);
  if (after === 'reread' || after === 'done') return after;

  const alert = incident.latest;
  // The due date of a finding is written after the policy (setUp); here only what the create must carry.
  const security = alert.advisory === null ? null : await securityLevelForFinding(work.app, work.source.projectId);
  let created: { id: string; key: string };
  try {
    const result = await createIssue(work.app, {
      projectKey: '',
      issueType: '',
      projectId: work.source.projectId,
      issueTypeId: work.source.issueTypeId,
      summary: alert.title,
      properties: [{ key: ALERT_PROPERTY, value: { marker, sourceId: work.source.id, fingerprint: incident.fingerprint, seq: incident.seq } }],
      optional: {
        description: incidentDescription(alert, work.source, incident.recurredFrom?.key ?? null),
        labels: [ALERT_LABEL],
        ...(security === null ? {} : { security: security.id }),
      },
    });
    for (const refused of result.refused) console.warn(`Alert intake: ${result.key} was opened without its ${refused.field} (${refused.message}).`);
    created = { id: result.id, key: result.key };
  } catch (error) {
    if (isJiraError(error) && error.status < 500) {
      // Jira made nothing. A 429 is tried again after Jira's wait; any other 4xx is recorded, for the next firing to try again.
      const refusal = error.status === 429 ? null : `Jira would not open the incident (HTTP ${String(error.status)}: ${error.jiraMessages.join(' ') || error.message}).`;
      if (refusal !== null) console.error(`Alert intake: source “${work.source.name}”, alert ${incident.fingerprint}: ${refusal}`);
      await save(work, after, { ...claimed, creating: null, refusal });
      if (error.status === 429) throw error;
      return 'done';
    }
    // A 5xx or a lost answer: the issue may exist. Look once now; the retry looks again after the index caught up.
    const found = isJiraError(error) ? await findAlertIncident(work.app, marker).catch(() => null) : null;
    if (found !== null) return save(work, after, { ...claimed, phase: 'open', issue: found, creating: null });
    throw new RetryLater(SETTLE_SECONDS, `Jira's answer to opening the incident was lost (${error instanceof Error ? error.message : String(error)})`);
  }
  return save(work, after, { ...claimed, phase: 'open', issue: created, creating: null });
};

// ── Setting it up ───────────────────────────────────────────────────────────────────────────────

const planIdOf = (issueId: string, marker: string): string => `apply-policy:${issueId}:${marker}`;

const setUp = async (work: Work, stored: StoredAlertIncident): Promise<StepResult> => {
  const { incident } = stored;
  const issue = incident.issue;
  if (issue === null) return save(work, stored, { ...incident, setup: SETUP_DONE });
  const marker = markerOf(work, incident);
  const now = work.now();
  if (!incident.setup.report) {
    await storeReport(work, incident, issue, marker, now);
    return save(work, stored, { ...incident, setup: { ...incident.setup, report: true } });
  }
  if (!incident.setup.policy) {
    const plan = await readPlan(planIdOf(issue.id, marker));
    if (plan?.status === 'running') {
      const outcome = await carryOutDecisionPolicy({ fields: work.app, asApp: work.app }, plan, now);
      const after = await readPlan(plan.plan.id);
      if (after?.status === 'running') throw new RetryLater(30, `the severity policy of ${issue.key} is not applied yet: ${outcome.message}`);
    }
    return save(work, stored, { ...incident, setup: { ...incident.setup, policy: true } });
  }
  if (!incident.setup.dueDate) {
    await writeRemediationDate(work, incident, issue);
    return save(work, stored, { ...incident, setup: { ...incident.setup, dueDate: true } });
  }
  // Linked last: the new incident is whole before it points at the old one.
  const previous = incident.recurredFrom;
  if (previous !== null) {
    await postOnce(work, `alert-link:${marker}`, () => linkIssues(work.app, { type: RECURRENCE_LINK_TYPE, inwardIssue: issue.key, outwardIssue: previous.key }));
  }
  return save(work, stored, { ...incident, setup: { ...incident.setup, linked: true } });
};

/**
 * Jira Cloud's default link types are Blocks, Cloners, Duplicate, Relates and (with Jira Service
 * Management) Problem/Incident; none says "recurred", and an admin-made type cannot be assumed, so
 * the incidents are related and the new one's description says it recurred.
 * @see https://support.atlassian.com/jira-cloud-administration/docs/configure-issue-linking/
 */
export const RECURRENCE_LINK_TYPE = 'Relates';

/**
 * The prefilled report and, when a rule or the CVSS table decides a level, the decision with the
 * plan that applies its policy: one transaction, as a triager's decision. Stored once: a report
 * that is there already (an earlier attempt, or a person faster than the app) is left as it is.
 */
const storeReport = async (work: Work, incident: AlertIncident, issue: { id: string; key: string }, marker: string, now: Date): Promise<void> => {
  const basics = await getIssueBasics(work.app, issue.key);
  const ref = { id: basics.id, key: basics.key, projectKey: basics.projectKey };
  const state = await loadIssueState({ ...ref, issueType: basics.issueType }, { legacyReader: work.app, onDamaged: 'as-empty' });
  if (state.stored !== null) return;
  const alert = incident.latest;
  const mapped = mapAlert(alert, work.source.rules, state.policy.levels.map((level) => level.id), alert.advisory === null ? null : work.source.advisory);
  const meta = { accountId: await appAccountId(work.app), now: now.toISOString() };
  const prefilled = prefilledReport(alert, mapped);
  const fields = { ...EMPTY_REPORT_FIELDS, ...prefilled, links: [...prefilled.links] };
  const edited = applyReportEdit(null, { fields }, 0, meta, state.readiness);
  if (!edited.ok) throw new Error(`The report prefilled from the alert was refused: ${JSON.stringify(edited.rejection)}`);
  let report: StoredReport = edited.report;
  let plan: ActionPlan | null = null;
  if (mapped.severity !== null && mapped.severityBy !== null) {
    const rule = ruleNameOf(mapped.severityBy);
    // The panel shows the reason in quotes of its own: the names inside take single ones.
    const decided = applySeverityDecision(report, { level: mapped.severity, reason: `Decided by the alert source ‘${work.source.name}’, rule ‘${rule}’.`, rule }, report.revision, meta, state.readiness);
    if (decided.ok) {
      report = decided.report;
      plan = { schemaVersion: 1, id: planIdOf(issue.id, marker), issue: ref, requestedBy: meta.accountId, createdAt: meta.now, params: { kind: 'apply-policy', level: mapped.severity, decisionAt: meta.now } };
    }
  }
  if ((await saveIssueReport(ref, report, 0, plan === null ? [] : [newPlanWrite(plan)])) === 'conflict') return;
  try {
    await writeReportProjection(work.app, issue.key, report);
  } catch (error) {
    if (!isJiraError(error)) throw error;
    console.error(`${issue.key}: the report is saved; Jira refused its search copy (${error.message}), which the next change rewrites`);
  }
};

/**
 * A finding's due date is its remediation window, not the first-response target the policy writes
 * into Jira's Due date: written after the policy, which settles its own date once per decision and
 * leaves a later change alone (domain/policy/apply-policy.ts, `planDueDate`).
 */
const writeRemediationDate = async (work: Work, incident: AlertIncident, issue: { key: string }): Promise<void> => {
  const alert = incident.latest;
  if (alert.advisory === null || work.source.advisory === null) return;
  // The project the incident was opened in: the key's prefix when it was created.
  const levels = (await readEffectivePolicy(issue.key.slice(0, issue.key.lastIndexOf('-')))).policy.levels.map((level) => level.id);
  const mapped = mapAlert(alert, work.source.rules, levels, work.source.advisory);
  const due = remediationDueDate(mapped.severity, incident.firstSeenAt ?? work.now().toISOString(), work.source.advisory);
  if (due === null) return;
  const { refused } = await updatePriorityAndLabels(work.app, issue.key, { priority: null, addLabels: [], removeLabels: [], dueDate: due });
  for (const field of refused) console.warn(`Alert intake: ${issue.key} keeps no remediation due date (${field.message}).`);
};

/**
 * Posts under a claim, so a redelivered or concurrent event does not post twice. When another
 * invocation holds the claim: posted if the claim is old (that invocation finished or was stopped),
 * else this invocation is retried later.
 */
const postOnce = async (work: Work, claim: string, post: () => Promise<unknown>): Promise<void> => {
  const now = work.now();
  if (await claimOnce(claim, now)) {
    try {
      await post();
      return;
    } catch (error) {
      await releaseClaim(claim);
      throw error;
    }
  }
  const held = await readClaim(claim);
  if (held === undefined || held.claimedAt === null || now.getTime() - Date.parse(held.claimedAt) > FINISHED_CLAIM_AGE_MS) return;
  throw new RetryLater(30, 'another invocation is posting the same comment');
};
