import { badRequest, fieldErrors, JiraError } from '../jira.errors.js';
import { canBrowse, hasPermission } from '../jira.permissions.js';
import { canSeeIssue } from '../jira.issue-security.js';
import type { RouteContext, RouteDefinition } from '../jira.router.js';
import type { ChangeItem, StoredIssue } from '../jira.store.js';
import { applyFieldChanges, notOnScreen, requireOnScreen } from './issue-fields.js';
import { actorId, bodyObject, commitUpdate, issueJson, issueViewOptions, requireIssue, requirePermission, valueText } from './route.helpers.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get */
function getIssue(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  return { status: 200, body: issueJson(ctx, issue, issueViewOptions(ctx, true)), objects: 1 };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post */
function createIssue(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const fields = obj(body['fields']);
  const projectRef = obj(fields['project']);
  const project = ctx.store.project(valueText(projectRef['key'] ?? projectRef['id'] ?? ''));
  if (project === undefined || !canBrowse(ctx.store, ctx.caller, project.key)) throw fieldErrors({ project: 'Specify a valid project ID or key' });
  requirePermission(ctx, 'CREATE_ISSUES', project.key);
  const typeRef = obj(fields['issuetype']);
  const type = ctx.store.scenario.issueTypes.find(
    (t) => project.issueTypeIds.includes(t.id) && (t.id === String(typeRef['id']) || (typeof typeRef['name'] === 'string' && t.name.toLowerCase() === typeRef['name'].toLowerCase())),
  );
  if (type === undefined) throw fieldErrors({ issuetype: 'Specify an issue type' });
  if (typeof fields['summary'] !== 'string' || fields['summary'].trim() === '') throw fieldErrors({ summary: 'You must specify a summary of the issue.' });
  const workflow = ctx.store.workflows.get(project.workflowKey);
  const now = ctx.services.now();
  const defaultPriority = ctx.store.scenario.priorities.find((p) => p.isDefault) ?? ctx.store.scenario.priorities[0];
  const issue: StoredIssue = {
    id: ctx.store.nextId('issue', 10000),
    key: ctx.store.allocateKey(project.key),
    projectKey: project.key,
    issueTypeId: type.id,
    summary: '',
    description: null,
    statusId: workflow?.initialStatus ?? '',
    priorityId: defaultPriority?.id ?? '',
    resolutionId: null,
    reporter: actorId(ctx),
    assignee: null,
    creator: actorId(ctx),
    created: now,
    updated: now,
    resolutiondate: null,
    labels: [],
    duedate: null,
    parentKey: undefined,
    sprintIds: [],
    customFields: {},
    properties: new Map(),
    comments: [],
    worklogs: [],
    changelog: [],
    remoteLinks: [],
    securityLevelId: null,
  };
  const { project: _p, issuetype: _t, ...rest } = fields;
  requireOnScreen(ctx, project.key, type.id, 'create', rest, obj(body['update']));
  // Validate on a draft first so a bad field leaves no half-created issue behind.
  ctx.store.addIssue(issue);
  try {
    applyFieldChanges(ctx, issue, rest, obj(body['update']), 'create');
    // Part: security. Without a level named, the scheme's default level (Jira applies it whoever creates).
    const defaultLevel = ctx.store.securityScheme(project.key)?.defaultLevelId ?? null;
    if (!('security' in rest) && defaultLevel !== null && ctx.store.issueType(issue.issueTypeId)?.subtask !== true) issue.securityLevelId = defaultLevel;
  } catch (error) {
    ctx.store.issues.delete(issue.id);
    throw error;
  }
  for (const [k, v] of Object.entries(obj(body['properties'] === undefined ? {} : Object.fromEntries((body['properties'] as Array<{ key: string; value: unknown }>).map((p) => [p.key, p.value]))))) {
    issue.properties.set(k, v);
  }
  ctx.services.emit('avi:jira:created:issue', issue, ctx.caller);
  return { status: 201, body: { id: issue.id, key: issue.key, self: ctx.services.serialize.url(`/rest/api/3/issue/${issue.id}`) } };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put */
function editIssue(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey'], 'EDIT_ISSUES');
  const body = bodyObject(ctx);
  const fields = obj(body['fields']);
  for (const blocked of ['status', 'resolution', 'resolutiondate', 'created', 'updated', 'creator']) {
    if (blocked in fields) throw fieldErrors({ [blocked]: notOnScreen(blocked) });
  }
  requireOnScreen(ctx, issue.projectKey, issue.issueTypeId, 'edit', fields, obj(body['update']));
  // Apply to a copy, commit only when every field is valid (Jira edits are all-or-nothing).
  const draft: StoredIssue = { ...structuredClone({ ...issue, properties: undefined }), properties: issue.properties };
  const items = applyFieldChanges(ctx, draft, fields, obj(body['update']), 'edit');
  Object.assign(issue, draft);
  commitUpdate(ctx, issue, items);
  const returnIssue = ctx.query.get('returnIssue') === 'true';
  return returnIssue ? { status: 200, body: issueJson(ctx, issue, issueViewOptions(ctx, true)) } : { status: 204 };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-assignee-put */
function assignIssue(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey'], 'ASSIGN_ISSUES');
  const body = bodyObject(ctx);
  const accountId = body['accountId'];
  // Jira refuses a person without Assignable user in the issue's project the same way as an unknown account.
  if (accountId !== null && (typeof accountId !== 'string' || ctx.store.user(accountId) === undefined || !hasPermission(ctx.store, { kind: 'user', accountId }, 'ASSIGNABLE_USER', issue.projectKey))) {
    throw fieldErrors({ assignee: `User '${valueText(accountId)}' cannot be assigned issues.` });
  }
  const items = applyFieldChanges(ctx, issue, { assignee: accountId === null ? null : { accountId } }, {}, 'edit');
  commitUpdate(ctx, issue, items);
  return { status: 204 };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get */
function getTransitions(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const allowed = canSeeIssue(ctx.store, ctx.caller, issue) && requireTransitionPermission(ctx, issue);
  const wanted = ctx.query.get('transitionId');
  const transitions = (allowed ? ctx.store.availableTransitions(issue) : [])
    .filter((t) => wanted === null || t.id === wanted)
    .map((t) => ({
      id: t.id,
      name: t.name,
      to: ctx.services.serialize.status(t.to),
      hasScreen: false,
      isGlobal: t.from.length === 0,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    }));
  return { status: 200, body: { expand: 'transitions', transitions }, objects: transitions.length };
}

function requireTransitionPermission(ctx: RouteContext, issue: StoredIssue): boolean {
  try {
    requirePermission(ctx, 'TRANSITION_ISSUES', issue.projectKey);
    return true;
  } catch {
    return false;
  }
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post */
async function doTransition(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey'], 'TRANSITION_ISSUES');
  const body = bodyObject(ctx);
  const id = valueText(obj(body['transition'])['id'] ?? '');
  const transition = ctx.store.availableTransitions(issue).find((t) => t.id === id);
  if (transition === undefined) {
    throw badRequest(`Transition id '${id}' is not valid for this issue.`);
  }
  const fromStatusId = issue.statusId;
  if (transition.rules.length > 0) {
    const hooks = ctx.services.hooks;
    const messages = hooks.runValidators === undefined ? [] : await hooks.runValidators({
      issueKey: issue.key,
      transitionId: transition.id,
      fromStatusId,
      toStatusId: transition.to,
      caller: ctx.caller,
      rules: transition.rules.map((r) => ({ key: r.key, configuration: r.configuration })),
    });
    if (messages.length > 0) throw new JiraError(400, messages);
  }
  const draft: StoredIssue = { ...structuredClone({ ...issue, properties: undefined }), properties: issue.properties };
  const items = applyFieldChanges(ctx, draft, obj(body['fields']), obj(body['update']), 'edit');
  Object.assign(issue, draft);
  items.push(...moveStatus(ctx, issue, transition.to, transition.resolution));
  commitUpdate(ctx, issue, items);
  return { status: 204 };
}

/** Status change plus Jira's resolution bookkeeping: done category sets resolution + resolutiondate, leaving it clears them. */
function moveStatus(ctx: RouteContext, issue: StoredIssue, toStatusId: string, resolutionId: string | undefined): ChangeItem[] {
  const store = ctx.store;
  const items: ChangeItem[] = [];
  const name = (id: string) => store.status(id)?.name ?? id;
  if (toStatusId !== issue.statusId) {
    items.push({ field: 'status', fieldId: 'status', fieldtype: 'jira', from: issue.statusId, fromString: name(issue.statusId), to: toStatusId, toString: name(toStatusId) });
  }
  const done = store.status(toStatusId)?.category === 'done';
  const nextResolution = done ? (issue.resolutionId ?? resolutionId ?? store.scenario.resolutions[0]?.id ?? null) : null;
  if (nextResolution !== issue.resolutionId) {
    const rname = (id: string | null) => (id === null ? null : (store.resolution(id)?.name ?? id));
    items.push({ field: 'resolution', fieldId: 'resolution', fieldtype: 'jira', from: issue.resolutionId, fromString: rname(issue.resolutionId), to: nextResolution, toString: rname(nextResolution) });
    issue.resolutiondate = nextResolution === null ? null : ctx.services.now();
  }
  issue.statusId = toStatusId;
  issue.resolutionId = nextResolution;
  return items;
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post */
function bulkFetch(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const ids = body['issueIdsOrKeys'];
  if (!Array.isArray(ids) || ids.length === 0) throw badRequest('issueIdsOrKeys must be a non-empty list.');
  if (ids.length > 100) throw badRequest('The number of issues requested exceeds the limit of 100.');
  const options = issueViewOptions(ctx, false, body);
  if (body['fields'] === undefined) options.fields.all = true;
  const issues: Json[] = [];
  for (const ref of ids) {
    const issue = ctx.store.issueByIdOrKey(String(ref));
    // Missing and unbrowsable issues are simply left out: `issueErrors` only lists issues Jira could
    // not return for a retriable reason, which the sandbox never has.
    if (issue !== undefined && canSeeIssue(ctx.store, ctx.caller, issue) && !issues.some((seen) => seen['id'] === issue.id)) issues.push(issueJson(ctx, issue, options));
  }
  issues.sort((a, b) => Number(a['id']) - Number(b['id']));
  return { status: 200, body: { expand: 'schema,names', issues, issueErrors: [] }, objects: issues.length };
}

/**
 * Deletes an issue (and, with `deleteSubtasks=true`, its sub-tasks): Browse projects and Delete
 * issues on its project; 400 while it has sub-tasks and `deleteSubtasks` is not true. A deleted
 * issue vanishes from reads, search and its links, and Forge is sent `avi:jira:deleted:issue`.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-delete
 */
function deleteIssue(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey'], 'DELETE_ISSUES');
  const subtasks = ctx.store.issueList().filter((candidate) => candidate.parentKey === issue.key);
  if (subtasks.length > 0 && ctx.query.get('deleteSubtasks') !== 'true') {
    throw badRequest(`The issue ${issue.key} has sub-tasks. Delete them first, or set deleteSubtasks=true to delete them with it.`);
  }
  for (const gone of [...subtasks, issue]) {
    ctx.services.emit('avi:jira:deleted:issue', gone, ctx.caller);
    ctx.store.removeIssue(gone);
  }
  return { status: 204 };
}

export const issueRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}', cost: 'read', handler: getIssue },
  { method: 'POST', template: '/rest/api/3/issue', cost: 'write', handler: createIssue },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}', cost: 'write', handler: editIssue },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}', cost: 'write', handler: deleteIssue },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/assignee', cost: 'write', handler: assignIssue },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', cost: 'read', handler: getTransitions },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', cost: 'write', handler: doTransition },
  { method: 'POST', template: '/rest/api/3/issue/bulkfetch', cost: 'read', handler: bulkFetch },
];
