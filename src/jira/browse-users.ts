import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const usersSchema = z.array(z.object({ accountId: z.string(), displayName: z.string().optional(), accountType: z.string().optional(), active: z.boolean().optional() }).loose());

type User = z.infer<typeof usersSchema>[number];

/** Active people only: apps (Firebreak itself among them) review nothing. */
const isPerson = (user: User): boolean => user.active !== false && (user.accountType ?? 'atlassian') === 'atlassian';

/**
 * "Find users with browse permission": people who can see the issue whose name or email starts with
 * `query`, at most `limit`, as the user sees them (active people only, no apps). Scope: read:jira-user.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-viewissue-search-get
 */
export const searchPeopleWhoCanSee = async (jira: JiraTransport, issueKey: string, query: string, limit: number): Promise<Array<{ accountId: string; displayName: string }>> => {
  const params = new URLSearchParams({ issueKey, query, maxResults: String(limit) });
  const users = await readJson(await jira.request(route`/rest/api/3/user/viewissue/search?${params}`), 'GET user/viewissue/search', usersSchema);
  return users
    .filter((user) => isPerson(user) && user.displayName !== undefined && user.displayName !== '')
    .map((user) => ({ accountId: user.accountId, displayName: user.displayName ?? '' }))
    .slice(0, limit);
};

/**
 * Whether the account is a person who can see the issue: Jira answers the account only if it has
 * Browse projects there. Asked as the user, so an issue they cannot see reads as not found.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-viewissue-search-get
 */
export const canSeeIssue = async (jira: JiraTransport, issueKey: string, accountId: string): Promise<boolean> => {
  const params = new URLSearchParams({ issueKey, accountId, maxResults: '1' });
  const users = await readJson(await jira.request(route`/rest/api/3/user/viewissue/search?${params}`), 'GET user/viewissue/search', usersSchema);
  return users.some((user) => user.accountId === accountId && isPerson(user));
};
