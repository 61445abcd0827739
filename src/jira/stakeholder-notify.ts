import { route } from '@forge/api';
import { z } from 'zod';

import { ensureOk, readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

/**
 * Stakeholder updates (issue 16, part: updates): Jira's own email to an incident's audience, and
 * its watcher list, which people join and leave themselves ("Follow updates").
 */

export interface UpdateMail {
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody: string;
  /** Jira groups, by name. */
  readonly groups: readonly string[];
  /** People named one by one (a project role's holders). */
  readonly accountIds: readonly string[];
  /** Only when the issue has an assignee: Jira refuses (400) the assignee of an unassigned issue. */
  readonly assignee: boolean;
}

/**
 * Emails the audience through Jira: reporter, watchers, the assignee when there is one, groups by
 * name and people by account id. Jira leaves out whoever cannot see the issue and the sender, and
 * answers 400 for an invalid recipient (an unknown group, say), 403 when the site sends no email,
 * 404 when the sender cannot see the issue. A POST that writes: never replayed automatically, so a
 * rate limit (429) reaches the caller, which records it and lets the person retry the same action.
 * Scope: write:jira-work (granular send:notification:jira).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
 */
export const notifyAudience = async (jira: JiraTransport, issueKey: string, mail: UpdateMail): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/notify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      subject: mail.subject,
      textBody: mail.textBody,
      htmlBody: mail.htmlBody,
      to: {
        reporter: true,
        watchers: true,
        assignee: mail.assignee,
        ...(mail.groups.length === 0 ? {} : { groups: mail.groups.map((name) => ({ name })) }),
        ...(mail.accountIds.length === 0 ? {} : { users: mail.accountIds.map((accountId) => ({ accountId })) }),
      },
    }),
  });
  await ensureOk(response, 'POST notify');
};

const watchersSchema = z.object({ isWatching: z.boolean() }).loose();

/**
 * Whether the caller watches the issue. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-get
 */
export const isWatchingIssue = async (jira: JiraTransport, issueKey: string): Promise<boolean> =>
  (await readJson(await jira.request(route`/rest/api/3/issue/${issueKey}/watchers`), 'GET watchers', watchersSchema)).isWatching;

/**
 * Makes the caller a watcher (no body: the caller themself, which needs only Browse projects).
 * Adding a watcher twice leaves one, so a retry is harmless. Scope: write:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-post
 */
export const watchIssue = async (jira: JiraTransport, issueKey: string): Promise<void> => {
  await ensureOk(await jira.request(route`/rest/api/3/issue/${issueKey}/watchers`, { method: 'POST', retry: 'idempotent' }), 'POST watchers');
};

/**
 * Stops the caller watching (their own account id). Scope: write:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-delete
 */
export const unwatchIssue = async (jira: JiraTransport, issueKey: string, accountId: string): Promise<void> => {
  await ensureOk(await jira.request(route`/rest/api/3/issue/${issueKey}/watchers?accountId=${accountId}`, { method: 'DELETE' }), 'DELETE watchers');
};
