import { randomUUID } from 'node:crypto';

import { getAppContext } from '@forge/api';

import { adf } from '../../contract/adf';
import { type AppPageIds, FIVE_QUESTIONS, type Postmortem, type PostmortemView } from '../../contract/postmortem.contract';
import { fail, ok, type ResolverResult } from '../../contract/result';
import { describeFiledActionIssue } from '../../domain/postmortem/action-issue';
import { blameHintsFor, changeStatus, overdueActions, publishBlockers, toMarkdown } from '../../domain/postmortem/postmortem';
import { buildTimeline, mergeTimeline } from '../../domain/postmortem/timeline';
import { getIncidentHistory } from '../../jira/incident-history';
import { createIssue, getIssueStatuses, linkIssues } from '../../jira/issues';
import { getMyIssuePermissions } from '../../jira/permissions';
import { isJiraError } from '../../jira/jira-error';
import { searchAll } from '../../jira/search';
import { getDisplayNames } from '../../jira/users';
import { readEffectivePolicy } from '../../storage/policy.store';
import { readProjectConfig } from '../../storage/project-config.store';
import { KVS_VALUE_MAX_BYTES, listPostmortems, postmortemIdForIncident, readPostmortem, storedBytes, writePostmortem } from '../../storage/postmortem.store';
import { reporterSeverityOf } from '../../domain/report/report';
import { loadIssueReportContext } from './report-context';
import { defineResolver, type HandlerContext } from './resolver-definition';

const IMPROVEMENT_LABEL = 'postmortem-action';

/**
 * A postmortem is as visible as its incidents: reading needs Browse on every linked incident,
 * editing needs Edit on every one, checked as the user. KVS is the app's storage, so this check is
 * the only thing between a user and a postmortem about issues they may not see.
 */
const mayAccess = async (handler: HandlerContext, postmortem: Postmortem, permission: 'BROWSE_PROJECTS' | 'EDIT_ISSUES'): Promise<boolean> => {
  for (const issueKey of postmortem.incidents) {
    try {
      const granted = await getMyIssuePermissions(handler.jira.asUser, issueKey, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
      if (!granted.has(permission)) return false;
    } catch (error) {
      if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) return false;
      throw error;
    }
  }
  return true;
};

const refused = (id: string) => fail('FORBIDDEN', `You don't have access to postmortem ${id}, or it doesn't exist. It is visible to people who can see all of its incidents.`);

const loadFor = async (handler: HandlerContext, id: string, permission: 'BROWSE_PROJECTS' | 'EDIT_ISSUES'): Promise<Postmortem | ResolverResult<never>> => {
  const postmortem = await readPostmortem(id);
  if (postmortem === null || !(await mayAccess(handler, postmortem, permission))) return refused(id);
  return postmortem;
};

/**
 * Owners' display names for a list, in one bulk lookup as the user. A name is only a label: when Jira
 * cannot answer, the list still loads and shows the account id instead.
 */
const ownerNamesFor = async (handler: HandlerContext, postmortems: readonly Postmortem[]): Promise<ReadonlyMap<string, string>> => {
  if (postmortems.length === 0) return new Map();
  try {
    return await getDisplayNames(handler.jira.asUser, postmortems.map((postmortem) => postmortem.owner));
  } catch (error) {
    if (isJiraError(error)) return new Map();
    throw error;
  }
};

const isResult = (value: Postmortem | ResolverResult<never>): value is ResolverResult<never> => 'ok' in value;

const buildView = async (handler: HandlerContext, postmortem: Postmortem): Promise<PostmortemView> => {
  const canEdit = await mayAccess(handler, postmortem, 'EDIT_ISSUES');
  const actionKeys = postmortem.actions.flatMap((action) => (action.issueKey === null ? [] : [action.issueKey]));
  // Read by key, not by JQL: an issue filed a moment ago may not be in the search index yet.
  const found = actionKeys.length === 0 ? new Map<string, { status: string; done: boolean }>() : await getIssueStatuses(handler.jira.asUser, actionKeys);
  const actionIssues = Object.fromEntries(actionKeys.map((key) => [key, { status: '', done: false, ...found.get(key), missing: !found.has(key) }]));
  const done = new Set(Object.entries(actionIssues).flatMap(([key, value]) => (value.done ? [key] : [])));
  const names: Record<string, string> = {};
  for (const issueKey of postmortem.incidents.slice(0, 3)) Object.assign(names, (await getIncidentHistory(handler.jira.asUser, issueKey)).names);
  return {
    postmortem,
    canEdit,
    blameHints: blameHintsFor(postmortem),
    publishBlockers: publishBlockers(postmortem),
    actionIssues,
    overdueActionIds: overdueActions(postmortem, handler.now().toISOString().slice(0, 10), done).map((action) => action.id),
    names,
    markdown: toMarkdown(postmortem, names),
    notice: null,
  };
};

/** Writes a changed postmortem after the revision check and the KVS size check; `null` when written. */
const persist = async (before: Postmortem, after: Postmortem, baseRevision: number): Promise<ResolverResult<never> | null> => {
  const current = await readPostmortem(before.id);
  if (current !== null && current.revision !== baseRevision) {
    return fail('CONFLICT', 'Someone else saved this postmortem while you were editing. Their version is shown; copy your text if you need it.');
  }
  const bytes = storedBytes(after);
  if (bytes > KVS_VALUE_MAX_BYTES) {
    return fail('TOO_LARGE', `This postmortem would take ${Math.ceil(bytes / 1024).toLocaleString('en-US')} KiB and Forge stores at most 240 KiB per postmortem. Shorten the longest texts or link to documents instead.`);
  }
  await writePostmortem(after, current?.incidents ?? []);
  return null;
};

/** Stores a changed postmortem and answers with its view. */
const store = async (handler: HandlerContext, before: Postmortem, after: Postmortem, baseRevision: number): Promise<ResolverResult<PostmortemView>> =>
  (await persist(before, after, baseRevision)) ?? ok(await buildView(handler, after));

const stamp = (postmortem: Postmortem, handler: HandlerContext): Postmortem => ({
  ...postmortem,
  revision: postmortem.revision + 1,
  updatedAt: handler.now().toISOString(),
  updatedBy: handler.access.accountId,
});

export const listPostmortemsResolver = defineResolver({
  key: 'postmortem/list',
  access: { kind: 'project', permission: 'BROWSE_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey }),
  async handle({ projectKey }, handler) {
    const all = await listPostmortems(projectKey);
    const visible: Postmortem[] = [];
    for (const postmortem of all) if (await mayAccess(handler, postmortem, 'BROWSE_PROJECTS')) visible.push(postmortem);
    const { policy } = await readEffectivePolicy(projectKey);
    const top = policy.levels.slice(0, 2).map((level) => `"${level.id}"`);
    const covered = new Set(visible.flatMap((postmortem) => postmortem.incidents));
    const candidates = top.length === 0 ? [] : await searchAll(handler.jira.asUser, `project = ${projectKey} AND decidedSeverity IN (${top.join(', ')}) ORDER BY created DESC`, ['summary'], ['firebreak-report'], 200);
    const today = handler.now().toISOString().slice(0, 10);
    const ownerNames = await ownerNamesFor(handler, visible);
    return ok({
      postmortems: visible
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .map((postmortem) => ({
          id: postmortem.id,
          title: postmortem.title,
          status: postmortem.status,
          severity: postmortem.severity,
          incidents: postmortem.incidents,
          owner: postmortem.owner,
          ownerName: ownerNames.get(postmortem.owner) ?? postmortem.owner,
          createdAt: postmortem.createdAt,
          updatedAt: postmortem.updatedAt,
          publishedAt: postmortem.publishedAt,
          overdueActions: overdueActions(postmortem, today, new Set()).length,
        })),
      missing: candidates
        .filter((issue) => !covered.has(issue.key))
        .map((issue) => ({
          key: issue.key,
          summary: typeof issue.fields['summary'] === 'string' ? issue.fields['summary'] : '',
          severity: ((issue.properties?.['firebreak-report'] ?? {}) as { search?: { decidedSeverity?: string } }).search?.decidedSeverity ?? '',
        })),
    });
  },
});

/**
 * This app's and environment's ids, which Jira puts in the URLs of the app's pages.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/app-context-api/
 */
const appPageIds = (): AppPageIds => {
  const { appAri, environmentAri } = getAppContext();
  return { appId: appAri.appId, environmentId: environmentAri.environmentId };
};

export const postmortemForIssue = defineResolver({
  key: 'postmortem/forIssue',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, handler) {
    const id = await postmortemIdForIncident(issueKey);
    const postmortem = id === null ? null : await readPostmortem(id);
    const visible = postmortem !== null && (await mayAccess(handler, postmortem, 'BROWSE_PROJECTS'));
    return ok({
      postmortem: visible ? { id: postmortem.id, title: postmortem.title, status: postmortem.status } : null,
      canStart: handler.access.granted.has('EDIT_ISSUES'),
      appPage: appPageIds(),
    });
  },
});

/** Starts one from an incident (or opens the one it already has): timeline from its own history. */
export const startPostmortem = defineResolver({
  key: 'postmortem/start',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, handler) {
    const existing = await postmortemIdForIncident(issueKey);
    if (existing !== null) {
      const postmortem = await loadFor(handler, existing, 'BROWSE_PROJECTS');
      return isResult(postmortem) ? postmortem : ok(await buildView(handler, postmortem));
    }
    const { history, summary } = await getIncidentHistory(handler.jira.asUser, issueKey);
    const report = await loadIssueReportContext(handler, issueKey);
    const now = handler.now().toISOString();
    const postmortem: Postmortem = {
      schemaVersion: 1,
      id: `pm-${issueKey.toLowerCase()}-${randomUUID().slice(0, 8)}`,
      projectKey: report.issue.projectKey,
      title: `Postmortem: ${summary}`.slice(0, 255),
      status: 'draft',
      severity: report.report?.search.decidedSeverity ?? reporterSeverityOf(report.report) ?? null,
      owner: handler.access.accountId,
      incidents: [issueKey],
      artifacts: [],
      summary: '',
      customerImpact: '',
      impact: { started: null, detected: history.created, mitigated: null, resolved: null, timeZone: 'UTC', usersAffected: report.report?.fields.affectedUsers ?? null },
      timeline: buildTimeline([history]),
      answers: {},
      actions: [],
      remediation: [],
      revision: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: handler.access.accountId,
      publishedAt: null,
    };
    await writePostmortem(postmortem, []);
    return ok(await buildView(handler, postmortem));
  },
});

export const getPostmortem = defineResolver({
  key: 'postmortem/get',
  access: { kind: 'authenticated' },
  examplePayload: () => ({ id: 'pm-shop-1-abcdef12' }),
  async handle({ id }, handler) {
    const postmortem = await loadFor(handler, id, 'BROWSE_PROJECTS');
    return isResult(postmortem) ? postmortem : ok(await buildView(handler, postmortem));
  },
});

export const savePostmortem = defineResolver({
  key: 'postmortem/save',
  access: { kind: 'authenticated' },
  examplePayload: () => ({
    id: 'pm-shop-1-abcdef12',
    edit: {
      title: 'Forged',
      severity: null,
      owner: 'acc-forged',
      incidents: ['SHOP-1'],
      artifacts: [],
      summary: '',
      customerImpact: '',
      impact: { started: null, detected: null, mitigated: null, resolved: null, timeZone: 'UTC', usersAffected: null },
      timeline: [],
      answers: {},
      actions: [],
      remediation: [],
    },
    baseRevision: 1,
  }),
  async handle({ id, edit, baseRevision }, handler) {
    const postmortem = await loadFor(handler, id, 'EDIT_ISSUES');
    if (isResult(postmortem)) return postmortem;
    const next: Postmortem = stamp({ ...postmortem, ...edit }, handler);
    // Linking more incidents needs the same rights on them as on the first.
    if (!(await mayAccess(handler, next, 'EDIT_ISSUES'))) return fail('FORBIDDEN', 'You need Edit issues on every incident you link to this postmortem.');
    return store(handler, postmortem, next, baseRevision);
  },
});

export const setPostmortemStatus = defineResolver({
  key: 'postmortem/setStatus',
  access: { kind: 'authenticated' },
  examplePayload: () => ({ id: 'pm-shop-1-abcdef12', to: 'published', baseRevision: 1 }),
  async handle({ id, to, baseRevision }, handler) {
    const postmortem = await loadFor(handler, id, 'EDIT_ISSUES');
    if (isResult(postmortem)) return postmortem;
    const change = changeStatus(postmortem, to, { accountId: handler.access.accountId, now: handler.now().toISOString() });
    if (!change.ok) return fail('INVALID_INPUT', `Not yet: ${change.reasons.join(' ')}`);
    return store(handler, postmortem, change.postmortem, baseRevision);
  },
});

export const refreshPostmortemTimeline = defineResolver({
  key: 'postmortem/refreshTimeline',
  access: { kind: 'authenticated' },
  examplePayload: () => ({ id: 'pm-shop-1-abcdef12', baseRevision: 1 }),
  async handle({ id, baseRevision }, handler) {
    const postmortem = await loadFor(handler, id, 'EDIT_ISSUES');
    if (isResult(postmortem)) return postmortem;
    const histories = [];
    for (const issueKey of postmortem.incidents) histories.push((await getIncidentHistory(handler.jira.asUser, issueKey)).history);
    return store(handler, postmortem, stamp({ ...postmortem, timeline: mergeTimeline(postmortem.timeline, buildTimeline(histories)) }, handler), baseRevision);
  },
});

/** Links the new improvement issue to the incident; a failure is reported, not thrown: the issue already exists. */
const linkToIncident = async (handler: HandlerContext, issueKey: string, incident: string): Promise<{ incident: string; reason: string } | null> => {
  try {
    await linkIssues(handler.jira.asUser, { type: 'Relates', inwardIssue: incident, outwardIssue: issueKey });
    return null;
  } catch (error) {
    if (!isJiraError(error)) throw error;
    return { incident, reason: `HTTP ${String(error.status)}${error.jiraMessages.length === 0 ? '' : `: ${error.jiraMessages.join(' ')}`}` };
  }
};

/**
 * Turns an action item into an improvement issue in the backlog the project configured (project,
 * issue type, label; default: this project, Task, `postmortem-action`), linked to the first incident,
 * as the user, in three steps: create with what the create screen allows (a refused label, due date,
 * owner or description is left out and said, never a failed action); save the new key at once, so a
 * second "Create" can never file a second issue; then link it with its own request. If the link
 * fails, the issue and the key stay and the person is told to link it by hand.
 */
export const createActionIssue = defineResolver({
  key: 'postmortem/createActionIssue',
  access: { kind: 'authenticated' },
  examplePayload: () => ({ id: 'pm-shop-1-abcdef12', actionId: 'a1', baseRevision: 1 }),
  async handle({ id, actionId, baseRevision }, handler) {
    const postmortem = await loadFor(handler, id, 'EDIT_ISSUES');
    if (isResult(postmortem)) return postmortem;
    if (postmortem.revision !== baseRevision) return fail('CONFLICT', 'Someone else saved this postmortem meanwhile. Reload it, then create the issue.');
    const action = postmortem.actions.find((candidate) => candidate.id === actionId);
    if (action === undefined) return fail('NOT_FOUND', 'That action item is not in the saved postmortem. Save the postmortem first.');
    // A linked issue that Jira no longer returns (deleted) may be filed again; a live one may not.
    if (action.issueKey !== null && (await getIssueStatuses(handler.jira.asUser, [action.issueKey])).has(action.issueKey)) {
      return fail('INVALID_INPUT', `This action already has its issue, ${action.issueKey}.`);
    }
    const question = FIVE_QUESTIONS.find((candidate) => candidate.id === action.question)?.label ?? action.question;
    const incident = postmortem.incidents[0] ?? '';
    const backlog = (await readProjectConfig(postmortem.projectKey))?.config.improvements ?? { projectKey: postmortem.projectKey, issueType: 'Task', label: IMPROVEMENT_LABEL };
    const created = await createIssue(handler.jira.asUser, {
      projectKey: backlog.projectKey,
      issueType: backlog.issueType,
      summary: action.title,
      optional: {
        description: adf.doc(adf.paragraph(adf.text(`Action item from the postmortem “${postmortem.title}” (${question})${action.dueDate === null ? '' : `, due ${action.dueDate}`}.`))),
        labels: [backlog.label],
        ...(action.dueDate === null ? {} : { duedate: action.dueDate }),
        ...(action.owner === null ? {} : { assignee: action.owner }),
      },
    });
    const next = stamp({ ...postmortem, actions: postmortem.actions.map((candidate) => (candidate.id === actionId ? { ...candidate, issueKey: created.key } : candidate)) }, handler);
    const refusedSave = await persist(postmortem, next, baseRevision);
    if (refusedSave !== null) return refusedSave;
    const linkFailure = await linkToIncident(handler, created.key, incident);
    const view = await buildView(handler, next);
    const notice = describeFiledActionIssue({
      issueKey: created.key,
      projectKey: backlog.projectKey,
      issueType: backlog.issueType,
      refused: created.refused,
      asked: { label: backlog.label, dueDate: action.dueDate, owner: action.owner === null ? null : (view.names[action.owner] ?? action.owner) },
      linkFailure,
    });
    return ok({ ...view, notice });
  },
});
