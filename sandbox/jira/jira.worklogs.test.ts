/**
 * The emulator's worklog fidelity the capacity facts rely on: `worklogAuthor` / `worklogDate` in
 * JQL as Jira evaluates them, and worklog edits and deletions through REST with their Forge events.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { JiraEmulator, loadScenarioFile, MINIMAL_SCENARIO_PATH, type Caller, type ProductEvent, type Scenario } from './index.js';

const APP: Caller = { kind: 'app' };
const DEV: Caller = { kind: 'user', accountId: 'acc-devon-oncall' }; // browse+edit+administer SHOP
const REPORTER: Caller = { kind: 'user', accountId: 'acc-rita-support' }; // browse only
const NOW = Date.parse('2026-11-20T09:00:00+00:00');

let scenario: Scenario;
let jira: JiraEmulator;
let events: ProductEvent[];

beforeAll(async () => {
  scenario = await loadScenarioFile(MINIMAL_SCENARIO_PATH);
});
beforeEach(() => {
  events = [];
  jira = JiraEmulator.fromScenario(scenario, { onEvent: (e) => events.push(e) }, { now: () => NOW, searchAliases: new Map() });
});

async function call(caller: Caller, method: string, path: string, body?: unknown) {
  const r = await jira.handle(caller, { method, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: r.status, json: r.body === '' ? undefined : (JSON.parse(r.body) as Record<string, unknown>) };
}
const search = async (jql: string, as: Caller = APP): Promise<string[] | string> => {
  const r = await call(as, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 5000 });
  if (r.status !== 200) return (r.json?.['errorMessages'] as string[]).join(' ');
  return (r.json?.['issues'] as Array<{ key: string }>).map((i) => i.key).sort();
};

// SHOP-1 has two worklogs by Devon: 10 Nov 09:00 (2 h) and 17 Nov 09:00 (1 h), UTC.
describe('JQL worklogAuthor and worklogDate', () => {
  it.each([
    ['worklogAuthor = acc-devon-oncall', ['SHOP-1']],
    ['worklogAuthor in (acc-rita-support, acc-devon-oncall)', ['SHOP-1']],
    ['worklogAuthor = acc-rita-support', []],
    ['worklogAuthor != acc-rita-support', ['SHOP-1']],
    // Days, not instants: the 09:00 worklog is "on" 10 Nov, whatever time the literal names.
    ['worklogDate = "2026-11-10"', ['SHOP-1']],
    ['worklogDate = "2026-11-10 23:00"', ['SHOP-1']],
    ['worklogDate = "2026-11-11"', []],
    ['worklogDate <= "2026-11-10"', ['SHOP-1']],
    ['worklogDate > "2026-11-17"', []],
    ['worklogDate >= startOfDay(-3d)', ['SHOP-1']],
    // Each clause on its own: any worklog may satisfy each.
    ['worklogAuthor = acc-devon-oncall AND worklogDate = "2026-11-17"', ['SHOP-1']],
    ['worklogDate >= "2026-11-11" AND worklogDate <= "2026-11-16"', ['SHOP-1']],
  ])('%s', async (jql, expected) => {
    expect(await search(jql)).toEqual(expected);
  });

  it('reads a worklog\'s day in the searcher\'s time zone (the app\'s is UTC; Devon\'s profile says Berlin)', async () => {
    expect((await call(DEV, 'POST', '/rest/api/3/issue/SHOP-2/worklog', { started: '2026-11-10T23:30:00.000+0000', timeSpentSeconds: 600 })).status).toBe(201);

    expect(await search('worklogDate = "2026-11-10"')).toEqual(['SHOP-1', 'SHOP-2']);
    expect(await search('worklogDate = "2026-11-10"', DEV)).toEqual(['SHOP-1']);
    expect(await search('worklogDate = "2026-11-11"', DEV)).toEqual(['SHOP-2']);
  });

  it.each([
    ['worklogAuthor = nobody-here', /The value 'nobody-here' does not exist for the field 'worklogAuthor'/],
    ['worklogAuthor ~ devon', /operator '~' is not supported by the 'worklogAuthor' field/],
    ['worklogDate IS EMPTY', /operator 'IS' is not supported by the 'worklogDate' field/],
    ['worklogDate >= "10 Nov"', /Date value '10 Nov' for field 'worklogDate' is invalid/],
  ])('rejects %s as Jira does', async (jql, message) => {
    expect(await search(jql)).toMatch(message);
  });
});

describe('worklog edits and deletions', () => {
  it('moves a worklog, bumps the issue and sends avi:jira:updated:worklog with the worklog as it is now', async () => {
    const moved = await call(DEV, 'PUT', '/rest/api/3/issue/SHOP-1/worklog/40001', { started: '2026-11-12T10:00:00.000+0000', timeSpentSeconds: 1800 });

    expect(moved).toMatchObject({ status: 200, json: { id: '40001', started: '2026-11-12T10:00:00.000+0000', timeSpentSeconds: 1800 } });
    expect(events.map((event) => event.eventType)).toEqual(['avi:jira:updated:worklog']);
    expect(events[0]?.worklog).toMatchObject({ id: '40001', author: { accountId: 'acc-devon-oncall' }, timeSpentSeconds: 1800 });
    expect(await search('worklogDate = "2026-11-12"')).toEqual(['SHOP-1']);
    expect(await search('worklogDate = "2026-11-10"')).toEqual([]);
  });

  it('deletes a worklog and sends avi:jira:deleted:worklog with the worklog as it was', async () => {
    expect((await call(DEV, 'DELETE', '/rest/api/3/issue/SHOP-1/worklog/40002')).status).toBe(204);

    expect(events.map((event) => event.eventType)).toEqual(['avi:jira:deleted:worklog']);
    expect(events[0]?.worklog).toMatchObject({ id: '40002', started: '2026-11-17T09:00:00.000+0000', timeSpentSeconds: 3600 });
    const left = await call(APP, 'GET', '/rest/api/3/issue/SHOP-1/worklog');
    expect(left.json?.['total']).toBe(1);
  });

  it('lets only the author (or Edit all worklogs) change a worklog; 404 for an unknown one', async () => {
    const before = jira.stateFingerprint();
    expect((await call(REPORTER, 'PUT', '/rest/api/3/issue/SHOP-1/worklog/40001', { timeSpentSeconds: 60 })).status).toBe(403);
    expect((await call(REPORTER, 'DELETE', '/rest/api/3/issue/SHOP-1/worklog/40001')).status).toBe(403);
    expect((await call(DEV, 'DELETE', '/rest/api/3/issue/SHOP-1/worklog/99999')).status).toBe(404);
    expect((await call(DEV, 'PUT', '/rest/api/3/issue/SHOP-1/worklog/40001', { timeSpentSeconds: -5 })).status).toBe(400);
    expect(jira.stateFingerprint()).toBe(before);
    expect(events).toEqual([]);
  });
});

describe('group members', () => {
  it('pages a group\'s members for the app and refuses a person without Browse users and groups', async () => {
    const page = await call(APP, 'GET', '/rest/api/3/group/member?groupname=jira-software-users&maxResults=2');
    expect(page).toMatchObject({ status: 200, json: { total: 3, isLast: false, values: [{ accountId: 'acc-rita-support' }, { accountId: 'acc-devon-oncall' }] } });
    expect((await call(APP, 'GET', '/rest/api/3/group/member?groupname=nope')).status).toBe(404);
    expect((await call(REPORTER, 'GET', '/rest/api/3/group/member?groupname=shop-developers')).status).toBe(403);
  });
});
