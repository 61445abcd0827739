/**
 * The endpoints a filed postmortem action uses, as Jira answers them: a remote link upserted by its
 * `globalId` (so a retry adds no second link) and `issue/{key}/notify` (who gets the email, and what
 * Jira refuses).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { JiraEmulator, loadScenarioFile, MINIMAL_SCENARIO_PATH, type Caller, type Scenario } from './index.js';

const DEV: Caller = { kind: 'user', accountId: 'acc-devon-oncall' };
const RITA = 'acc-rita-support';

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
  return { status: r.status, json: r.body === '' ? undefined : (JSON.parse(r.body) as unknown) };
}

describe('POST issue/{key}/remotelink', () => {
  it('updates the link with the same globalId instead of adding a second one', async () => {
    const link = { globalId: 'firebreak:postmortem:pm-1', object: { url: 'https://example.atlassian.net/x', title: 'Postmortem' } };
    expect((await call(DEV, 'POST', '/rest/api/3/issue/SHOP-1/remotelink', link)).status).toBe(201);
    expect((await call(DEV, 'POST', '/rest/api/3/issue/SHOP-1/remotelink', { ...link, object: { ...link.object, title: 'Renamed' } })).status).toBe(200);

    const links = (await call(DEV, 'GET', '/rest/api/3/issue/SHOP-1/remotelink')).json as Array<{ object: { title: string } }>;
    expect(links.map((entry) => entry.object.title)).toEqual(['Renamed']);
  });
});

describe('POST issue/{key}/notify', () => {
  it('queues an email to a named user and answers 204', async () => {
    const sent = await call(DEV, 'POST', '/rest/api/3/issue/SHOP-1/notify', { subject: 'Yours', textBody: 'Due 2026-12-04', to: { users: [{ accountId: RITA }] } });

    expect(sent.status).toBe(204);
    expect(jira.notificationsSent()).toEqual([{ issueKey: 'SHOP-1', from: 'acc-devon-oncall', to: [RITA], subject: 'Yours', textBody: 'Due 2026-12-04', sentAt: '2026-11-20T09:00:00.000Z' }]);
  });

  it.each([
    ['only the caller', { users: [{ accountId: 'acc-devon-oncall' }] }, 400],
    ['an unknown account', { users: [{ accountId: 'acc-nobody' }] }, 400],
    ['the assignee of an unassigned issue', { assignee: true }, 400],
    ['nobody', {}, 400],
  ])('refuses %s with %i and queues nothing', async (_case, to, status) => {
    expect((await call(DEV, 'POST', '/rest/api/3/issue/SHOP-2/notify', { subject: 'x', textBody: 'y', to })).status).toBe(status);
    expect(jira.notificationsSent()).toEqual([]);
  });

  it('answers 404 to someone who cannot see the issue', async () => {
    expect((await call({ kind: 'user', accountId: 'acc-otto-ops' }, 'POST', '/rest/api/3/issue/SHOP-1/notify', { to: { users: [{ accountId: RITA }] } })).status).toBe(404);
  });
});
