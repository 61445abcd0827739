/**
 * disputes (issue 16 part 4): severity disputes with a final say. Someone disputes the decided
 * severity with a reason and the level they think is right; the project's authority rules on it.
 */
import { z } from 'zod';

import { issueKeySchema } from './issue-key';
import { actionIdSchema, reportViewSchema } from './report.contract';
import { DISPUTE_LIMITS } from './severity-dispute.values';
import { severityLevelIdSchema } from './severity.contract';

export * from './severity-dispute.values';

const instant = z.iso.datetime({ offset: true });
const reason = z.string().max(DISPUTE_LIMITS.reasonMax, `Keep the reason to ${DISPUTE_LIMITS.reasonMax.toLocaleString('en-US')} characters.`);

export const getDisputePayloadSchema = z.object({ issueKey: issueKeySchema }).strict();

export const openDisputePayloadSchema = z.object({ issueKey: issueKeySchema, level: severityLevelIdSchema, reason }).strict();

/** `disputeAt` names the dispute the authority saw; `level` is the decided one (kept) or another (changed). */
export const ruleDisputePayloadSchema = z.object({ issueKey: issueKeySchema, disputeAt: instant, level: severityLevelIdSchema, reason, actionId: actionIdSchema.optional() }).strict();

const levelRef = z.object({ id: z.string(), name: z.string() });

export const disputeViewSchema = z.object({
  /** Who has the final say in the project, in words: "Mia Chen", "members of the sre-leads group". */
  authority: z.string(),
  /** The decided severity (the app's record); null before a decision. */
  decided: levelRef.nullable(),
  /** Whether the viewer may dispute now, and when not, why (a sentence); null reason when they may. */
  canDispute: z.boolean(),
  whyNotDispute: z.string().nullable(),
  /** Whether the viewer has the final say here. */
  canRule: z.boolean(),
  open: z
    .object({
      at: instant,
      by: z.string(),
      byName: z.string(),
      level: levelRef,
      reason: z.string(),
      dueAt: instant,
      /** When the authority was reminded that the ruling is overdue; null until then. */
      remindedAt: instant.nullable(),
    })
    .nullable(),
  /** How the last dispute was settled, once it was. */
  lastRuling: z
    .object({ at: instant, by: z.string(), byName: z.string(), outcome: z.enum(['kept', 'changed']), level: levelRef, reason: z.string(), disputedBy: z.string(), disputedByName: z.string() })
    .nullable(),
});
export type DisputeView = z.infer<typeof disputeViewSchema>;

/** What a dispute or a ruling answers: the dispute, the report panel's refreshed view, and what was done. */
export const disputeResultSchema = z.object({
  dispute: disputeViewSchema,
  report: reportViewSchema,
  outcome: z.object({ tone: z.enum(['success', 'warning', 'info']), message: z.string() }),
});
export type DisputeResult = z.infer<typeof disputeResultSchema>;
