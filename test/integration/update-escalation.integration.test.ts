/**
 * A missed stakeholder update escalates (issue 16, part: updates), through the reminder run and the
 * sandbox's Jira: once the due time passes the assignee is reminded (a comment); a cadence after the
 * reminder with no update, the level's escalation contact gets Jira's notification email, once.
 * An update posted meanwhile (or a due time moved by a comment) calls it off, checked at fire time;
 * a level without a contact stops at the reminder; two runs at once, a 429 or a 500 from notify, and
 * a contact who cannot see the issue each leave one email or a clear record, never two, never a loop.
 *
 * Time: the scenario clock is the machine's, so "an hour later" is made by moving the app's own
 * records into the past (the due time, then the escalation time), as Forge's storage tools could.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { SeverityPolicy } from '../../src/contract/policy.contract';
import type { ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { appPolicyState, changeAppPolicyState, issueIdOf } from '../support/app-storage';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const ADMIN = people.ada;
/** Sam Okafor administers SHOP: he can see its issues. */
const CONTACT = people.sam;
/** Otto Weber has no access to SHOP at all. */
const BLIND_CONTACT = people.otto;

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

/** The site policy with the top level's escalation contact set (null: none). */
const setContact = async (contact: string | null): Promise<void> => {
  const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}));
  const [top, ...rest] = view.policy.levels;
  if (top === undefined) throw new Error('the default policy has levels');
  const policy: SeverityPolicy = { levels: [{ ...top, communication: { direct: true, groups: [], roles: [], subjectTemplate: '{LEVEL} ISSUE UPDATE: {summary}', escalationContact: contact } }, ...rest] };
  dataOf(await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy, baseVersion: view.version }));
};

/** A Critical incident, decided by the triager and assigned to him. */
const decidedIncident = async (): Promise<string> => {
  const issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Checkout is down' });
  const view: ReportView = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'critical', reason: '', baseRevision: view.report?.revision ?? 0 }));
  await jiraCall(sandbox, 'app', 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: TRIAGER });
  return issueKey;
};

const runReminders = async () => expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
const escalations = (issueKey: string) => sandbox.jira.notificationsSent().filter((mail) => mail.issueKey === issueKey && mail.subject.includes('stakeholder update overdue'));
const notifyCalls = () => sandbox.jira.metering.snapshot().byOperation['POST /rest/api/3/issue/{issueIdOrKey}/notify']?.calls ?? 0;
const reminderComments = async (issueKey: string): Promise<number> => {
  const comments = (await jiraCall<{ comments: Array<{ body: unknown }> }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}/comment`)).body.comments;
  return comments.filter((comment) => JSON.stringify(comment.body).includes('stakeholder update was due')).length;
};
const updatesView = async (issueKey: string, as = REPORTER) => dataOf(await invokeResolver(sandbox, as, 'updates/get', { issueKey }));

/** The update was due a minute ago. */
const makeUpdateOverdue = (issueKey: string) => changeAppPolicyState(sandbox, issueKey, (state) => ({ ...state, nextUpdateDueAt: new Date(Date.now() - 60_000).toISOString() }));

// The escalation record, read and written as Forge's storage tools would (beside the app).
interface EscalationRow {
  readonly version: number;
  readonly pending: string;
  readonly escalateAt: string;
  readonly document: { readonly status: string; readonly escalateAt: string; readonly attempts: number; readonly note?: string; readonly contact?: { displayName: string } };
  readonly [attribute: string]: unknown;
}
const entityCall = async (operation: 'get' | 'set', body: Record<string, unknown>): Promise<unknown> => {
  const response = await sandbox.kvs.handle(`/api/v1/entity/${operation}`, { method: 'POST', body: JSON.stringify(body) });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`KVS ${operation} failed: ${String(response.status)}`);
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as { value?: unknown }).value;
};
const escalationRow = async (issueKey: string): Promise<EscalationRow | undefined> => (await entityCall('get', { entityName: 'update-escalation', key: await issueIdOf(sandbox, issueKey) })) as EscalationRow | undefined;
/** A cadence went by since the reminder: the escalation time is a minute ago. */
const makeEscalationDue = async (issueKey: string): Promise<void> => {
  const row = await escalationRow(issueKey);
  if (row === undefined) throw new Error(`Firebreak keeps no escalation for ${issueKey}`);
  const escalateAt = new Date(Date.now() - 60_000).toISOString();
  await entityCall('set', { entityName: 'update-escalation', key: await issueIdOf(sandbox, issueKey), value: { ...row, version: row.version + 1, escalateAt, document: { ...row.document, escalateAt } } });
};

/** Due, reminded (one run), and a cadence later. */
const missedAndDue = async (issueKey: string): Promise<void> => {
  await makeUpdateOverdue(issueKey);
  await runReminders();
  await makeEscalationDue(issueKey);
};

describe('a missed update', () => {
  it('reminds the assignee when due, and emails the escalation contact a cadence after the reminder, once', async () => {
    await setContact(CONTACT);
    const issueKey = await decidedIncident();
    const dueAt = (await appPolicyState(sandbox, issueKey))?.nextUpdateDueAt;
    await runReminders();
    expect(await reminderComments(issueKey)).toBe(0);
    expect(await escalationRow(issueKey)).toBeUndefined();

    await makeUpdateOverdue(issueKey);
    const overdueAt = (await appPolicyState(sandbox, issueKey))?.nextUpdateDueAt;
    expect(overdueAt).not.toBe(dueAt);
    await runReminders();
    await runReminders();
    expect(await reminderComments(issueKey)).toBe(1);
    // The contact does not hear yet: the assignee has a cadence (30 minutes for Critical) to answer.
    expect(escalations(issueKey)).toEqual([]);
    const record = await escalationRow(issueKey);
    expect(record?.document.status).toBe('pending');
    expect(Date.parse(record?.escalateAt ?? '') - Date.now()).toBeGreaterThan(25 * 60_000);
    expect((await updatesView(issueKey)).missed).toMatchObject({ dueAt: overdueAt, status: 'pending', contactName: 'Sam Okafor', escalatedAt: null });

    await makeEscalationDue(issueKey);
    await runReminders();
    await runReminders();

    const sent = escalations(issueKey);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual([CONTACT]);
    expect(sent[0]?.subject).toContain(`${issueKey}: stakeholder update overdue since ${(overdueAt ?? '').slice(11, 16)} UTC`);
    expect(sent[0]?.textBody).toMatch(/was due by \d\d:\d\d UTC and none has been posted/);
    expect(sent[0]?.textBody).toContain('Devon Park, the assignee');
    expect(sent[0]?.textBody).toContain('post an update, or click "Nothing new"');
    expect(sent[0]?.textBody).toMatch(new RegExp(`/browse/${issueKey}$`));
    expect(await reminderComments(issueKey)).toBe(1);
    const missed = (await updatesView(issueKey)).missed;
    expect(missed).toMatchObject({ status: 'escalated', contactName: 'Sam Okafor' });
    expect(missed?.escalatedAt).not.toBeNull();
  });

  it('is not escalated when an update was posted after the reminder', async () => {
    await setContact(CONTACT);
    const issueKey = await decidedIncident();
    await makeUpdateOverdue(issueKey);
    await runReminders();
    dataOf(await invokeResolver(sandbox, TRIAGER, 'updates/post', { issueKey, actionId: 'act-nothing-new-1', nothingNew: true, text: '' }));
    expect((await escalationRow(issueKey))?.document.status).toBe('cancelled');
    expect((await updatesView(issueKey)).missed).toBeNull();

    await makeEscalationDue(issueKey);
    await runReminders();
    expect(escalations(issueKey)).toEqual([]);
  });

  it('is not escalated for a due time the issue no longer has (a comment moved it), checked when it would fire', async () => {
    await setContact(CONTACT);
    const issueKey = await decidedIncident();
    await missedAndDue(issueKey);
    // A person's comment is an update too: the trigger moves the due time, the record still says pending.
    await changeAppPolicyState(sandbox, issueKey, (state) => ({ ...state, nextUpdateDueAt: new Date(Date.now() + 30 * 60_000).toISOString() }));
    await runReminders();
    expect(escalations(issueKey)).toEqual([]);
    expect((await escalationRow(issueKey))?.document.status).toBe('cancelled');
  });

  it('stops at the reminder when the level has no escalation contact, and the panel says so', async () => {
    await setContact(null);
    const issueKey = await decidedIncident();
    await missedAndDue(issueKey);
    await runReminders();
    expect(await reminderComments(issueKey)).toBe(1);
    expect(escalations(issueKey)).toEqual([]);
    expect(notifyCalls()).toBe(0);
    const missed = (await updatesView(issueKey)).missed;
    expect(missed).toMatchObject({ status: 'no-contact', contactName: null });
    expect(missed?.note).toMatch(/no escalation contact/);
  });

  it('emails the contact once when two runs overlap', async () => {
    await setContact(CONTACT);
    const issueKey = await decidedIncident();
    await missedAndDue(issueKey);
    await Promise.all([runReminders(), runReminders()]);
    await runReminders();
    expect(escalations(issueKey)).toHaveLength(1);
  });

  it('after a rate limit (429) from notify, sends once on the next run', async () => {
    await setContact(CONTACT);
    const issueKey = await decidedIncident();
    await missedAndDue(issueKey);
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/notify$', kind: '429', retryAfterSeconds: 1, times: 1 });
    await runReminders();
    expect(escalations(issueKey)).toEqual([]);
    const failed = await escalationRow(issueKey);
    expect(failed?.document).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed?.document.note).toMatch(/rate limited.*next run tries again/);

    await Promise.all([runReminders(), runReminders()]);
    await runReminders();
    expect(escalations(issueKey)).toHaveLength(1);
    expect((await escalationRow(issueKey))?.document.status).toBe('escalated');
  });

  it.each([
    ['before', false, 0],
    ['after', true, 1],
  ])('after a server error (500) from notify %s Jira queued the email, never sends it again, and says it may not have gone out', async (_when, afterWrite, emails) => {
    await setContact(CONTACT);
    const issueKey = await decidedIncident();
    await missedAndDue(issueKey);
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/notify$', kind: '500', afterWrite, times: 1 });
    await runReminders();
    await runReminders();
    expect(escalations(issueKey)).toHaveLength(emails);
    expect(notifyCalls()).toBe(1);
    const missed = (await updatesView(issueKey)).missed;
    expect(missed?.status).toBe('failed');
    expect(missed?.note).toMatch(/HTTP 500 .*may or may not have gone out/);
  });

  it('stops retrying a notify Jira keeps refusing, and says so', async () => {
    await setContact(CONTACT);
    const issueKey = await decidedIncident();
    await missedAndDue(issueKey);
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/notify$', kind: '429', retryAfterSeconds: 1, times: 50 });
    for (let run = 0; run < 7; run += 1) await runReminders();
    expect(notifyCalls()).toBe(5);
    expect((await escalationRow(issueKey))?.document).toMatchObject({ status: 'failed', attempts: 5 });
    expect((await updatesView(issueKey)).missed?.note).toMatch(/tried 5 times and stopped/);
  });

  it('records, once, that a contact who cannot see the issue was not told, without asking Jira to email them', async () => {
    await setContact(BLIND_CONTACT);
    const issueKey = await decidedIncident();
    await missedAndDue(issueKey);
    await runReminders();
    await runReminders();
    expect(notifyCalls()).toBe(0);
    const row = await escalationRow(issueKey);
    expect(row?.pending).toBe('no');
    expect(row?.document).toMatchObject({ status: 'undeliverable', contact: { displayName: 'Otto Weber' } });
    const missed = (await updatesView(issueKey, TRIAGER)).missed;
    expect(missed?.status).toBe('undeliverable');
    expect(missed?.note).toMatch(/^Otto Weber cannot see SHOP-\d+ .*choose another escalation contact for Critical/);
  });

  it('is not escalated once the issue is resolved', async () => {
    await setContact(CONTACT);
    const issueKey = await decidedIncident();
    await missedAndDue(issueKey);
    const transitions = (await jiraCall<{ transitions: Array<{ id: string; to: { statusCategory: { key: string } } }> }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}/transitions`)).body.transitions;
    const done = transitions.find((transition) => transition.to.statusCategory.key === 'done');
    if (done === undefined) throw new Error('the workflow has a done transition');
    await jiraCall(sandbox, 'app', 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: done.id } });
    await runReminders();
    expect(escalations(issueKey)).toEqual([]);
    expect((await escalationRow(issueKey))?.document.status).toBe('cancelled');
  });
});

describe('choosing the escalation contact', () => {
  it('finds people by name for the site policy (site admins only) and shows the chosen contact by name', async () => {
    const found = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/findPeople', { query: 'Sam' })).people;
    expect(found).toContainEqual({ accountId: CONTACT, displayName: 'Sam Okafor' });
    expectRefusal(await invokeResolver(sandbox, people.sam, 'policy/findPeople', { query: 'Sam' }), 'FORBIDDEN');

    await setContact(CONTACT);
    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}));
    expect(view.policy.levels[0]?.communication?.escalationContact).toBe(CONTACT);
    expect(view.names[CONTACT]).toBe('Sam Okafor');
  });
});
