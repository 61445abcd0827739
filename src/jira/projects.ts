import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const projectSchema = z.object({ key: z.string(), issueTypes: z.array(z.object({ name: z.string(), subtask: z.boolean().optional() }).loose()).default([]) }).loose();
const statusesSchema = z.array(z.object({ name: z.string() }).loose());

/**
 * The project's issue type names (sub-tasks left out). Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get
 */
export const getProjectIssueTypes = async (jira: JiraTransport, projectKey: string): Promise<string[]> => {
  const response = await jira.request(route`/rest/api/3/project/${projectKey}`);
  const project = await readJson(response, 'GET project', projectSchema);
  return project.issueTypes.filter((type) => type.subtask !== true).map((type) => type.name);
};

/**
 * Every status name on the site, for choosing the send-back status. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-statuses/#api-rest-api-3-status-get
 */
export const getStatusNames = async (jira: JiraTransport): Promise<string[]> => {
  const response = await jira.request(route`/rest/api/3/status`);
  return [...new Set((await readJson(response, 'GET statuses', statusesSchema)).map((status) => status.name))];
};
