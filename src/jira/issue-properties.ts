import { route } from '@forge/api';
import { z } from 'zod';

import { ensureOk, readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const issuePropertySchema = z.object({ key: z.string(), value: z.unknown() }).loose();

/**
 * One issue entity property's value, or `undefined` when the issue has none under that key.
 * Scope: read:jira-work; the caller needs Browse projects on the issue.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-get
 */
export const getIssueProperty = async (jira: JiraTransport, issueKey: string, propertyKey: string): Promise<unknown> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`);
  // Jira answers 404 both for "no such property" and "no such issue"; every caller has already
  // checked the user's permissions on the issue, which proves it exists, so 404 means "not set".
  if (response.status === 404) {
    await response.text();
    return undefined;
  }
  return (await readJson(response, 'GET issue property', issuePropertySchema)).value;
};

/**
 * Replaces one issue entity property. Jira rejects values over 32,768 characters with a 400.
 * Scope: write:jira-work; the caller needs Edit issues on the issue.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put
 */
export const setIssueProperty = async (jira: JiraTransport, issueKey: string, propertyKey: string, value: unknown): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`, {
    method: 'PUT',
    body: JSON.stringify(value),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  await ensureOk(response, 'PUT issue property');
};
