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

const memberPageSchema = z
  .object({
    startAt: z.number().default(0),
    isLast: z.boolean().optional(),
    total: z.number().optional(),
    values: z.array(z.object({ accountId: z.string(), displayName: z.string().optional(), accountType: z.string().optional() }).loose()),
  })
  .loose();

export interface GroupMember {
  readonly accountId: string;
  readonly displayName: string;
}

/**
 * The people in a Jira group (apps and other non-person accounts left out), 50 a page. Needs Browse
 * users and groups, which the app has and a viewer may not: call it as the app. Scope:
 * manage:jira-configuration (classic), as Atlassian's specification lists it.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-member-get
 */
export const listGroupMembers = async (jira: JiraTransport, groupName: string): Promise<GroupMember[]> => {
  const members: GroupMember[] = [];
  for (let startAt = 0; ; ) {
    const page = await readJson(await jira.request(route`/rest/api/3/group/member?groupname=${groupName}&startAt=${String(startAt)}&maxResults=50`), 'GET group members', memberPageSchema);
    for (const member of page.values) {
      if (member.accountType === undefined || member.accountType === 'atlassian') members.push({ accountId: member.accountId, displayName: member.displayName ?? member.accountId });
    }
    startAt = page.startAt + page.values.length;
    if (page.isLast === true || page.values.length === 0 || (page.total !== undefined && startAt >= page.total)) return members;
  }
};
