/**
 * log part (issue 16): a permission the project's scheme withholds from one user. Jira grants each
 * permission on its own, so a person may browse an issue and still not be allowed to comment on it.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { JiraEmulator, loadScenario, loadScenarioFile, MINIMAL_SCENARIO_PATH, type Caller, type Scenario } from './index.js';

const VIEWER: Caller = { kind: 'user', accountId: 'acc-vera-viewer' };
let base: Scenario;

beforeAll(async () => {
  base = await loadScenarioFile(MINIMAL_SCENARIO_PATH);
});

const emulator = (): JiraEmulator => {
  const json = structuredClone(base) as unknown as Record<string, unknown> & { users: Array<Record<string, unknown>> };
  const scenario = loadScenario({ ...json, users: [...json.users, { accountId: 'acc-vera-viewer', displayName: 'Vera Viewer', projectPermissions: { SHOP: ['browse'] }, withheldPermissions: { SHOP: ['ADD_COMMENTS'] } }] });
  return JiraEmulator.fromScenario(scenario, {}, { now: () => Date.parse('2026-11-20T09:00:00+00:00'), searchAliases: new Map() });
};

describe('a permission the scheme withholds', () => {
  it('reads as not held in mypermissions, and Jira refuses the comment, while browsing still works', async () => {
    const jira = emulator();
    const permissions = await jira.handle(VIEWER, { method: 'GET', path: '/rest/api/3/mypermissions?issueKey=SHOP-1&permissions=BROWSE_PROJECTS,ADD_COMMENTS' });
    const body = JSON.parse(permissions.body) as { permissions: Record<string, { havePermission: boolean }> };
    expect(body.permissions['BROWSE_PROJECTS']?.havePermission).toBe(true);
    expect(body.permissions['ADD_COMMENTS']?.havePermission).toBe(false);
    const comment = await jira.handle(VIEWER, { method: 'POST', path: '/rest/api/3/issue/SHOP-1/comment', body: JSON.stringify({ body: { type: 'doc', version: 1, content: [] } }) });
    expect(comment.status).toBe(403);
  });
});
