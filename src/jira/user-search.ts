import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const assignableUsersSchema = z.array(z.object({ accountId: z.string(), displayName: z.string().optional(), accountType: z.string().optional(), active: z.boolean().optional() }).loose());

/**
 * People who may be assigned issues in the project whose name or email starts with `query`, as the
 * user sees them (active people only, no apps), at most `limit`. Scope: read:jira-user.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-assignable-search-get
 */
export const searchAssignablePeople = async (jira: JiraTransport, projectKey: string, query: string, limit: number): Promise<Array<{ accountId: string; displayName: string }>> => {
  const params = new URLSearchParams({ project: projectKey, query, maxResults: String(limit) });
  const users = await readJson(await jira.request(route`/rest/api/3/user/assignable/search?${params}`), 'GET user/assignable/search', assignableUsersSchema);
  return users
    .filter((user) => user.active !== false && (user.accountType ?? 'atlassian') === 'atlassian' && user.displayName !== undefined && user.displayName !== '')
    .map((user) => ({ accountId: user.accountId, displayName: user.displayName ?? '' }))
    .slice(0, limit);
};

/**
 * part: updates (issue 16): people on the site whose name or email matches `query`, as the user sees
 * them (Jira answers only to holders of Browse users and groups; active people only, no apps), at
 * most `limit`: the site policy's escalation contact, who is not tied to one project.
 * Scope: read:jira-user.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get
 */
export const searchSitePeople = async (jira: JiraTransport, query: string, limit: number): Promise<Array<{ accountId: string; displayName: string }>> => {
  const params = new URLSearchParams({ query, maxResults: String(limit * 2) });
  const users = await readJson(await jira.request(route`/rest/api/3/user/search?${params}`), 'GET user/search', assignableUsersSchema);
  return users
    .filter((user) => user.active !== false && (user.accountType ?? 'atlassian') === 'atlassian' && user.displayName !== undefined && user.displayName !== '')
    .map((user) => ({ accountId: user.accountId, displayName: user.displayName ?? '' }))
    .slice(0, limit);
};
