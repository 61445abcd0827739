/**
 * The severity scale's values, free of zod so the UI can import them at run time (the schemas in
 * `severity.contract.ts` are built from them).
 */
import type { SeverityLevel } from './severity.contract';

/** A level id is a stable slug of at most 32 characters, so stored reports and JQL survive a rename. */
export const LEVEL_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const LEVEL_ID_MAX = 32;

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
