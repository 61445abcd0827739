/**
 * Fidelity of the Jira emulator: every endpoint the app uses, requested as the app and as a user,
 * parsed with the zod schema jira.js v6 publishes for that Jira Cloud operation. A parse failure is
 * an emulator bug.
 */
import * as agile from 'jira.js/agile';
import * as cloud from 'jira.js/cloud';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_SCENARIO_PATH, JiraEmulator, loadScenarioFile, type Caller, type Scenario } from '../../sandbox/jira/index.js';

const APP: Caller = { kind: 'app' };
const DEV: Caller = { kind: 'user', accountId: 'acc-devon-oncall' };
const OUTSIDER: Caller = { kind: 'user', accountId: 'acc-otto-ops' };
const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

let scenario: Scenario | undefined;
let jira: JiraEmulator;

async function call(caller: Caller, method: string, path: string, body?: unknown) {
  const response = await jira.handle(caller, { method, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { ...response, json: response.body === '' ? undefined : (JSON.parse(response.body) as unknown) };
}

/** Requests an endpoint and parses the answer with jira.js's schema; returns the parsed value. */
async function expectShape<T>(schema: z.ZodType<T>, caller: Caller, method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const r = await call(caller, method, path, body);
  expect(r.status, `${method} ${path}: ${r.body.slice(0, 300)}`).toBe(status);
  const parsed = schema.safeParse(r.json);
  if (!parsed.success) throw new Error(`${method} ${path} does not match the jira.js schema:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** jira.js types the permission map's values as `any`; Jira documents them as UserPermission. */
const PermissionsWithGrants = cloud.PermissionsSchema.extend({ permissions: z.record(z.string(), cloud.UserPermissionSchema).optional() });

const ErrorCollection = z.object({ errorMessages: z.array(z.string()), errors: z.record(z.string(), z.string()) });

beforeEach(async () => {
  scenario ??= await loadScenarioFile(DEMO_SCENARIO_PATH);
  jira = JiraEmulator.fromScenario(scenario);
});

describe.each([
  ['app', APP],
  ['user', DEV],
] as const)('Jira REST v3 shapes as %s', (_label, caller) => {
  it('users', async () => {
    await expectShape(cloud.DashboardUserSchema, caller, 'GET', '/rest/api/3/myself');
    await expectShape(cloud.DashboardUserSchema, caller, 'GET', '/rest/api/3/user?accountId=acc-rita-support');
    const users = await expectShape(z.array(cloud.DashboardUserSchema), caller, 'GET', '/rest/api/3/users/search?maxResults=3');
    expect(users).toHaveLength(3);
    const bulk = await expectShape(cloud.PageUserSchema, caller, 'GET', '/rest/api/3/user/bulk?accountId=acc-rita-support&accountId=acc-unknown&accountId=acc-devon-oncall&maxResults=10');
    expect(bulk).toMatchObject({ startAt: 0, total: 2, isLast: true });
    expect(bulk.values.map((user) => [user.accountId, user.displayName])).toEqual([['acc-rita-support', 'Rita Reyes'], ['acc-devon-oncall', 'Devon Park']]);
  });

  it('permissions', async () => {
    const mine = await expectShape(PermissionsWithGrants, caller, 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER_PROJECTS,ADMINISTER,ASSIGN_ISSUES,TRANSITION_ISSUES,ADD_COMMENTS,WORK_ON_ISSUES,CREATE_ISSUES&issueKey=SHOP-1');
    expect(mine.permissions?.['EDIT_ISSUES']?.havePermission).toBe(true);
    await expectShape(cloud.PermissionsSchema, caller, 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=SHOP');
    await expectShape(cloud.BulkPermissionGrantsSchema, caller, 'POST', '/rest/api/3/permissions/check', {
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: [10001], projects: [10000] }],
    });
  });

  it('projects and reference data', async () => {
    await expectShape(cloud.PageProjectSchema, caller, 'GET', '/rest/api/3/project/search');
    await expectShape(cloud.ProjectSchema, caller, 'GET', '/rest/api/3/project/SHOP');
    await expectShape(z.array(cloud.IssueTypeDetailsSchema), caller, 'GET', '/rest/api/3/issuetype');
    await expectShape(z.array(cloud.PrioritySchema), caller, 'GET', '/rest/api/3/priority');
    await expectShape(cloud.PagePrioritySchema, caller, 'GET', '/rest/api/3/priority/search');
    await expectShape(z.array(cloud.StatusDetailsSchema), caller, 'GET', '/rest/api/3/status');
    const fields = await expectShape(z.array(cloud.FieldDetailsSchema), caller, 'GET', '/rest/api/3/field');
    expect(fields.some((f) => f.id === 'customfield_10042')).toBe(true);
    await expectShape(cloud.IssueLinkTypesSchema, caller, 'GET', '/rest/api/3/issueLinkType');
    await expectShape(cloud.ServerInformationSchema, caller, 'GET', '/rest/api/3/serverInfo');
  });

  it('issues: read, create, edit, assign, transition, bulk fetch', async () => {
    const issue = await expectShape(cloud.IssueSchema, caller, 'GET', '/rest/api/3/issue/SHOP-1?expand=changelog,renderedFields,names');
    expect(issue.key).toBe('SHOP-1');
    const created = await expectShape(cloud.CreatedIssueSchema, caller, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'Fidelity bug', description: adf('broken'), labels: ['fidelity'] },
      update: { issuelinks: [{ add: { type: { name: 'Relates' }, outwardIssue: { key: 'SHOP-1' } } }] },
    }, 201);
    const key = created.key;
    expect((await call(caller, 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Renamed', customfield_10042: 3 }, update: { labels: [{ add: 'x' }] } })).status).toBe(204);
    expect((await call(caller, 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: 'acc-devon-oncall' })).status).toBe(204);
    const transitions = await expectShape(cloud.TransitionsSchema, caller, 'GET', `/rest/api/3/issue/${key}/transitions`);
    const accept = transitions.transitions?.find((t) => t.name === 'Accept');
    expect((await call(caller, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: accept?.id } })).status).toBe(204);
    const bulk = await expectShape(cloud.BulkIssueResultsSchema, caller, 'POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [key, 'SHOP-2', 'NOPE-1'], fields: ['summary', 'status'] });
    expect(bulk.issues).toHaveLength(2);
  });

  it('changelog', async () => {
    const page = await expectShape(cloud.PageChangelogSchema, caller, 'GET', '/rest/api/3/issue/SHOP-1/changelog?maxResults=2');
    expect(page.values.length).toBeGreaterThan(0);
    // Jira pages /changelog oldest first and embeds expand=changelog newest first.
    const all = await expectShape(cloud.PageChangelogSchema, caller, 'GET', '/rest/api/3/issue/SHOP-1/changelog?maxResults=100');
    const created = all.values.map((history) => history.created?.getTime() ?? Number.NaN);
    expect(created).toEqual([...created].sort((a, b) => a - b));
    const expanded = await expectShape(cloud.IssueSchema, caller, 'GET', '/rest/api/3/issue/SHOP-1?expand=changelog');
    expect(expanded.changelog?.histories?.map((history) => history.id)).toEqual(all.values.map((history) => history.id).reverse());
    await expectShape(cloud.BulkChangelogResponseSchema, caller, 'POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: ['SHOP-1', 'SHOP-2'], maxResults: 3 });
  });

  it('comments', async () => {
    await expectShape(cloud.PageOfCommentsSchema, caller, 'GET', '/rest/api/3/issue/SHOP-1/comment');
    const added = await expectShape(cloud.CommentSchema, caller, 'POST', '/rest/api/3/issue/SHOP-1/comment', { body: adf('hello') }, 201);
    await expectShape(cloud.CommentSchema, caller, 'GET', `/rest/api/3/issue/SHOP-1/comment/${added.id ?? ''}`);
    await expectShape(cloud.CommentSchema, caller, 'PUT', `/rest/api/3/issue/SHOP-1/comment/${added.id ?? ''}`, { body: adf('edited') });
    expect((await call(caller, 'DELETE', `/rest/api/3/issue/SHOP-1/comment/${added.id ?? ''}`)).status).toBe(204);
  });

  it('worklogs', async () => {
    await expectShape(cloud.PageOfWorklogsSchema, caller, 'GET', '/rest/api/3/issue/SHOP-1/worklog?startedAfter=0');
    await expectShape(cloud.WorklogSchema, caller, 'POST', '/rest/api/3/issue/SHOP-1/worklog', { timeSpentSeconds: 3600, started: '2026-11-19T10:00:00.000+0000', comment: adf('pairing') }, 201);
    const changed = await expectShape(cloud.ChangedWorklogsSchema, caller, 'GET', '/rest/api/3/worklog/updated?since=0');
    const ids = (changed.values ?? []).slice(0, 5).map((v) => v.worklogId);
    const list = await expectShape(z.array(cloud.WorklogSchema), caller, 'POST', '/rest/api/3/worklog/list', { ids });
    expect(list).toHaveLength(ids.length);
  });

  it('links and remote links', async () => {
    const r = await call(caller, 'POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: 'SHOP-2' }, outwardIssue: { key: 'SHOP-1' } });
    expect(r.status).toBe(201);
    const linkId = r.headers['Location']?.split('/').at(-1) ?? '';
    await expectShape(cloud.IssueLinkSchema, caller, 'GET', `/rest/api/3/issueLink/${linkId}`);
    await expectShape(cloud.IssueSchema, caller, 'GET', '/rest/api/3/issue/SHOP-1?fields=issuelinks');
    expect((await call(caller, 'DELETE', `/rest/api/3/issueLink/${linkId}`)).status).toBe(204);
    await expectShape(cloud.RemoteIssueLinkIdentifiesSchema, caller, 'POST', '/rest/api/3/issue/SHOP-1/remotelink', { globalId: 'pm-1', object: { url: 'https://example.com/pm/1', title: 'Postmortem' } }, 201);
    await expectShape(z.array(cloud.RemoteIssueLinkSchema), caller, 'GET', '/rest/api/3/issue/SHOP-1/remotelink');
  });

  it('entity properties', async () => {
    expect((await call(caller, 'PUT', '/rest/api/3/issue/SHOP-1/properties/prod-report', { severity: 'S2' })).status).toBe(201);
    await expectShape(cloud.PropertyKeysSchema, caller, 'GET', '/rest/api/3/issue/SHOP-1/properties');
    const prop = await expectShape(cloud.EntityPropertySchema, caller, 'GET', '/rest/api/3/issue/SHOP-1/properties/prod-report');
    expect(prop.value).toEqual({ severity: 'S2' });
    expect((await call(caller, 'DELETE', '/rest/api/3/issue/SHOP-1/properties/prod-report')).status).toBe(204);
    if (caller.kind === 'app') expect((await call(caller, 'PUT', '/rest/api/3/project/SHOP/properties/cfg', { a: 1 })).status).toBe(201);
    else await call(APP, 'PUT', '/rest/api/3/project/SHOP/properties/cfg', { a: 1 });
    await expectShape(cloud.EntityPropertySchema, caller, 'GET', '/rest/api/3/project/SHOP/properties/cfg');
  });

  it('search', async () => {
    const ids = await expectShape(cloud.SearchAndReconcileResultsSchema, caller, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SHOP ORDER BY key ASC')}&maxResults=10`);
    expect(ids.issues?.[0]).toEqual({ id: expect.any(String) as unknown });
    expect(ids.nextPageToken).toBeTypeOf('string');
    await expectShape(cloud.SearchAndReconcileResultsSchema, caller, 'POST', '/rest/api/3/search/jql', { jql: 'sprint in openSprints()', fields: ['summary', 'status', 'customfield_10042'], expand: 'changelog', properties: ['prod-report'] });
    const count = await expectShape(cloud.JQLCountResultsSchema, caller, 'POST', '/rest/api/3/search/approximate-count', { jql: 'project = SHOP' });
    expect(count.count).toBeGreaterThan(100);
  });

  it('agile', async () => {
    await expectShape(agile.PageBoardSchema, caller, 'GET', '/rest/agile/1.0/board');
    await expectShape(agile.BoardSchema, caller, 'GET', '/rest/agile/1.0/board/1');
    const config = await expectShape(agile.GetConfigurationSchema, caller, 'GET', '/rest/agile/1.0/board/1/configuration');
    expect(config.estimation?.field?.fieldId).toBe('customfield_10042');
    const sprints = await expectShape(agile.GetAllSprintsSchema, caller, 'GET', '/rest/agile/1.0/board/1/sprint?state=active,closed&maxResults=3');
    expect(sprints.isLast).toBe(false);
    await expectShape(agile.SprintSchema, caller, 'GET', '/rest/agile/1.0/sprint/6');
    // jira.js maps these operations to RFC-127's /rest/software/1.0 variant (SoftwareIssueResults);
    // the Agile 1.0 endpoints the app calls answer the classic SearchResults page (startAt/maxResults/total/issues).
    // @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-sprint/#api-rest-agile-1-0-sprint-sprintid-issue-get
    const page = await expectShape(agile.SearchResultsSchema, caller, 'GET', '/rest/agile/1.0/sprint/6/issue?maxResults=5&fields=summary,customfield_10042');
    expect(page.total).toBeGreaterThan(5);
    await expectShape(agile.SearchResultsSchema, caller, 'GET', `/rest/agile/1.0/board/1/sprint/5/issue?jql=${encodeURIComponent('issuetype = Story')}`);
    await expectShape(agile.GetIssueEstimationForBoardSchema, caller, 'GET', '/rest/agile/1.0/issue/SHOP-1/estimation?boardId=1');
  });
});

describe('errors in Jira shape for a user without access', () => {
  it.each([
    ['GET', '/rest/api/3/issue/SHOP-1', 404],
    ['GET', '/rest/api/3/issue/SHOP-1/comment', 404],
    ['GET', '/rest/api/3/project/SHOP', 404],
    ['GET', '/rest/agile/1.0/board/1', 404],
    ['PUT', '/rest/api/3/issue/OPS-1/properties/x', 201],
    ['GET', '/rest/api/3/search/jql?jql=', 400],
    ['GET', '/rest/api/3/search/jql?jql=foo%20%3D%201', 400],
  ] as const)('%s %s → %i', async (method, path, status) => {
    const r = await call(OUTSIDER, method, path, method === 'PUT' ? { a: 1 } : undefined);
    expect(r.status).toBe(status);
    if (status >= 400) expect(ErrorCollection.safeParse(r.json).success).toBe(true);
  });

  it('hides SHOP issues from search and permissions', async () => {
    const r = await call(OUTSIDER, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project in (SHOP, OPS)')}&fields=key&maxResults=5000`);
    const keys = (r.json as { issues: Array<{ key: string }> }).issues.map((i) => i.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith('OPS-'))).toBe(true);
    const perms = await expectShape(PermissionsWithGrants, OUTSIDER, 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES&issueKey=SHOP-1');
    expect(Object.values(perms.permissions ?? {}).every((p) => p.havePermission === false)).toBe(true);
  });
});

describe('project roles and groups (who triages)', () => {
  const SAM: Caller = { kind: 'user', accountId: 'acc-sam-scrum' };

  it.each([
    ['app', APP],
    ['a project admin', SAM],
  ] as const)('serves role details and a role’s actors to %s in Jira’s shapes', async (_label, caller) => {
    const roles = await expectShape(z.array(cloud.ProjectRoleDetailsSchema), caller, 'GET', '/rest/api/3/project/SHOP/roledetails?excludeConnectAddons=true');
    const developers = roles.find((role) => role.name === 'Developers');
    expect(developers?.id).toBeTypeOf('number');
    const role = await expectShape(cloud.ProjectRoleSchema, caller, 'GET', `/rest/api/3/project/SHOP/role/${String(developers?.id)}`);
    expect(role.actors?.map((actor) => actor.type).sort()).toEqual(['atlassian-group-role-actor', 'atlassian-user-role-actor']);
  });

  it('lists a user’s groups on /myself with expand=groups', async () => {
    const me = await expectShape(cloud.DashboardUserSchema, DEV, 'GET', '/rest/api/3/myself?expand=groups');
    expect(me.groups?.items?.map((group) => group.name)).toEqual(['jira-software-users', 'shop-developers', 'ops-engineers']);
  });

  it('refuses role reads to a user who does not administer the project, in Jira’s error shape', async () => {
    for (const path of ['/rest/api/3/project/SHOP/roledetails?currentMember=true', '/rest/api/3/project/SHOP/role/10001']) {
      const r = await call(DEV, 'GET', path);
      expect(r.status).toBe(403);
      expect(ErrorCollection.safeParse(r.json).success).toBe(true);
    }
  });
});
