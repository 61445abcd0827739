import { route } from '@forge/api';
import { z } from 'zod';

import type { AdfDocument } from '../contract/adf';
import { ensureOk, readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const userSchema = z.object({ accountId: z.string(), displayName: z.string().default('') }).loose();

const issueBasicsSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    fields: z
      .object({
        summary: z.string().default(''),
        issuetype: z.object({ name: z.string() }).loose(),
        status: z.object({ name: z.string(), id: z.string() }).loose(),
        project: z.object({ key: z.string(), id: z.string() }).loose(),
        reporter: userSchema.nullable().optional(),
        assignee: userSchema.nullable().optional(),
      })
      .loose(),
  })
  .loose();

export interface JiraUserRef {
  readonly accountId: string;
  readonly displayName: string;
}

export interface IssueBasics {
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  readonly issueType: string;
  readonly status: string;
  readonly projectKey: string;
  readonly reporter: JiraUserRef | null;
  readonly assignee: JiraUserRef | null;
}

/**
 * The few fields the panels need, in one call. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */
export const getIssueBasics = async (jira: JiraTransport, issueKey: string): Promise<IssueBasics> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}?fields=summary,issuetype,status,project,reporter,assignee`);
  const issue = await readJson(response, 'GET issue', issueBasicsSchema);
  const toRef = (user: z.infer<typeof userSchema> | null | undefined): JiraUserRef | null =>
    user === null || user === undefined ? null : { accountId: user.accountId, displayName: user.displayName };
  return {
    id: issue.id,
    key: issue.key,
    summary: issue.fields.summary,
    issueType: issue.fields.issuetype.name,
    status: issue.fields.status.name,
    projectKey: issue.fields.project.key,
    reporter: toRef(issue.fields.reporter),
    assignee: toRef(issue.fields.assignee),
  };
};

/**
 * Assigns the issue (`null` unassigns). Scope: write:jira-work; the caller needs Assign issues.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-assignee-put
 */
export const assignIssue = async (jira: JiraTransport, issueKey: string, accountId: string | null): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/assignee`, {
    method: 'PUT',
    body: JSON.stringify({ accountId }),
    headers: { 'Content-Type': 'application/json' },
  });
  await ensureOk(response, 'PUT assignee');
};

const transitionsSchema = z.object({
  transitions: z.array(z.object({ id: z.string(), name: z.string(), to: z.object({ name: z.string() }).loose() }).loose()),
});

export interface AvailableTransition {
  readonly id: string;
  readonly name: string;
  readonly toStatus: string;
}

/** Transitions the caller may make now. @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get */
export const getTransitions = async (jira: JiraTransport, issueKey: string): Promise<AvailableTransition[]> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/transitions`);
  const body = await readJson(response, 'GET transitions', transitionsSchema);
  return body.transitions.map((transition) => ({ id: transition.id, name: transition.name, toStatus: transition.to.name }));
};

/**
 * Makes a transition. Jira runs the transition's validators and answers 400 with their messages.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
 */
export const transitionIssue = async (jira: JiraTransport, issueKey: string, transitionId: string): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/transitions`, {
    method: 'POST',
    body: JSON.stringify({ transition: { id: transitionId } }),
    headers: { 'Content-Type': 'application/json' },
  });
  await ensureOk(response, 'POST transition');
};

const createdCommentSchema = z.object({ id: z.string() }).loose();

/**
 * Adds a comment in Atlassian Document Format. Scope: write:jira-work. Never retried (POST).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
 */
export const addComment = async (jira: JiraTransport, issueKey: string, body: AdfDocument): Promise<string> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/comment`, {
    method: 'POST',
    body: JSON.stringify({ body }),
    headers: { 'Content-Type': 'application/json' },
  });
  return (await readJson(response, 'POST comment', createdCommentSchema)).id;
};

/** Removes a comment; used to undo a half-done action. */
export const deleteComment = async (jira: JiraTransport, issueKey: string, commentId: string): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/comment/${commentId}`, { method: 'DELETE' });
  await ensureOk(response, 'DELETE comment');
};

const bulkStatusSchema = z
  .object({
    issues: z.array(z.object({ key: z.string(), fields: z.object({ status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).loose().optional() }).loose() }).loose() }).loose()).default([]),
  })
  .loose();

/** Jira's limit per bulk fetch. */
const BULK_FETCH_MAX = 100;

/**
 * The status of each issue by key, read by key (not through JQL, whose index lags behind recent
 * writes), in one request per 100 keys. Jira leaves out issues that do not exist or the caller may
 * not browse, so a key missing from the map is deleted or hidden from this caller. An issue moved to
 * another project comes back under its new key and so also reads as missing. A read sent as POST,
 * retried like a GET. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post
 */
export const getIssueStatuses = async (jira: JiraTransport, issueKeys: readonly string[]): Promise<ReadonlyMap<string, { readonly status: string; readonly done: boolean }>> => {
  const statuses = new Map<string, { status: string; done: boolean }>();
  const distinct = [...new Set(issueKeys)];
  for (let offset = 0; offset < distinct.length; offset += BULK_FETCH_MAX) {
    const response = await jira.request(route`/rest/api/3/issue/bulkfetch`, {
      method: 'POST',
      body: JSON.stringify({ issueIdsOrKeys: distinct.slice(offset, offset + BULK_FETCH_MAX), fields: ['status'] }),
      headers: { 'Content-Type': 'application/json' },
      retry: 'idempotent',
    });
    for (const issue of (await readJson(response, 'POST issue/bulkfetch', bulkStatusSchema)).issues) {
      statuses.set(issue.key, { status: issue.fields.status.name, done: issue.fields.status.statusCategory?.key === 'done' });
    }
  }
  return statuses;
};
