import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const projectPageSchema = z.object({ values: z.array(z.object({ key: z.string() }).loose()), isLast: z.boolean().optional() }).loose();

/** Keys per request (Jira's `project/search` serves at most 100 a page; `keys` takes up to 50). */
const KEYS_PER_REQUEST = 50;

/**
 * Which of these projects the caller has Browse projects in, asked of Jira as the caller: one
 * request per 50 projects (a sprint's issues usually come from one or two). `action=browse` is
 * "projects for which the user has Browse projects", what viewing an issue needs (issue security
 * levels aside: see the caller).
 * Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-search-get
 */
export const browsableProjectKeys = async (jira: JiraTransport, projectKeys: readonly string[]): Promise<ReadonlySet<string>> => {
  const wanted = [...new Set(projectKeys)].sort();
  const browsable = new Set<string>();
  for (let start = 0; start < wanted.length; start += KEYS_PER_REQUEST) {
    const keys = wanted.slice(start, start + KEYS_PER_REQUEST).join(',');
    const page = await readJson(await jira.request(route`/rest/api/3/project/search?keys=${keys}&action=browse&maxResults=100`), 'GET project/search', projectPageSchema);
    for (const project of page.values) browsable.add(project.key);
  }
  return browsable;
};
