import { z } from 'zod';

/**
 * A level of the severity scale. The scale itself is configurable (the severity policy issue);
 * until an admin edits it, projects use `DEFAULT_SEVERITY_SCALE`. Level ids are stable slugs so
 * stored reports and JQL keep working when a level is renamed.
 */
export const severityLevelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'Must be a severity level id such as "critical".');
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

export const DEFAULT_SEVERITY_SCALE: readonly SeverityLevel[] = [
  {
    id: 'critical',
    name: 'Critical',
    definition: 'Production is down or data is being lost or exposed, for many users or a key customer, with no workaround.',
    examples: ['Checkout fails for everyone', 'Customer data visible to other customers', 'Orders silently lost'],
    response: 'Drop everything: all hands until it is mitigated.',
  },
  {
    id: 'major',
    name: 'Major',
    definition: 'An important function is broken or badly degraded for many users; a workaround is missing or painful.',
    examples: ['Search times out for most queries', 'Invoices show wrong totals', 'Login fails for one SSO provider'],
    response: 'Fix it as soon as possible and ship a production patch.',
  },
  {
    id: 'medium',
    name: 'Medium',
    definition: 'A function misbehaves for some users, and a reasonable workaround exists.',
    examples: ['Export to CSV drops one column', 'A filter ignores one option', 'Slow page for large accounts'],
    response: 'Fix it in the next production release.',
  },
  {
    id: 'minor',
    name: 'Minor',
    definition: 'A cosmetic or rare problem with little impact on users’ work.',
    examples: ['Typo on a settings page', 'Misaligned icon', 'Confusing but correct message'],
    response: 'Plan it into a sprint when there is room.',
  },
];
