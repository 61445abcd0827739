/**
 * Stakeholder updates (issue 16, part: updates) through the resolvers and the sandbox's Jira: Post
 * update and "Nothing new" reach the decided level's audience through Jira's notify API with the
 * level's subject, move the applied policy's next due time, are kept and listed newest first; who
 * may post; one email per click under double clicks and a rate limit; levels without direct
 * updates; Follow updates through Jira's watcher list.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { SeverityPolicy } from '../../src/contract/policy.contract';
import type { ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { outbox } from '../../sandbox/server/control.routes';
import { Sandbox } from '../../sandbox/sandbox';
import { appPolicyState, changeAppPolicyState } from '../support/app-storage';
import { createIssue, jiraCall, resolveIssue } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { invokeAs } from '../support/sandbox-harness';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const ADMIN = people.ada;

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

/** The site policy with the top level's audience set: the ops-engineers group and SHOP's Administrators role; the second level without direct updates. */
const setAudience = async (): Promise<void> => {
  const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}));
  const [top, second, ...rest] = view.policy.levels;
  if (top === undefined || second === undefined) throw new Error('the default policy has levels');
  const policy: SeverityPolicy = {
    levels: [
      { ...top, communication: { direct: true, groups: ['ops-engineers'], roles: ['Administrators'], subjectTemplate: 'PRIORITY 0 ISSUE UPDATE: {summary}', escalationContact: null } },
      { ...second, communication: { direct: false, groups: [], roles: [], subjectTemplate: '{LEVEL} ISSUE UPDATE: {summary}', escalationContact: null } },
      ...rest,
    ],
  };
  dataOf(await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy, baseVersion: view.version }));
};

const decidedIncident = async (level = 'critical', summary = 'Checkout is down'): Promise<string> => {
  const issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary });
  const view: ReportView = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: level, baseRevision: 0 }));
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level, reason: '', baseRevision: view.report?.revision ?? 0 }));
  return issueKey;
};

const post = (issueKey: string, text: string, actionId = `act-${Math.random().toString(36).slice(2, 12)}`, as = TRIAGER) =>
  invokeResolver(sandbox, as, 'updates/post', { issueKey, actionId, nothingNew: false, text });
const nothingNew = (issueKey: string, actionId = `act-${Math.random().toString(36).slice(2, 12)}`, as = TRIAGER) =>
  invokeResolver(sandbox, as, 'updates/post', { issueKey, actionId, nothingNew: true, text: '' });
/** Emails of updates on the issue, newest first (as the outbox lists them). */
const mails = (issueKey: string) => outbox(sandbox).filter((mail) => mail.issueKey === issueKey && mail.subject.includes('UPDATE'));

describe('posting an update', () => {
  it('emails the level audience (groups, roles, reporter, watchers) with the level subject and a link, and keeps it', async () => {
    await setAudience();
    const issueKey = await decidedIncident();

    const view = dataOf(await post(issueKey, 'Payments fail for card users; rolling back build 412.'));

    const [mail] = mails(issueKey);
    expect(mail?.subject).toBe('PRIORITY 0 ISSUE UPDATE: Checkout is down');
    expect(mail?.textBody).toContain('Payments fail for card users; rolling back build 412.');
    expect(mail?.textBody).toContain(`/browse/${issueKey}`);
    expect(mail?.from).toBe(TRIAGER);
    // ops-engineers: Otto cannot see SHOP, Devon sends; Administrators: Sam (and site-admins: Ada); the reporter Rita.
    expect([...(mail?.to ?? [])].sort()).toEqual([people.ada, people.rita, people.sam].sort());
    expect(view.updates).toEqual([expect.objectContaining({ kind: 'update', text: 'Payments fail for card users; rolling back build 412.', status: 'sent', by: { accountId: TRIAGER, displayName: 'Devon Park' }, subject: 'PRIORITY 0 ISSUE UPDATE: Checkout is down' })]);
    expect(view.updates[0]?.audience).toMatch(/ops-engineers.*Administrators.*reporter, assignee and watchers/);
  });

  it('sends "Nothing new" in one click with the next update time, moves the due time, and lists updates newest first', async () => {
    const issueKey = await decidedIncident();
    const before = await appPolicyState(sandbox, issueKey);

    dataOf(await post(issueKey, 'First look: card payments fail.'));
    const view = dataOf(await nothingNew(issueKey));

    const state = await appPolicyState(sandbox, issueKey);
    const sent = view.updates[0];
    expect(sent?.kind).toBe('nothing-new');
    expect(sent?.nextDueAt).toBe(state?.nextUpdateDueAt);
    expect(Date.parse(state?.nextUpdateDueAt ?? '')).toBeGreaterThan(Date.parse(before?.nextUpdateDueAt ?? ''));
    expect(view.nextUpdateDueAt).toBe(state?.nextUpdateDueAt);
    const due = state?.nextUpdateDueAt ?? '';
    expect(mails(issueKey)[0]?.textBody).toMatch(new RegExp(`^Nothing to update\\. Still investigating\\. Next update by ${due.slice(11, 16)} UTC\\.`));
    expect(view.updates.map((update) => update.kind)).toEqual(['nothing-new', 'update']);
  });

  it('stops the reminder until the next update is due', async () => {
    const issueKey = await decidedIncident();
    // The update was due a minute ago.
    await changeAppPolicyState(sandbox, issueKey, (state) => ({ ...state, nextUpdateDueAt: new Date(Date.now() - 60_000).toISOString() }));
    dataOf(await nothingNew(issueKey));

    await sandbox.runtime.runScheduledTrigger('cadence-reminders');

    const comments = (await jiraCall<{ comments: Array<{ body: unknown }> }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}/comment`)).body.comments;
    expect(JSON.stringify(comments)).not.toMatch(/stakeholder update was due/);
  });
});

describe('who may post', () => {
  it('refuses the reporter who does not triage, and lets the assignee post', async () => {
    const issueKey = await decidedIncident();
    expectRefusal(await post(issueKey, 'I think it is fixed', undefined, REPORTER), 'FORBIDDEN', /triagers of SHOP and the issue’s assignee/);
    expect(mails(issueKey)).toEqual([]);

    await jiraCall(sandbox, 'app', 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: people.rita });
    // Rita is reporter, assignee and only watcher: an update would reach nobody else, and Jira refuses that.
    expectRefusal(await post(issueKey, 'Rolled back.', undefined, REPORTER), 'INVALID_INPUT', /would reach only you/);
    dataOf(await invokeResolver(sandbox, people.mia, 'updates/follow', { issueKey, follow: true }));
    dataOf(await post(issueKey, 'Rolled back; watching the error rate.', undefined, REPORTER));
    expect(mails(issueKey)).toHaveLength(1);
  });

  it('shows the reporter the updates without the Post button, saying who posts', async () => {
    const issueKey = await decidedIncident();
    const view = dataOf(await invokeResolver(sandbox, REPORTER, 'updates/get', { issueKey }));
    expect(view).toMatchObject({ shown: true, offered: true, canPost: false });
    expect(view.whoMayPost).toMatch(/triagers of SHOP/);
  });
});

describe('one email per click', () => {
  it('sends once for a double click (two calls with one action id at once)', async () => {
    const issueKey = await decidedIncident();
    const results = await Promise.all([post(issueKey, 'Rolling back', 'act-double-1'), post(issueKey, 'Rolling back', 'act-double-1')]);
    expect(results.some((result) => result.ok)).toBe(true);
    expect(mails(issueKey)).toHaveLength(1);
    const view = dataOf(await invokeResolver(sandbox, TRIAGER, 'updates/get', { issueKey }));
    expect(view.updates).toHaveLength(1);
  });

  it('after a 429 on notify sends nothing, says so, and the retry of the same click sends once', async () => {
    const issueKey = await decidedIncident();
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/notify$', kind: '429', retryAfterSeconds: 10, times: 1 });

    expectRefusal(await post(issueKey, 'Rolling back', 'act-limited-1'), 'RATE_LIMITED', /not sent.*again/);
    expect(mails(issueKey)).toEqual([]);

    dataOf(await post(issueKey, 'Rolling back', 'act-limited-1'));
    dataOf(await post(issueKey, 'Rolling back', 'act-limited-1'));
    expect(mails(issueKey)).toHaveLength(1);
  });

  it('says which recipient Jira refused, and sends nothing', async () => {
    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}));
    const [top, ...rest] = view.policy.levels;
    if (top === undefined) throw new Error('levels');
    const policy = { levels: [{ ...top, communication: { direct: true, groups: ['war-room'], roles: [], subjectTemplate: '{LEVEL}: {summary}', escalationContact: null } }, ...rest] };
    dataOf(await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy, baseVersion: view.version }));
    const issueKey = await decidedIncident();

    expectRefusal(await post(issueKey, 'Rolling back'), 'INVALID_INPUT', /refused a recipient \(.*war-room.*\).*audience on the severity policy page/);
    expect(outbox(sandbox).filter((mail) => mail.issueKey === issueKey && mail.subject.startsWith('CRITICAL:'))).toEqual([]);
  });
});

describe('what is refused', () => {
  it('refuses a level without direct updates, with its reason', async () => {
    await setAudience();
    const issueKey = await decidedIncident('major');
    const view = dataOf(await invokeResolver(sandbox, TRIAGER, 'updates/get', { issueKey }));
    expect(view).toMatchObject({ offered: false, canPost: false });
    expect(view.whyNot).toMatch(/no direct communication/);
    expectRefusal(await post(issueKey, 'Update'), 'CONFLICT', /no direct communication/);
    expect(mails(issueKey)).toEqual([]);
  });

  it('refuses a level with no cadence (the default Medium), saying it is handled through the normal process', async () => {
    const issueKey = await decidedIncident('medium');
    expectRefusal(await nothingNew(issueKey), 'CONFLICT', /no update cadence.*normal process/);
  });

  it('refuses oversized text and an empty update before anything is sent', async () => {
    const issueKey = await decidedIncident();
    expectRefusal(await post(issueKey, 'x'.repeat(1_001)), 'TOO_LARGE', /1,000 characters/);
    expectRefusal(await post(issueKey, '   '), 'INVALID_INPUT');
    expect(mails(issueKey)).toEqual([]);
  });

  it('refuses forged fields (a subject, audience or sender) and sends nothing; the app composes them itself', async () => {
    await setAudience();
    const issueKey = await decidedIncident();
    const forged = await invokeAs(sandbox, TRIAGER, 'updates/post', { issueKey, actionId: 'act-forged-1', nothingNew: false, text: 'Real text', subject: 'FREE MONEY', audience: 'everyone', by: { accountId: people.ada, displayName: 'Ada' }, groups: ['jira-software-users'] });
    expectRefusal(forged, 'INVALID_INPUT');
    expect(mails(issueKey)).toEqual([]);

    dataOf(await post(issueKey, 'Real text', 'act-forged-1'));
    const [mail] = mails(issueKey);
    expect(mail?.subject).toBe('PRIORITY 0 ISSUE UPDATE: Checkout is down');
    expect(mail?.from).toBe(TRIAGER);
  });
});

describe('Follow updates', () => {
  it('makes the viewer a watcher as themself, so updates reach them, and Unfollow takes them off', async () => {
    const issueKey = await decidedIncident();
    const followed = dataOf(await invokeResolver(sandbox, people.mia, 'updates/follow', { issueKey, follow: true }));
    expect(followed.watching).toBe(true);

    dataOf(await post(issueKey, 'Rolling back'));
    expect(mails(issueKey)[0]?.to).toContain(people.mia);

    const unfollowed = dataOf(await invokeResolver(sandbox, people.mia, 'updates/follow', { issueKey, follow: false }));
    expect(unfollowed.watching).toBe(false);
    dataOf(await nothingNew(issueKey));
    expect(mails(issueKey)[0]?.to).not.toContain(people.mia);
  });

  it('refuses someone who cannot see the issue', async () => {
    const issueKey = await decidedIncident();
    expectRefusal(await invokeResolver(sandbox, people.otto, 'updates/follow', { issueKey, follow: true }), 'FORBIDDEN');
  });
});

describe('the closing update', () => {
  const resolve = (issueKey: string): Promise<void> => resolveIssue(sandbox, TRIAGER, issueKey);
  const closings = (issueKey: string) => mails(issueKey).filter((mail) => mail.textBody.startsWith('Resolved:'));

  it('goes once to the same audience when an updated incident is resolved, even when the event comes twice', async () => {
    await setAudience();
    const issueKey = await decidedIncident();
    dataOf(await post(issueKey, 'Rolling back.'));
    await sandbox.runtime.drain();

    await resolve(issueKey);
    await sandbox.runtime.drain();
    sandbox.runtime.deliverEvent({ eventType: 'avi:jira:updated:issue', timestamp: new Date().toISOString(), issue: { id: '0', key: issueKey, fields: {} }, actor: { kind: 'user', accountId: TRIAGER } });
    await sandbox.runtime.drain();

    expect(closings(issueKey)).toHaveLength(1);
    const [closing] = closings(issueKey);
    expect(closing?.subject).toBe('PRIORITY 0 ISSUE UPDATE: Checkout is down');
    expect([...(closing?.to ?? [])].sort()).toEqual([people.ada, people.devon, people.rita, people.sam].sort());
    const view = dataOf(await invokeResolver(sandbox, TRIAGER, 'updates/get', { issueKey }));
    expect(view.updates[0]).toMatchObject({ kind: 'closing', status: 'sent', nextDueAt: null });
    expect(view.offered).toBe(false);
  });

  it('is not sent for an incident whose stakeholders were never updated', async () => {
    const issueKey = await decidedIncident();
    await resolve(issueKey);
    await sandbox.runtime.drain();
    expect(closings(issueKey)).toEqual([]);
  });

  it('is sent once after a rate limit, by a later delivery of the event', async () => {
    const issueKey = await decidedIncident();
    dataOf(await post(issueKey, 'Rolling back.'));
    await sandbox.runtime.drain();
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/notify$', kind: '429', retryAfterSeconds: 1, times: 1 });

    await resolve(issueKey);
    await sandbox.runtime.drain();
    sandbox.runtime.deliverEvent({ eventType: 'avi:jira:updated:issue', timestamp: new Date().toISOString(), issue: { id: '0', key: issueKey, fields: {} }, actor: { kind: 'user', accountId: TRIAGER } });
    await sandbox.runtime.drain();

    expect(closings(issueKey)).toHaveLength(1);
  });
});
