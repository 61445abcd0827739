import { badRequest, forbidden, issueNotFound } from '../jira.errors.js';
import { hasPermission, type PermissionKey } from '../jira.permissions.js';
import { canSeeIssue } from '../jira.issue-security.js';
import type { RouteContext } from '../jira.router.js';
import type { ChangeItem, StoredHistory, StoredIssue } from '../jira.store.js';
import { renderAdf } from '../jira.serializers.js';
import { formatJiraDateTime } from '../jira.time.js';

type Json = Record<string, unknown>;

const PERMISSION_DENIED_MESSAGES: Partial<Record<PermissionKey, string>> = {
  EDIT_ISSUES: 'You do not have permission to edit issues in this project.',
  TRANSITION_ISSUES: 'You do not have permission to transition this issue.',
  ASSIGN_ISSUES: 'You do not have permission to assign issues.',
  ADD_COMMENTS: 'You do not have permission to comment on this issue.',
  WORK_ON_ISSUES: 'You do not have the permission to log work on this issue.',
  LINK_ISSUES: 'You do not have the permission to link issues.',
  CREATE_ISSUES: 'You do not have permission to create issues in this project.',
  DELETE_ISSUES: 'You do not have permission to delete issues in this project.',
  ADMINISTER_PROJECTS: 'You do not have permission to administer this project.',
};

/**
 * Finds an issue the caller may browse (Jira answers 404 for both "missing" and "not browsable"),
 * then checks an extra permission (403 when browsable but not allowed).
 */
export function requireIssue(ctx: RouteContext, idOrKey: string | undefined, permission?: PermissionKey): StoredIssue {
  const issue = idOrKey === undefined ? undefined : ctx.store.issueByIdOrKey(idOrKey);
  if (issue === undefined || !canSeeIssue(ctx.store, ctx.caller, issue)) throw issueNotFound();
  if (permission !== undefined && !hasPermission(ctx.store, ctx.caller, permission, issue.projectKey)) {
    throw forbidden(PERMISSION_DENIED_MESSAGES[permission] ?? `You do not have the ${permission} permission.`);
  }
  return issue;
}

export function requirePermission(ctx: RouteContext, permission: PermissionKey, projectKey: string): void {
  if (!hasPermission(ctx.store, ctx.caller, permission, projectKey)) {
    throw forbidden(PERMISSION_DENIED_MESSAGES[permission] ?? `You do not have the ${permission} permission.`);
  }
}

export function actorId(ctx: RouteContext): string {
  return ctx.caller.kind === 'user' ? ctx.caller.accountId : ctx.store.scenario.site.appAccountId;
}

/** A request-body value as text: scalars as `String()` renders them, objects and arrays as JSON (not `[object Object]`). */
export function valueText(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function bodyObject(ctx: RouteContext): Json {
  const body = ctx.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  return body as Json;
}

export function intParam(ctx: RouteContext, name: string, fallback: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`The '${name}' parameter must be a non-negative integer.`);
  return n;
}

/** Comma lists may also come as repeated parameters (`fields=a&fields=b`). */
export function listParam(ctx: RouteContext, name: string): string[] | undefined {
  const values = ctx.query.getAll(name);
  if (values.length === 0) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export interface Page<T> { startAt: number; maxResults: number; total: number; isLast: boolean; values: T[] }

export function page<T>(items: T[], startAt: number, maxResults: number): Page<T> {
  const values = items.slice(startAt, startAt + maxResults);
  return { startAt, maxResults, total: items.length, isLast: startAt + values.length >= items.length, values };
}

/** Which issue fields to render: Jira's `fields` parameter (`*all`, `*navigable`, names, `-excluded`). */
export interface FieldSelection { all: boolean; include: Set<string>; exclude: Set<string> }

export function parseFieldSelection(values: string[] | undefined, defaultAll: boolean): FieldSelection {
  const selection: FieldSelection = { all: values === undefined && defaultAll, include: new Set(), exclude: new Set() };
  for (const v of values ?? []) {
    if (v === '*all' || v === '*navigable') selection.all = true;
    else if (v.startsWith('-')) selection.exclude.add(v.slice(1));
    else selection.include.add(v);
  }
  return selection;
}

export interface IssueViewOptions {
  fields: FieldSelection;
  expand: Set<string>;
  properties: string[];
}

export function issueViewOptions(ctx: RouteContext, defaultAll: boolean, source?: Json): IssueViewOptions {
  const fromBody = (key: string): string[] | undefined => {
    const v = source?.[key];
    if (v === undefined) return undefined;
    if (Array.isArray(v)) return v.map(String);
    if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
    throw badRequest(`'${key}' must be a list of strings.`);
  };
  const fields = source === undefined ? listParam(ctx, 'fields') : fromBody('fields');
  const expand = source === undefined ? listParam(ctx, 'expand') : fromBody('expand');
  const properties = source === undefined ? listParam(ctx, 'properties') : fromBody('properties');
  return { fields: parseFieldSelection(fields, defaultAll), expand: new Set(expand ?? []), properties: properties ?? [] };
}

/** An issue as Jira REST v3 returns it, honouring fields/expand/properties. */
export function issueJson(ctx: RouteContext, issue: StoredIssue, options: IssueViewOptions): Json {
  const s = ctx.services.serialize;
  const all = s.issueFields(issue, ctx.caller);
  const fields: Json = {};
  for (const [k, v] of Object.entries(all)) {
    if ((options.fields.all || options.fields.include.has(k)) && !options.fields.exclude.has(k)) fields[k] = v;
  }
  const result: Json = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: s.url(`/rest/api/3/issue/${issue.id}`),
    key: issue.key,
    fields,
  };
  if (options.expand.has('renderedFields')) {
    result['renderedFields'] = { description: renderAdf(issue.description), created: formatJiraDateTime(issue.created), updated: formatJiraDateTime(issue.updated) };
  }
  if (options.expand.has('names')) result['names'] = s.fieldNames();
  if (options.expand.has('changelog')) {
    // Jira embeds only the most recent 100 histories with expand=changelog, newest first (unlike
    // GET /issue/{key}/changelog, which pages them oldest first).
    // @see https://github.com/solidify/jira-azuredevops-migrator/pull/564 ("ordered from newest to oldest as Jira shows too")
    const histories = historiesOldestFirst(issue).reverse().slice(0, 100);
    result['changelog'] = { startAt: 0, maxResults: histories.length, total: issue.changelog.length, histories: histories.map((h) => s.history(h)) };
  }
  if (options.properties.length > 0) {
    const props: Json = {};
    const wantAll = options.properties.includes('*all');
    for (const [k, v] of issue.properties) if (wantAll || options.properties.includes(k)) props[k] = v;
    result['properties'] = props;
  }
  return result;
}

/**
 * An issue's histories oldest first: by `created`, then by id, since several changes can share a
 * millisecond. The store keeps them in the order they were recorded or seeded, which Jira's
 * answers never depend on.
 */
export function historiesOldestFirst(issue: StoredIssue): StoredHistory[] {
  return [...issue.changelog].sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
}

/** Records one changelog history for a change (every change is recorded, like Jira) and bumps `updated`. */
export function recordHistory(ctx: RouteContext, issue: StoredIssue, items: ChangeItem[]): StoredHistory | undefined {
  if (items.length === 0) return undefined;
  const now = ctx.services.now();
  const history: StoredHistory = { id: ctx.store.nextId('history', 10000), author: actorId(ctx), created: now, items };
  issue.changelog.push(history);
  issue.updated = now;
  return history;
}

/** Records the change and emits `avi:jira:updated:issue` with its changelog. */
export function commitUpdate(ctx: RouteContext, issue: StoredIssue, items: ChangeItem[]): void {
  const history = recordHistory(ctx, issue, items);
  if (history === undefined) return;
  ctx.services.emit('avi:jira:updated:issue', issue, ctx.caller, {
    changelog: {
      id: history.id,
      items: history.items.map((i) => ({
        field: i.field,
        ...(i.fieldId !== undefined ? { fieldId: i.fieldId } : {}),
        fieldtype: i.fieldtype,
        from: i.from,
        fromString: i.fromString,
        to: i.to,
        toString: i.toString,
      })),
    },
  });
}
