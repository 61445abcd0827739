import { z } from 'zod';

import { issueKeySchema } from './issue-key';

/**
 * guards (issue 15, item 8): before linking an incident from another project, who would lose
 * access to the postmortem (it is visible only to people who can browse every incident).
 */
export const incidentLinkImpactPayloadSchema = z
  .object({ id: z.string().regex(/^pm-[a-z0-9-]{4,40}$/, 'Must be a postmortem id.'), issueKey: issueKeySchema })
  .strict();

export const incidentLinkImpactSchema = z
  .object({
    issueKey: issueKeySchema,
    projectKey: z.string(),
    /** `false`: the incident is in a project the postmortem's incidents are already in; linking hides it from nobody. */
    otherProject: z.boolean(),
    /** People who can see the postmortem now and cannot browse the incident, by name. */
    losing: z.array(z.object({ accountId: z.string(), displayName: z.string() }).strict()),
    /** What Firebreak could not check, in phrases ("members of the group jira-users in SHOP's roles"). */
    notChecked: z.array(z.string()),
  })
  .strict();
export type IncidentLinkImpact = z.infer<typeof incidentLinkImpactSchema>;
