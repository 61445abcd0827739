import { badRequest, JiraError, notFound } from '../jira.errors.js';
import { canBrowse, hasPermission, isPermissionKey, PERMISSIONS, type Caller, type PermissionKey } from '../jira.permissions.js';
import { canSeeIssue, isLevelMember, securityLevelJson } from '../jira.issue-security.js';
import type { StoredIssue } from '../jira.store.js';
import type { RouteContext, RouteDefinition } from '../jira.router.js';
import { STATUS_CATEGORY_LIST, SYSTEM_FIELDS } from '../jira.serializers.js';
import { formatJiraDateTime } from '../jira.time.js';
import { bodyObject, intParam, listParam, page } from './route.helpers.js';

type Json = Record<string, unknown>;

// --- users -------------------------------------------------------------------------

/**
 * The caller. `groups` always says how many groups they are in; its items are filled only with
 * `expand=groups`, as Jira's `SimpleListWrapper` expands do.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
 */
function myself(ctx: RouteContext) {
  const id = ctx.caller.kind === 'user' ? ctx.caller.accountId : ctx.store.scenario.site.appAccountId;
  const expand = (ctx.query.get('expand') ?? '').split(',').map((part) => part.trim());
  const groups = ctx.store.scenario.groups.filter((group) => group.members.includes(id));
  const items = expand.includes('groups') ? groups.map((group) => ({ name: group.name, groupId: group.groupId, self: ctx.services.serialize.url(`/rest/api/3/group?groupId=${group.groupId}`) })) : [];
  return { status: 200, body: { ...ctx.services.serialize.user(id), groups: { size: groups.length, items }, applicationRoles: { size: 1, items: [] } }, objects: 1 };
}

function getUser(ctx: RouteContext) {
  const id = ctx.query.get('accountId');
  if (id === null) throw badRequest('The accountId query parameter needs to be provided.');
  if (ctx.store.user(id) === undefined && id !== ctx.store.scenario.site.appAccountId) throw notFound(`Specified user does not exist or you do not have required permissions`);
  return { status: 200, body: ctx.services.serialize.user(id), objects: 1 };
}

/**
 * The most accounts one bulk request may name. Jira's reference gives no number; 200 is the limit
 * Atlassian documents for the sibling Confluence endpoint. The sandbox refuses more with a 400 so an
 * app that forgets to batch fails here rather than on a large site.
 */
const BULK_USERS_MAX_IDS = 200;

/**
 * Users by repeated `accountId` parameters, as a page (`startAt`, `maxResults` default 10).
 * Accounts Jira does not know are skipped, not reported: `total` counts the users found.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-bulk-get
 */
function bulkUsers(ctx: RouteContext) {
  const ids = [...new Set(ctx.query.getAll('accountId').filter((id) => id !== ''))];
  if (ids.length === 0) throw badRequest('The accountId query parameter needs to be provided.');
  if (ids.length > BULK_USERS_MAX_IDS) throw badRequest(`Too many accountId parameters: at most ${String(BULK_USERS_MAX_IDS)} accounts can be requested at once.`);
  const known = ids.filter((id) => ctx.store.user(id) !== undefined || id === ctx.store.scenario.site.appAccountId);
  const p = page(known, intParam(ctx, 'startAt', 0), Math.min(intParam(ctx, 'maxResults', 10), BULK_USERS_MAX_IDS));
  return { status: 200, body: { ...p, values: p.values.map((id) => ctx.services.serialize.user(id)) }, objects: p.values.length };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-users-search-get */
function usersSearch(ctx: RouteContext) {
  const users = ctx.store.scenario.users;
  const startAt = intParam(ctx, 'startAt', 0);
  const maxResults = Math.min(intParam(ctx, 'maxResults', 50), 1000);
  const values = users.slice(startAt, startAt + maxResults).map((u) => ctx.services.serialize.user(u.accountId));
  return { status: 200, body: values, objects: values.length };
}

function userSearch(ctx: RouteContext) {
  const q = (ctx.query.get('query') ?? '').toLowerCase();
  const accountId = ctx.query.get('accountId');
  const users = ctx.store.scenario.users.filter((u) => (accountId !== null ? u.accountId === accountId : u.displayName.toLowerCase().includes(q) || (u.emailAddress ?? '').toLowerCase().includes(q)));
  const values = users.slice(intParam(ctx, 'startAt', 0), intParam(ctx, 'startAt', 0) + Math.min(intParam(ctx, 'maxResults', 50), 1000)).map((u) => ctx.services.serialize.user(u.accountId));
  return { status: 200, body: values, objects: values.length };
}

/**
 * Users who may be assigned issues in a project (or one issue): those holding Assignable user there,
 * narrowed to one account (`accountId`, exact) or to names and email addresses starting with `query`.
 * Jira's reference requires one of `accountId`/`query` and one of `project`/`issueKey`/`issueId`; a
 * project or issue the caller cannot browse is not found. The app's own account is not a person and
 * holds no project role here, so it is never assignable.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-assignable-search-get
 */
function assignableUsers(ctx: RouteContext) {
  return usersHolding(ctx, 'ASSIGNABLE_USER', 'project');
}

/**
 * "Find users with browse permission": the people who may browse the issue (or project), by account
 * id or by the start of their name or email; apps are not users here.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-viewissue-search-get
 */
function browsingUsers(ctx: RouteContext) {
  return usersHolding(ctx, 'BROWSE_PROJECTS', 'projectKey');
}

function usersHolding(ctx: RouteContext, permission: PermissionKey, projectParam: 'project' | 'projectKey') {
  const issueRef = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  const projectRef = ctx.query.get(projectParam);
  if (issueRef === null && projectRef === null) throw badRequest(`The '${projectParam}' or 'issueKey' query parameter is required.`);
  const accountId = ctx.query.get('accountId');
  const query = (ctx.query.get('query') ?? '').trim().toLowerCase();
  if ((accountId === null || accountId === '') && query === '') throw badRequest("The 'accountId' or 'query' query parameter is required.");
  let projectKey: string;
  // For an issue, a user who may not see it (its security level) does not hold anything on it.
  let securedIssue: StoredIssue | undefined;
  if (issueRef !== null) {
    const issue = ctx.store.issueByIdOrKey(issueRef);
    if (issue === undefined || !canSeeIssue(ctx.store, ctx.caller, issue)) throw notFound('Issue does not exist or you do not have permission to see it.');
    projectKey = issue.projectKey;
    securedIssue = issue;
  } else {
    const project = ctx.store.project(projectRef ?? '');
    if (project === undefined || !canBrowse(ctx.store, ctx.caller, project.key)) throw notFound(`No project could be found with key '${projectRef ?? ''}'.`);
    projectKey = project.key;
  }
  const startsWith = (text: string | undefined): boolean => text !== undefined && text.toLowerCase().split(/\s+/).some((word) => word.startsWith(query));
  const users = ctx.store.scenario.users.filter(
    (user) =>
      hasPermission(ctx.store, { kind: 'user', accountId: user.accountId }, permission, projectKey) &&
      (securedIssue === undefined || canSeeIssue(ctx.store, { kind: 'user', accountId: user.accountId }, securedIssue)) &&
      (accountId !== null && accountId !== '' ? user.accountId === accountId : startsWith(user.displayName) || (user.emailAddress ?? '').toLowerCase().startsWith(query)),
  );
  const startAt = intParam(ctx, 'startAt', 0);
  const values = users.slice(startAt, startAt + Math.min(intParam(ctx, 'maxResults', 50), 1000)).map((user) => ctx.services.serialize.user(user.accountId));
  return { status: 200, body: values, objects: values.length };
}

// --- permissions -------------------------------------------------------------------

function permissionJson(key: PermissionKey, have: boolean): Json {
  const p = PERMISSIONS[key];
  return { id: p.id, key, name: p.name, type: p.type, description: p.description, havePermission: have };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get */
function myPermissions(ctx: RouteContext) {
  const keys = listParam(ctx, 'permissions');
  if (keys === undefined) throw badRequest('The permissions query parameter is required.');
  const unknown = keys.filter((k) => !isPermissionKey(k));
  if (unknown.length > 0) throw new JiraError(404, [`Unrecognized permission keys: ${unknown.join(', ')}`]);
  const { projectKey, browsable } = permissionScope(ctx);
  const permissions: Json = {};
  for (const key of keys as PermissionKey[]) {
    const global = PERMISSIONS[key].type === 'GLOBAL';
    const have = global ? hasPermission(ctx.store, ctx.caller, key) : projectKey === undefined ? anyProject(ctx, key) : browsable && hasPermission(ctx.store, ctx.caller, key, projectKey);
    permissions[key] = permissionJson(key, have);
  }
  return { status: 200, body: { permissions }, objects: keys.length };
}

/** Without a project/issue context Jira answers "in at least one project". */
function anyProject(ctx: RouteContext, key: PermissionKey): boolean {
  return ctx.store.scenario.projects.some((p) => hasPermission(ctx.store, ctx.caller, key, p.key));
}

/** Resolves issueKey/issueId/projectKey/projectId; an issue the caller cannot browse grants nothing (and unknown → 404). */
function permissionScope(ctx: RouteContext): { projectKey: string | undefined; browsable: boolean } {
  const issueRef = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  if (issueRef !== null) {
    const issue = ctx.store.issueByIdOrKey(issueRef);
    if (issue === undefined) throw notFound(`Issue does not exist or you do not have permission to see it.`);
    return { projectKey: issue.projectKey, browsable: canSeeIssue(ctx.store, ctx.caller, issue) };
  }
  const projectRef = ctx.query.get('projectKey') ?? ctx.query.get('projectId');
  if (projectRef !== null) {
    const project = ctx.store.project(projectRef);
    if (project === undefined) throw notFound(`No project could be found with key '${projectRef}'.`);
    return { projectKey: project.key, browsable: true };
  }
  return { projectKey: undefined, browsable: true };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post */
function bulkPermissions(ctx: RouteContext) {
  const body = bodyObject(ctx);
  let subject: Caller = ctx.caller;
  if (typeof body['accountId'] === 'string') {
    if (ctx.caller.kind === 'user' && !hasPermission(ctx.store, ctx.caller, 'ADMINISTER')) {
      throw new JiraError(403, ['You must be a Jira administrator to check the permissions of another user.']);
    }
    subject = { kind: 'user', accountId: body['accountId'] };
  }
  const globals = Array.isArray(body['globalPermissions']) ? body['globalPermissions'].map(String) : [];
  const projectChecks = Array.isArray(body['projectPermissions']) ? (body['projectPermissions'] as Json[]) : [];
  const globalPermissions = globals.filter((k) => isPermissionKey(k) && hasPermission(ctx.store, subject, k));
  const projectPermissions = projectChecks.flatMap((check) => {
    const keys = Array.isArray(check['permissions']) ? check['permissions'].map(String) : [];
    const issues = Array.isArray(check['issues']) ? check['issues'].map(Number) : [];
    const projects = Array.isArray(check['projects']) ? check['projects'].map(Number) : [];
    return keys.filter(isPermissionKey).map((permission) => ({
      permission,
      issues: issues.filter((id) => {
        const issue = ctx.store.issues.get(String(id));
        return issue !== undefined && canSeeIssue(ctx.store, subject, issue) && hasPermission(ctx.store, subject, permission, issue.projectKey);
      }),
      projects: projects.filter((id) => {
        const project = ctx.store.project(String(id));
        return project !== undefined && hasPermission(ctx.store, subject, permission, project.key);
      }),
    }));
  });
  return { status: 200, body: { globalPermissions, projectPermissions }, objects: 1 };
}

// --- projects and reference data -----------------------------------------------------

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-search-get */
function projectSearch(ctx: RouteContext) {
  const keys = listParam(ctx, 'keys');
  const query = (ctx.query.get('query') ?? '').toLowerCase();
  const projects = ctx.store.scenario.projects.filter(
    (p) => canBrowse(ctx.store, ctx.caller, p.key) && (keys === undefined || keys.includes(p.key) || keys.includes(p.id)) && (query === '' || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query)),
  );
  const p = page(projects, intParam(ctx, 'startAt', 0), Math.min(intParam(ctx, 'maxResults', 50), 100));
  const s = ctx.services.serialize;
  return {
    status: 200,
    body: { self: s.url('/rest/api/3/project/search'), ...p, values: p.values.map((x) => s.project(x)) },
    objects: p.values.length,
  };
}

function getProject(ctx: RouteContext) {
  const ref = ctx.params['projectIdOrKey'] ?? '';
  const project = ctx.store.project(ref);
  if (project === undefined || !canBrowse(ctx.store, ctx.caller, project.key)) throw notFound(`No project could be found with key '${ref}'.`);
  return { status: 200, body: ctx.services.serialize.project(project), objects: 1 };
}

/**
 * The project's issue security levels the caller may set: "Returns all issue security levels for the
 * project that the user has access to … only returned for authenticated user with Set Issue Security
 * global permission for the project", each with `isDefault`. A level counts as the caller's when it
 * names them (user, group, project role); levels granted only through an issue's reporter or assignee
 * are left out, as no issue is in question. No scheme, or no Set Issue Security: no levels.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-permission-schemes/#api-rest-api-3-project-projectkeyorid-securitylevel-get
 */
function projectSecurityLevels(ctx: RouteContext) {
  const ref = ctx.params['projectKeyOrId'] ?? '';
  const project = ctx.store.project(ref);
  if (project === undefined || !canBrowse(ctx.store, ctx.caller, project.key)) throw notFound(`No project could be found with key '${ref}'.`);
  const scheme = ctx.store.securityScheme(project.key);
  if (scheme === undefined || !hasPermission(ctx.store, ctx.caller, 'SET_ISSUE_SECURITY', project.key)) return { status: 200, body: { levels: [] }, objects: 0 };
  const stand = { projectKey: project.key, reporter: null, assignee: null } as unknown as StoredIssue;
  const levels = scheme.levels
    .filter((level) => isLevelMember(ctx.store, ctx.caller, stand, level))
    .map((level) => ({ ...securityLevelJson(ctx.services.serialize.url(''), level), isDefault: level.id === scheme.defaultLevelId, issueSecuritySchemeId: scheme.id }));
  return { status: 200, body: { levels }, objects: levels.length };
}

function issueTypes(ctx: RouteContext) {
  const visible = ctx.store.scenario.projects.filter((p) => canBrowse(ctx.store, ctx.caller, p.key));
  const ids = new Set(visible.flatMap((p) => p.issueTypeIds));
  const types = ctx.store.scenario.issueTypes.filter((t) => ids.has(t.id)).map((t) => ctx.services.serialize.issueType(t.id));
  return { status: 200, body: types, objects: types.length };
}

function priorities(ctx: RouteContext) {
  const list = ctx.store.scenario.priorities.map((p) => ctx.services.serialize.priority(p.id));
  return { status: 200, body: list, objects: list.length };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-search-get */
function prioritySearch(ctx: RouteContext) {
  const ids = listParam(ctx, 'id');
  const list = ctx.store.scenario.priorities.filter((p) => ids === undefined || ids.includes(p.id));
  const p = page(list, intParam(ctx, 'startAt', 0), Math.min(intParam(ctx, 'maxResults', 50), 100));
  const s = ctx.services.serialize;
  return { status: 200, body: { self: s.url('/rest/api/3/priority/search'), ...p, values: p.values.map((x) => s.priority(x.id)) }, objects: p.values.length };
}

function statuses(ctx: RouteContext) {
  const list = ctx.store.scenario.statuses.map((x) => ctx.services.serialize.status(x.id));
  return { status: 200, body: list, objects: list.length };
}

function statusCategories(ctx: RouteContext) {
  const list = STATUS_CATEGORY_LIST.map((c) => ctx.services.serialize.statusCategory(c.key));
  return { status: 200, body: list, objects: list.length };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get */
function fields(ctx: RouteContext) {
  const system = SYSTEM_FIELDS.map((f) => ({
    id: f.id, key: f.id, name: f.name, custom: false, orderable: true, navigable: true, searchable: true, clauseNames: [f.id],
    schema: { type: f.type, system: f.id, ...(f.items !== undefined ? { items: f.items } : {}) },
  }));
  const custom = ctx.store.scenario.fields.map((f) => {
    const num = Number(f.id.replace(/\D/g, ''));
    return {
      id: f.id, key: f.id, name: f.name, untranslatedName: f.name, custom: f.custom, orderable: true, navigable: true, searchable: true,
      clauseNames: [`cf[${num}]`, f.name],
      schema: { type: f.schemaType, ...(f.customType !== undefined ? { custom: f.customType } : {}), customId: num, ...(f.schemaType === 'array' ? { items: 'json' } : {}) },
    };
  });
  const all = [...system, ...custom];
  return { status: 200, body: all, objects: all.length };
}

function linkTypes(ctx: RouteContext) {
  const list = ctx.store.scenario.linkTypes.map((t) => ctx.services.serialize.linkType(t.id));
  return { status: 200, body: { issueLinkTypes: list }, objects: list.length };
}

function resolutions(ctx: RouteContext) {
  const list = ctx.store.scenario.resolutions.map((r) => ctx.services.serialize.resolution(r.id));
  return { status: 200, body: list, objects: list.length };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-server-info/#api-rest-api-3-serverinfo-get */
function serverInfo(ctx: RouteContext) {
  const site = ctx.store.scenario.site;
  return {
    status: 200,
    body: {
      baseUrl: site.baseUrl, displayUrl: site.baseUrl, version: '1001.0.0-SNAPSHOT', versionNumbers: [1001, 0, 0], deploymentType: 'Cloud',
      buildNumber: 100_300, buildDate: '2026-01-01T00:00:00.000+0000', serverTime: formatJiraDateTime(ctx.services.now()),
      scmInfo: 'firebreak-sandbox', serverTitle: site.title, defaultLocale: { locale: 'en_US' }, serverTimeZone: 'Etc/UTC',
    },
    objects: 1,
  };
}

export const metaRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/rest/api/3/myself', cost: 'read', handler: myself },
  { method: 'GET', template: '/rest/api/3/user', cost: 'read', handler: getUser },
  { method: 'GET', template: '/rest/api/3/user/bulk', cost: 'read', handler: bulkUsers },
  { method: 'GET', template: '/rest/api/3/users/search', cost: 'read', handler: usersSearch },
  { method: 'GET', template: '/rest/api/3/users', cost: 'read', handler: usersSearch },
  { method: 'GET', template: '/rest/api/3/user/search', cost: 'read', handler: userSearch },
  { method: 'GET', template: '/rest/api/3/user/assignable/search', cost: 'read', handler: assignableUsers },
  { method: 'GET', template: '/rest/api/3/user/viewissue/search', cost: 'read', handler: browsingUsers },
  { method: 'GET', template: '/rest/api/3/mypermissions', cost: 'read', handler: myPermissions },
  { method: 'POST', template: '/rest/api/3/permissions/check', cost: 'read', handler: bulkPermissions },
  { method: 'GET', template: '/rest/api/3/project/search', cost: 'read', handler: projectSearch },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}', cost: 'read', handler: getProject },
  { method: 'GET', template: '/rest/api/3/project/{projectKeyOrId}/securitylevel', cost: 'read', handler: projectSecurityLevels },
  { method: 'GET', template: '/rest/api/3/issuetype', cost: 'read', handler: issueTypes },
  { method: 'GET', template: '/rest/api/3/priority', cost: 'read', handler: priorities },
  { method: 'GET', template: '/rest/api/3/priority/search', cost: 'read', handler: prioritySearch },
  { method: 'GET', template: '/rest/api/3/status', cost: 'read', handler: statuses },
  { method: 'GET', template: '/rest/api/3/statuscategory', cost: 'read', handler: statusCategories },
  { method: 'GET', template: '/rest/api/3/resolution', cost: 'read', handler: resolutions },
  { method: 'GET', template: '/rest/api/3/field', cost: 'read', handler: fields },
  { method: 'GET', template: '/rest/api/3/issueLinkType', cost: 'read', handler: linkTypes },
  { method: 'GET', template: '/rest/api/3/serverInfo', cost: 'read', handler: serverInfo },
];
