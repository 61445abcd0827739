/**
 * Stakeholder updates (issue 16, part: updates): `POST issue/{key}/notify` with every recipient kind
 * Jira documents (reporter, assignee, watchers, voters, users, groups by name or id), its
 * restrictions (group memberships, permissions), who is left out, its refusals, and the watcher
 * list a person joins and leaves themself.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { JiraEmulator, loadScenarioFile, MINIMAL_SCENARIO_PATH, type Caller, type Scenario } from './index.js';

const RITA = 'acc-rita-support'; // browses SHOP only
const DEVON = 'acc-devon-oncall'; // administers SHOP; the only member of shop-developers
const OTTO = 'acc-otto-ops'; // no access to SHOP, but in jira-software-users
const AS_RITA: Caller = { kind: 'user', accountId: RITA };
const AS_DEVON: Caller = { kind: 'user', accountId: DEVON };
const AS_OTTO: Caller = { kind: 'user', accountId: OTTO };
const APP: Caller = { kind: 'app' };

let scenario: Scenario;
let jira: JiraEmulator;

beforeAll(async () => {
  scenario = await loadScenarioFile(MINIMAL_SCENARIO_PATH);
});
beforeEach(() => {
  jira = JiraEmulator.fromScenario(scenario, {}, { now: () => Date.parse('2026-11-20T09:00:00+00:00') });
});

async function call(caller: Caller, method: string, path: string, body?: unknown) {
  const r = await jira.handle(caller, { method, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: r.status, headers: r.headers, json: r.body === '' ? undefined : (JSON.parse(r.body) as unknown) };
}
const notify = (caller: Caller, key: string, body: unknown) => call(caller, 'POST', `/rest/api/3/issue/${key}/notify`, body);
const reached = () => jira.notificationsSent().map((mail) => [...mail.to].sort());

describe('POST issue/{key}/notify: recipients', () => {
  it('reaches a group by name, leaving out members who cannot browse the issue and the caller', async () => {
    // SHOP-2: reported by Rita, unassigned. jira-software-users holds Rita, Devon and Otto (no access).
    expect((await notify(AS_DEVON, 'SHOP-2', { subject: 'S', textBody: 'T', to: { groups: [{ name: 'jira-software-users' }] } })).status).toBe(204);
    expect(reached()).toEqual([[RITA]]);
  });

  it('takes groups by id as well (groupIds), and unions every kind without duplicates', async () => {
    const body = { subject: 'S', textBody: 'T', to: { reporter: true, groupIds: ['b3c1d0e2-0002-4a5b-9c1d-0a1b2c3d4e02'], users: [{ accountId: RITA }] } };
    expect((await notify(APP, 'SHOP-2', body)).status).toBe(204);
    expect(reached()).toEqual([[DEVON, RITA].sort()]);
  });

  it('reaches the watchers (the reporter watches from creation, as Jira\'s autowatch does)', async () => {
    expect((await call(AS_DEVON, 'POST', '/rest/api/3/issue/SHOP-2/watchers')).status).toBe(204);
    expect((await notify(APP, 'SHOP-2', { subject: 'S', textBody: 'T', to: { watchers: true } })).status).toBe(204);
    expect(reached()).toEqual([[DEVON, RITA].sort()]);
  });

  it('queues nothing for nobody when the asked-for kinds hold nobody (no voters), and still answers 204', async () => {
    expect((await notify(APP, 'SHOP-2', { subject: 'S', textBody: 'T', to: { voters: true } })).status).toBe(204);
    expect(reached()).toEqual([[]]);
  });

  it('keeps subject, text and HTML bodies; without a subject Jira uses the key and summary', async () => {
    await notify(APP, 'SHOP-2', { textBody: 'plain', htmlBody: '<p>rich</p>', to: { reporter: true } });
    expect(jira.notificationsSent()).toEqual([
      expect.objectContaining({ issueKey: 'SHOP-2', from: scenario.site.appAccountId, subject: 'SHOP-2: Checkout returns HTTP 500', textBody: 'plain', htmlBody: '<p>rich</p>', sentAt: '2026-11-20T09:00:00.000Z' }),
    ]);
  });
});

describe('POST issue/{key}/notify: restrict', () => {
  it('sends only to members of the restricting groups (by name or id)', async () => {
    const to = { groups: [{ name: 'jira-software-users' }] };
    await notify(APP, 'SHOP-2', { subject: 'S', textBody: 'T', to, restrict: { groups: [{ name: 'shop-developers' }] } });
    await notify(APP, 'SHOP-2', { subject: 'S', textBody: 'T', to, restrict: { groupIds: ['b3c1d0e2-0002-4a5b-9c1d-0a1b2c3d4e02'] } });
    expect(reached()).toEqual([[DEVON], [DEVON]]);
  });

  it('sends only to people holding the restricting permissions (by key or id)', async () => {
    const to = { groups: [{ name: 'jira-software-users' }] };
    await notify(APP, 'SHOP-2', { subject: 'S', textBody: 'T', to, restrict: { permissions: [{ key: 'EDIT_ISSUES' }] } });
    await notify(APP, 'SHOP-2', { subject: 'S', textBody: 'T', to, restrict: { permissions: [{ id: '10' }] } });
    expect(reached()).toEqual([[DEVON], [DEVON, RITA].sort()]);
  });
});

describe('POST issue/{key}/notify: refusals', () => {
  it.each([
    ['an unknown group name', { groups: [{ name: 'no-such-group' }] }],
    ['an unknown group id', { groupIds: ['00000000-0000-0000-0000-000000000000'] }],
    ['a user without an accountId', { users: [{ displayName: 'Rita' }] }],
    ['recipients that are not a list', { users: 'acc-rita-support' }],
  ])('answers 400 to %s and queues nothing', async (_case, to) => {
    expect((await notify(APP, 'SHOP-2', { subject: 'x', textBody: 'y', to })).status).toBe(400);
    expect(jira.notificationsSent()).toEqual([]);
  });

  it('answers 400 to an unknown restricting group or permission', async () => {
    expect((await notify(APP, 'SHOP-2', { to: { reporter: true }, restrict: { groups: [{ name: 'ghosts' }] } })).status).toBe(400);
    expect((await notify(APP, 'SHOP-2', { to: { reporter: true }, restrict: { permissions: [{ key: 'FLY' }] } })).status).toBe(400);
    expect(jira.notificationsSent()).toEqual([]);
  });

  it('answers 403 when the site sends no email (outgoing mail off)', async () => {
    jira.setOutgoingEmail(false);
    const refused = await notify(AS_DEVON, 'SHOP-2', { subject: 'x', textBody: 'y', to: { reporter: true } });
    expect(refused.status).toBe(403);
    expect(jira.notificationsSent()).toEqual([]);
  });

  it('answers 404 to a caller who cannot see the issue', async () => {
    expect((await notify(AS_OTTO, 'SHOP-2', { to: { reporter: true } })).status).toBe(404);
  });

  it('answers 429 with Retry-After under a rate-limit fault, and queues nothing', async () => {
    jira.faults.add({ method: 'POST', pathPattern: '/notify$', kind: '429', retryAfterSeconds: 7, times: 1 });
    const limited = await notify(APP, 'SHOP-2', { to: { reporter: true } });
    expect(limited.status).toBe(429);
    expect(limited.headers['Retry-After'] ?? limited.headers['retry-after']).toBe('7');
    expect(jira.notificationsSent()).toEqual([]);
  });
});

describe('issue/{key}/watchers', () => {
  const watchers = async (caller: Caller, key: string) => (await call(caller, 'GET', `/rest/api/3/issue/${key}/watchers`)).json as { isWatching: boolean; watchCount: number; watchers: Array<{ accountId: string }> };

  it('lets a person who can browse the issue watch and unwatch it themself', async () => {
    expect(await watchers(AS_RITA, 'SHOP-1')).toMatchObject({ isWatching: false, watchCount: 1 });
    expect((await call(AS_RITA, 'POST', '/rest/api/3/issue/SHOP-1/watchers')).status).toBe(204);
    expect(await watchers(AS_RITA, 'SHOP-1')).toMatchObject({ isWatching: true, watchCount: 2 });
    expect((await call(AS_RITA, 'POST', '/rest/api/3/issue/SHOP-1/watchers', RITA)).status).toBe(204);
    expect((await watchers(AS_RITA, 'SHOP-1')).watchCount).toBe(2);
    expect((await call(AS_RITA, 'DELETE', `/rest/api/3/issue/SHOP-1/watchers?accountId=${RITA}`)).status).toBe(204);
    expect(await watchers(AS_RITA, 'SHOP-1')).toMatchObject({ isWatching: false, watchCount: 1 });
  });

  it('shows other watchers only to people with View voters and watchers', async () => {
    await call(AS_RITA, 'POST', '/rest/api/3/issue/SHOP-1/watchers');
    expect((await watchers(AS_RITA, 'SHOP-1')).watchers.map((user) => user.accountId)).toEqual([RITA]);
    expect((await watchers(AS_DEVON, 'SHOP-1')).watchers.map((user) => user.accountId).sort()).toEqual([DEVON, RITA].sort());
  });

  it('needs Manage watcher list to add or remove someone else', async () => {
    expect((await call(AS_RITA, 'POST', '/rest/api/3/issue/SHOP-2/watchers', DEVON)).status).toBe(403);
    expect((await call(AS_DEVON, 'POST', '/rest/api/3/issue/SHOP-2/watchers', OTTO)).status).toBe(404);
    expect((await call(AS_DEVON, 'POST', '/rest/api/3/issue/SHOP-3/watchers', RITA)).status).toBe(204);
    expect((await call(AS_RITA, 'DELETE', `/rest/api/3/issue/SHOP-3/watchers?accountId=${DEVON}`)).status).toBe(403);
  });

  it('answers 404 to someone who cannot see the issue, and 400 to a body that is not an account id', async () => {
    expect((await call(AS_OTTO, 'POST', '/rest/api/3/issue/SHOP-1/watchers')).status).toBe(404);
    expect((await call(AS_DEVON, 'POST', '/rest/api/3/issue/SHOP-1/watchers', { accountId: RITA })).status).toBe(400);
    expect((await call(AS_DEVON, 'DELETE', '/rest/api/3/issue/SHOP-1/watchers')).status).toBe(400);
  });
});
