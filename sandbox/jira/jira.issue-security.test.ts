/**
 * Issue security levels in the emulator (part: security, issue 14): an issue under a level is
 * answered to a non-member exactly as a missing one, everywhere Jira reads issues.
 */
import { ProjectIssueSecurityLevelsSchema, SecurityLevelSchema } from 'jira.js/cloud';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { JiraEmulator, loadScenario, loadScenarioFile, MINIMAL_SCENARIO_PATH, type Caller, type ProductEvent, type Scenario } from './index.js';

const APP: Caller = { kind: 'app' };
const DEVON: Caller = { kind: 'user', accountId: 'acc-devon-oncall' }; // administers SHOP, in shop-developers
const RITA: Caller = { kind: 'user', accountId: 'acc-rita-support' }; // browses SHOP, reporter of SHOP-2..4
const EDDA: Caller = { kind: 'user', accountId: 'acc-edda-editor' }; // edits SHOP, not in any level

const RESPONDERS = '10200'; // shop-developers, the app's role, the reporter
const DEVON_ONLY = '10201'; // Devon by name; not the app
const REPORTER_ONLY = '10202';

let base: Scenario;
let jira: JiraEmulator;
let events: ProductEvent[];

/** The minimal site with an issue security scheme on SHOP: SHOP-1 (Devon's) and its sub-task SHOP-5 under Responders. */
const securedScenario = (overrides: { defaultLevelId?: string | null; issueLevels?: Record<string, string | null> } = {}): Scenario => {
  const json = structuredClone(base) as unknown as Record<string, unknown> & { issues: Array<Record<string, unknown>>; projects: Array<Record<string, unknown>>; users: Array<Record<string, unknown>> };
  const levels = { 'SHOP-1': RESPONDERS, ...overrides.issueLevels };
  const template = json.issues[0] ?? {};
  return loadScenario({
    ...json,
    users: [...json.users, { accountId: 'acc-edda-editor', displayName: 'Edda Editor', projectPermissions: { SHOP: ['browse', 'edit'] } }],
    issueSecuritySchemes: [
      {
        id: '10100',
        name: 'Incident response',
        defaultLevelId: overrides.defaultLevelId ?? null,
        levels: [
          { id: RESPONDERS, name: 'Responders', description: 'Only responders see it.', members: [{ type: 'group', groupName: 'shop-developers' }, { type: 'projectRole', roleName: 'atlassian-addons-project-access' }, { type: 'reporter' }] },
          { id: DEVON_ONLY, name: 'Devon only', members: [{ type: 'user', accountId: 'acc-devon-oncall' }] },
          { id: REPORTER_ONLY, name: 'Reporter only', members: [{ type: 'reporter' }] },
        ],
      },
    ],
    projects: json.projects.map((project) => (project['key'] === 'SHOP' ? { ...project, issueSecuritySchemeId: '10100' } : project)),
    issues: [
      ...json.issues.map((issue) => ({ ...issue, securityLevelId: (levels as Record<string, string | null | undefined>)[String(issue['key'])] ?? null })),
      { ...template, id: '10099', key: 'SHOP-5', issueTypeId: '10004', parentKey: 'SHOP-1', summary: 'Sub-task of the secured story', sprintIds: [], worklogs: [], comments: [], changelog: [], securityLevelId: null },
    ],
  });
};

beforeAll(async () => {
  base = await loadScenarioFile(MINIMAL_SCENARIO_PATH);
});

const start = (scenario: Scenario) => {
  events = [];
  jira = JiraEmulator.fromScenario(scenario, { onEvent: (event) => events.push(event) }, { now: () => Date.parse('2026-11-20T09:00:00+00:00'), searchAliases: new Map() });
};
beforeEach(() => start(securedScenario()));

async function call(caller: Caller, method: string, path: string, body?: unknown) {
  const answer = await jira.handle(caller, { method, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: answer.status, json: answer.body === '' ? undefined : (JSON.parse(answer.body) as Record<string, unknown>) };
}
const keys = async (caller: Caller, jql: string): Promise<string[]> => {
  const answer = await call(caller, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 5000 });
  if (answer.status !== 200) throw new Error(JSON.stringify(answer.json));
  return (answer.json?.['issues'] as Array<{ key: string }>).map((issue) => issue.key).sort();
};
const issueId = (key: string) => jira.scenario.issues.find((issue) => issue.key === key)?.id ?? '';

describe('an issue under a security level', () => {
  it('is served with its level to a member, and answered 404 like a missing issue to anyone else', async () => {
    const devon = await call(DEVON, 'GET', '/rest/api/3/issue/SHOP-1?fields=security,summary');
    expect(devon.status).toBe(200);
    expect((devon.json?.['fields'] as Record<string, unknown>)['security']).toEqual({
      self: `${jira.scenario.site.baseUrl}/rest/api/3/securitylevel/10200`, id: RESPONDERS, name: 'Responders', description: 'Only responders see it.',
    });
    // The shape jira.js publishes for Jira Cloud's security level, strictly: no field it does not know.
    expect(SecurityLevelSchema.strict().safeParse((devon.json?.['fields'] as Record<string, unknown>)['security']).success).toBe(true);
    const rita = await call(RITA, 'GET', '/rest/api/3/issue/SHOP-1');
    const missing = await call(RITA, 'GET', '/rest/api/3/issue/SHOP-999');
    expect(rita).toEqual(missing);
    expect(rita.status).toBe(404);
    // An issue without a level has no security field.
    expect((await call(RITA, 'GET', '/rest/api/3/issue/SHOP-2?fields=security')).json?.['fields']).toEqual({});
  });

  it('counts its reporter and the level’s group as members; a sub-task is under its parent’s level', async () => {
    start(securedScenario({ issueLevels: { 'SHOP-2': RESPONDERS } }));
    expect(await keys(RITA, 'project = SHOP')).toEqual(['SHOP-2', 'SHOP-3', 'SHOP-4']); // reporter of SHOP-2; not SHOP-1 nor its sub-task
    expect(await keys(DEVON, 'project = SHOP')).toEqual(['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4', 'SHOP-5']);
    const subtask = await call(DEVON, 'GET', '/rest/api/3/issue/SHOP-5?fields=security');
    expect((subtask.json?.['fields'] as { security?: { id: string } }).security?.id).toBe(RESPONDERS);
    expect((await call(RITA, 'GET', '/rest/api/3/issue/SHOP-5')).status).toBe(404);
  });

  it('is left out of search, the approximate count and the board’s sprint listing for a non-member', async () => {
    const count = async (caller: Caller) => (await call(caller, 'POST', '/rest/api/3/search/approximate-count', { jql: 'project = SHOP' })).json?.['count'];
    expect(await count(RITA)).toBe(3);
    expect(await count(DEVON)).toBe(5);
    const sprintKeys = async (caller: Caller) => ((await call(caller, 'GET', '/rest/agile/1.0/sprint/1/issue?fields=key')).json?.['issues'] as Array<{ key: string }>).map((issue) => issue.key);
    expect(await sprintKeys(DEVON)).toEqual(['SHOP-1']);
    expect(await sprintKeys(RITA)).toEqual([]);
  });

  it('grants nothing to a non-member in the bulk permission check or mypermissions', async () => {
    const browsable = async (caller: Caller, body: Record<string, unknown> = {}) => {
      const answer = await call(caller, 'POST', '/rest/api/3/permissions/check', { ...body, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: [Number(issueId('SHOP-1')), Number(issueId('SHOP-2'))] }] });
      return (answer.json?.['projectPermissions'] as Array<{ issues: number[] }>)[0]?.issues.map(String);
    };
    expect(await browsable(DEVON)).toEqual([issueId('SHOP-1'), issueId('SHOP-2')]);
    expect(await browsable(RITA)).toEqual([issueId('SHOP-2')]);
    expect(await browsable(APP, { accountId: 'acc-rita-support' })).toEqual([issueId('SHOP-2')]);
    // The emulator answers an issue of a project the caller cannot browse with nothing granted; a secured one alike.
    const mine = await call(RITA, 'GET', '/rest/api/3/mypermissions?issueKey=SHOP-1&permissions=BROWSE_PROJECTS');
    expect((mine.json?.['permissions'] as Record<string, { havePermission: boolean }>)['BROWSE_PROJECTS']?.havePermission).toBe(false);
  });

  it('is answered like a missing issue when a non-member names it in JQL', async () => {
    const missing = await call(RITA, 'POST', '/rest/api/3/search/jql', { jql: 'id in (99999)', fields: ['key'] });
    const hidden = await call(RITA, 'POST', '/rest/api/3/search/jql', { jql: `id in (${issueId('SHOP-1')})`, fields: ['key'] });
    expect(missing.status).toBe(400);
    expect(hidden.status).toBe(400);
    expect((hidden.json?.['errorMessages'] as string[])[0]).toBe((missing.json?.['errorMessages'] as string[])[0]?.replace('99999', issueId('SHOP-1')));
    expect(await keys(RITA, 'key = SHOP-1')).toEqual([]);
  });

  it('is seen by the app through the add-ons role, and hidden from it by a level without that role', async () => {
    expect((await call(APP, 'GET', '/rest/api/3/issue/SHOP-1')).status).toBe(200);
    start(securedScenario({ issueLevels: { 'SHOP-1': DEVON_ONLY } }));
    expect((await call(APP, 'GET', '/rest/api/3/issue/SHOP-1')).status).toBe(404);
    expect(await keys(APP, 'project = SHOP')).toEqual(['SHOP-2', 'SHOP-3', 'SHOP-4']);
    expect((await call(DEVON, 'GET', '/rest/api/3/issue/SHOP-1')).status).toBe(200);
  });

  it('is found by JQL’s level field, by name or id, and level is EMPTY finds the rest', async () => {
    expect(await keys(DEVON, 'level = "Responders"')).toEqual(['SHOP-1', 'SHOP-5']);
    expect(await keys(DEVON, `level = ${RESPONDERS}`)).toEqual(['SHOP-1', 'SHOP-5']);
    expect(await keys(DEVON, 'project = SHOP AND level is EMPTY')).toEqual(['SHOP-2', 'SHOP-3', 'SHOP-4']);
    expect((await call(DEVON, 'POST', '/rest/api/3/search/jql', { jql: 'level = Nonsense' })).status).toBe(400);
  });
});

describe('setting an issue’s security level', () => {
  it('takes Set Issue Security; the change is in the changelog and the updated event, and hides the issue at once', async () => {
    const edit = await call(DEVON, 'PUT', '/rest/api/3/issue/SHOP-4', { fields: { security: { name: 'Devon only' } } });
    expect(edit.status).toBe(204);
    expect((await call(RITA, 'GET', '/rest/api/3/issue/SHOP-4')).status).toBe(404);
    const updated = events.find((event) => event.eventType === 'avi:jira:updated:issue');
    expect(updated?.changelog?.items).toEqual([{ field: 'security', fieldId: 'security', fieldtype: 'jira', from: null, fromString: null, to: DEVON_ONLY, toString: 'Devon only' }]);

    expect((await call(DEVON, 'PUT', '/rest/api/3/issue/SHOP-4', { fields: { security: null } })).status).toBe(204);
    expect((await call(RITA, 'GET', '/rest/api/3/issue/SHOP-4')).status).toBe(200);
  });

  it.each([
    ['someone without Set Issue Security', EDDA, 'SHOP-4', { id: RESPONDERS }, /cannot be set/],
    ['a level the setter is not in', DEVON, 'SHOP-4', { id: REPORTER_ONLY }, /not a member/],
    ['a level not in the project’s scheme', DEVON, 'SHOP-4', { id: '77777' }, /security/],
    ['a sub-task, which keeps its parent’s', DEVON, 'SHOP-5', { id: DEVON_ONLY }, /cannot be set/],
  ])('refuses %s, changing nothing', async (_name, caller, key, security, message) => {
    const answer = await call(caller, 'PUT', `/rest/api/3/issue/${key}`, { fields: { security, summary: 'Changed' } });
    expect(answer.status).toBe(400);
    expect((answer.json?.['errors'] as Record<string, string>)['security']).toMatch(message);
    expect(((await call(DEVON, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).json?.['fields'] as { summary: string }).summary).not.toBe('Changed');
  });

  it('gives a new issue the scheme’s default level when its creator names none', async () => {
    start(securedScenario({ defaultLevelId: RESPONDERS }));
    const created = await call(EDDA, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'Leaked card numbers' } });
    expect(created.status).toBe(201);
    const key = String(created.json?.['key']);
    expect((await call(EDDA, 'GET', `/rest/api/3/issue/${key}`)).status).toBe(200); // the reporter is a member
    expect((await call(RITA, 'GET', `/rest/api/3/issue/${key}`)).status).toBe(404);
  });

  it('is checked when a scenario loads: a level must be one of its project’s scheme', () => {
    expect(() => securedScenario({ issueLevels: { 'SHOP-2': '55555' } })).toThrow(/level "55555" is not in project "SHOP"/);
  });
});

describe('the project’s security levels a caller may set (GET project/{key}/securitylevel)', () => {
  it('lists the levels naming the caller, with the default marked, in jira.js’s published shape', async () => {
    start(securedScenario({ defaultLevelId: RESPONDERS }));
    const app = await call(APP, 'GET', '/rest/api/3/project/SHOP/securitylevel');
    expect(app.status).toBe(200);
    expect(ProjectIssueSecurityLevelsSchema.safeParse(app.json).success).toBe(true);
    // The app is in Responders through its project role; Devon only and Reporter only do not name it.
    expect((app.json?.['levels'] as Array<{ id: string; isDefault: boolean }>).map((level) => [level.id, level.isDefault])).toEqual([[RESPONDERS, true]]);
    const devon = await call(DEVON, 'GET', '/rest/api/3/project/SHOP/securitylevel');
    expect((devon.json?.['levels'] as Array<{ id: string }>).map((level) => level.id)).toEqual([RESPONDERS, DEVON_ONLY]);
  });

  it('lists none to someone without Set Issue Security, and none where the project has no scheme', async () => {
    expect((await call(RITA, 'GET', '/rest/api/3/project/SHOP/securitylevel')).json).toEqual({ levels: [] });
    start(base);
    expect((await call(APP, 'GET', '/rest/api/3/project/SHOP/securitylevel')).json).toEqual({ levels: [] });
  });
});
