import { badRequest, fieldErrors, forbidden, JiraError, notFound } from '../jira.errors.js';
import { canBrowse, hasPermission, PERMISSIONS, type PermissionKey } from '../jira.permissions.js';
import { canSeeIssue } from '../jira.issue-security.js';
import type { RouteContext, RouteDefinition } from '../jira.router.js';
import { createLink, resolveLinkType } from './issue-fields.js';
import type { StoredIssue } from '../jira.store.js';
import { actorId, bodyObject, requireIssue, requirePermission, valueText } from './route.helpers.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/**
 * Entity property values are limited to 32,768 characters of JSON.
 * @see https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/#limitations
 */
export const MAX_PROPERTY_LENGTH = 32_768;

// --- issue links ------------------------------------------------------------------

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-post */
function linkIssues(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const typeId = resolveLinkType(ctx, body['type']);
  const ref = (v: unknown) => valueText(obj(v)['key'] ?? obj(v)['id'] ?? '');
  const inward = requireIssue(ctx, ref(body['inwardIssue']));
  const outward = requireIssue(ctx, ref(body['outwardIssue']), 'LINK_ISSUES');
  const link = createLink(ctx, typeId, inward, outward);
  return { status: 201, body: undefined, headers: { Location: ctx.services.serialize.url(`/rest/api/3/issueLink/${link.id}`) } };
}

function findLink(ctx: RouteContext) {
  const link = ctx.store.links.get(ctx.params['linkId'] ?? '');
  const inward = link === undefined ? undefined : ctx.store.issues.get(link.inwardIssueId);
  const outward = link === undefined ? undefined : ctx.store.issues.get(link.outwardIssueId);
  if (link === undefined || inward === undefined || outward === undefined || !canSeeIssue(ctx.store, ctx.caller, inward) || !canSeeIssue(ctx.store, ctx.caller, outward)) {
    throw notFound(`No issue link with id '${String(ctx.params['linkId'])}' exists.`);
  }
  return { link, inward, outward };
}

function getLink(ctx: RouteContext) {
  return { status: 200, body: ctx.services.serialize.link(findLink(ctx).link), objects: 1 };
}

function deleteLink(ctx: RouteContext) {
  const { link, inward, outward } = findLink(ctx);
  if (!hasPermission(ctx.store, ctx.caller, 'LINK_ISSUES', outward.projectKey) && !hasPermission(ctx.store, ctx.caller, 'LINK_ISSUES', inward.projectKey)) {
    throw forbidden('You do not have the permission to delete links.');
  }
  ctx.store.links.delete(link.id);
  ctx.services.emit('avi:jira:deleted:issuelink', outward, ctx.caller, { issueLink: { id: link.id, sourceIssueId: outward.id, destinationIssueId: inward.id } });
  return { status: 204 };
}

// --- remote links -----------------------------------------------------------------

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/ */
function getRemoteLinks(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const globalId = ctx.query.get('globalId');
  const s = ctx.services.serialize;
  const links = issue.remoteLinks.filter((r) => globalId === null || r.globalId === globalId).map((r) => ({
    id: r.id,
    self: s.url(`/rest/api/3/issue/${issue.key}/remotelink/${r.id}`),
    ...(r.globalId !== undefined ? { globalId: r.globalId } : {}),
    ...(r.relationship !== undefined ? { relationship: r.relationship } : {}),
    object: r.object,
  }));
  if (globalId !== null) {
    const first = links[0];
    if (first === undefined) throw notFound(`No remote link with global id '${globalId}'.`);
    return { status: 200, body: first, objects: 1 };
  }
  return { status: 200, body: links, objects: links.length };
}

function upsertRemoteLink(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey'], 'LINK_ISSUES');
  const body = bodyObject(ctx);
  const object = obj(body['object']);
  if (typeof object['url'] !== 'string' || typeof object['title'] !== 'string') throw fieldErrors({ object: 'A remote link needs object.url and object.title.' });
  const globalId = typeof body['globalId'] === 'string' ? body['globalId'] : undefined;
  const relationship = typeof body['relationship'] === 'string' ? body['relationship'] : undefined;
  const next = { url: object['url'], title: object['title'], ...(typeof object['summary'] === 'string' ? { summary: object['summary'] } : {}) };
  const existing = globalId === undefined ? undefined : issue.remoteLinks.find((r) => r.globalId === globalId);
  const link = existing ?? { id: Number(ctx.store.nextId('remoteLink', 10000)), globalId, relationship, object: next };
  if (existing !== undefined) {
    existing.object = next;
    existing.relationship = relationship;
  } else issue.remoteLinks.push(link);
  issue.updated = ctx.services.now();
  return { status: existing === undefined ? 201 : 200, body: { id: link.id, self: ctx.services.serialize.url(`/rest/api/3/issue/${issue.key}/remotelink/${link.id}`) } };
}

// --- notifications and watchers (part: updates, issue 16) ---------------------------------------

const list = (value: unknown, what: string): unknown[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest(`The ${what} must be a list.`);
  return value;
};

/** Members of the groups named (`[{ name }]`) or given by id; an unknown group is an invalid recipient. */
function groupMembers(ctx: RouteContext, byName: unknown, byId: unknown, what: string): string[] {
  const groups = ctx.store.scenario.groups;
  const members: string[] = [];
  for (const entry of list(byName, what)) {
    const name = obj(entry)['name'];
    const group = typeof name === 'string' ? groups.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase()) : undefined;
    if (group === undefined) throw badRequest(`The ${what} is invalid: no group '${valueText(name ?? '')}'.`);
    members.push(...group.members);
  }
  for (const id of list(byId, what)) {
    const group = groups.find((candidate) => candidate.groupId === id);
    if (group === undefined) throw badRequest(`The ${what} is invalid: no group with id '${valueText(id)}'.`);
    members.push(...group.members);
  }
  return members;
}

/** The permission keys a `restrict.permissions` entry names, by key or id. */
function restrictingPermissions(value: unknown): PermissionKey[] {
  return list(value, 'restriction').map((entry) => {
    const { key, id } = obj(entry);
    const found = (Object.keys(PERMISSIONS) as PermissionKey[]).find((candidate) => candidate === key || PERMISSIONS[candidate].id === id);
    if (found === undefined) throw badRequest(`The restriction is invalid: no permission '${valueText(key ?? id ?? '')}'.`);
    return found;
  });
}

/**
 * Queues an email about the issue. As Jira documents it:
 * - `to`: `reporter`, `assignee`, `watchers`, `voters` (flags), `users` (by accountId), `groups` (by
 *   name) and `groupIds`; `restrict`: only people in every restricting group (`groups`, `groupIds`)
 *   and holding every restricting permission (`permissions`, by key or id) receive it;
 * - `subject` (default: the issue key and summary), `textBody`, `htmlBody`;
 * - 204 when queued; 400 when a recipient is invalid (an unknown user or group, the assignee of an
 *   unassigned issue), when the only recipient is the caller, or the request is malformed; 403 when
 *   the site sends no email (outgoing mail disabled); 404 when the caller cannot see the issue.
 * Recipients who cannot browse the issue are left out, as Jira does for every notification, and so
 * is the caller (Jira does not email people about their own actions). Kinds that hold nobody (no
 * voters, say) queue an email to nobody and still answer 204. Jira's rate limits (429 with
 * Retry-After) come from the emulator's fault injection, before this runs.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
function notifyIssue(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const body = bodyObject(ctx);
  const to = obj(body['to']);
  const restrict = obj(body['restrict']);
  const recipients = new Set<string>();
  const kinds = ['reporter', 'assignee', 'watchers', 'voters', 'users', 'groups', 'groupIds'].filter((kind) => to[kind] !== undefined && to[kind] !== false);
  if (to['assignee'] === true) {
    if (issue.assignee === null) throw badRequest('The recipient is invalid: the issue is not assigned.');
    recipients.add(issue.assignee);
  }
  if (to['reporter'] === true) recipients.add(issue.reporter);
  if (to['watchers'] === true) for (const watcher of ctx.store.watchersOf(issue)) recipients.add(watcher);
  // Voters: the sandbox records no votes, so `voters` adds nobody.
  for (const user of list(to['users'], 'recipient')) {
    const accountId = obj(user)['accountId'];
    if (typeof accountId !== 'string' || ctx.store.user(accountId) === undefined) throw badRequest('The recipient is invalid.');
    recipients.add(accountId);
  }
  for (const member of groupMembers(ctx, to['groups'], to['groupIds'], 'recipient')) recipients.add(member);
  const restrictGroups = restrict['groups'] === undefined && restrict['groupIds'] === undefined ? undefined : new Set(groupMembers(ctx, restrict['groups'], restrict['groupIds'], 'restriction'));
  const restrictPermissions = restrictingPermissions(restrict['permissions']);
  if (kinds.length === 0) throw badRequest('No recipients were defined for the notification.');
  const from = actorId(ctx);
  if (recipients.size > 0 && [...recipients].every((accountId) => accountId === from)) throw badRequest('The recipient is the same as the calling user.');
  if (!ctx.store.outgoingEmail) throw forbidden('Outgoing emails are disabled on this site.');
  const reached = [...recipients].filter((accountId) => {
    const person = { kind: 'user', accountId } as const;
    return accountId !== from
      && canSeeIssue(ctx.store, person, issue)
      && (restrictGroups === undefined || restrictGroups.has(accountId))
      && restrictPermissions.every((key) => hasPermission(ctx.store, person, key, issue.projectKey));
  });
  ctx.store.notifications.push({
    issueKey: issue.key,
    from,
    to: reached,
    subject: typeof body['subject'] === 'string' && body['subject'] !== '' ? body['subject'] : `${issue.key}: ${issue.summary}`,
    textBody: typeof body['textBody'] === 'string' ? body['textBody'] : '',
    ...(typeof body['htmlBody'] === 'string' ? { htmlBody: body['htmlBody'] } : {}),
    sentAt: new Date(ctx.services.now()).toISOString(),
  });
  return { status: 204 };
}

/**
 * The issue's watchers. Anyone who can see the issue learns whether they watch it and how many do;
 * the list names others only for holders of View voters and watchers.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-get
 */
function getWatchers(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const watchers = [...ctx.store.watchersOf(issue)];
  const self = ctx.caller.kind === 'user' ? ctx.caller.accountId : undefined;
  const shown = hasPermission(ctx.store, ctx.caller, 'VIEW_VOTERS_AND_WATCHERS', issue.projectKey) ? watchers : watchers.filter((accountId) => accountId === self);
  return {
    status: 200,
    body: {
      self: ctx.services.serialize.url(`/rest/api/3/issue/${issue.key}/watchers`),
      isWatching: self !== undefined && watchers.includes(self),
      watchCount: watchers.length,
      watchers: shown.map((accountId) => ctx.services.serialize.user(accountId)),
    },
    objects: shown.length,
  };
}

/**
 * Who a watcher change is about: the caller when no one is named, else the named person, who must
 * exist and see the issue (Jira answers 404 otherwise); changing someone else's watching needs
 * Manage watcher list (403).
 */
function watcherTarget(ctx: RouteContext, named: unknown): { issue: StoredIssue; accountId: string } {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const self = ctx.caller.kind === 'user' ? ctx.caller.accountId : undefined;
  const accountId = named ?? self;
  if (typeof accountId !== 'string' || accountId === '') throw badRequest('The account ID of the watcher is missing or not a string.');
  if (accountId !== self && !hasPermission(ctx.store, ctx.caller, 'MANAGE_WATCHERS', issue.projectKey)) {
    throw forbidden('You do not have the permission to manage the watcher list.');
  }
  if (ctx.store.user(accountId) === undefined || !canSeeIssue(ctx.store, { kind: 'user', accountId }, issue)) {
    throw notFound('The user does not exist or does not have permission to view this issue.');
  }
  return { issue, accountId };
}

/**
 * Adds a watcher: the body is the account id as a JSON string; no body adds the caller.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-post
 */
function addWatcher(ctx: RouteContext) {
  const raw = ctx.rawBody === undefined || ctx.rawBody.trim() === '' ? undefined : ctx.body;
  const { issue, accountId } = watcherTarget(ctx, raw);
  ctx.store.watchersOf(issue).add(accountId);
  return { status: 204 };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-delete */
function removeWatcher(ctx: RouteContext) {
  const named = ctx.query.get('accountId');
  if (named === null || named === '') throw badRequest('The accountId query parameter is required.');
  const { issue, accountId } = watcherTarget(ctx, named);
  ctx.store.watchersOf(issue).delete(accountId);
  return { status: 204 };
}

// --- entity properties ------------------------------------------------------------

function propertyValue(ctx: RouteContext): unknown {
  if (ctx.rawBody === undefined || ctx.rawBody.trim() === '') throw badRequest('The property value must be provided.');
  if (ctx.rawBody.length > MAX_PROPERTY_LENGTH) {
    throw badRequest(`The property value is too long. The maximum allowed length is ${MAX_PROPERTY_LENGTH} characters.`);
  }
  return ctx.body;
}

function validPropertyKey(key: string | undefined): string {
  if (key === undefined || key === '' || key.length > 255) throw badRequest('The property key must be between 1 and 255 characters long.');
  return key;
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/ */
function getIssuePropertyKeys(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const keys = [...issue.properties.keys()].map((key) => ({ key, self: ctx.services.serialize.url(`/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`) }));
  return { status: 200, body: { keys }, objects: keys.length };
}

function getIssueProperty(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const key = validPropertyKey(ctx.params['propertyKey']);
  if (!issue.properties.has(key)) throw notFound(`The property with key '${key}' does not exist.`);
  return { status: 200, body: { key, value: issue.properties.get(key) }, objects: 1 };
}

function setIssueProperty(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey'], 'EDIT_ISSUES');
  const key = validPropertyKey(ctx.params['propertyKey']);
  const value = propertyValue(ctx);
  const existed = issue.properties.has(key);
  issue.properties.set(key, value);
  return { status: existed ? 200 : 201, body: undefined };
}

function deleteIssueProperty(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey'], 'EDIT_ISSUES');
  const key = validPropertyKey(ctx.params['propertyKey']);
  if (!issue.properties.delete(key)) throw notFound(`The property with key '${key}' does not exist.`);
  return { status: 204 };
}

function requireProject(ctx: RouteContext) {
  const project = ctx.store.project(ctx.params['projectIdOrKey'] ?? '');
  if (project === undefined || !canBrowse(ctx.store, ctx.caller, project.key)) {
    throw notFound(`No project could be found with key '${String(ctx.params['projectIdOrKey'])}'.`);
  }
  const props = ctx.store.projectProperties.get(project.key) ?? new Map<string, unknown>();
  ctx.store.projectProperties.set(project.key, props);
  return { project, props };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-properties/ */
function getProjectPropertyKeys(ctx: RouteContext) {
  const { project, props } = requireProject(ctx);
  const keys = [...props.keys()].map((key) => ({ key, self: ctx.services.serialize.url(`/rest/api/3/project/${project.id}/properties/${encodeURIComponent(key)}`) }));
  return { status: 200, body: { keys }, objects: keys.length };
}

function getProjectProperty(ctx: RouteContext) {
  const { props } = requireProject(ctx);
  const key = validPropertyKey(ctx.params['propertyKey']);
  if (!props.has(key)) throw notFound(`The property with key '${key}' does not exist.`);
  return { status: 200, body: { key, value: props.get(key) }, objects: 1 };
}

function setProjectProperty(ctx: RouteContext) {
  const { project, props } = requireProject(ctx);
  requirePermission(ctx, 'ADMINISTER_PROJECTS', project.key);
  const key = validPropertyKey(ctx.params['propertyKey']);
  const value = propertyValue(ctx);
  const existed = props.has(key);
  props.set(key, value);
  return { status: existed ? 200 : 201, body: undefined };
}

function deleteProjectProperty(ctx: RouteContext) {
  const { project, props } = requireProject(ctx);
  requirePermission(ctx, 'ADMINISTER_PROJECTS', project.key);
  const key = validPropertyKey(ctx.params['propertyKey']);
  if (!props.delete(key)) throw new JiraError(404, [`The property with key '${key}' does not exist.`]);
  return { status: 204 };
}

export const linkAndPropertyRoutes: RouteDefinition[] = [
  { method: 'POST', template: '/rest/api/3/issueLink', cost: 'write', handler: linkIssues },
  { method: 'GET', template: '/rest/api/3/issueLink/{linkId}', cost: 'read', handler: getLink },
  { method: 'DELETE', template: '/rest/api/3/issueLink/{linkId}', cost: 'write', handler: deleteLink },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink', cost: 'read', handler: getRemoteLinks },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink', cost: 'write', handler: upsertRemoteLink },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/notify', cost: 'write', handler: notifyIssue },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/watchers', cost: 'read', handler: getWatchers },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/watchers', cost: 'write', handler: addWatcher },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/watchers', cost: 'write', handler: removeWatcher },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties', cost: 'read', handler: getIssuePropertyKeys },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', cost: 'read', handler: getIssueProperty },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', cost: 'write', handler: setIssueProperty },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', cost: 'write', handler: deleteIssueProperty },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/properties', cost: 'read', handler: getProjectPropertyKeys },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', cost: 'read', handler: getProjectProperty },
  { method: 'PUT', template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', cost: 'write', handler: setProjectProperty },
  { method: 'DELETE', template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', cost: 'write', handler: deleteProjectProperty },
];
