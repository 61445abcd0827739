import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const groupPageSchema = z.object({ values: z.array(z.object({ name: z.string(), groupId: z.string().nullable().optional() }).loose()) }).loose();

/**
 * The group of that name as Jira spells it, or `null` when there is none. Asked as the user: Jira
 * answers only someone with Browse users and groups (403 otherwise, which it grants every licensed
 * user by default). Group names match without regard to case. Scope: read:jira-user.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-bulk-get
 */
export const findGroupByName = async (jira: JiraTransport, groupName: string): Promise<string | null> => {
  const query = new URLSearchParams({ groupName, maxResults: '1' });
  const page = await readJson(await jira.request(route`/rest/api/3/group/bulk?${query}`), 'GET group/bulk', groupPageSchema);
  return page.values.find((group) => group.name.toLowerCase() === groupName.toLowerCase())?.name ?? null;
};
