import { z } from 'zod';

import { LEVEL_ID_PATTERN } from './severity.values';

export * from './severity.values';

/**
 * A level of the severity scale. The scale itself is configurable (the severity policy issue);
 * until an admin edits it, projects use `DEFAULT_SEVERITY_SCALE`. Level ids are stable slugs so
 * stored reports and JQL keep working when a level is renamed.
 */
export const severityLevelIdSchema = z.string().regex(LEVEL_ID_PATTERN, 'Must be a severity level id such as "critical".');
export type SeverityLevelId = z.infer<typeof severityLevelIdSchema>;

export const severityLevelSchema = z.object({
  id: severityLevelIdSchema,
  name: z.string().min(1).max(40),
  /** What the level means, in one or two sentences a reporter can apply. */
  definition: z.string().max(500),
  /** Typical causes, to make the choice concrete. */
  examples: z.array(z.string().max(200)).max(6),
  /** "What response do you want from us?", phrased for the reporter. */
  response: z.string().max(200),
});
export type SeverityLevel = z.infer<typeof severityLevelSchema>;
