import { route } from '@forge/api';
import { z } from 'zod';

import type { AdfDocument } from '../contract/adf';
import { refusedOptionalFields } from './jira-error';
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

const recentCommentsSchema = z
  .object({ comments: z.array(z.object({ id: z.string(), created: z.string(), author: z.object({ accountId: z.string() }).loose().optional(), body: z.unknown() }).loose()) })
  .loose();

export interface PostedComment {
  readonly id: string;
  readonly created: string;
  readonly authorId: string | null;
  readonly body: unknown;
}

/**
 * The issue's newest comments (up to 50), read by key: how a retried action finds out whether its
 * comment was already posted by an attempt whose answer was lost. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
 */
export const listRecentComments = async (jira: JiraTransport, issueKey: string): Promise<PostedComment[]> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/comment?orderBy=-created&maxResults=50`);
  return (await readJson(response, 'GET comments', recentCommentsSchema)).comments.map((comment) => ({ id: comment.id, created: comment.created, authorId: comment.author?.accountId ?? null, body: comment.body }));
};

/** Removes a comment; used to undo a half-done action. */
export const deleteComment = async (jira: JiraTransport, issueKey: string, commentId: string): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/comment/${commentId}`, { method: 'DELETE' });
  await ensureOk(response, 'DELETE comment');
};

const bulkFetchSchema = z
  .object({
    issues: z.array(z.object({ id: z.string(), key: z.string(), fields: z.record(z.string(), z.unknown()).default({}), properties: z.record(z.string(), z.unknown()).optional() }).loose()).default([]),
  })
  .loose();
export type FetchedIssue = z.infer<typeof bulkFetchSchema>['issues'][number];

/** Jira's limit per bulk fetch. */
const BULK_FETCH_MAX = 100;

/**
 * Issues by key, as they are now, with the named fields and entity properties (at most 5): one
 * request per 100 keys. Unlike JQL search, whose index lags behind writes, this reads the issues
 * themselves, so it sees a change made a moment ago. Issues that do not exist or that the caller may
 * not browse are left out of Jira's answer. A read sent as POST, retried like a GET.
 * Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post
 */
export const bulkFetchIssues = async (jira: JiraTransport, issueKeys: readonly string[], fields: readonly string[], properties: readonly string[] = []): Promise<FetchedIssue[]> => {
  const distinct = [...new Set(issueKeys)];
  const issues: FetchedIssue[] = [];
  for (let offset = 0; offset < distinct.length; offset += BULK_FETCH_MAX) {
    const response = await jira.request(route`/rest/api/3/issue/bulkfetch`, {
      method: 'POST',
      body: JSON.stringify({ issueIdsOrKeys: distinct.slice(offset, offset + BULK_FETCH_MAX), fields, ...(properties.length === 0 ? {} : { properties }) }),
      headers: { 'Content-Type': 'application/json' },
      retry: 'idempotent',
    });
    issues.push(...(await readJson(response, 'POST issue/bulkfetch', bulkFetchSchema)).issues);
  }
  return issues;
};

const statusFieldSchema = z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).loose().optional() }).loose();

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
  for (const issue of await bulkFetchIssues(jira, issueKeys, ['status'])) {
    const status = statusFieldSchema.safeParse(issue.fields['status']);
    if (status.success) statuses.set(issue.key, { status: status.data.name, done: status.data.statusCategory?.key === 'done' });
  }
  return statuses;
};

/** Fields a create may leave out when Jira refuses them; the summary, project and type are never dropped. */
export type OptionalIssueField = 'description' | 'labels' | 'duedate' | 'assignee' | 'priority' | 'security';

export interface IssueToCreate {
  readonly projectKey: string;
  readonly issueType: string;
  /** intake (issue 17): the project and issue type by id, as an alert source names them; they win over key and name. */
  readonly projectId?: string;
  readonly issueTypeId?: string;
  readonly summary: string;
  /** Entity properties set in the same request (not fields: no screen can refuse them). */
  readonly properties?: ReadonlyArray<{ readonly key: string; readonly value: unknown }>;
  readonly optional: {
    readonly description?: AdfDocument;
    readonly labels?: readonly string[];
    /** `YYYY-MM-DD` */
    readonly duedate?: string;
    readonly assignee?: string;
    /** format part (issue 15): a Jira priority by id. */
    readonly priority?: string;
    /** intake (issue 17): an issue security level by id. */
    readonly security?: string;
  };
}

/** A field Jira would not set, with Jira's own words; `notOnScreen` when the create or edit screen lacks it. */
export interface RefusedField<F extends string = string> {
  readonly field: F;
  readonly notOnScreen: boolean;
  readonly message: string;
}

const toRefused = <F extends string>(refusals: Readonly<Record<string, string>>): Array<RefusedField<F>> =>
  Object.entries(refusals).map(([field, message]) => ({ field: field as F, message, notOnScreen: /not on the appropriate screen/i.test(message) }));

const createdIssueSchema = z.object({ id: z.string(), key: z.string() }).loose();

/**
 * Creates an issue with whatever optional fields Jira accepts. Screens decide what a create may set:
 * a field missing from the project's create screen (Labels, Due date…) is refused with a 400 keyed by
 * its id, and so is a value Jira will not take (an owner who is not assignable there). Such fields
 * are dropped and the create is sent again without them, at most once per field; the refusals are
 * returned so the person can be told. This is not a blind replay of a POST: Jira validates the whole
 * request before it creates anything, so a 400 created nothing, and a 429 or 5xx is never re-sent.
 * Asking `createmeta` first would cost two requests on every create and still miss refused values.
 * Scope: write:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
 */
export const createIssue = async (jira: JiraTransport, issue: IssueToCreate): Promise<{ readonly id: string; readonly key: string; readonly refused: ReadonlyArray<RefusedField<OptionalIssueField>> }> => {
  const optional = new Map<OptionalIssueField, unknown>([
    ...(issue.optional.description === undefined ? [] : [['description', issue.optional.description] as const]),
    ...(issue.optional.labels === undefined || issue.optional.labels.length === 0 ? [] : [['labels', issue.optional.labels] as const]),
    ...(issue.optional.duedate === undefined ? [] : [['duedate', issue.optional.duedate] as const]),
    ...(issue.optional.assignee === undefined ? [] : [['assignee', { accountId: issue.optional.assignee }] as const]),
    ...(issue.optional.priority === undefined ? [] : [['priority', { id: issue.optional.priority }] as const]),
    ...(issue.optional.security === undefined ? [] : [['security', { id: issue.optional.security }] as const]),
  ]);
  const refused: Array<RefusedField<OptionalIssueField>> = [];
  for (;;) {
    const response = await jira.request(route`/rest/api/3/issue`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        fields: {
          project: issue.projectId === undefined ? { key: issue.projectKey } : { id: issue.projectId },
          issuetype: issue.issueTypeId === undefined ? { name: issue.issueType } : { id: issue.issueTypeId },
          summary: issue.summary,
          ...Object.fromEntries(optional),
        },
        ...(issue.properties === undefined ? {} : { properties: issue.properties }),
      }),
    });
    try {
      const created = await readJson(response, 'POST issue', createdIssueSchema);
      return { id: created.id, key: created.key, refused };
    } catch (error) {
      const refusals = refusedOptionalFields(error, [...optional.keys()]);
      if (refusals === null) throw error;
      for (const field of toRefused<OptionalIssueField>(refusals)) {
        refused.push(field);
        optional.delete(field.field);
      }
    }
  }
};

const issueLinksSchema = z
  .object({
    fields: z
      .object({ issuelinks: z.array(z.object({ inwardIssue: z.object({ key: z.string() }).loose().optional(), outwardIssue: z.object({ key: z.string() }).loose().optional() }).loose()).default([]) })
      .loose(),
  })
  .loose();

/**
 * The keys of the issues linked to an issue, read by key (so a link made a moment ago is there),
 * for checking whether a link whose answer was lost exists before making it again.
 * Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */
export const getLinkedIssueKeys = async (jira: JiraTransport, issueKey: string): Promise<ReadonlySet<string>> => {
  const issue = await readJson(await jira.request(route`/rest/api/3/issue/${issueKey}?fields=issuelinks`), 'GET issue', issueLinksSchema);
  return new Set(issue.fields.issuelinks.flatMap((link) => [link.inwardIssue?.key, link.outwardIssue?.key].filter((key): key is string => key !== undefined)));
};

/**
 * Links two issues with a link type by name ("Relates"). Linking is its own request rather than
 * `update.issuelinks` in the create, which Jira refuses when the create screen has no Linked issues
 * field. Scope: write:jira-work; the caller needs Link issues. POST: never retried automatically.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-post
 */
export const linkIssues = async (jira: JiraTransport, link: { readonly type: string; readonly inwardIssue: string; readonly outwardIssue: string }): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issueLink`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: { name: link.type }, inwardIssue: { key: link.inwardIssue }, outwardIssue: { key: link.outwardIssue } }),
  });
  await ensureOk(response, 'POST issueLink');
};

const prioritiesSchema = z.array(z.object({ id: z.string(), name: z.string() }).loose());

/**
 * format part (issue 15): Jira's issue priorities, in Jira's order (most urgent first on a default
 * site), for a remediation item's priority. `GET /priority` is the read that needs only
 * read:jira-work; `priority/search` would need manage:jira-configuration, an admin's scope. Whether
 * the create screen takes a priority is learnt from the create itself (see `createIssue`).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-get
 */
export const getPriorities = async (jira: JiraTransport): Promise<ReadonlyArray<{ readonly id: string; readonly name: string }>> =>
  (await readJson(await jira.request(route`/rest/api/3/priority`), 'GET priority', prioritiesSchema)).map(({ id, name }) => ({ id, name }));
