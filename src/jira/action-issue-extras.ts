import { route } from '@forge/api';
import { z } from 'zod';

import { ensureOk, readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

/**
 * What a filed postmortem action issue gets after its create: the way back to the postmortem (a
 * remote link) and an email to its owner. Both are POSTs, never retried automatically.
 */

const serverInfoSchema = z.object({ baseUrl: z.string() }).loose();
const projectTypeSchema = z.object({ projectTypeKey: z.string().optional() }).loose();

/**
 * The site's base URL (`https://example.atlassian.net`), for addresses outside Jira's own pages.
 * Needs no scope. @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-server-info/#api-rest-api-3-serverinfo-get
 */
export const getSiteBaseUrl = async (jira: JiraTransport): Promise<string> =>
  (await readJson(await jira.request(route`/rest/api/3/serverInfo`, { retry: 'once' }), 'GET serverInfo', serverInfoSchema)).baseUrl.replace(/\/+$/, '');

/**
 * The project's type (`software`, `business`, `service_desk`), which Jira puts in its project page URLs.
 * Scope: read:jira-work. @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get
 */
export const getProjectType = async (jira: JiraTransport, projectKey: string): Promise<string | undefined> =>
  (await readJson(await jira.request(route`/rest/api/3/project/${projectKey}`, { retry: 'once' }), 'GET project', projectTypeSchema)).projectTypeKey;

/**
 * Adds (or, with the same `globalId`, updates) a link from the issue to a page outside Jira. Jira
 * matches an existing remote link by `globalId` and updates it rather than adding another, so a
 * retry after a lost answer leaves one link. Scope: write:jira-work; the caller needs Link issues.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-post
 */
export const upsertRemoteLink = async (jira: JiraTransport, issueKey: string, link: { readonly globalId: string; readonly url: string; readonly title: string; readonly summary: string }): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/remotelink`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ globalId: link.globalId, relationship: 'postmortem', object: { url: link.url, title: link.title, summary: link.summary } }),
  });
  await ensureOk(response, 'POST remotelink');
};

/**
 * Emails named people about an issue through Jira (its mail settings and the recipients' access
 * apply). Jira refuses (400) a notification whose only recipient is the caller. Scope: write:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
 */
export const notifyPeople = async (jira: JiraTransport, issueKey: string, mail: { readonly accountIds: readonly string[]; readonly subject: string; readonly textBody: string }): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/notify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subject: mail.subject, textBody: mail.textBody, to: { users: mail.accountIds.map((accountId) => ({ accountId })) } }),
  });
  await ensureOk(response, 'POST notify');
};
