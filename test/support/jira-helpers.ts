import type { Sandbox } from '../../sandbox/sandbox';
import { adfToText } from '../../src/contract/adf';

/** Calls the Jira emulator directly (as a user or the app) and parses the answer. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body shape it expects
export const jiraCall = async <T = unknown>(
  sandbox: Sandbox,
  /** An account id, or `app`. */
  as: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> => {
  const answer = await sandbox.jira.handle(as === 'app' ? { kind: 'app' } : { kind: 'user', accountId: as }, {
    method,
    path,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: answer.status, body: (answer.body === '' ? undefined : JSON.parse(answer.body)) as T };
};

/** Files an issue as a user, the way Jira's Create dialog does. */
export const createIssue = async (sandbox: Sandbox, reporter: string, fields: { project: string; type: string; summary: string }): Promise<string> => {
  const created = await jiraCall<{ key: string }>(sandbox, reporter, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: fields.project }, issuetype: { name: fields.type }, summary: fields.summary },
  });
  if (created.status !== 201) throw new Error(`Could not create the issue: ${JSON.stringify(created.body)}`);
  return created.body.key;
};

/** Moves the issue into Done through the first transition its workflow offers there, as `as` would in Jira. */
export const resolveIssue = async (sandbox: Sandbox, as: string, issueKey: string): Promise<void> => {
  const { body } = await jiraCall<{ transitions: Array<{ id: string; to: { statusCategory: { key: string } } }> }>(sandbox, as, 'GET', `/rest/api/3/issue/${issueKey}/transitions`);
  const done = body.transitions.find((transition) => transition.to.statusCategory.key === 'done');
  if (done === undefined) throw new Error(`${issueKey} has no transition into Done for ${as}`);
  const moved = await jiraCall(sandbox, as, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: done.id } });
  if (moved.status !== 204) throw new Error(`Jira refused to resolve ${issueKey}: HTTP ${moved.status} ${JSON.stringify(moved.body)}`);
};

export interface IssueSnapshot {
  readonly status: string;
  readonly assignee: string | null;
  readonly comments: string[];
}

/** What a person sees on the issue: status, assignee and comment texts. */
export const issueSnapshot = async (sandbox: Sandbox, issueKey: string): Promise<IssueSnapshot> => {
  const issue = await jiraCall<{ fields: { status: { name: string }; assignee: { accountId: string } | null; comment: { comments: Array<{ body: unknown }> } } }>(
    sandbox,
    'app',
    'GET',
    `/rest/api/3/issue/${issueKey}?fields=status,assignee,comment`,
  );
  return {
    status: issue.body.fields.status.name,
    assignee: issue.body.fields.assignee?.accountId ?? null,
    comments: issue.body.fields.comment.comments.map((comment) => adfToText(comment.body).replace(/\s+/g, ' ').trim()),
  };
};

/** Issue keys a JQL search finds, as the app. */
export const searchKeys = async (sandbox: Sandbox, jql: string): Promise<string[]> => {
  const found = await jiraCall<{ issues: Array<{ key: string }>; errorMessages?: string[] }>(sandbox, 'app', 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 100 });
  if (found.status !== 200) throw new Error(`JQL failed: ${JSON.stringify(found.body)}`);
  return found.body.issues.map((issue) => issue.key);
};
