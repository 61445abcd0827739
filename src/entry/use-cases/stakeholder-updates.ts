/**
 * Stakeholder updates (issue 16, part: updates): Post update and "Nothing new" in the report panel,
 * sent through Jira's own notification email to the decided level's audience, kept in app storage,
 * and Follow updates (Jira's watcher list).
 *
 * Who may post: the project's triagers (the people who decided the severity and run the incident)
 * and the issue's assignee (who works it). Reporters and other viewers read the updates and may
 * follow them; they do not speak for the team.
 *
 * What the app judges by is its own record: the decided level from the applied policy state (app
 * storage, never the issue property), the level's audience and subject from the stored policy, the
 * sender from the invocation context. The client sends only the text and the click's action id.
 */
import { levelCommunication, type AppliedPolicyState, type PolicyLevel } from '../../contract/policy.contract';
import { UPDATES_LISTED_MAX, type KeptUpdate, type MissedUpdate, type StakeholderUpdatesView } from '../../contract/stakeholder-updates.contract';
import { audienceWords, nextUpdateDue, NOTHING_NEW_TEXT, nothingNewText, subjectFor, updateBody, whyNoDirectUpdates } from '../../domain/updates/stakeholder-update';
import { getSiteBaseUrl } from '../../jira/action-issue-extras';
import { getIssueSnapshot } from '../../jira/issue-snapshot';
import { getIssueBasics, type IssueBasics } from '../../jira/issues';
import { isJiraError, type JiraError } from '../../jira/jira-error';
import type { JiraTransport } from '../../jira/jira-transport';
import { getProjectRoles, getRoleActors, unlessRefused } from '../../jira/roles';
import { getDisplayNames } from '../../jira/users';
import { isWatchingIssue, notifyAudience, unwatchIssue, watchIssue } from '../../jira/stakeholder-notify';
import { savePolicyState } from '../../storage/issue-state.store';
import { claimOnce } from '../../storage/once.store';
import { readEffectivePolicy } from '../../storage/policy.store';
import { readProjectConfig } from '../../storage/project-config.store';
import { listStakeholderUpdates, readUpdate, recordUpdateIntent, saveUpdateOutcome, type StoredUpdate } from '../../storage/stakeholder-updates.store';
import { refuse } from '../refusal';
import type { HandlerContext } from '../resolvers/resolver-definition';
import { readAppliedState } from './apply-severity-policy';
import { triageVerdictFor } from './triager-check';
import { cancelEscalation, readMissedUpdate } from './update-escalation';

interface Incident {
  readonly issue: IssueBasics;
  readonly resolved: boolean;
  readonly state: AppliedPolicyState | null;
  readonly level: PolicyLevel | null;
}

/** The issue as the viewer sees it, and the app's own record of its decided level. */
const loadIncident = async (issueKey: string, handler: HandlerContext): Promise<Incident> => {
  const [issue, snapshot] = await Promise.all([getIssueBasics(handler.jira.asUser, issueKey), getIssueSnapshot(handler.jira.asUser, issueKey)]);
  const [applied, { policy }] = await Promise.all([readAppliedState(issue.id), readEffectivePolicy(issue.projectKey)]);
  const state = applied?.state ?? null;
  const level = state === null ? null : (policy.levels.find((candidate) => candidate.id === state.level) ?? null);
  return { issue, resolved: snapshot.resolved, state, level };
};

const WHO_MAY_POST = (incident: Incident): string =>
  `The triagers of ${incident.issue.projectKey} and the issue’s assignee${incident.issue.assignee === null ? '' : ` (${incident.issue.assignee.displayName})`} post stakeholder updates.`;

/** Whether the viewer may post: the issue's assignee, or a triager of its project. */
const mayPost = async (incident: Incident, handler: HandlerContext): Promise<boolean> => {
  if (incident.issue.assignee?.accountId === handler.access.accountId) return true;
  const config = (await readProjectConfig(incident.issue.projectKey))?.config ?? null;
  return (await triageVerdictFor(handler, incident.issue.projectKey, config)).triager;
};

const keptOf = (stored: StoredUpdate): KeptUpdate => {
  const { issueId: _issueId, issueKey: _issueKey, attempt: _attempt, retryable: _retryable, ...kept } = stored;
  return kept;
};

/** The panel's section, as the viewer may see it. */
const viewOf = async (incident: Incident, handler: HandlerContext): Promise<StakeholderUpdatesView> => {
  const { issue, level, state } = incident;
  const [updates, watching, missed] = await Promise.all([listStakeholderUpdates(issue.id), isWatchingIssue(handler.jira.asUser, issue.key), missedOf(incident, handler)]);
  const communication = level === null ? null : levelCommunication(level);
  const whyNot = level === null ? null : whyNoDirectUpdates(level);
  const offered = level !== null && whyNot === null && !incident.resolved;
  return {
    issueKey: issue.key,
    shown: level !== null && (!incident.resolved || updates.length > 0),
    offered,
    whyNot: incident.resolved && level !== null && whyNot === null ? `${issue.key} is resolved: no more updates are due.` : whyNot,
    levelName: level?.name ?? null,
    cadenceMinutes: level?.updateCadenceMinutes ?? null,
    nextUpdateDueAt: incident.resolved ? null : (state?.nextUpdateDueAt ?? null),
    canPost: offered && (await mayPost(incident, handler)),
    whoMayPost: WHO_MAY_POST(incident),
    audience: communication === null ? '' : audienceWords(communication),
    subject: level === null || communication === null ? null : subjectFor(communication.subjectTemplate, level, issue),
    watching,
    updates: updates.slice(0, UPDATES_LISTED_MAX).map(keptOf),
    missed,
  };
};

/**
 * The miss of the due time the issue has now, from the app's escalation record; none once an update
 * moved the due time or the issue was resolved (the record of an answered miss is history, not news).
 */
const missedOf = async (incident: Incident, handler: HandlerContext): Promise<MissedUpdate | null> => {
  const due = incident.state?.nextUpdateDueAt ?? null;
  if (incident.resolved || due === null) return null;
  const record = await readMissedUpdate(incident.issue.id);
  if (record === null || record.dueAt !== due || record.status === 'cancelled') return null;
  // Still to come: who will hear, from the policy as it is now, by the name Jira shows the viewer.
  const upcoming = record.status === 'pending' && incident.level !== null ? levelCommunication(incident.level).escalationContact : null;
  const upcomingName = upcoming === null ? null : ((await getDisplayNames(handler.jira.asUser, [upcoming]).catch((): ReadonlyMap<string, string> => new Map())).get(upcoming) ?? 'the level’s escalation contact');
  return {
    dueAt: record.dueAt,
    remindedAt: record.remindedAt,
    escalateAt: record.escalateAt,
    status: record.status,
    contactName: record.contact?.displayName ?? upcomingName,
    escalatedAt: record.escalatedAt ?? null,
    note: record.note ?? null,
  };
};

export const readStakeholderUpdates = async (issueKey: string, handler: HandlerContext): Promise<StakeholderUpdatesView> => viewOf(await loadIncident(issueKey, handler), handler);

/**
 * The level's project roles as people (read as the app: Jira shows a project's role holders only to
 * its admins and apps) and the groups those roles hold, added to the level's own groups. A role the
 * project does not have is skipped: the audience is the admin's wish, not a reason to send nothing.
 */
const resolveAudience = async (asApp: JiraTransport, projectKey: string, level: PolicyLevel): Promise<{ readonly groups: string[]; readonly accountIds: string[] }> => {
  const communication = levelCommunication(level);
  const groups = new Set(communication.groups);
  const accountIds = new Set<string>();
  if (communication.roles.length > 0) {
    const roles = (await unlessRefused(getProjectRoles(asApp, projectKey))) ?? [];
    for (const name of communication.roles) {
      const role = roles.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (role === undefined) continue;
      const actors = await unlessRefused(getRoleActors(asApp, projectKey, role.id));
      for (const accountId of actors?.accountIds ?? []) accountIds.add(accountId);
      for (const group of actors?.groups ?? []) groups.add(group);
    }
  }
  return { groups: [...groups], accountIds: [...accountIds] };
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/** What Jira's refusal means for the person, and whether the same click may be tried again. */
const refusalOf = (error: JiraError, level: PolicyLevel): { readonly problem: string; readonly retryable: boolean; readonly code: 'RATE_LIMITED' | 'INVALID_INPUT' | 'FORBIDDEN' | 'JIRA_UNAVAILABLE' } => {
  if (error.kind === 'rate-limited') {
    return { code: 'RATE_LIMITED', retryable: true, problem: `Jira is busy and asked Firebreak to slow down, so the update was not sent. Send it again in ${String(Math.max(error.retryAfterSeconds ?? 0, 5))} seconds; it goes out once.` };
  }
  if (error.kind === 'bad-request' && error.jiraMessages.some((message) => /same as the calling user/i.test(message))) {
    return { code: 'INVALID_INPUT', retryable: false, problem: `The update would reach only you: nobody else is in ${level.name}’s audience yet. Nothing was sent; ask people to use Follow updates, or a Jira admin to add groups or roles to the level on the severity policy page.` };
  }
  if (error.kind === 'bad-request') {
    const said = error.jiraMessages.join(' ').replace(/\.$/, '');
    return { code: 'INVALID_INPUT', retryable: false, problem: `Jira refused a recipient (${said || 'an invalid recipient'}), so the update was not sent to anyone. Ask a Jira admin to fix ${level.name}’s audience on the severity policy page, then send it again.` };
  }
  if (error.kind === 'forbidden' || error.kind === 'unauthorized') {
    return { code: 'FORBIDDEN', retryable: false, problem: `Jira did not send the update: this site sends no email (outgoing mail is off) or does not let you notify people about this issue. Nothing was sent; ask a Jira admin.` };
  }
  return { code: 'JIRA_UNAVAILABLE', retryable: false, problem: `Jira did not confirm the update (HTTP ${String(error.status)}), so it may or may not have gone out. Check with a recipient before sending it again.` };
};

/**
 * Moves the applied policy's next update due time to `nextDueAt` (never earlier than it is), so the
 * scheduled reminders stop until then. Compare-and-swap: a comment or the trigger saving meanwhile
 * is kept, and the change is made again on top of what they stored.
 */
const moveNextUpdate = async (issue: IssueBasics, nextDueAt: string): Promise<void> => {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const stored = await readAppliedState(issue.id);
    if (stored === null || stored.state.nextUpdateDueAt === null) return;
    if (Date.parse(stored.state.nextUpdateDueAt) >= Date.parse(nextDueAt)) return;
    if ((await savePolicyState({ id: issue.id, key: issue.key, projectKey: issue.projectKey }, { ...stored.state, nextUpdateDueAt: nextDueAt }, stored.version)) === 'saved') return;
  }
};

/** Composes the email of a recorded update and asks Jira to send it, as `sender`. */
const deliver = async (sender: JiraTransport, asApp: JiraTransport, record: StoredUpdate, level: PolicyLevel, issue: IssueBasics): Promise<void> => {
  const [audience, baseUrl] = await Promise.all([resolveAudience(asApp, issue.projectKey, level), getSiteBaseUrl(sender)]);
  const url = `${baseUrl}/browse/${issue.key}`;
  const nextDueAt = record.nextDueAt ?? record.at;
  const textBody =
    record.kind === 'closing' ? `${record.text}\n\n${url}` : record.kind === 'nothing-new' ? `${nothingNewText(nextDueAt, record.at)}\n\n${url}` : updateBody(record.text, nextDueAt, record.at, url);
  const htmlBody = textBody.split('\n\n').map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`).join('');
  await notifyAudience(sender, issue.key, { subject: record.subject, textBody, htmlBody, groups: audience.groups, accountIds: audience.accountIds, assignee: issue.assignee !== null });
};

/**
 * Sends a recorded update: notify as the person, then mark it sent (or failed, with why) and move the
 * due time. The intent was recorded before, so a crash between the two leaves it `sending` and no
 * retry of the same click sends it again.
 */
const send = async (record: StoredUpdate, level: PolicyLevel, incident: Incident, handler: HandlerContext): Promise<void> => {
  const { issue } = incident;
  try {
    await deliver(handler.jira.asUser, handler.jira.asApp, record, level, issue);
  } catch (error) {
    if (!isJiraError(error)) throw error;
    const { problem, retryable, code } = refusalOf(error, level);
    await saveUpdateOutcome({ ...record, status: 'failed', problem, retryable });
    refuse(code, problem);
  }
  await saveUpdateOutcome({ ...record, status: 'sent' });
  if (record.nextDueAt !== null) await moveNextUpdate(issue, record.nextDueAt);
  // A missed update answered: its escalation is called off (the run would also see the due time moved).
  await cancelEscalation({ id: issue.id, key: issue.key, projectKey: issue.projectKey }, `An update was posted at ${record.at}.`);
};

/**
 * Post update / Nothing new. One click's `actionId` sends one email: the intent is recorded under it
 * (`FAIL_IF_EXISTS`) before Jira is asked, so a double click finds it taken, and a retry of a sent
 * update answers what was sent without asking Jira again. After a rate limit (which sent nothing)
 * the same click may be retried; each retry claims its attempt, so two retries at once send once.
 */
export const postStakeholderUpdate = async (payload: { readonly issueKey: string; readonly actionId: string; readonly nothingNew: boolean; readonly text: string }, handler: HandlerContext): Promise<StakeholderUpdatesView> => {
  const incident = await loadIncident(payload.issueKey, handler);
  const { issue } = incident;
  const undecided = `${issue.key} has no decided severity yet, so there is no audience to update. A triager decides it first.`;
  const level = incident.level ?? refuse('CONFLICT', undecided);
  const state = incident.state ?? refuse('CONFLICT', undecided);
  if (!(await mayPost(incident, handler))) refuse('FORBIDDEN', `${WHO_MAY_POST(incident)} Ask one of them, or use Follow updates to hear them.`);
  const existing = await readUpdate(issue.id, payload.actionId);
  if (existing !== null) return retry(existing, level, incident, handler);
  const whyNot = whyNoDirectUpdates(level);
  if (whyNot !== null) refuse('CONFLICT', whyNot);
  if (incident.resolved) refuse('CONFLICT', `${issue.key} is resolved: no more updates are due.`);
  const cadence = level.updateCadenceMinutes ?? refuse('CONFLICT', whyNot ?? '');

  const at = handler.now().toISOString();
  const nextDueAt = nextUpdateDue(cadence, state, at);
  const communication = levelCommunication(level);
  const by = { accountId: handler.access.accountId, displayName: (await getMyDisplayName(handler)) ?? 'You' };
  const record: StoredUpdate = {
    issueId: issue.id,
    issueKey: issue.key,
    actionId: payload.actionId,
    kind: payload.nothingNew ? 'nothing-new' : 'update',
    by,
    at,
    text: payload.nothingNew ? NOTHING_NEW_TEXT : payload.text.trim(),
    subject: subjectFor(communication.subjectTemplate, level, issue),
    audience: audienceWords(communication),
    nextDueAt,
    status: 'sending',
    attempt: 1,
  };
  if ((await recordUpdateIntent(record)) === 'exists') {
    const twin = await readUpdate(issue.id, payload.actionId);
    if (twin !== null) return retry(twin, level, incident, handler);
  }
  await send(record, level, incident, handler);
  return readStakeholderUpdates(issue.key, handler);
};

/** A click seen before: answer what happened, and send again only what Jira surely did not send. */
const retry = async (existing: StoredUpdate, level: PolicyLevel, incident: Incident, handler: HandlerContext): Promise<StakeholderUpdatesView> => {
  if (existing.status === 'sent') return viewOf(incident, handler);
  if (existing.status === 'sending') refuse('IN_PROGRESS', 'This update is being sent right now. Wait a few seconds; it goes out once.');
  if (existing.retryable !== true) refuse('CONFLICT', existing.problem ?? 'This update was not sent. Write it again to send it.');
  const attempt = (existing.attempt ?? 1) + 1;
  if (!(await claimOnce(`stakeholder-update:${existing.issueId}:${existing.actionId}:${String(attempt)}`, handler.now()))) {
    refuse('IN_PROGRESS', 'This update is being sent right now. Wait a few seconds; it goes out once.');
  }
  const { problem: _problem, ...rest } = existing;
  const record: StoredUpdate = { ...rest, status: 'sending', attempt, retryable: false };
  await saveUpdateOutcome(record);
  await send(record, level, incident, handler);
  return readStakeholderUpdates(incident.issue.key, handler);
};

const getMyDisplayName = async (handler: HandlerContext): Promise<string | null> => {
  const names = await getDisplayNames(handler.jira.asUser, [handler.access.accountId]).catch((): ReadonlyMap<string, string> => new Map());
  return names.get(handler.access.accountId) ?? null;
};

/**
 * Follow updates: the viewer joins (or leaves) the issue's watchers, as themself, so Jira's own
 * notifications and every stakeholder update reach them. Needs only Browse projects.
 */
export const followStakeholderUpdates = async (issueKey: string, follow: boolean, handler: HandlerContext): Promise<StakeholderUpdatesView> => {
  const incident = await loadIncident(issueKey, handler);
  try {
    if (follow) await watchIssue(handler.jira.asUser, issueKey);
    else await unwatchIssue(handler.jira.asUser, issueKey, handler.access.accountId);
  } catch (error) {
    if (!isJiraError(error) || (error.kind !== 'forbidden' && error.kind !== 'bad-request')) throw error;
    refuse('FORBIDDEN', `Jira did not let you ${follow ? 'watch' : 'stop watching'} ${issueKey} (watching may be off on this site). Nothing was changed; ask a Jira admin.`);
  }
  return viewOf(incident, handler);
};

// ── The closing update ─────────────────────────────────────────────────────────────────────────

const CLOSING_ACTION_ID = 'closing-update';

/**
 * When an incident whose stakeholders were updated is resolved, one closing update goes to the same
 * audience, from the app (the trigger has no user). Only after at least one update was sent: an
 * audience never told of the incident is not told it ended. Once per issue, under duplicated and
 * reordered events: the intent is recorded under a fixed action id with `FAIL_IF_EXISTS`. A rate
 * limit (which sent nothing) is thrown for the trigger to retry, and the retry sends it once; other
 * refusals are kept on the record and not retried.
 */
export const sendClosingUpdate = async (asApp: JiraTransport, issueKey: string, now: Date): Promise<'sent' | 'not-due'> => {
  const [issue, snapshot] = await Promise.all([getIssueBasics(asApp, issueKey), getIssueSnapshot(asApp, issueKey)]);
  if (!snapshot.resolved) return 'not-due';
  const [applied, { policy }, updates] = await Promise.all([readAppliedState(issue.id), readEffectivePolicy(issue.projectKey), listStakeholderUpdates(issue.id)]);
  const level = applied === null ? undefined : policy.levels.find((candidate) => candidate.id === applied.state.level);
  if (level === undefined || whyNoDirectUpdates(level) !== null) return 'not-due';
  if (!updates.some((update) => update.kind !== 'closing' && update.status === 'sent')) return 'not-due';
  const existing = updates.find((update) => update.actionId === CLOSING_ACTION_ID);
  let record: StoredUpdate;
  if (existing === undefined) {
    record = {
      issueId: issue.id,
      issueKey: issue.key,
      actionId: CLOSING_ACTION_ID,
      kind: 'closing',
      by: { accountId: 'app', displayName: 'Firebreak' },
      at: now.toISOString(),
      text: `Resolved: ${issue.summary}. This was the last update on this incident.`,
      subject: subjectFor(levelCommunication(level).subjectTemplate, level, issue),
      audience: audienceWords(levelCommunication(level)),
      nextDueAt: null,
      status: 'sending',
      attempt: 1,
    };
    if ((await recordUpdateIntent(record)) === 'exists') return 'not-due';
  } else {
    if (existing.status !== 'failed' || existing.retryable !== true) return 'not-due';
    const attempt = (existing.attempt ?? 1) + 1;
    if (!(await claimOnce(`stakeholder-update:${issue.id}:${CLOSING_ACTION_ID}:${String(attempt)}`, now))) return 'not-due';
    const { problem: _problem, ...rest } = existing;
    record = { ...rest, status: 'sending', attempt, retryable: false };
    await saveUpdateOutcome(record);
  }
  try {
    await deliver(asApp, asApp, record, level, issue);
  } catch (error) {
    if (!isJiraError(error)) throw error;
    const { problem, retryable } = refusalOf(error, level);
    await saveUpdateOutcome({ ...record, status: 'failed', problem, retryable });
    if (retryable) throw error;
    return 'not-due';
  }
  await saveUpdateOutcome({ ...record, status: 'sent' });
  return 'sent';
};
