import { adfToText } from '../../../src/contract/adf.js';
import type { AdfDoc } from '../../scenarios/scenario.schema.js';
import { badRequest, fieldErrors, JiraError } from '../jira.errors.js';
import { canSeeIssue, isLevelMember } from '../jira.issue-security.js';
import { hasPermission } from '../jira.permissions.js';
import type { RouteContext } from '../jira.router.js';
import type { ChangeItem, StoredIssue, StoredLink } from '../jira.store.js';
import { valueText } from './route.helpers.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function item(field: string, fieldId: string | undefined, fieldtype: string, from: string | null, fromString: string | null, to: string | null, toString: string | null): ChangeItem {
  return { field, ...(fieldId !== undefined ? { fieldId } : {}), fieldtype, from, fromString, to, toString };
}

/** Resolves `{id}` / `{name}` / `{key}` references the way Jira's create/edit accepts them. */
function refId<T extends { id: string; name: string }>(value: unknown, items: T[], field: string): T {
  const ref = isObject(value) ? value : undefined;
  const hit = items.find((it) => (ref?.['id'] !== undefined && it.id === valueText(ref['id'])) || (typeof ref?.['name'] === 'string' && it.name.toLowerCase() === ref['name'].toLowerCase()));
  if (hit === undefined) throw fieldErrors({ [field]: `Specify a valid '${field}' id or name` });
  return hit;
}

function accountRef(ctx: RouteContext, value: unknown, field: string): string | null {
  if (value === null) return null;
  const id = isObject(value) ? value['accountId'] : undefined;
  if (id === null || id === '-1') return null;
  if (typeof id !== 'string' || ctx.store.user(id) === undefined) throw fieldErrors({ [field]: `Specify a valid value for ${field}` });
  return id;
}

function adf(value: unknown, field: string): AdfDoc | null {
  if (value === null) return null;
  if (isObject(value) && value['type'] === 'doc' && value['version'] === 1 && Array.isArray(value['content'])) return value as AdfDoc;
  throw fieldErrors({ [field]: 'Operation value must be an Atlassian Document (see the Atlassian Document Format).' });
}

function issueRef(ctx: RouteContext, value: unknown, field: string): StoredIssue {
  const ref = isObject(value) ? (value['key'] ?? value['id']) : undefined;
  const issue = typeof ref === 'string' ? ctx.store.issueByIdOrKey(ref) : undefined;
  if (issue === undefined || !canSeeIssue(ctx.store, ctx.caller, issue)) {
    throw fieldErrors({ [field]: `Issue '${String(ref)}' does not exist or you do not have permission to see it.` });
  }
  return issue;
}

const displayName = (ctx: RouteContext, id: string | null) => (id === null ? null : (ctx.store.user(id)?.displayName ?? id));

/** Jira's answer for a field the operation's screen does not hold (or no field at all). */
export const notOnScreen = (fieldId: string): string => `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;

/**
 * Refuses, all at once and keyed by field id, every field in `fields` or `update` that is not on the
 * project's create or edit screen for the issue type (Jira validates the whole request before it
 * changes anything). `project` and `issuetype` name the issue rather than set a field.
 * @see https://github.com/lesstif/php-jira-rest-client/issues/137 (Jira's answer, quoted)
 */
export function requireOnScreen(ctx: RouteContext, projectKey: string, issueTypeId: string, operation: 'create' | 'edit', fields: Json, update: Json): void {
  const screen = ctx.store.screenFields(projectKey, issueTypeId, operation);
  if (screen === undefined) return;
  const refused = [...new Set([...Object.keys(fields), ...Object.keys(update)])].filter((field) => field !== 'project' && field !== 'issuetype' && !screen.has(field));
  if (refused.length > 0) throw fieldErrors(Object.fromEntries(refused.map((field) => [field, notOnScreen(field)])));
}

/**
 * Applies `fields` (set) and `update` (operations) of a create/edit request to the issue and
 * returns the changelog items. Fields Jira would reject are answered 400 in Jira's `errors` shape.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
 */
export function applyFieldChanges(ctx: RouteContext, issue: StoredIssue, fields: Json, update: Json, mode: 'create' | 'edit'): ChangeItem[] {
  const items: ChangeItem[] = [];
  const s = ctx.store.scenario;
  for (const [field, value] of Object.entries(fields)) {
    switch (field) {
      case 'project':
      case 'issuetype':
        if (mode === 'create') break;
        if (field === 'issuetype') {
          const t = refId(value, s.issueTypes, 'issuetype');
          if (t.id !== issue.issueTypeId) items.push(item('issuetype', 'issuetype', 'jira', issue.issueTypeId, ctx.store.issueType(issue.issueTypeId)?.name ?? null, t.id, t.name));
          issue.issueTypeId = t.id;
          break;
        }
        throw fieldErrors({ project: 'The project of an issue cannot be changed by an edit.' });
      case 'summary': {
        if (typeof value !== 'string' || value.trim() === '') throw fieldErrors({ summary: 'You must specify a summary of the issue.' });
        if (value.length > 255) throw fieldErrors({ summary: 'Summary must be less than 255 characters.' });
        if (value !== issue.summary) items.push(item('summary', 'summary', 'jira', null, issue.summary, null, value));
        issue.summary = value;
        break;
      }
      case 'description': {
        const doc = adf(value, 'description');
        if (JSON.stringify(doc) !== JSON.stringify(issue.description)) {
          items.push(item('description', 'description', 'jira', null, issue.description === null ? null : adfToText(issue.description), null, doc === null ? null : adfToText(doc)));
        }
        issue.description = doc;
        break;
      }
      case 'duedate': {
        if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))) throw fieldErrors({ duedate: 'Due date must be a date in the format yyyy-MM-dd.' });
        if (value !== issue.duedate) items.push(item('duedate', 'duedate', 'jira', issue.duedate, issue.duedate, value, value));
        issue.duedate = value;
        break;
      }
      case 'labels': {
        if (!Array.isArray(value) || value.some((l) => typeof l !== 'string' || /\s/.test(l))) throw fieldErrors({ labels: 'Labels must be strings without spaces.' });
        setLabels(issue, value as string[], items);
        break;
      }
      case 'priority': {
        const p = refId(value, s.priorities, 'priority');
        if (p.id !== issue.priorityId) items.push(item('priority', 'priority', 'jira', issue.priorityId, ctx.store.priority(issue.priorityId)?.name ?? null, p.id, p.name));
        issue.priorityId = p.id;
        break;
      }
      case 'assignee':
      case 'reporter': {
        const id = accountRef(ctx, value, field);
        const old = field === 'assignee' ? issue.assignee : issue.reporter;
        if (field === 'reporter' && id === null) throw fieldErrors({ reporter: 'Reporter is required.' });
        if (id !== old) items.push(item(field, field, 'jira', old, displayName(ctx, old), id, displayName(ctx, id)));
        if (field === 'assignee') issue.assignee = id;
        else if (id !== null) issue.reporter = id;
        break;
      }
      case 'parent': {
        const parent = value === null ? undefined : issueRef(ctx, value, 'parent');
        if (parent?.key !== issue.parentKey) items.push(item('IssueParentAssociation', 'parent', 'jira', issue.parentKey === undefined ? null : (ctx.store.issueByKey(issue.parentKey)?.id ?? null), issue.parentKey ?? null, parent?.id ?? null, parent?.key ?? null));
        issue.parentKey = parent?.key;
        break;
      }
      case 'security':
        applySecurityLevel(ctx, issue, value, items);
        break;
      default:
        applyCustomField(ctx, issue, field, value, items);
    }
  }
  for (const [field, ops] of Object.entries(update)) {
    if (!Array.isArray(ops)) throw fieldErrors({ [field]: 'Update operations must be a list.' });
    if (field === 'labels') applyLabelOps(issue, ops, items);
    else if (field === 'issuelinks') for (const op of ops) addLinkFromUpdate(ctx, issue, op);
    else {
      for (const op of ops) {
        if (!isObject(op) || !('set' in op)) throw fieldErrors({ [field]: `The operation on '${field}' is not supported by the sandbox (use 'set').` });
        items.push(...applyFieldChanges(ctx, issue, { [field]: op['set'] }, {}, mode));
      }
    }
  }
  return items;
}

/**
 * Sets or clears the issue's security level (part: security). Jira shows the field only to people
 * with Set Issue Security, in a project with an issue security scheme, and never on a sub-task (it
 * keeps its parent's level); to anyone else it is not on the screen. A level is one of the
 * project's scheme, and only one the person setting it belongs to (else they would lose the issue).
 * @see https://support.atlassian.com/jira-cloud-administration/docs/configure-issue-security-schemes/
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
 */
function applySecurityLevel(ctx: RouteContext, issue: StoredIssue, value: unknown, items: ChangeItem[]): void {
  const scheme = ctx.store.securityScheme(issue.projectKey);
  const isSubtask = ctx.store.issueType(issue.issueTypeId)?.subtask === true;
  if (scheme === undefined || isSubtask || !hasPermission(ctx.store, ctx.caller, 'SET_ISSUE_SECURITY', issue.projectKey)) throw fieldErrors({ security: notOnScreen('security') });
  const level = value === null ? null : refId(value, scheme.levels, 'security');
  if (level !== null && !isLevelMember(ctx.store, ctx.caller, issue, level)) throw fieldErrors({ security: `Security level '${level.name}' is not valid: you are not a member of it.` });
  const before = issue.securityLevelId === null ? undefined : scheme.levels.find((candidate) => candidate.id === issue.securityLevelId);
  const next = level?.id ?? null;
  if (next !== issue.securityLevelId) items.push(item('security', 'security', 'jira', issue.securityLevelId, before?.name ?? null, next, level?.name ?? null));
  issue.securityLevelId = next;
}

function setLabels(issue: StoredIssue, labels: string[], items: ChangeItem[]): void {
  const next = [...new Set(labels)];
  const before = issue.labels.join(' ');
  if (before !== next.join(' ')) items.push(item('labels', 'labels', 'jira', null, before === '' ? null : before, null, next.join(' ') || null));
  issue.labels = next;
}

function applyLabelOps(issue: StoredIssue, ops: unknown[], items: ChangeItem[]): void {
  let labels = [...issue.labels];
  for (const op of ops) {
    if (!isObject(op)) throw fieldErrors({ labels: 'Invalid label operation.' });
    if (typeof op['add'] === 'string') labels = labels.includes(op['add']) ? labels : [...labels, op['add']];
    else if (typeof op['remove'] === 'string') labels = labels.filter((l) => l !== op['remove']);
    else if (Array.isArray(op['set'])) labels = op['set'].map(String);
    else throw fieldErrors({ labels: 'Label operations are add, remove or set.' });
  }
  setLabels(issue, labels, items);
}

function applyCustomField(ctx: RouteContext, issue: StoredIssue, fieldId: string, value: unknown, items: ChangeItem[]): void {
  const store = ctx.store;
  const def = store.field(fieldId);
  if (def === undefined || !def.custom) {
    throw fieldErrors({ [fieldId]: notOnScreen(fieldId) });
  }
  if (fieldId === store.scenario.site.sprintFieldId) {
    const sprintId = value === null ? null : Number(isObject(value) ? value['id'] : value);
    if (sprintId !== null && store.sprint(sprintId) === undefined) throw fieldErrors({ [fieldId]: `Sprint with id ${String(value)} does not exist.` });
    const before = issue.sprintIds;
    // Moving to a sprint keeps closed sprints the issue was in, like Jira's sprint history.
    const kept = before.filter((id) => store.sprint(id)?.state === 'closed');
    const next = sprintId === null ? kept : [...new Set([...kept, sprintId])];
    const names = (ids: number[]) => ids.map((id) => store.sprint(id)?.name ?? String(id)).join(', ') || null;
    if (next.join(',') !== before.join(',')) items.push(item('Sprint', fieldId, 'custom', before.join(', ') || null, names(before), next.join(', ') || null, names(next)));
    issue.sprintIds = next;
    return;
  }
  if (def.schemaType === 'number' && value !== null && typeof value !== 'number') {
    throw fieldErrors({ [fieldId]: `Operation value must be a number` });
  }
  const old = issue.customFields[fieldId] ?? null;
  if (JSON.stringify(old) !== JSON.stringify(value)) {
    const str = (v: unknown) => (v === null || v === undefined ? null : valueText(v));
    items.push(item(def.name, fieldId, 'custom', null, str(old), null, str(value)));
  }
  issue.customFields[fieldId] = value;
}

/** `update.issuelinks: [{add: {type: {name}, outwardIssue: {key}}}]` on create/edit. */
function addLinkFromUpdate(ctx: RouteContext, issue: StoredIssue, op: unknown): void {
  const add = isObject(op) ? op['add'] : undefined;
  if (!isObject(add)) throw fieldErrors({ issuelinks: "Only 'add' is supported for issuelinks." });
  const type = resolveLinkType(ctx, add['type']);
  if (add['outwardIssue'] !== undefined) {
    const other = issueRef(ctx, add['outwardIssue'], 'issuelinks');
    createLink(ctx, type, issue, other);
  } else if (add['inwardIssue'] !== undefined) {
    const other = issueRef(ctx, add['inwardIssue'], 'issuelinks');
    createLink(ctx, type, other, issue);
  } else throw fieldErrors({ issuelinks: 'A link needs an inwardIssue or outwardIssue.' });
}

export function resolveLinkType(ctx: RouteContext, value: unknown): string {
  const ref = isObject(value) ? value : {};
  const hit = ctx.store.scenario.linkTypes.find(
    (t) => (ref['id'] !== undefined && t.id === valueText(ref['id'])) || (typeof ref['name'] === 'string' && t.name.toLowerCase() === ref['name'].toLowerCase()),
  );
  if (hit === undefined) throw new JiraError(404, [`No issue link type with name '${valueText(ref['name'] ?? ref['id'])}' found.`]);
  return hit.id;
}

/**
 * Creates a link. Jira's model: the link's `inwardIssue` reads the type's inward phrase
 * ("is caused by") and `outwardIssue` the outward one. Records "Link" history on both issues.
 */
export function createLink(ctx: RouteContext, typeId: string, inward: StoredIssue, outward: StoredIssue): StoredLink {
  if (inward.id === outward.id) throw badRequest('You cannot link an issue to itself.');
  const existing = [...ctx.store.links.values()].find((l) => l.typeId === typeId && l.inwardIssueId === inward.id && l.outwardIssueId === outward.id);
  if (existing !== undefined) return existing;
  const link: StoredLink = { id: ctx.store.nextId('link', 10000), typeId, inwardIssueId: inward.id, outwardIssueId: outward.id };
  ctx.store.links.set(link.id, link);
  const type = ctx.store.linkType(typeId);
  const now = ctx.services.now();
  const author = ctx.caller.kind === 'user' ? ctx.caller.accountId : ctx.store.scenario.site.appAccountId;
  const history = (issue: StoredIssue, other: StoredIssue, phrase: string | undefined) => {
    issue.changelog.push({ id: ctx.store.nextId('history', 10000), author, created: now, items: [item('Link', undefined, 'jira', null, null, other.key, `This issue ${phrase ?? 'relates to'} ${other.key}`)] });
    issue.updated = now;
  };
  history(outward, inward, type?.outward);
  history(inward, outward, type?.inward);
  ctx.services.emit('avi:jira:created:issuelink', outward, ctx.caller, {
    issueLink: { id: link.id, sourceIssueId: outward.id, destinationIssueId: inward.id, issueLinkType: { id: typeId, name: type?.name, inwardName: type?.inward, outwardName: type?.outward } },
  });
  return link;
}
