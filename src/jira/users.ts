import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const userPageSchema = z
  .object({
    values: z.array(z.object({ accountId: z.string(), displayName: z.string().optional() }).loose()),
    isLast: z.boolean().optional(),
  })
  .loose();

/**
 * Account ids per request. They travel as repeated query parameters, so the URL grows with every id;
 * Jira's reference names no ceiling, 200 is what Atlassian documents for Confluence's equivalent.
 */
const ACCOUNT_IDS_PER_REQUEST = 200;

/**
 * Display names by account id, as Jira shows them to whoever makes the request: call it with the
 * user's transport, so Jira's privacy controls apply to that person. One request per 200
 * distinct ids; `maxResults` is set to the batch size because Jira's default page is only 10 users,
 * and later pages are followed in case Jira pages below what was asked. Accounts Jira does not know
 * are left out of its answer, so they are missing from the map: callers choose what to show instead.
 * A name is only a label, so each request is tried once: a 429 or 500 fails fast and the caller shows
 * its fallback at once instead of holding the page through seconds of backoff.
 * Scope: read:jira-user.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-bulk-get
 */
export const getDisplayNames = async (jira: JiraTransport, accountIds: readonly string[]): Promise<ReadonlyMap<string, string>> => {
  const distinct = [...new Set(accountIds)];
  const names = new Map<string, string>();
  for (let offset = 0; offset < distinct.length; offset += ACCOUNT_IDS_PER_REQUEST) {
    const batch = distinct.slice(offset, offset + ACCOUNT_IDS_PER_REQUEST);
    let startAt = 0;
    for (;;) {
      const query = new URLSearchParams({ startAt: String(startAt), maxResults: String(batch.length) });
      for (const accountId of batch) query.append('accountId', accountId);
      const page = await readJson(await jira.request(route`/rest/api/3/user/bulk?${query}`, { retry: 'once' }), 'GET user/bulk', userPageSchema);
      for (const user of page.values) if (user.displayName !== undefined && user.displayName !== '') names.set(user.accountId, user.displayName);
      startAt += page.values.length;
      if (page.isLast !== false || page.values.length === 0) break;
    }
  }
  return names;
};

const assignableSchema = z.array(z.object({ accountId: z.string(), accountType: z.string().optional(), active: z.boolean().optional() }).loose());

/**
 * Whether an account is a person who may be assigned issues in a project: Jira answers the account
 * only if it holds Assignable user there (and is active); the app's own account, or any other app,
 * is never taken as one. Asked as the user, so a project they cannot browse reads as not found.
 * Scope: read:jira-user.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-assignable-search-get
 */
export const isAssignablePerson = async (jira: JiraTransport, projectKey: string, accountId: string): Promise<boolean> => {
  const query = new URLSearchParams({ project: projectKey, accountId, maxResults: '1' });
  const users = await readJson(await jira.request(route`/rest/api/3/user/assignable/search?${query}`), 'GET user/assignable/search', assignableSchema);
  return users.some((user) => user.accountId === accountId && user.active !== false && (user.accountType ?? 'atlassian') === 'atlassian');
};
