import { badRequest, fieldErrors, forbidden, notFound } from '../jira.errors.js';
import { hasPermission } from '../jira.permissions.js';
import { canSeeIssue } from '../jira.issue-security.js';
import type { RouteContext, RouteDefinition } from '../jira.router.js';
import type { StoredComment, StoredIssue, StoredWorklog } from '../jira.store.js';
import { parseDuration, parseIsoMillis } from '../jira.time.js';
import type { AdfDoc } from '../../scenarios/scenario.schema.js';
import { actorId, bodyObject, historiesOldestFirst, intParam, page, recordHistory, requireIssue } from './route.helpers.js';

type Json = Record<string, unknown>;

function adfBody(value: unknown): AdfDoc {
  const v = value as { type?: unknown; version?: unknown; content?: unknown } | null;
  if (v === null || typeof v !== 'object' || v.type !== 'doc' || v.version !== 1 || !Array.isArray(v.content)) {
    throw fieldErrors({ comment: 'Comment body must be an Atlassian Document Format document.' });
  }
  return value as AdfDoc;
}

// --- changelog ----------------------------------------------------------------

/**
 * "Returns a paginated list of all changelogs for an issue sorted by date, starting from the oldest."
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-changelog-get
 */
function getChangelog(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const p = page(historiesOldestFirst(issue), intParam(ctx, 'startAt', 0), Math.min(intParam(ctx, 'maxResults', 100), 100));
  const s = ctx.services.serialize;
  return {
    status: 200,
    body: { self: s.url(`/rest/api/3/issue/${issue.key}/changelog`), ...p, values: p.values.map((h) => s.history(h)) },
    objects: p.values.length,
  };
}

/**
 * "Returns a paginated list of all changelogs for given issues sorted by changelog date and issue IDs,
 * starting from the oldest changelog and smallest issue ID."
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-changelog-bulkfetch-post
 */
function bulkChangelog(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const refs = body['issueIdsOrKeys'];
  if (!Array.isArray(refs) || refs.length === 0 || refs.length > 1000) throw badRequest('issueIdsOrKeys must list 1 to 1000 issues.');
  const fieldIds = Array.isArray(body['fieldIds']) ? body['fieldIds'].map(String) : [];
  const maxResults = Math.min(typeof body['maxResults'] === 'number' ? body['maxResults'] : 1000, 10000);
  const offset = typeof body['nextPageToken'] === 'string' ? decodeOffset(body['nextPageToken']) : 0;
  const histories: Array<{ issue: StoredIssue; h: StoredIssue['changelog'][number] }> = [];
  for (const ref of refs) {
    const issue = ctx.store.issueByIdOrKey(String(ref));
    if (issue === undefined || !canSeeIssue(ctx.store, ctx.caller, issue)) continue;
    for (const h of issue.changelog) {
      const items = fieldIds.length === 0 ? h.items : h.items.filter((i) => fieldIds.includes(i.fieldId ?? i.field));
      if (items.length > 0) histories.push({ issue, h: { ...h, items } });
    }
  }
  histories.sort((a, b) => a.h.created - b.h.created || Number(a.issue.id) - Number(b.issue.id) || Number(a.h.id) - Number(b.h.id));
  const slice = histories.slice(offset, offset + maxResults);
  const byIssue = new Map<string, Json[]>();
  for (const { issue, h } of slice) byIssue.set(issue.id, [...(byIssue.get(issue.id) ?? []), ctx.services.serialize.history(h)]);
  const more = offset + slice.length < histories.length;
  return {
    status: 200,
    body: {
      issueChangeLogs: [...byIssue.entries()].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
      ...(more ? { nextPageToken: encodeOffset(offset + slice.length) } : {}),
    },
    objects: slice.length,
  };
}

export const encodeOffset = (n: number): string => Buffer.from(JSON.stringify({ o: n })).toString('base64url');
export function decodeOffset(token: string): number {
  try {
    const o = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw badRequest('The provided next page token is invalid or expired.');
}

// --- comments -------------------------------------------------------------------

function findComment(issue: StoredIssue, id: string | undefined): StoredComment {
  const comment = issue.comments.find((c) => c.id === id);
  if (comment === undefined) throw notFound(`Can not find a comment for the id: ${String(id)}.`);
  return comment;
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get */
function getComments(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const order = ctx.query.get('orderBy');
  const comments = [...issue.comments].sort((a, b) => (order === '-created' ? b.created - a.created : a.created - b.created));
  const p = page(comments, intParam(ctx, 'startAt', 0), Math.min(intParam(ctx, 'maxResults', 100), 5000));
  return {
    status: 200,
    body: { startAt: p.startAt, maxResults: p.maxResults, total: p.total, comments: p.values.map((c) => ctx.services.serialize.comment(issue, c)) },
    objects: p.values.length,
  };
}

function addComment(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey'], 'ADD_COMMENTS');
  const body = bodyObject(ctx);
  const now = ctx.services.now();
  const comment: StoredComment = { id: ctx.store.nextId('comment', 10000), issueId: issue.id, author: actorId(ctx), updateAuthor: actorId(ctx), body: adfBody(body['body']), created: now, updated: now };
  issue.comments.push(comment);
  issue.updated = now;
  const json = ctx.services.serialize.comment(issue, comment);
  ctx.services.emit('avi:jira:commented:issue', issue, ctx.caller, { comment: json });
  return { status: 201, body: json };
}

function getComment(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  return { status: 200, body: ctx.services.serialize.comment(issue, findComment(issue, ctx.params['id'])), objects: 1 };
}

function mayChangeComment(ctx: RouteContext, issue: StoredIssue, comment: StoredComment, verb: 'EDIT' | 'DELETE'): void {
  const own = ctx.caller.kind === 'user' && ctx.caller.accountId === comment.author;
  const ok = own ? hasPermission(ctx.store, ctx.caller, `${verb}_OWN_COMMENTS`, issue.projectKey) : hasPermission(ctx.store, ctx.caller, `${verb}_ALL_COMMENTS`, issue.projectKey);
  if (!ok) throw forbidden(`You do not have the permission to ${verb.toLowerCase()} this comment.`);
}

/**
 * Edits a comment: its author may (Edit Own Comments), anyone else needs Edit All Comments. Forge has
 * no separate "comment updated" event: an edit sends `avi:jira:commented:issue` again, with the
 * comment's original `created` and a new `updated`.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-put
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/#comment-events
 */
function updateComment(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const comment = findComment(issue, ctx.params['id']);
  mayChangeComment(ctx, issue, comment, 'EDIT');
  comment.body = adfBody(bodyObject(ctx)['body']);
  comment.updated = ctx.services.now();
  comment.updateAuthor = actorId(ctx);
  const json = ctx.services.serialize.comment(issue, comment);
  ctx.services.emit('avi:jira:commented:issue', issue, ctx.caller, { comment: json });
  return { status: 200, body: json };
}

function deleteComment(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const comment = findComment(issue, ctx.params['id']);
  mayChangeComment(ctx, issue, comment, 'DELETE');
  issue.comments = issue.comments.filter((c) => c !== comment);
  ctx.services.emit('avi:jira:deleted:comment', issue, ctx.caller, { comment: { id: comment.id } });
  return { status: 204 };
}

// --- worklogs -------------------------------------------------------------------

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-get */
function getWorklogs(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const after = ctx.query.get('startedAfter');
  const before = ctx.query.get('startedBefore');
  const worklogs = issue.worklogs
    .filter((w) => (after === null || w.started >= Number(after)) && (before === null || w.started <= Number(before)))
    .sort((a, b) => a.started - b.started);
  const p = page(worklogs, intParam(ctx, 'startAt', 0), Math.min(intParam(ctx, 'maxResults', 5000), 5000));
  return {
    status: 200,
    body: { startAt: p.startAt, maxResults: p.maxResults, total: p.total, worklogs: p.values.map((w) => ctx.services.serialize.worklog(issue, w)) },
    objects: p.values.length,
  };
}

/** `timeSpentSeconds` or `timeSpent` from a worklog body; `required` for a new worklog. */
function worklogSeconds(body: Json, required: boolean): number | undefined {
  const seconds = typeof body['timeSpentSeconds'] === 'number' ? body['timeSpentSeconds'] : typeof body['timeSpent'] === 'string' ? parseDuration(body['timeSpent']) : undefined;
  if ((seconds === undefined && required) || (seconds !== undefined && seconds <= 0)) throw fieldErrors({ timeLogged: 'You must indicate the time spent working.' });
  return seconds;
}

function worklogStarted(body: Json): number | undefined {
  if (typeof body['started'] !== 'string') return undefined;
  // Jira's format is 2021-01-17T12:34:00.000+0000; Date.parse needs the offset colon.
  const normalized = body['started'].replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  try {
    return parseIsoMillis(normalized);
  } catch {
    throw fieldErrors({ started: 'Invalid started date-time.' });
  }
}

function addWorklog(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey'], 'WORK_ON_ISSUES');
  const body = bodyObject(ctx);
  const seconds = worklogSeconds(body, true) ?? 0;
  const now = ctx.services.now();
  const started = worklogStarted(body) ?? now;
  const worklog: StoredWorklog = {
    id: ctx.store.nextId('worklog', 10000), issueId: issue.id, author: actorId(ctx), updateAuthor: actorId(ctx), started, timeSpentSeconds: seconds,
    comment: body['comment'] === undefined ? undefined : adfBody(body['comment']), created: now, updated: now,
  };
  issue.worklogs.push(worklog);
  const total = issue.worklogs.reduce((s, w) => s + w.timeSpentSeconds, 0);
  recordHistory(ctx, issue, [
    { field: 'timespent', fieldId: 'timespent', fieldtype: 'jira', from: null, fromString: String(total - seconds), to: null, toString: String(total) },
    { field: 'WorklogId', fieldId: 'worklogId', fieldtype: 'jira', from: null, fromString: null, to: worklog.id, toString: worklog.id },
  ]);
  const json = ctx.services.serialize.worklog(issue, worklog);
  ctx.services.emit('avi:jira:created:worklog', issue, ctx.caller, { worklog: json });
  return { status: 201, body: json };
}

function findWorklog(issue: StoredIssue, id: string | undefined): StoredWorklog {
  const worklog = issue.worklogs.find((w) => w.id === id);
  if (worklog === undefined) throw notFound(`Cannot find worklog with id: ${id ?? ''}.`);
  return worklog;
}

/** Its author needs Edit/Delete own worklogs; anyone else Edit/Delete all worklogs. */
function mayChangeWorklog(ctx: RouteContext, issue: StoredIssue, worklog: StoredWorklog, verb: 'EDIT' | 'DELETE'): void {
  const own = ctx.caller.kind === 'user' && ctx.caller.accountId === worklog.author;
  if (!hasPermission(ctx.store, ctx.caller, own ? `${verb}_OWN_WORKLOGS` : `${verb}_ALL_WORKLOGS`, issue.projectKey)) {
    throw forbidden(`You do not have the permission to ${verb.toLowerCase()} this worklog.`);
  }
}

/**
 * Changes a worklog's time or start, and sends Forge `avi:jira:updated:worklog` with the worklog as
 * it is now (the old values are not in the payload).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-id-put
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/#issue-worklog-events
 */
function updateWorklog(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const worklog = findWorklog(issue, ctx.params['id']);
  mayChangeWorklog(ctx, issue, worklog, 'EDIT');
  const body = bodyObject(ctx);
  const seconds = worklogSeconds(body, false);
  const started = worklogStarted(body);
  const before = issue.worklogs.reduce((s, w) => s + w.timeSpentSeconds, 0);
  if (seconds !== undefined) worklog.timeSpentSeconds = seconds;
  if (started !== undefined) worklog.started = started;
  if (body['comment'] !== undefined) worklog.comment = adfBody(body['comment']);
  worklog.updated = ctx.services.now();
  worklog.updateAuthor = actorId(ctx);
  // Any worklog change moves the issue's `updated`, as Jira's does.
  issue.updated = worklog.updated;
  const after = issue.worklogs.reduce((s, w) => s + w.timeSpentSeconds, 0);
  if (after !== before) recordHistory(ctx, issue, [{ field: 'timespent', fieldId: 'timespent', fieldtype: 'jira', from: null, fromString: String(before), to: null, toString: String(after) }]);
  const json = ctx.services.serialize.worklog(issue, worklog);
  ctx.services.emit('avi:jira:updated:worklog', issue, ctx.caller, { worklog: json });
  return { status: 200, body: json };
}

/**
 * Deletes a worklog; Forge is sent `avi:jira:deleted:worklog` with the worklog as it was.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-id-delete
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/#issue-worklog-events
 */
function deleteWorklog(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const worklog = findWorklog(issue, ctx.params['id']);
  mayChangeWorklog(ctx, issue, worklog, 'DELETE');
  const json = ctx.services.serialize.worklog(issue, worklog);
  const before = issue.worklogs.reduce((s, w) => s + w.timeSpentSeconds, 0);
  issue.worklogs = issue.worklogs.filter((w) => w !== worklog);
  recordHistory(ctx, issue, [
    { field: 'timespent', fieldId: 'timespent', fieldtype: 'jira', from: null, fromString: String(before), to: null, toString: String(before - worklog.timeSpentSeconds) },
    { field: 'WorklogId', fieldId: 'worklogId', fieldtype: 'jira', from: worklog.id, fromString: worklog.id, to: null, toString: null },
  ]);
  ctx.services.emit('avi:jira:deleted:worklog', issue, ctx.caller, { worklog: json });
  return { status: 204 };
}

function visibleWorklogs(ctx: RouteContext): Array<{ issue: StoredIssue; w: StoredWorklog }> {
  return ctx.store.issueList().flatMap((issue) => (canSeeIssue(ctx.store, ctx.caller, issue) ? issue.worklogs.map((w) => ({ issue, w })) : []));
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-worklog-updated-get */
function worklogsUpdated(ctx: RouteContext) {
  const since = Number(ctx.query.get('since') ?? '0');
  // Jira leaves out the last minute so clients never miss a worklog still being written.
  const until = ctx.services.now() - 60_000;
  const all = visibleWorklogs(ctx).filter(({ w }) => w.updated >= since && w.updated <= until).sort((a, b) => a.w.updated - b.w.updated || Number(a.w.id) - Number(b.w.id));
  const values = all.slice(0, 1000);
  const last = values.at(-1);
  const lastPage = values.length === all.length;
  const nextSince = last === undefined ? until : last.w.updated + (lastPage ? 0 : 0);
  const s = ctx.services.serialize;
  return {
    status: 200,
    body: {
      values: values.map(({ w }) => ({ worklogId: Number(w.id), updatedTime: w.updated, properties: [] })),
      since,
      until: lastPage ? until : nextSince,
      self: s.url(`/rest/api/3/worklog/updated?since=${since}`),
      lastPage,
      ...(lastPage ? {} : { nextPage: s.url(`/rest/api/3/worklog/updated?since=${nextSince}`) }),
    },
    objects: values.length,
  };
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-worklog-list-post */
function worklogList(ctx: RouteContext) {
  const ids = bodyObject(ctx)['ids'];
  if (!Array.isArray(ids) || ids.length > 1000) throw badRequest('ids must list at most 1000 worklog ids.');
  const wanted = new Set(ids.map(String));
  const found = visibleWorklogs(ctx).filter(({ w }) => wanted.has(w.id));
  return { status: 200, body: found.map(({ issue, w }) => ctx.services.serialize.worklog(issue, w)), objects: found.length };
}

export const activityRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/changelog', cost: 'read', handler: getChangelog },
  { method: 'POST', template: '/rest/api/3/changelog/bulkfetch', cost: 'read', handler: bulkChangelog },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/comment', cost: 'read', handler: getComments },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/comment', cost: 'write', handler: addComment },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', cost: 'read', handler: getComment },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', cost: 'write', handler: updateComment },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', cost: 'write', handler: deleteComment },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/worklog', cost: 'read', handler: getWorklogs },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/worklog', cost: 'write', handler: addWorklog },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}', cost: 'write', handler: updateWorklog },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}', cost: 'write', handler: deleteWorklog },
  { method: 'GET', template: '/rest/api/3/worklog/updated', cost: 'read', handler: worklogsUpdated },
  { method: 'POST', template: '/rest/api/3/worklog/list', cost: 'read', handler: worklogList },
];
