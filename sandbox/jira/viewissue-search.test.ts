import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { JiraEmulator, loadScenarioFile, MINIMAL_SCENARIO_PATH, type Caller, type Scenario } from './index.js';

const DEV: Caller = { kind: 'user', accountId: 'acc-devon-oncall' }; // browse+edit SHOP
const REPORTER: Caller = { kind: 'user', accountId: 'acc-rita-support' }; // browse only
const OUTSIDER: Caller = { kind: 'user', accountId: 'acc-otto-ops' }; // no access

let scenario: Scenario;
let jira: JiraEmulator;

beforeAll(async () => {
  scenario = await loadScenarioFile(MINIMAL_SCENARIO_PATH);
});
beforeEach(() => {
  jira = JiraEmulator.fromScenario(scenario, { onEvent: () => undefined }, { now: () => Date.parse('2026-11-20T09:00:00+00:00') });
});

const viewers = async (caller: Caller, query: string) => {
  const r = await jira.handle(caller, { method: 'GET', path: `/rest/api/3/user/viewissue/search?${query}` });
  const json = r.body === '' ? undefined : (JSON.parse(r.body) as unknown);
  return { status: r.status, ids: Array.isArray(json) ? (json as Array<{ accountId: string }>).map((user) => user.accountId) : undefined };
};

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-viewissue-search-get */
describe('users with browse permission (user/viewissue/search)', () => {
  it('finds an account by id only where it may browse: a browse-only user yes, an outsider, the app or a stranger no', async () => {
    expect(await viewers(DEV, 'issueKey=SHOP-1&accountId=acc-rita-support')).toEqual({ status: 200, ids: ['acc-rita-support'] });
    expect(await viewers(DEV, 'issueKey=SHOP-1&accountId=acc-otto-ops')).toEqual({ status: 200, ids: [] });
    expect(await viewers(DEV, `issueKey=SHOP-1&accountId=${scenario.site.appAccountId}`)).toEqual({ status: 200, ids: [] });
    expect(await viewers(DEV, 'issueKey=SHOP-1&accountId=acc-nobody')).toEqual({ status: 200, ids: [] });
    expect(await viewers(REPORTER, 'projectKey=SHOP&accountId=acc-devon-oncall')).toEqual({ status: 200, ids: ['acc-devon-oncall'] });
  });

  it('matches a query against the start of names', async () => {
    expect((await viewers(DEV, 'issueKey=SHOP-1&query=rit')).ids).toEqual(['acc-rita-support']);
  });

  it('needs an issue or project and an account id or query (400), and hides what the caller cannot browse (404)', async () => {
    expect((await viewers(DEV, 'accountId=acc-devon-oncall')).status).toBe(400);
    expect((await viewers(DEV, 'issueKey=SHOP-1')).status).toBe(400);
    expect((await viewers(OUTSIDER, 'issueKey=SHOP-1&accountId=acc-devon-oncall')).status).toBe(404);
  });
});
