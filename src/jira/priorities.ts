import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

/**
 * The site's priority names, for mapping severity levels. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-get
 */
export const getPriorityNames = async (jira: JiraTransport): Promise<string[]> => {
  const response = await jira.request(route`/rest/api/3/priority`);
  return (await readJson(response, 'GET priorities', z.array(z.object({ name: z.string() }).loose()))).map((priority) => priority.name);
};
