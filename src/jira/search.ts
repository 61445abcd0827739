import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

/**
 * How many issues a JQL query matches, cheaply (no issues returned), as of the search index: recent
 * updates might not be counted yet. A read sent as POST, so it is retried like a GET.
 * Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post
 */
export const countIssues = async (jira: JiraTransport, jql: string): Promise<number> => {
  const response = await jira.request(route`/rest/api/3/search/approximate-count`, {
    method: 'POST',
    body: JSON.stringify({ jql }),
    headers: { 'Content-Type': 'application/json' },
    retry: 'idempotent',
  });
  return (await readJson(response, 'POST approximate-count', z.object({ count: z.number() }).loose())).count;
};

const searchedIssueSchema = z.object({ id: z.string(), key: z.string(), fields: z.record(z.string(), z.unknown()).default({}), properties: z.record(z.string(), z.unknown()).optional() }).loose();
export type SearchedIssue = z.infer<typeof searchedIssueSchema>;

const searchPageSchema = <I extends z.ZodType>(issue: I) =>
  z.object({
    issues: z.array(issue),
    nextPageToken: z.string().optional(),
    isLast: z.boolean().optional(),
  });

const readSearchPage = async <I extends z.ZodType>(
  jira: JiraTransport,
  issue: I,
  jql: string,
  fields: readonly string[],
  nextPageToken: string | undefined,
  properties: readonly string[],
): Promise<{ readonly issues: z.infer<I>[]; readonly nextPageToken: string | undefined }> => {
  const response = await jira.request(route`/rest/api/3/search/jql`, {
    method: 'POST',
    body: JSON.stringify({ jql, fields, properties, maxResults: 100, ...(nextPageToken === undefined ? {} : { nextPageToken }) }),
    headers: { 'Content-Type': 'application/json' },
    retry: 'idempotent',
  });
  const page = await readJson(response, 'POST search/jql', searchPageSchema(issue));
  return { issues: page.issues, nextPageToken: page.isLast === true ? undefined : page.nextPageToken };
};

/**
 * One page (up to 100 issues) of a bounded JQL query, with the named fields and entity properties
 * (at most 5), and the token for the next page when there is one. A read sent as POST (the JQL may
 * be long), so it is retried like a GET. Eventually consistent: "recent updates might not be
 * immediately visible", so a flow never reads its own writes back through here; it reads by key
 * (`bulkFetchIssues`) instead. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/search-and-reconcile/
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export const searchPage = async (
  jira: JiraTransport,
  jql: string,
  fields: readonly string[],
  nextPageToken?: string,
  properties: readonly string[] = [],
): Promise<{ readonly issues: SearchedIssue[]; readonly nextPageToken: string | undefined }> => readSearchPage(jira, searchedIssueSchema, jql, fields, nextPageToken, properties);

/**
 * Every issue a bounded JQL query matches (up to `limit`), following `nextPageToken` (see
 * `searchPage`), each read with `issue`: the schema of the fields and properties the caller uses.
 */
export const searchAllAs = async <I extends z.ZodType>(
  jira: JiraTransport,
  issue: I,
  jql: string,
  fields: readonly string[],
  properties: readonly string[] = [],
  limit = 1_000,
): Promise<z.infer<I>[]> => {
  const issues: z.infer<I>[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await readSearchPage(jira, issue, jql, fields, nextPageToken, properties);
    issues.push(...page.issues);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken !== undefined && issues.length < limit);
  return issues;
};

/** Every issue a bounded JQL query matches (up to `limit`), with its fields unread (see `searchAllAs`). */
export const searchAll = async (jira: JiraTransport, jql: string, fields: readonly string[], properties: readonly string[] = [], limit = 1_000): Promise<SearchedIssue[]> =>
  searchAllAs(jira, searchedIssueSchema, jql, fields, properties, limit);
