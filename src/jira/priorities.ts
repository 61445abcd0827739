import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const priorityPageSchema = z
  .object({ startAt: z.number(), isLast: z.boolean().optional(), total: z.number().optional(), values: z.array(z.object({ name: z.string() }).loose()) })
  .loose();

/** Jira's documented default page for this operation; larger pages are not promised. */
const PAGE_SIZE = 50;

/**
 * The site's priority names, for mapping severity levels, from the paged search: `GET /priority`
 * is deprecated in favour of it. Pages are followed by `isLast` (or `total`), reading back where the
 * page Jira served started. Scope: Atlassian's OpenAPI specification lists only
 * `manage:jira-configuration` for this operation (`GET /priority` took `read:jira-work`); the
 * manifest holds it for the workflow validator, so dropping that scope would break this read too.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-search-get
 */
export const getPriorityNames = async (jira: JiraTransport): Promise<string[]> => {
  const names: string[] = [];
  for (let startAt = 0; ; ) {
    const page = await readJson(await jira.request(route`/rest/api/3/priority/search?startAt=${String(startAt)}&maxResults=${String(PAGE_SIZE)}`), 'GET priorities', priorityPageSchema);
    names.push(...page.values.map((priority) => priority.name));
    const done = page.isLast ?? (page.total === undefined || names.length >= page.total);
    if (done || page.values.length === 0) return names;
    startAt = page.startAt + page.values.length;
  }
};
