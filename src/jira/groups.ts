import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

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
