import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const statusesSchema = z.array(z.object({ id: z.string(), statusCategory: z.object({ key: z.string() }).loose().optional() }).loose());

/**
 * The category key (`new`, `indeterminate`, `done`) of the status with this id, or null when Jira
 * does not list it. A function validator is told only the target status's id, so this is how it
 * learns whether a transition goes into In Progress. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-statuses/#api-rest-api-3-status-get
 */
export const getStatusCategoryKey = async (jira: JiraTransport, statusId: string): Promise<string | null> => {
  const response = await jira.request(route`/rest/api/3/status`);
  const statuses = await readJson(response, 'GET statuses', statusesSchema);
  return statuses.find((status) => status.id === statusId)?.statusCategory?.key ?? null;
};

const issueProgressSchema = z
  .object({
    id: z.string(),
    fields: z.object({ project: z.object({ key: z.string() }).loose(), issuetype: z.object({ name: z.string() }).loose(), status: z.object({ statusCategory: z.object({ key: z.string() }).loose().optional() }).loose() }).loose(),
  })
  .loose();

/**
 * An issue's id, project, type and status category, in one small read. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */
export const getIssueProgress = async (jira: JiraTransport, issueKey: string): Promise<{ readonly id: string; readonly projectKey: string; readonly issueType: string; readonly statusCategory: string | null }> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}?fields=project,issuetype,status`);
  const issue = await readJson(response, 'GET issue', issueProgressSchema);
  return { id: issue.id, projectKey: issue.fields.project.key, issueType: issue.fields.issuetype.name, statusCategory: issue.fields.status.statusCategory?.key ?? null };
};
