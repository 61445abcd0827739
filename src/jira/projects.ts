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

const projectPageSchema = z.object({ values: z.array(z.object({ key: z.string() }).loose()), isLast: z.boolean().optional(), total: z.number().optional() }).loose();

/**
 * The key of every project the caller can browse, 100 per request (Jira pages by `startAt`; the app
 * sees every project). Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-search-get
 */
export const listProjectKeys = async (jira: JiraTransport): Promise<string[]> => {
  const keys: string[] = [];
  for (let startAt = 0; ; ) {
    const response = await jira.request(route`/rest/api/3/project/search?startAt=${String(startAt)}&maxResults=100`);
    const page = await readJson(response, 'GET project/search', projectPageSchema);
    keys.push(...page.values.map((project) => project.key));
    startAt += page.values.length;
    if (page.values.length === 0 || page.isLast === true || (page.total !== undefined && startAt >= page.total)) return keys;
  }
};

const projectRefsSchema = z
  .object({ id: z.string(), key: z.string(), issueTypes: z.array(z.object({ id: z.string(), name: z.string(), subtask: z.boolean().optional() }).loose()).default([]) })
  .loose();

/**
 * The project's id and its issue types by id and name (sub-tasks left out), for settings that keep
 * an issue type by id and show it by name. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get
 */
export const getProjectRefs = async (jira: JiraTransport, projectKey: string): Promise<{ readonly id: string; readonly key: string; readonly issueTypes: ReadonlyArray<{ readonly id: string; readonly name: string }> }> => {
  const response = await jira.request(route`/rest/api/3/project/${projectKey}`);
  const project = await readJson(response, 'GET project', projectRefsSchema);
  return { id: project.id, key: project.key, issueTypes: project.issueTypes.filter((type) => type.subtask !== true).map((type) => ({ id: type.id, name: type.name })) };
};
