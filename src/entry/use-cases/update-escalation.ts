/**
 * A missed stakeholder update escalates (issue 16, part: updates). The reminder run opens a record
 * when it reminds the assignee; a later pass of the same run emails the level's escalation contact
 * once a cadence passed after the reminder with no update, through Jira's own notification (as the
 * app: the scheduled trigger has no user). Rules in src/domain/updates/update-escalation.ts.
 *
 * Exactly once: a run takes the record by a compare-and-swap save to `sending` before asking Jira,
 * so of two runs at once one sends and the other finds it taken. A rate limit from Jira (which
 * processed nothing) puts it back to `pending` for the next run (at most ESCALATION_ATTEMPTS_MAX
 * tries); a server error, which may come after Jira queued the email, is recorded, not resent; a run
 * that stopped while sending leaves `sending`, which a later run closes as unconfirmed rather than
 * send twice. Jira's notify silently leaves out recipients who cannot see the issue (answering 204),
 * so the contact's Browse projects is checked first and a contact who cannot see the issue is
 * recorded as such, once, instead of "sent" to nobody.
 */
import { levelCommunication, type PolicyLevel, type SeverityPolicy } from '../../contract/policy.contract';
import { afterTemporaryFailure, escalationMail, nextEscalationStep, openEscalation, type EscalationRecord } from '../../domain/updates/update-escalation';
import { getSiteBaseUrl, notifyPeople } from '../../jira/action-issue-extras';
import { canSeeIssue } from '../../jira/browse-users';
import { bulkFetchIssues } from '../../jira/issues';
import { isJiraError, type JiraError } from '../../jira/jira-error';
import type { JiraTransport } from '../../jira/jira-transport';
import { getDisplayNames } from '../../jira/users';
import type { IssueRef } from '../../storage/issue-state.store';
import { readEffectivePolicy } from '../../storage/policy.store';
import { changeEscalation, listDueEscalations, readEscalation, saveEscalation } from '../../storage/update-escalation.store';
import { readAppliedState } from './apply-severity-policy';

/**
 * Opens the escalation of a missed due time when its reminder goes out (before the reminder is
 * posted, so a run stopped between the two still escalates). One record per issue: a newer due time
 * replaces an older one; the same due time is left as it is, so a retried reminder does not push
 * the escalation further out.
 */
export const recordMissedUpdate = async (issue: IssueRef, dueAt: string, remindedAt: string, cadenceMinutes: number): Promise<void> => {
  await changeEscalation(issue, (current) => (current !== null && current.dueAt === dueAt ? null : openEscalation(dueAt, remindedAt, cadenceMinutes)));
};

/**
 * Closes a pending escalation because an update was posted (Post update, "Nothing new"): the panel
 * stops showing it at once. The pass would close it anyway, checking the current due time.
 */
export const cancelEscalation = async (issue: IssueRef, note: string): Promise<void> => {
  await changeEscalation(issue, (current) => (current?.status === 'pending' ? { ...current, status: 'cancelled', note } : null));
};

interface SearchedFields {
  readonly summary?: string;
  readonly status?: { readonly statusCategory?: { readonly key?: string } };
  readonly assignee?: { readonly accountId: string; readonly displayName?: string } | null;
}

/** What Jira's refusal of the email means, and whether a later run may try again (nothing was sent). */
const problemOf = (error: JiraError, contactName: string, issueKey: string): { readonly problem: string; readonly temporary: boolean } => {
  if (error.kind === 'rate-limited') return { temporary: true, problem: `Jira was busy (rate limited) when Firebreak emailed ${contactName}.` };
  // A server error may come after Jira queued the email (notify takes no idempotency key), so it is
  // not sent again: one email, or none and a record that says so, never two.
  if (error.kind === 'unavailable') return { temporary: false, problem: `Jira answered HTTP ${String(error.status)} when Firebreak emailed ${contactName}, so the email may or may not have gone out; Firebreak does not send it again (it could arrive twice). Tell them yourself if unsure.` };
  if (error.kind === 'forbidden') return { temporary: false, problem: `Jira sends no email on this site (outgoing mail is off), so ${contactName} was not told. Ask a Jira admin.` };
  const said = error.jiraMessages.join(' ').replace(/\.$/, '');
  return { temporary: false, problem: `Jira refused to email ${contactName} about ${issueKey} (HTTP ${String(error.status)}${said === '' ? '' : `: ${said}`}).` };
};

/**
 * The escalation pass of the reminder run: every record whose time came is escalated, closed or left
 * for later. One issue's failure is logged and does not stop the others. Answers the keys escalated.
 */
export const escalateMissedUpdates = async (jira: JiraTransport, now: Date): Promise<string[]> => {
  const due = await listDueEscalations(now.toISOString());
  if (due.length === 0) return [];
  const issues = new Map((await bulkFetchIssues(jira, due.map(({ issue }) => issue.id), ['summary', 'status', 'assignee'])).map((issue) => [issue.id, issue]));
  const policies = new Map<string, Promise<SeverityPolicy>>();
  const policyOf = (projectKey: string): Promise<SeverityPolicy> => {
    const known = policies.get(projectKey) ?? readEffectivePolicy(projectKey).then(({ policy }) => policy);
    policies.set(projectKey, known);
    return known;
  };
  let baseUrl: string | undefined;
  const escalated: string[] = [];
  for (const { issue: indexed, stored } of due) {
    const fetched = issues.get(indexed.id);
    // Jira's key wins: the issue may have moved to another project since the record was written.
    const issue: IssueRef = fetched === undefined ? indexed : { id: indexed.id, key: fetched.key, projectKey: fetched.key.slice(0, fetched.key.lastIndexOf('-')) };
    try {
      const fields = (fetched?.fields ?? {}) as SearchedFields;
      const [applied, policy] = await Promise.all([readAppliedState(issue.id), policyOf(issue.projectKey)]);
      const level = applied === null ? undefined : policy.levels.find((candidate) => candidate.id === applied.state.level);
      const resolved = fetched === undefined || fields.status?.statusCategory?.key === 'done';
      const step = nextEscalationStep(stored.record, { nextUpdateDueAt: applied?.state.nextUpdateDueAt ?? null, resolved, contact: level === undefined ? null : levelCommunication(level).escalationContact }, now.toISOString());
      if (step.kind === 'wait') continue;
      if (step.kind === 'close') {
        await saveEscalation(issue, { ...stored.record, status: step.status, note: step.note }, stored.version);
        if (step.status === 'failed') console.warn(`${issue.key}: ${step.note}`);
        continue;
      }
      if (level === undefined) continue;
      baseUrl ??= await getSiteBaseUrl(jira);
      if (await escalate(jira, issue, stored, step.contact, { level, fields, baseUrl, now })) escalated.push(issue.key);
    } catch (error) {
      // Logged, and left as it is: a record still `pending` is tried by the next run.
      console.error(`${issue.key}: the missed-update escalation could not be handled this run: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return escalated;
};

interface EscalationFacts {
  readonly level: PolicyLevel;
  readonly fields: SearchedFields;
  readonly baseUrl: string;
  readonly now: Date;
}

/** Takes the record (compare-and-swap to `sending`), checks the contact can see the issue, emails them, and records what happened. */
const escalate = async (jira: JiraTransport, issue: IssueRef, stored: { readonly record: EscalationRecord; readonly version: number }, contact: string, facts: EscalationFacts): Promise<boolean> => {
  const at = facts.now.toISOString();
  const sending: EscalationRecord = { ...stored.record, status: 'sending', sendingSince: at };
  // Another run took it (or an update was posted meanwhile): this run leaves it.
  if ((await saveEscalation(issue, sending, stored.version)) !== 'saved') return false;
  const version = stored.version + 1;
  const contactName = (await getDisplayNames(jira, [contact]).catch((): ReadonlyMap<string, string> => new Map())).get(contact) ?? 'the escalation contact';
  const person = { accountId: contact, displayName: contactName };
  const settle = (record: EscalationRecord) => saveEscalation(issue, record, version);
  const { sendingSince: _since, ...taken } = sending;
  let visible: boolean;
  try {
    visible = await canSeeIssue(jira, issue.key, contact);
  } catch (error) {
    if (!isJiraError(error)) throw error;
    await settle(afterTemporaryFailure(taken, `Jira did not say whether ${contactName} can see ${issue.key} (HTTP ${String(error.status)}).`));
    return false;
  }
  if (!visible) {
    const note = `${contactName} cannot see ${issue.key} (no Browse projects permission in ${issue.projectKey}, or a security level), and Jira does not email people about issues they cannot see, so nobody was told. A Jira admin can give them access, or choose another escalation contact for ${facts.level.name} on the severity policy page.`;
    console.warn(`${issue.key}: ${note}`);
    await settle({ ...taken, status: 'undeliverable', contact: person, note });
    return false;
  }
  const mail = escalationMail({
    issueKey: issue.key,
    summary: facts.fields.summary ?? issue.key,
    levelName: facts.level.name,
    record: stored.record,
    assigneeName: facts.fields.assignee == null ? null : (facts.fields.assignee.displayName ?? null),
    direct: levelCommunication(facts.level).direct,
    issueUrl: `${facts.baseUrl}/browse/${issue.key}`,
    now: at,
  });
  try {
    await notifyPeople(jira, issue.key, { accountIds: [contact], ...mail });
  } catch (error) {
    if (!isJiraError(error)) throw error;
    const { problem, temporary } = problemOf(error, contactName, issue.key);
    console.warn(`${issue.key}: ${problem}`);
    await settle(temporary ? afterTemporaryFailure(taken, problem) : { ...taken, status: 'failed', contact: person, note: problem });
    return false;
  }
  // Sent: recorded as such even if another save raced (the record is read back and changed on top).
  if ((await settle({ ...taken, status: 'escalated', contact: person, escalatedAt: at })) !== 'saved') {
    await changeEscalation(issue, (current) => (current === null || current.dueAt !== stored.record.dueAt ? null : { ...current, status: 'escalated', contact: person, escalatedAt: at }));
  }
  return true;
};

/** The issue's missed-update record as the panel shows it, or null. */
export const readMissedUpdate = async (issueId: string): Promise<EscalationRecord | null> => (await readEscalation(issueId))?.record ?? null;
