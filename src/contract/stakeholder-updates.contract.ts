import { z } from 'zod';

import { issueKeySchema } from './issue-key';
import { UPDATE_ACTION_ID_PATTERN, UPDATE_TEXT_MAX } from './stakeholder-updates.values';

export * from './stakeholder-updates.values';

const instant = z.iso.datetime({ offset: true });

/** One kept update: who sent it, when, what it said, to whom, and when the next one was due. */
export const keptUpdateSchema = z
  .object({
    actionId: z.string().regex(UPDATE_ACTION_ID_PATTERN),
    kind: z.enum(['update', 'nothing-new', 'closing']),
    by: z.object({ accountId: z.string(), displayName: z.string() }).strict(),
    at: instant,
    text: z.string().max(UPDATE_TEXT_MAX + 200),
    subject: z.string().max(300),
    audience: z.string().max(2_000),
    /** When the next update is due after this one; null for a closing update. */
    nextDueAt: instant.nullable(),
    /** `sending`: recorded, Jira not yet confirmed; `sent`: Jira queued it; `failed`: Jira refused or did not answer (see `problem`). */
    status: z.enum(['sending', 'sent', 'failed']),
    /** Why it was not sent, in a sentence (a refused recipient, a rate limit). */
    problem: z.string().max(1_000).optional(),
  })
  .strict();
export type KeptUpdate = z.infer<typeof keptUpdateSchema>;

/**
 * A missed update (the current due time passed): when it was due, when the assignee was reminded,
 * and whether the level's escalation contact heard (or when they will, or why they could not).
 */
export const missedUpdateSchema = z
  .object({
    dueAt: instant,
    remindedAt: instant,
    /** When the contact hears if nobody posts first. */
    escalateAt: instant,
    status: z.enum(['pending', 'sending', 'escalated', 'cancelled', 'no-contact', 'undeliverable', 'failed']),
    /** The contact emailed (or who could not be), by name; while pending, who will hear (null: the level has no contact). */
    contactName: z.string().nullable(),
    escalatedAt: instant.nullable(),
    /** Why the contact was not told, in a sentence (no contact, cannot see the issue, Jira refused). */
    note: z.string().nullable(),
  })
  .strict();
export type MissedUpdate = z.infer<typeof missedUpdateSchema>;

/** The panel's Stakeholder updates section. */
export const stakeholderUpdatesViewSchema = z
  .object({
    issueKey: issueKeySchema,
    /** False: nothing to show (no decided level yet, or a resolved issue with no kept updates). */
    shown: z.boolean(),
    /** Whether the decided level offers direct updates; when not, `whyNot` says why. */
    offered: z.boolean(),
    whyNot: z.string().nullable(),
    levelName: z.string().nullable(),
    cadenceMinutes: z.number().int().positive().nullable(),
    nextUpdateDueAt: instant.nullable(),
    /** The viewer may post (a triager of the project or the issue's assignee, on an open issue); otherwise `whoMayPost` says who may. */
    canPost: z.boolean(),
    whoMayPost: z.string(),
    audience: z.string(),
    subject: z.string().nullable(),
    /** Whether the viewer watches the issue (Jira's own watcher list). */
    watching: z.boolean(),
    updates: z.array(keptUpdateSchema),
    /** The current due time's miss, while it is unanswered on an open issue; null otherwise. */
    missed: missedUpdateSchema.nullable(),
  })
  .strict();
export type StakeholderUpdatesView = z.infer<typeof stakeholderUpdatesViewSchema>;

export const getUpdatesPayloadSchema = z.object({ issueKey: issueKeySchema }).strict();

/** A written update, or "Nothing new" (`nothingNew: true`, no text). `actionId` names the click. */
export const postUpdatePayloadSchema = z
  .object({
    issueKey: issueKeySchema,
    actionId: z.string().regex(UPDATE_ACTION_ID_PATTERN, 'Must be an action id.'),
    nothingNew: z.boolean(),
    text: z.string().max(UPDATE_TEXT_MAX, `Keep an update to ${String(UPDATE_TEXT_MAX)} characters: a few sentences stakeholders read at a glance.`),
  })
  // Strict like every payload (the authorization matrix checks it): a forged field (a subject, an
  // audience, a sender) is refused, so nothing a client adds ever reaches the email.
  .strict()
  .refine((payload) => payload.nothingNew || payload.text.trim() !== '', { path: ['text'], message: 'Write the update first, or send "Nothing new".' });

export const followPayloadSchema = z.object({ issueKey: issueKeySchema, follow: z.boolean() }).strict();
